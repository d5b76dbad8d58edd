"""The offline answerer: a direct first sentence in the question's language, then verbatim
quotes; salary from the facts table, everything else from sentence evidence that the
answerability model accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.answering import salary
from bot.answering.citations import Citations
from bot.answering.evidence import Evidence
from bot.answering.phrases import INTENT_LABEL, listed, phrase
from bot.answering.scoring import LinearModel
from bot.answering.trees import TreeModel
from bot.model import Answer, Intent, Passage, Reason, Status
from bot.understanding.analysis import Query
from bot.understanding.language import language_of
from knowledge.base import SalaryRow
from knowledge.levels import EXTRA, LEARNER, PAY_SCHEME
from knowledge.occupations import mentions, same


@dataclass(frozen=True)
class Catalog:
    """What the store covers: cities and professions (read from the store, never from code)."""

    cities: tuple[str, ...] = ()
    professions: tuple[str, ...] = ()
    main: str | None = None  # the profession most documents are about: a question's default
    documented: tuple[str, ...] = ()  # professions some document is about (not only named)

    def profession_label(self, language: str) -> str:
        """How answers name the covered profession(s)."""
        if self.professions:
            return ", ".join(self.professions)
        return "Beschäftigte" if language == "de" else "people in this job"

    def covers(self, language: str) -> str:
        """What the bot answers: the professions, their cities (a dozen named), the topics."""
        label = self.profession_label(language)
        return phrase(language, "covers", professions=label, cities=listed(self.cities, language))


# Above this the intent model is sure a question is not about the job; below it, the
# answerability model weighs the evidence too ("Muss ich HL7 können?" reads as off-topic).
OFFTOPIC_CERTAIN = 0.9
FIGURES_FIRST = (Intent.SALARY, Intent.COMPARISON, Intent.OVERVIEW)
BESIDE_PAY = (Intent.SALARY, Intent.COMPARISON, Intent.CONDITIONS)
# The intents a question on the evidence path can have: each an answerability feature.
ANSWER_INTENTS = tuple(i for i in Intent if i != Intent.OVERVIEW)
INTENT_FEATURES = tuple(f"intent_{i}" for i in ANSWER_INTENTS)  # not "intent_confidence"
# The asker as the subject (general pronouns), and a role taken "as" a profession.
_ASKER = re.compile(r"\b(?:man|ich|du|wir|i|you|we|one)\b", re.IGNORECASE)
_AS_ROLE = re.compile(r"\b(?:als|as)(?:\s+(?:ein|eine|einer|a|an))?\s*$", re.IGNORECASE)


class OfflineAnswerer:
    """Answers without a language model; never states what the texts do not."""

    def __init__(
        self,
        answerability: LinearModel | TreeModel | None = None,
        offtopic_certain: float = OFFTOPIC_CERTAIN,
    ):
        self.answerability = answerability
        self.offtopic_certain = offtopic_certain

    def no_answer(self, query: Query, catalog: Catalog, why: Reason, lead: str = "") -> Answer:
        """A reply that says what the bot can answer, with nothing invented."""
        lang = query.language
        values = {
            "cities": ", ".join(query.other_cities),
            "asked": ", ".join(query.other_professions),
            "covered": catalog.profession_label(lang),
        }
        lead = lead or phrase(lang, str(why), **values)
        covers = catalog.covers(lang)
        return Answer(query.text, f"{lead} {covers}", Status.NO_ANSWER, lang, reason=str(why))

    def refusal(self, query: Query) -> Reason | None:
        """Why the question cannot be answered from any text, before looking at evidence."""
        if query.injection:
            return Reason.INJECTION
        # Pay and overviews come from the covered profession's figures: never another's.
        if query.other_professions and not query.profession and query.intent in FIGURES_FIRST:
            return Reason.UNCOVERED_PROFESSION
        if query.other_cities and not query.cities:
            return Reason.UNCOVERED_CITY
        if query.offtopic >= self.offtopic_certain:
            return Reason.OFFTOPIC
        return None

    def answer(
        self,
        query: Query,
        passages: list[Passage],
        evidence: Evidence,
        facts: list[SalaryRow],
        catalog: Catalog,
    ) -> Answer:
        """The answer to an analysed question from its evidence and the salary facts."""
        why = self.refusal(query)
        if why:
            return self.no_answer(query, catalog, why)
        cites = Citations()
        profession = query.profession or salary.implied_profession(query, facts, catalog.main)
        named = salary.for_profession(facts, profession)
        if _pay_of_another(query, named, facts):
            lead = " ".join(
                phrase(query.language, "no_salary", city=c, profession=query.profession)
                for c in query.cities
            )
            return self.no_answer(query, catalog, Reason.NOTHING, lead)
        facts = named
        catalog = replace(catalog, main=profession)  # the figures and their wording agree
        reason = None
        text = ""
        # A payment beside the salary ("Gibt es Weihnachtsgeld?", "any bonus on top?"), the
        # scheme that sets it ("Nach Tarif?") or a learner's pay ("Was verdient ein Werkstudent?")
        # is asked of the sentences, compared too: the salary figures do not answer it.
        asked = query.text[:500]
        beside = query.intent in (Intent.SALARY, Intent.COMPARISON) and any(
            p.search(asked) for p in (EXTRA, PAY_SCHEME, LEARNER)
        )
        wants_pay = query.intent in (Intent.SALARY, Intent.COMPARISON) and not beside
        if wants_pay or (query.intent == Intent.OVERVIEW and query.cities):
            text, reason = self._pay(query, facts, cites, catalog)
        measured = {}
        if not text and (query.intent != Intent.COMPARISON or beside):
            unspoken = _unspoken(query, evidence, catalog)
            if unspoken:  # refused before the features: the word vectors cost a model call
                return self.no_answer(query, catalog, unspoken)
            measured = features(query, evidence)  # what the answerability model decides on
            text, measured = self._quotes(query, evidence, cites, measured)
        if not text:
            why = Reason.OFFTOPIC if not query.domain else Reason.NOTHING
            reply = self.no_answer(query, catalog, why)
            reply.features = measured
            return reply
        return Answer(
            query.text,
            text + _not_compared(query),
            Status.ANSWERED,
            query.language,
            cites.items,
            resolved=query.resolved,
            topic=query.topic,
            cities=list(query.cities),
            profession=query.profession or ", ".join(catalog.professions),
            reason=reason,
            features=measured,
        )

    def _pay(self, q: Query, facts, cites: Citations, catalog: Catalog) -> tuple[str, str | None]:
        name = q.profession or catalog.main or catalog.profession_label(q.language)
        if q.comparison or not q.cities:
            return salary.ranking(q, facts, cites, name), None
        if not any(f.city in q.cities for f in facts):
            return "", None  # the texts give no pay here: perhaps the evidence says something
        text, missing = salary.city_salary(q, facts, cites, name)
        quotes = [f"„{c.quote}“ [{c.n}]" for c in cites.items]
        if q.intent == Intent.OVERVIEW:
            quotes.append(phrase(q.language, "overview_more"))
        reason = str(Reason.LEVEL_NOT_STATED) if missing else None
        return "\n".join([text, *quotes]), reason

    def _quotes(
        self, q: Query, evidence: Evidence, cites: Citations, measured: dict
    ) -> tuple[str, dict]:
        """The quoted answer and the features it was decided on ('' when refused). Several
        cities are decided on the city whose text answers best: deciding each city alone
        refused comparisons that both texts answer (81 against 91 of 126 dev comparisons)."""
        if evidence.parts:
            measured = max(
                (
                    features(replace(q, cities=(city,)), part, compared=True)
                    for city, part in evidence.parts
                ),
                key=self._probability,
            )
        if not evidence.sentences or (
            self.answerability and not self.answerability.accepts(measured)
        ):
            return "", measured
        sentences = evidence.sentences
        cities = sorted({s.city for s in sentences if s.city})
        labels = INTENT_LABEL.get(q.language, INTENT_LABEL["de"])
        topic = labels.get(q.topic, "") if q.domain else labels["overview"]
        lead = "quote_lead_cities" if len(cities) > 1 else "quote_lead"
        # An English reader is told when the quotes that follow are German (most texts are).
        quoted = language_of(" ".join(s.text for s in sentences))
        note = phrase(q.language, "quoted_in") if quoted != q.language == "en" else ""
        lines = [phrase(q.language, lead, topic=topic, cities=", ".join(cities) or "-", note=note)]
        for s in sentences:
            marker = cites.cite(s.source, s.title, s.city, s.text, s.start, s.end)
            lines.append(f"„{s.text}“ {marker}")
        return "\n".join(lines), measured

    def _probability(self, measured: dict) -> float:
        return self.answerability.probability(measured) if self.answerability else 1.0


def _not_compared(q: Query) -> str:
    """The line a comparison with a city no text covers ends with: which one is missing."""
    if not (q.comparison and q.other_cities):
        return ""
    return "\n" + phrase(q.language, "uncovered", cities=", ".join(q.other_cities))


def _pay_of_another(q: Query, named: list[SalaryRow], facts: list[SalaryRow]) -> bool:
    """Pay asked for a named profession in cities whose texts give figures only for another
    one: those figures must not stand in for it, nor the sentences that state them."""
    if q.intent != Intent.SALARY or not q.profession or not q.cities:
        return False
    return not any(f.city in q.cities for f in named) and any(f.city in q.cities for f in facts)


def _asker_acts_on_them(text: str) -> bool:
    """The asker is the subject and the named professions are what they work with ("Muss man
    dort Ärzte schulen?", "Do I train nurses there?"), not a role they take ("als Arzt")."""
    head = text[:500]
    if not _ASKER.search(head):
        return False
    return not any(_AS_ROLE.search(head[max(0, m.start - 16) : m.start]) for m in mentions(head))


def _about_others(q: Query, evidence: Evidence) -> bool:
    """The question names only professions no text covers, is about them rather than about
    working with them, and none of the sentences found speaks of them: the doctors one trains
    may be in the text, a nurse's training is not."""
    if not q.other_professions or q.profession or _asker_acts_on_them(q.text):
        return False
    spoken = {m.name for s in evidence.candidates for m in mentions(s.text)}
    return not any(same(o, m) for o in q.other_professions for m in spoken)


def _unspoken(q: Query, evidence: Evidence, catalog: Catalog) -> Reason | None:
    """Why the sentences found do not answer, when they do not speak of what or whom the
    question asks about: professions no text covers, a payment beside the salary or a pay
    scheme that no quote names, learners whose pay is asked ("Was verdient ein Werkstudent?",
    which the salary lines do not answer), or the pay of an occupation no document is about
    and no quote names (a Medizininformatiker text without figures answers no "Was verdient
    ein Fachinformatiker?")."""
    if _about_others(q, evidence):
        return Reason.UNCOVERED_PROFESSION
    # A payment beside the salary, the scheme that sets pay or a learner's pay is answered by a
    # quote that names one, not by the salary lines (of the first two, no dev or test answer
    # whose quotes named none was right).
    asked = (EXTRA, PAY_SCHEME) if q.intent in BESIDE_PAY else ()
    if q.intent == Intent.SALARY:
        asked += (LEARNER,)
    if any(_unnamed(words, q, evidence) for words in asked):
        return Reason.NOTHING
    if q.intent != Intent.SALARY:
        return None
    whose = q.profession
    if whose and not any(same(whose, d) for d in catalog.documented or (catalog.main,)):
        spoken = {m.name for s in evidence.sentences for m in mentions(s.text)}
        if not any(same(whose, m) for m in spoken):
            return Reason.NOTHING
    return None


def _unnamed(words: re.Pattern, q: Query, evidence: Evidence) -> bool:
    """The question uses such words and none of the chosen quotes does."""
    return bool(words.search(q.text[:500])) and not any(
        words.search(s.text) for s in evidence.sentences
    )


def features(q: Query, evidence: Evidence, compared: bool = False) -> dict[str, float]:
    """The answerability model's inputs: evidence scores and what the question is; compared:
    one city's part of a question on several (a comparison turned to its topic reads less
    surely as that topic: "How does on-call duty compare between X and Y?")."""
    return {
        "compared": float(compared),
        **evidence.features,
        **(evidence.later() if evidence.later else {}),
        "intent_confidence": q.confidence,
        "offtopic_probability": q.offtopic,
        "covered_city": float(bool(q.cities)),
        "question_terms": float(min(len(q.text.split()), 30)),
        # What is asked: the texts of a profession describe its tasks nearly always, its
        # working hours less often (each dev set left out in turn, 4,557 -> 4,607 of 5,159;
        # bench/answerability_ablation.py).
        **{name: float(q.intent == i) for i, name in zip(ANSWER_INTENTS, INTENT_FEATURES)},
    }
