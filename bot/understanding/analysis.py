"""Reading a question: language, cities, topic, salary level, comparison, and a bilingual
expansion into the German words the texts use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.understanding.vocabulary import (
    DE_WORDS,
    DOMAIN,
    EN_WORDS,
    ENTRY,
    EXPERIENCED,
    TOPICS,
    TRANSLATIONS,
)
from knowledge.cities import cities_in, fold

COMPARE = re.compile(
    r"welche[rsnm]? stadt|in welcher|wo .*\bam (meisten|besten|hoechsten|niedrigsten|wenigsten|"
    r"geringsten)|vergleich|which city|what city|where .*(most|best|highest|lowest|least)|"
    r"compar|\brank|am (meisten|besten|hoechsten|niedrigsten|wenigsten|geringsten)|"
    r"\b(highest|lowest|best|worst)\b.*\b(pay|salar)",
)
ASCENDING = re.compile(r"niedrigst|wenigst|geringst|lowest|least|worst|schlechtest")
INJECTION = re.compile(
    r"ignor\w* (all|the|any|previous|above|prior|your|deine|alle|vorherig)|vergiss (alle|deine|"
    r"die)|system ?prompt|you are now|du bist (jetzt|nun)|pretend|act as|disregard|jailbreak|"
    r"neue (regeln|anweisung)|new instructions|override",
)
FOLLOW_UP = re.compile(
    r"^(und|and|what about|how about|wie ist es|wie sieht es|und wie|and how|dort|da\b|there)"
    r"|\b(dort|there|same|dieselbe|gleiche|auch)\b"
)


@dataclass
class Query:
    """A question as the bot understood it, after follow-up resolution."""

    text: str
    resolved: str = ""
    language: str = "de"
    cities: list[str] = field(default_factory=list)
    other_cities: list[str] = field(default_factory=list)
    topic: str = ""
    level: str | None = None
    comparison: bool = False
    order: str = "desc"
    injection: bool = False
    domain: bool = False

    @property
    def expansion(self) -> str:
        """German words for this question: its topic's, and translations of its English words."""
        words = re.findall(r"[a-z]+", self.resolved.lower())
        extra = " ".join(TRANSLATIONS[w] for w in dict.fromkeys(words) if w in TRANSLATIONS)
        topic = TOPICS[self.topic].expansion if self.topic in TOPICS else ""
        return f"{topic} {extra}".strip()

    @property
    def core(self) -> str:
        """Words a quote must contain to be on this question's topic ('' = no such demand)."""
        return TOPICS[self.topic].core if self.topic in TOPICS else ""

    @property
    def search_text(self) -> str:
        """What the retrievers search for: the resolved question plus the topic's words."""
        return f"{self.resolved} {self.expansion}".strip()


def _has(text: str, cues) -> bool:
    # Long cues match inside German compounds ("Einstiegsgehalt"); short ones at word starts.
    return any(
        c in text if len(c) >= 5 else re.search(rf"(?<![a-z]){re.escape(c)}", text) for c in cues
    )


def _exact(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{w}\b", text) for w in words)


def language_of(question: str, default: str = "de") -> str:
    """'de' or 'en', from function words and umlauts."""
    tokens = re.findall(r"[a-zäöüß]+", question.lower())
    en = sum(t in EN_WORDS for t in tokens)
    de = sum(t in DE_WORDS for t in tokens) + 2 * bool(re.search(r"[äöüß]", question.lower()))
    if en == de:
        return default
    return "en" if en > de else "de"


def analyse(question: str, covered: list[str], default_language: str = "de") -> Query:
    """Query for one question on its own, without conversation context."""
    folded = fold(question)
    cities, others = cities_in(question, covered)
    topic = next((name for name, t in TOPICS.items() if _has(folded, t.cues)), "")
    if not topic and _exact(folded, ("lohn", "geld")):  # not "lohnt sich", "Geldern"
        topic = "salary"
    level = "entry" if _has(folded, ENTRY) else "experienced" if _has(folded, EXPERIENCED) else None
    comparison = bool(COMPARE.search(folded)) and len(cities) != 1
    topic = topic if topic or not level else "salary"
    return Query(
        text=question,
        resolved=question.strip(),
        language=language_of(question, default_language),
        cities=cities,
        other_cities=others,
        topic=topic,
        level=level,
        comparison=comparison,
        order="asc" if ASCENDING.search(folded) else "desc",
        injection=bool(INJECTION.search(folded)),
        domain=_has(folded, DOMAIN) or bool(cities) or bool(topic),
    )


def follow_up(query: Query, previous: Query) -> Query:
    """Fill what a follow-up leaves out ('Und in Dortmund?', 'and there?') from the turn before."""
    if query.injection or not (previous.domain or previous.other_cities):
        return query
    # A new question with no topic, city or domain word continues the conversation only when
    # it reads like a follow-up ("and there?"); "Wie backe ich Brot?" does not.
    if not (query.domain or query.other_cities) and not is_follow_up(query.text):
        return query
    carried = replace(query)
    named_city = bool(query.cities or query.other_cities)
    if not named_city and not query.comparison:
        carried.cities = list(previous.cities)
        carried.other_cities = list(previous.other_cities)
    # Only a follow-up ("Und in Dortmund?", "Dortmund?") keeps the earlier topic; a full new
    # question ("Tell me about Duisburg") starts its own.
    short = len(re.findall(r"\w+", query.text)) <= 3
    if not query.topic and (short or is_follow_up(query.text)):
        carried.topic = previous.topic
        carried.level = query.level or previous.level
        carried.comparison = previous.comparison and not named_city
        carried.order = previous.order
    elif query.topic == previous.topic and query.level is None:
        carried.level = previous.level
    if query.language != previous.language and not _decisive(query.text):
        carried.language = previous.language
    carried.domain = True
    if carried.cities != query.cities or carried.topic != query.topic:
        label = TOPICS[carried.topic].label if carried.topic in TOPICS else ""
        extra = [w for w in (label, *carried.cities) if w]
        carried.resolved = f"{query.text.strip()} ({', '.join(extra)})"
    return carried


def _decisive(text: str) -> bool:
    tokens = re.findall(r"[a-zäöüß]+", text.lower())
    en = sum(t in EN_WORDS for t in tokens)
    de = sum(t in DE_WORDS for t in tokens)
    return len(tokens) >= 3 or abs(en - de) >= 2


def is_follow_up(question: str) -> bool:
    """True for questions that start like a follow-up ('Und ...', 'And ...')."""
    return bool(FOLLOW_UP.search(fold(question.strip())))
