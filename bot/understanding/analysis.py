"""Reading one question: language, cities, professions, intent, level, order and safety.
Runs once per turn and yields a frozen Query; every pattern here is linear in the input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.model import Intent, Level
from bot.understanding.intent import IntentModel
from bot.understanding.language import content_words, language_of
from bot.understanding.safety import is_injection
from knowledge.cities import cities_in, fold
from knowledge.levels import PAY, level_of
from knowledge.occupations import mentions, same

# General superlatives that turn a ranking around ("where is pay lowest").
ASCENDING = re.compile(
    r"niedrigst|wenigst|geringst|schlechtest|am schlechtesten|lowest|least|worst|cheapest",
    re.IGNORECASE,
)
# Two named cities joined by a comparison word ask for a comparison, whatever the intent.
VERSUS = re.compile(
    r"\b(?:oder|or|vs\.?|versus|vergleich\w*|compar\w*|als in|than|gegenüberstell\w*|"
    r"nebeneinander|side by side)\b",
    re.I,
)
# General words for a ranking over places.
RANKING = re.compile(
    r"\b(?:welche[rnms]? stadt|welchen städten|in welcher|wo\b|where\b|which (?:city|town))"
    r".{0,120}?(?:am (?:meisten|wenigsten|besten|schlechtesten|höchsten|niedrigsten)|"
    r"höchst|niedrigst|meist|wenigst|best|most|least|highest|lowest|top)",
    re.IGNORECASE,
)
# General comparatives: after a question on one city, "Is it better in Essen?" compares.
COMPARATIVE = re.compile(
    r"\b(?:besser|schlechter|mehr|weniger|höher|niedriger|better|worse|more|less|higher|lower)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Query:
    """A question as the bot understood it, after follow-up resolution."""

    text: str
    resolved: str = ""
    language: str = "de"
    cities: tuple[str, ...] = ()
    other_cities: tuple[str, ...] = ()
    profession: str | None = None  # a covered profession the question names
    other_professions: tuple[str, ...] = ()  # named, but no text covers them
    intent: Intent = Intent.OFFTOPIC
    confidence: float = 0.0
    offtopic: float = 0.0  # the intent model's probability that this is not about the job
    level: Level | None = None
    order: str = "desc"
    injection: bool = False
    vector: tuple[float, ...] = field(default=(), repr=False, compare=False)

    @property
    def topic(self) -> str:
        """The intent as a plain label (answers and the LLM prompt carry it)."""
        return str(self.intent)

    @property
    def comparison(self) -> bool:
        """Whether the question ranks or compares cities' pay."""
        return self.intent == Intent.COMPARISON

    @property
    def domain(self) -> bool:
        """Whether the question is about the job at all."""
        return self.intent != Intent.OFFTOPIC

    @property
    def search_text(self) -> str:
        """What the retrievers search for."""
        return self.resolved or self.text


@dataclass(frozen=True)
class Context:
    """What analysis needs from the store and the models."""

    cities: tuple[str, ...]
    professions: tuple[str, ...]
    embed: object  # text -> vector (the embedder's embed_query)
    intents: IntentModel
    speller: object = None  # Speller, or None: questions as typed


def _level(question: str) -> Level | None:
    """A level the question names in general career words (the same the texts' figures are
    read with), before the intent model's guess."""
    found = level_of(question[:2000])
    return Level(found) if found else None


# The English idiom for pay: "What does a nurse make?", "How much do they make a year?".
EARNS = re.compile(
    r"\b(?:what|how much)\s+(?:does|do|did|would|will|can|could|might)\b[^?.!]{0,60}?\bmake\b"
    r"\s*(?:$|[?,]|in\b|at\b|per\b|a\s+(?:year|month)|annually|monthly|there|here|as\b|with\b)",
    re.IGNORECASE,
)


def _speaks_of_pay(question: str) -> bool:
    """A pay word or a career level (levels name figures) in the question."""
    head = question[:500]
    return PAY.search(head) is not None or level_of(head) is not None


def _compares_pay(question: str, places: int, intent: Intent) -> bool:
    """Whether the question compares or ranks places by pay, whatever the intent model read:
    "Verdient man in Bochum mehr als in Essen?", "Einstiegsgehälter in Duisburg und Essen
    gegenüberstellen", "In welcher Stadt verdient man am wenigsten?"."""
    head = question[:500]
    # A career level ("zum Berufseinstieg am wenigsten") is asked of pay: levels name figures.
    pay = intent == Intent.SALARY or _speaks_of_pay(head)
    if places >= 2:
        return pay and VERSUS.search(head) is not None
    return places == 0 and pay and RANKING.search(head) is not None


def _besides_comparing(guess, places: int, pay: bool) -> tuple[Intent, float, float]:
    """(intent, confidence, off-topic probability) of a question the intent model reads as a
    comparison that ranks no pay. With pay words and fewer than two places, pay there ("Is pay
    in Hamm based on the collective agreement?": nothing to rank it against; a follow-up may
    still compare it with the cities asked before, and "Und was verdienen die?" asks the pay of
    the city talked about; a ranking of all cities says so, see _compares_pay). Without pay
    words, the model's best job topic besides comparing ("Compare the training options in Hamm
    and Bottrop" asks about training), and its off-topic probability once comparing is set
    aside: "Nightlife in Hamm vs. Unna?" reads as a comparison first, and as off-topic before
    any job topic."""
    if pay:
        place = Intent.SALARY if places < 2 else Intent.COMPARISON
        return place, guess.confidence, guess.probabilities[Intent.OFFTOPIC]
    rest = {k: p for k, p in guess.probabilities.items() if k != Intent.COMPARISON}
    total = sum(rest.values()) or 1.0
    topics = {k: p for k, p in rest.items() if k != Intent.OFFTOPIC}
    intent = Intent(max(topics, key=topics.get))
    confidence = topics[intent] / (sum(topics.values()) or 1.0)  # among the job topics
    return intent, confidence, rest[Intent.OFFTOPIC] / total


def professions_in(question: str, covered: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The covered profession a question names, and the uncovered ones it names."""
    found = [m.name for m in mentions(question)]
    mine = next((c for c in covered for f in found if same(f, c)), None)
    others = tuple(dict.fromkeys(f for f in found if not any(same(f, c) for c in covered)))
    return mine, others


def analyse(question: str, ctx: Context, default_language: str = "de") -> Query:
    """Query for one question on its own, without conversation context."""
    cities, others = cities_in(question, list(ctx.cities))
    fixed = ctx.speller.correct(question) if ctx.speller else question
    if not cities and fixed != question:
        # A misspelt name the fuzzy match let pass ("bochun"): the speller, which knows the
        # texts' words, may have set it right.
        cities = cities_in(fixed, list(ctx.cities))[0]
    # As typed as well as spelt right: the speller knows the texts' words, and may turn an
    # occupation no text names into one they do ("Dokumentationsassistentin").
    both = question if fixed == question else f"{question} {fixed}"
    profession, other_professions = professions_in(both, ctx.professions)
    vector = tuple(ctx.embed(fixed))
    # Without the places' names: they say nothing of what is asked, and "Iserlohn" holds "lohn".
    plain = without_cities(fixed, (*cities, *others))
    guess = ctx.intents.guess(vector, plain)
    intent, confidence, offtopic = guess.intent, guess.confidence, guess.probabilities["offtopic"]
    if cities and not content_words(without_cities(fixed, tuple(cities))):
        # Nothing but a covered city ("Tell me about Bochum", "Dortmund?"): an overview.
        intent, confidence, offtopic = Intent.OVERVIEW, 1.0, 0.0
    elif EARNS.search(fixed[:500]):
        # "What does a team lead make in X?": English asks pay with "make", which the intent
        # model reads as the work itself.
        intent = Intent.SALARY
    places = len(cities) + len(others)
    if intent == Intent.OVERVIEW and _speaks_of_pay(plain):
        # "Tell me about entry-level pay in Duisburg" is about pay, and a follow-up ("Is it
        # better in Wuppertal?") compares pay.
        intent = Intent.SALARY
    if _compares_pay(without_cities(question, tuple(cities) + tuple(others)), places, intent):
        intent = Intent.COMPARISON
    elif intent == Intent.COMPARISON:
        intent, confidence, offtopic = _besides_comparing(guess, places, _speaks_of_pay(plain))
    return Query(
        text=question,
        resolved=fixed.strip(),
        language=language_of(question, default_language),
        cities=tuple(cities),
        other_cities=tuple(others),
        profession=profession,
        other_professions=other_professions,
        intent=intent,
        confidence=confidence,
        offtopic=offtopic,
        level=_level(fixed) or guess.level,
        order="asc" if ASCENDING.search(question) else "desc",
        injection=is_injection(question),
        vector=vector,
    )


def without_cities(text: str, cities: tuple[str, ...]) -> str:
    """text with the words of the named cities (and their inflections) left out: the city
    filter already restricts the search, and the name would pull every sentence naming it."""
    # Only the name's own words: "an", "der" of "Mülheim an der Ruhr" would take "Anpassung".
    words = {fold(w) for c in cities for w in c.split() if w[:1].isupper()}
    if not words:
        return text
    kept = [
        t for t in text.split() if not any(fold(t).strip(".,;:!?()").startswith(w) for w in words)
    ]
    return " ".join(kept)


def with_changes(query: Query, **changes) -> Query:
    """A copy of a frozen Query with some fields changed."""
    return replace(query, **changes)
