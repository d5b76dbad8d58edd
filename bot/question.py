"""Reading a question: language, cities, topic, salary level, comparison, and a bilingual
expansion into the German words the texts use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from knowledge.cities import cities_in, fold

# topic -> (cue words in questions, DE/EN, folded prefixes; German words added for retrieval)
TOPICS: dict[str, tuple[tuple[str, ...], str]] = {
    "salary": (
        (
            "gehalt",
            "gehaelt",
            "verdien",
            "lohn",
            "loehn",
            "bezahl",
            "zahlt",
            "verguet",
            "einkommen",
            "geld",
            "euro",
            "brutto",
            "salar",
            "pay",
            "paid",
            "earn",
            "wage",
            "income",
            "money",
        ),
        "Gehalt Einstiegsgehalt Einstiegsgehälter verdienen €",
    ),
    "training": (
        (
            "weiterbild",
            "fortbild",
            "schulung",
            "zertifi",
            "kurs",
            "lernen",
            "qualifizier",
            "hochschul",
            "universit",
            "train",
            "course",
            "educat",
            "certif",
            "learn",
            "study",
            "studium",
            "further",
        ),
        "Weiterbildung Fortbildung Fortbildungen Hochschule Universität Zertifikat",
    ),
    "tasks": (
        (
            "aufgabe",
            "alltag",
            "taetigkeit",
            "macht",
            "machen",
            "what do",
            "role",
            "arbeitsalltag",
            "task",
            "daily",
            "duties",
            "duty",
            "day-to-day",
            "do all day",
            "work like",
            "job like",
            "tun",
        ),
        "Aufgaben Alltag Arbeitsalltag Schnittstellen Patientendaten Systeme",
    ),
    "skills": (
        (
            "anforderung",
            "faehigkeit",
            "kompetenz",
            "kenntnis",
            "voraussetzung",
            "braucht man",
            "mitbringen",
            "skill",
            "requirement",
            "need to",
            "hl7",
            "qualities",
            "ability",
        ),
        "Anforderungen Kenntnisse Kommunikation Kommunikationsgeschick Hartnäckigkeit HL7 Geduld "
        "verlangt gefragt Fachkenntnisse",
    ),
    "market": (
        (
            "arbeitsmarkt",
            "arbeitgeber",
            "stellen",
            "nachfrage",
            "chance",
            "klinik",
            "jobsicher",
            "employer",
            "market",
            "demand",
            "hiring",
            "compan",
            "opportunit",
            "prospect",
            "job security",
        ),
        "Arbeitsmarkt Nachfrage Kliniken Arbeitgeber Gesundheitsdienstleister Jobsicherheit",
    ),
}
DOMAIN = (
    "medizininformat",
    "medical informatic",
    "health it",
    "gesundheits-it",
    "beruf",
    "job",
    "arbeit",
    "work",
    "career",
    "karriere",
    "stadt",
    "city",
    "digitalisier",
)
ENTRY = (
    "einstieg",
    "einsteig",
    "berufsanf",
    "anfaeng",
    "junior",
    "beginner",
    "entry",
    "starting",
    "start",
    "graduate",
    "absolvent",
    "first job",
    "neuling",
    "newcomer",
)
EXPERIENCED = (
    "erfahr",
    "senior",
    "spezialwissen",
    "nach ein paar jahren",
    "experienced",
    "experience",
    "after a few years",
    "specialist",
    "later",
)
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
EN_WORDS = frozenset(
    "the what which how does do is are pay job jobs city where there and can i you training "
    "salary earn entry level tasks skills about tell me of a an for with".split()
)
DE_WORDS = frozenset(
    "was wie welche welcher gibt es man verdient und dort der die das ist ich für mit kann wo "
    "gehalt einstieg weiterbildung stadt beruf bei als im den dem ein eine".split()
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
        """German domain words for this question's topic."""
        return TOPICS[self.topic][1] if self.topic in TOPICS else ""

    @property
    def core(self) -> str:
        """The topic's main German words, which a good quote should contain."""
        return " ".join(self.expansion.split()[:2])

    @property
    def search_text(self) -> str:
        """What the retrievers search for: the resolved question plus the topic's words."""
        return f"{self.resolved} {self.expansion}".strip()


def _has(text: str, cues) -> bool:
    # Long cues match inside German compounds ("Einstiegsgehalt"); short ones at word starts.
    return any(
        c in text if len(c) >= 5 else re.search(rf"(?<![a-z]){re.escape(c)}", text) for c in cues
    )


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
    topic = next((name for name, (cues, _) in TOPICS.items() if _has(folded, cues)), "")
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
        extra = [w for w in (carried.topic and TOPIC_LABEL[carried.topic], *carried.cities) if w]
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


TOPIC_LABEL = {
    "salary": "Gehalt",
    "training": "Weiterbildung",
    "tasks": "Aufgaben",
    "skills": "Anforderungen",
    "market": "Arbeitsmarkt",
}
