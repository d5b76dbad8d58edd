"""Conversations: earlier turns resolve follow-ups ('Und in Dortmund?', 'and there?')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.model import Intent
from bot.understanding.analysis import (
    COMPARATIVE,
    VERSUS,
    Context,
    Query,
    analyse,
    with_changes,
    without_cities,
)
from bot.understanding.language import content_words, decisive
from knowledge.levels import COST, PAY, level_of, without_levels
from knowledge.occupations import mentions

# Openers of a follow-up, anchored at the start: linear.
FOLLOW_UP = re.compile(
    r"^\W*(?:und|and|what about|how about|wie ist es|wie sieht es|wie steht es|und wie|and how|"
    r"dort|da\b|there|same(?: question| thing)?|(?:die )?(?:gleiche|selbe|dieselbe) frage|"
    r"und was|and what|auch|also|what of|und für|and for|und bei|und als)",
    re.IGNORECASE,
)
THERE = re.compile(r"\b(?:dort|da|there|dieselbe|gleiche|same)\b", re.IGNORECASE)
# A word pointing back at a thing asked of before ("Wie wird die bezahlt?", "Und wer bezahlt
# das?", "How is it paid?"); not "damit" (with that training, what does one earn?).
POINTER = re.compile(
    r"\b(?:das|dies(?:e[nrs]?)?|die|dafür|dazu|davon|es|it|that|this)\b", re.IGNORECASE
)
# A person earns ("Was verdienen die?", "What do they earn?"); a thing is paid or costs.
EARN = re.compile(r"verdien|\bearn", re.IGNORECASE)
# Topics that have money of their own: a course's cost and who pays it, on-call duty's or
# overtime's pay. The job itself (its tasks, skills, market) is paid by the salary.
PRICED = (Intent.TRAINING, Intent.CONDITIONS)
MAX_TURNS = 3  # follow-ups refer to the last turns; older ones cost time and say little


def user_turns(history: Iterable | None) -> list[str]:
    """Earlier user questions from strings, (user, bot) pairs or Gradio message dicts."""
    turns: list[str] = []
    for item in history or []:
        if isinstance(item, str):
            turns.append(item)
        elif isinstance(item, dict) and item.get("role") == "user":
            content = item.get("content")
            if isinstance(content, list):  # Gradio 6 content parts
                content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
            if isinstance(content, str):
                turns.append(content)
        elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
            turns.append(item[0])
    return [t.encode("utf-8", "replace").decode("utf-8") for t in turns]  # no lone surrogates


def is_follow_up(question: str) -> bool:
    """True for questions that read like a follow-up ('Und ...', 'and there?')."""
    head = question.strip()[:200]
    return bool(FOLLOW_UP.search(head) or THERE.search(head))


def own_words(query: Query) -> list[str]:
    """What a follow-up says besides cue, city, level and profession words: 'Und als Senior
    in Essen?' says nothing of its own, 'Und wie ist da das Wetter?' does (Wetter)."""
    text = without_cities(query.text[:500], query.cities + query.other_cities)
    # Whole phrases first: a level of two words ("team leads") is no word of its own either.
    text = without_levels(text)
    cues = {
        w.lower()
        for m in (
            FOLLOW_UP.match(text),
            *THERE.finditer(text),
            *COMPARATIVE.finditer(text),
            *VERSUS.finditer(text),  # "seniors or team leads?" names two levels, nothing else
        )
        if m
        for w in re.findall(r"\w+", m.group(0))
    }
    # The words that name an occupation, as written ("nurses"), and its glossary name.
    named = {
        w.lower()
        for m in mentions(text)
        for w in re.findall(r"\w+", f"{text[m.start : m.end]} {m.name}")
    }
    return [w for w in content_words(text) if w not in cues and w not in named and not level_of(w)]


def follow_up(query: Query, previous: Query) -> Query:
    """Fill what a follow-up leaves out from the turn before."""
    if query.injection or not (previous.domain or previous.cities or previous.other_cities):
        return query
    short = len(re.findall(r"\w+", query.text[:200])) <= 4
    cued = is_follow_up(query.text)
    named_city = bool(query.cities or query.other_cities)
    # A short fragment continues the conversation when it names a city ("Dortmund?") or is
    # not clearly about something else ("Wie backe ich Brot?" is); "Is that more than in
    # Essen?" names a city to compare with and nothing else.
    head = query.text[:500]
    compared = named_city and bool(VERSUS.search(head) or COMPARATIVE.search(head))
    unclear = query.intent in (Intent.OFFTOPIC, Intent.OVERVIEW) or query.confidence < 0.5
    said = own_words(query) if compared or unclear or cued else []
    versus = compared and not said
    # "Und als Teamleitung?": a cue and a city or a level, nothing of its own, however sure
    # the intent model is of what the level words alone are about.
    bare = cued and not said
    # A question on the job that names no city, in a conversation about one, asks about that
    # city ("Which software do they use?" after the employers in Hagen); a ranking of cities
    # ("Where does one earn most?") asks about all of them.
    unscoped = not named_city and query.domain and not query.comparison and previous.cities
    if not (cued or versus or unscoped or (short and (named_city or query.offtopic < 0.5))):
        return query  # a full new question starts its own context
    changes: dict = {}
    if query.profession is None and not query.other_professions:
        changes.update(profession=previous.profession)
    # A fragment ("Und in Dortmund?", "Und als Senior?") keeps the earlier topic; a clear new
    # one replaces it, and so does an unclear one that names a subject of its own ("Und das
    # Wetter dort?"): the intent model then decides, off-topic included.
    # A comparison with nothing of its own ("Is it better in Essen?") keeps the topic too.
    weak = (unclear or versus or bare) and (query.level is not None or not said)
    # "Und wer bezahlt das?" after courses, "How is it paid?" after on-call duty: the money of
    # what was asked, not the salary.
    weak |= (priced := _asks_its_money(query, previous))
    # An overview before ("Tell me about Bochum") leaves any topic of the follow-up standing.
    if weak and previous.domain and (previous.intent != Intent.OVERVIEW or not query.domain):
        changes.update(
            intent=previous.intent,
            order=previous.order,
            offtopic=previous.offtopic,
            confidence=previous.confidence,
        )
        if previous.intent == Intent.COMPARISON and named_city:
            changes.update(intent=Intent.SALARY)
    # A ranking of its own ("Where does one earn most?") is of all cities: nothing to keep.
    if not named_city and (query.intent != Intent.COMPARISON or "intent" in changes):
        changes.update(cities=previous.cities, other_cities=previous.other_cities)
    # "Ist das mehr als in Duisburg?" after a question on pay in one city compares the two.
    pay = (Intent.SALARY, Intent.COMPARISON)
    if compared and previous.cities and previous.intent in pay and (weak or query.intent in pay):
        cities = tuple(dict.fromkeys(previous.cities + query.cities))
        changes.update(cities=cities, intent=Intent.COMPARISON)
    if query.level is None:
        changes.update(level=previous.level)
    if query.language != previous.language and not decisive(query.text):
        changes.update(language=previous.language)
    resolved = _resolved(query, previous, changes.get("cities", query.cities), bare or priced)
    return with_changes(query, resolved=resolved[:1000], **changes)


def _asks_its_money(query: Query, previous: Query) -> bool:
    """A question on pay or cost that points back at a topic with money of its own."""
    head = query.text[:200]
    money = COST.search(head) or PAY.search(head)  # "Kosten" reads as off-topic to the model
    pay = query.intent in (Intent.SALARY, Intent.COMPARISON) or bool(money)
    pointed = bool(POINTER.search(head)) and not EARN.search(head) and query.level is None
    return pay and pointed and previous.intent in PRICED and not query.cities


def _resolved(query: Query, previous: Query, cities: tuple[str, ...], bare: bool) -> str:
    """What a follow-up is searched with: a fragment with the question it continues; a clear
    question of its own ("And what about further training there?") only takes the city along."""
    own = not bare and query.intent not in (Intent.OFFTOPIC, Intent.OVERVIEW)
    if own and query.confidence >= 0.5:
        return query.resolved
    # The earlier question's cities leave with it ("Und in Dortmund?" after Bochum searches
    # Dortmund's texts for the topic, not for the word "Bochum").
    gone = tuple(c for c in previous.cities if c not in cities)
    carried = without_cities(previous.resolved, gone) if gone else previous.resolved
    return f"{query.resolved} ({carried})"


def resolve(question: str, history: Iterable | None, ctx: Context) -> Query:
    """The question as a standalone Query, with context carried over from earlier turns."""
    previous: Query | None = None
    for turn in user_turns(history)[-MAX_TURNS:]:
        q = analyse(turn, ctx, previous.language if previous else "de")
        previous = follow_up(q, previous) if previous else q
    query = analyse(question, ctx, previous.language if previous else "de")
    return follow_up(query, previous) if previous else query
