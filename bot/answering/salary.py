"""Salary answers from the facts table: one city's figures, or a ranking of cities that
compares only figures of the same period."""

from __future__ import annotations

from bot.answering.citations import Citations
from bot.answering.phrases import fmt_range, level_words, period_words, phrase
from bot.understanding.analysis import Query
from knowledge.base import SalaryRow
from knowledge.levels import SENIOR
from knowledge.occupations import same

MAX_RANKED = 15
LEVEL_ORDER = {"entry": 0, "experienced": 1, "lead": 2, "unspecified": 3}


def for_profession(facts: list[SalaryRow], profession: str | None) -> list[SalaryRow]:
    """Facts of one profession (all when none is asked); a fact of a document whose
    profession is unknown counts for whatever is asked."""
    if profession is None:
        return facts
    # Each distinct name compared once: a large store holds tens of thousands of facts.
    names = {f.profession for f in facts if f.profession is not None}
    wanted = {n for n in names if same(n, profession)} | {None}
    return [f for f in facts if f.profession in wanted]


def implied_profession(q: Query, facts: list[SalaryRow], main: str | None) -> str | None:
    """The profession a question that names none is about: the only one whose figures the
    asked cities' texts give, else the store's main profession."""
    if q.cities:
        named = {f.profession for f in facts if f.city in q.cities and f.profession}
        if len(named) == 1:
            return named.pop()
    return main


def alike(facts: list[SalaryRow]) -> list[list[SalaryRow]]:
    """Facts grouped by what a line states (city, profession, level, figures, period), in
    order: a text that gives a figure in a table and again in a sentence states it once."""
    groups: dict[tuple, list[SalaryRow]] = {}
    for f in facts:
        groups.setdefault((f.city, f.profession, f.level, f.low, f.high, f.period), []).append(f)
    return list(groups.values())


def cited(group: list[SalaryRow], cites: Citations) -> str:
    """The markers of every sentence that states a figure: '[1][2]'."""
    return "".join(cites.fact(f) for f in group)


def line(q: Query, group: list[SalaryRow], cites: Citations, default_profession: str) -> str:
    """'In Bochum verdienen Medizininformatiker zum Berufseinstieg 3.200 € bis 3.600 € ...',
    citing every sentence of the group (facts that state the same)."""
    lang = q.language
    f = group[0]
    return phrase(
        lang,
        "salary",
        city=f.city or "?",
        profession=f.profession or default_profession,
        level=level_words(f.level, lang),
        range=fmt_range(f.low, f.high, lang),
        period=period_words(f.period, lang),
        cite=cited(group, cites),
    ).replace("  ", " ")


def city_salary(
    q: Query, facts: list[SalaryRow], cites: Citations, default_profession: str
) -> tuple[str, bool]:
    """Lines for each asked city, and whether an asked level was missing."""
    lines: list[str] = []
    missing = False
    profession = q.profession or default_profession
    for city in q.cities:
        mine = [f for f in facts if f.city == city]
        if not mine:
            lines.append(phrase(q.language, "no_salary", city=city, profession=profession))
            continue
        wanted = [f for f in mine if f.level == q.level] if q.level else mine
        if q.level and SENIOR.search(q.text):
            # (not the entry figure of a sentence that names both: "ab 3.200 €, als Senior ...")
            labelled = [f for f in mine if SENIOR.search(f.sentence) and f.level != "entry"]
            wanted = labelled or wanted
        if not wanted:  # asked for a level the text gives no figure for: say so
            missing = True
            level = level_words(q.level, q.language)
            lines.append(
                phrase(q.language, "no_level", city=city, profession=profession, level=level)
            )
            wanted = mine
        ordered = sorted(wanted, key=lambda f: (LEVEL_ORDER.get(f.level, 9), f.low))
        lines.extend(line(q, group, cites, default_profession) for group in alike(ordered))
    return " ".join(lines), missing


def ranking(q: Query, facts: list[SalaryRow], cites: Citations, default_profession: str) -> str:
    """Cities ranked by the middle of their range, per period; named cities only if given. The
    asked level, else each level that two cities or more state (entry first): "where does one
    earn most" is asked of the experienced as much as of starters, as one city's pay answer
    gives every level."""
    pool = [f for f in facts if f.city and (not q.cities or f.city in q.cities)]
    if q.level:
        levels = [q.level]
    else:
        levels = ["entry"] + [lv for lv in ("experienced", "lead") if len(_cities(pool, lv)) > 1]
    parts = [_ranked(q, pool, level, cites, default_profession) for level in levels]
    return "\n".join(p for p in parts if p)


def _cities(pool: list[SalaryRow], level: str) -> set[str]:
    """The cities whose figures include one for level."""
    return {f.city for f in pool if f.level == level}


def _ranked(
    q: Query, pool: list[SalaryRow], level: str, cites: Citations, default_profession: str
) -> str:
    """One level's ranking, the cities stated in another period, and those with no figure."""
    lang = q.language
    rows = [f for f in pool if f.level == level]
    if not rows:
        return ""
    periods = [f.period for f in rows]
    main = max(set(periods), key=periods.count)
    ranked = [f for f in rows if f.period == main]
    top = ranked[0].high or ranked[0].low
    ranked.sort(
        key=lambda f: ((f.low + (f.high or f.low)) / 2, f.high or top), reverse=q.order == "desc"
    )
    order = phrase(lang, "order_desc" if q.order == "desc" else "order_asc")
    lines = [
        phrase(
            lang,
            "rank_head",
            profession=q.profession or default_profession,
            level=level_words(level, lang),
            period=period_words(main, lang),
            order=order,
        )
    ]
    groups = alike(ranked)
    for i, group in enumerate(groups[:MAX_RANKED], start=1):
        f = group[0]
        lines.append(f"{i}. {f.city}: {fmt_range(f.low, f.high, lang)} {cited(group, cites)}")
    if len(groups) > MAX_RANKED:
        # No count: an answer states no number that its quotes do not hold.
        lines.append(phrase(lang, "rank_more"))
    other = [f for f in rows if f.period != main]
    if other:
        items = ", ".join(
            f"{g[0].city} {fmt_range(g[0].low, g[0].high, lang)} {cited(g, cites)}"
            for g in alike(other)
        )
        lines.append(
            phrase(
                lang, "rank_other_period", period=period_words(other[0].period, lang), items=items
            )
        )
    missing = sorted({f.city for f in pool} - {f.city for f in rows})
    if missing:
        lines.append(
            phrase(lang, "rank_missing", level=level_words(level, lang), cities=", ".join(missing))
        )
    return "\n".join(lines)
