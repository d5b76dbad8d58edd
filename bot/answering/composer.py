"""The offline answerer: deterministic answers from the facts table and verbatim quotes."""

from __future__ import annotations

from collections.abc import Callable

from bot.answering.phrases import LEVEL, fmt_range, phrase
from bot.model import Answer, Citation, Passage
from bot.understanding.analysis import Query
from knowledge.base import SalaryRow
from knowledge.keyword import stem, words
from knowledge.sentences import sentence_spans

MAX_QUOTES = 3


class Citations:
    """Numbers quotes as they are cited; the same span cited twice keeps its number."""

    def __init__(self):
        self.items: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}  # a ranking may cite 10,000 facts

    def cite(self, source: str, title: str, city: str, quote: str, start: int, end: int) -> str:
        """The [n] marker for this quote."""
        n = self._numbers.get((source, start, end))
        if n is None:
            n = self._numbers[(source, start, end)] = len(self.items) + 1
            self.items.append(Citation(n, source, title, city or "", quote, start, end))
        return f"[{n}]"

    def fact(self, f: SalaryRow) -> str:
        """The marker citing a salary fact's sentence."""
        return self.cite(f.source, f.title, f.city or "", f.sentence, f.start, f.end)


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


class OfflineAnswerer:
    """Answers without a language model; never states what the texts do not."""

    def __init__(
        self,
        terms: Callable[[str], set[str]] = _stems,
        idf: Callable[[str], float] = lambda _term: 1.0,
    ):
        # terms: how text becomes comparable keyword terms (the retriever's, with compounds);
        # idf: how much a matching term says (a rare "Klinikum" more than a common "Arbeit").
        self.terms = terms
        self.idf = idf

    def no_answer(self, query: Query, covered: list[str], why: str) -> Answer:
        """A reply that says what the bot can answer, with nothing invented."""
        lang = query.language
        lead = {
            "empty": phrase(lang, "empty"),
            "injection": phrase(lang, "injection"),
            "uncovered": phrase(lang, "uncovered", cities=", ".join(query.other_cities)),
            "offtopic": phrase(lang, "offtopic"),
            "nothing": phrase(lang, "nothing"),
        }[why]
        text = f"{lead} {phrase(lang, 'covers', cities=', '.join(covered) or '-')}"
        return Answer(query.text, text, "no_answer", lang, reason=why)

    def answer(
        self, query: Query, passages: list[Passage], facts: list[SalaryRow], covered: list[str]
    ) -> Answer:
        """The answer to an analysed question from its passages and the salary facts."""
        if query.injection:
            return self.no_answer(query, covered, "injection")
        if query.other_cities and not query.cities:
            return self.no_answer(query, covered, "uncovered")
        if not query.domain:
            return self.no_answer(query, covered, "offtopic")
        cites = Citations()
        if query.topic == "salary":
            text = self._salary(query, facts, cites)
        elif not query.topic and query.cities and len(self.terms(query.resolved)) <= 3:
            text = self._overview(query, facts, cites)  # "Tell me about Duisburg"
        else:
            text = self._quotes(query, passages, cites)
        if not text:
            return self.no_answer(query, covered, "nothing")
        return Answer(
            query.text,
            text,
            "answered",
            query.language,
            cites.items,
            resolved=query.resolved,
            topic=query.topic,
            cities=query.cities,
        )

    def _salary(self, q: Query, facts: list[SalaryRow], cites: Citations) -> str:
        lang = q.language
        if q.comparison or not q.cities:
            return self._ranking(q, facts, cites)
        lines = []
        for city in q.cities:
            mine = [f for f in facts if f.city == city]
            wanted = [f for f in mine if f.level == q.level] if q.level else mine
            if not mine:
                lines.append(phrase(lang, "no_salary", city=city))
                continue
            if not wanted:  # asked for a level the text gives no figure for
                lines.append(phrase(lang, "no_level", city=city, level=LEVEL[lang][q.level]))
                wanted = mine
            for f in sorted(wanted, key=lambda f: (f.level != "entry", f.low)):
                lines.append(
                    phrase(
                        lang,
                        "salary",
                        city=city,
                        level=LEVEL[lang][f.level],
                        range=fmt_range(f.low, f.high, lang),
                        cite=cites.fact(f),
                    )
                )
        return " ".join(lines)

    def _overview(self, q: Query, facts: list[SalaryRow], cites: Citations) -> str:
        """For 'Tell me about Duisburg': the salary facts, and what else one can ask."""
        salary = self._salary(q, facts, cites)
        return f"{salary}\n{phrase(q.language, 'overview_more')}" if salary else ""

    def _ranking(self, q: Query, facts: list[SalaryRow], cites: Citations) -> str:
        lang = q.language
        level = q.level or "entry"
        rows = [f for f in facts if f.level == level and f.city]
        if not rows:
            return ""
        # Middle of the range decides; the upper bound breaks ties.
        rows.sort(key=lambda f: ((f.low + f.high) / 2, f.high), reverse=q.order == "desc")
        head = phrase(
            lang, "rank_desc" if q.order == "desc" else "rank_asc", level=LEVEL[lang][level]
        )
        lines = [
            f"{i}. {f.city}: {fmt_range(f.low, f.high, lang)} {cites.fact(f)}"
            for i, f in enumerate(rows, start=1)
        ]
        missing = sorted({f.city for f in facts if f.city} - {f.city for f in rows})
        tail = [phrase(lang, "rank_missing", cities=", ".join(missing), level=LEVEL[lang][level])]
        return "\n".join([head, *lines, *(tail if missing else [])])

    def _quotes(self, q: Query, passages: list[Passage], cites: Citations) -> str:
        wanted = self.terms(f"{q.resolved} {q.expansion}") - self.terms(" ".join(q.cities))
        core = self.terms(q.core)
        scored: list[tuple[float, bool, Passage, int, int]] = []
        for rank, p in enumerate(passages):
            # A section heading such as "Weiterbildung, Spezialisierung ..." puts every sentence
            # below it on that topic.
            under_heading = bool(core & self.terms(p.heading))
            for s, e in sentence_spans(p.text):
                sentence = p.text[s:e]
                # Rhetorical questions ("Warum ausgerechnet Dortmund?") state nothing.
                if e - s < 15 or sentence.endswith("?"):
                    continue
                terms = self.terms(sentence)
                on_topic = bool(terms & core)
                matched = sum(self.idf(t) for t in terms & wanted)
                score = matched + 1.5 * on_topic + 1.0 * under_heading - 0.3 * rank
                if terms & wanted:
                    scored.append((score, on_topic or under_heading, p, s, e))
        # With a topic, at least one quote must be about it; otherwise the texts do not say.
        if not scored or (core and not any(topical for _, topical, *_ in scored)):
            return ""
        best = max(score for score, *_ in scored)
        chosen = sorted((x for x in scored if x[0] >= 0.4 * best), key=lambda x: -x[0])
        chosen = sorted(chosen[:MAX_QUOTES], key=lambda x: (x[2].source, x[2].start + x[3]))
        cities = sorted({p.city for *_, p, _, _ in chosen if p.city})
        lines = [phrase(q.language, "quote_lead", cities=", ".join(cities) or "-")]
        for *_, p, s, e in chosen:
            marker = cites.cite(p.source, p.title, p.city, p.text[s:e], p.start + s, p.start + e)
            lines.append(f"„{p.text[s:e]}“ {marker}")
        return "\n".join(lines)
