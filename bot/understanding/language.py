"""German or English: from function words, the most common words of each language."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-zäöüß]+")
EN_WORDS = frozenset(
    "the what which how does do is are and can i you about tell me of a an for with who many "
    "should know get much have need there where when why would could my your it in on at to "
    "be this that any some than more most best".split()
)
DE_WORDS = frozenset(
    "was wie welche welcher welches gibt es man und dort der die das ist ich für mit kann wo "
    "bei als im den dem ein eine sind wer viel wann warum würde könnte mein dein ob auch noch "
    "nicht mehr am zum zur gibt's".split()
)


def counts(text: str) -> tuple[int, int]:
    """(English, German) function words in text; umlauts count for German."""
    tokens = _TOKEN.findall(text.lower())
    en = sum(t in EN_WORDS for t in tokens)
    de = sum(t in DE_WORDS for t in tokens) + 2 * bool(re.search(r"[äöüß]", text.lower()))
    return en, de


def language_of(text: str, default: str = "de") -> str:
    """'de' or 'en'; a tie keeps the default (the conversation's language)."""
    en, de = counts(text[:2000])
    if en == de:
        return default
    return "en" if en > de else "de"


def decisive(text: str) -> bool:
    """Whether text says clearly which language it is in (long enough, or a clear margin)."""
    en, de = counts(text[:2000])
    return len(_TOKEN.findall(text[:2000])) >= 3 or abs(en - de) >= 2


# Conversational words that ask for information without saying about what.
ASKING = frozenset(
    "erzähl erzähle erzählen sag sage sagen info infos informationen details mehr etwas was "
    "über zu tell say give show info information details more something anything please bitte "
    "mal denn so mir mich uns us".split()
)


def content_words(text: str) -> list[str]:
    """The words of text that are neither function words nor mere asking."""
    tokens = _TOKEN.findall(text[:2000].lower())
    return [t for t in tokens if t not in EN_WORDS and t not in DE_WORDS and t not in ASKING]
