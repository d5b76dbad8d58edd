"""General German and English dictionaries (pyspellchecker's word lists with frequencies): whether
a word is a word at all, and whether it is a common one. Language resources, not text words."""

from __future__ import annotations

from functools import lru_cache

# A word this frequent is in everyday use ("essen", "kamen", "siegen": verbs); the rare entries
# below it ("hagen", "witten" not at all) are names.
COMMON = 1e-6


@lru_cache(maxsize=1)
def dictionaries():
    """The German and the English dictionary, loaded once (about half a second)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="de"), SpellChecker(language="en")


def is_word(word: str, language: str | None = None) -> bool:
    """Whether the German ("de") or English ("en") dictionary knows the (lower-case) word;
    either, when no language is given."""
    german, english = dictionaries()
    return any(
        word in d for d in {"de": (german,), "en": (english,)}.get(language, (german, english))
    )


def is_common(word: str) -> bool:
    """Whether the (lower-case) word is in everyday German use."""
    return dictionaries()[0].word_usage_frequency(word) >= COMMON


def frequency(word: str, language: str | None = None) -> float:
    """How often the (lower-case) word is used in German ("de") or English ("en"); in
    either, the higher, when no language is given."""
    german, english = dictionaries()
    lexicons = {"de": (german,), "en": (english,)}.get(language, (german, english))
    return max(d.word_usage_frequency(word) for d in lexicons)


@lru_cache(maxsize=4096)
def is_compound(word: str) -> bool:
    """Whether the (lower-case) word is dictionary words joined, with linking s's
    ("telematikinfrastruktur", "weiterbildungsangebot"): a specialist term, not a name."""
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        joins = is_word(head) or (head.endswith("s") and is_word(head[:-1]))
        if joins and (is_word(tail) or is_compound(tail)):
            return True
    return False
