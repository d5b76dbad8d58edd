"""Input limits at the edge: one bound() for web page, /ask API and CLI, applied before analysis.

Question analysis costs more than linear time on some inputs, so nothing longer than the limits
may reach it: an over-long question is refused, and only the last few earlier questions of
acceptable length are kept (the rest is dropped without being looked at beyond its length).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.model import Answer

# Refusals the edge gives; the web page does not add their questions to the conversation.
REFUSALS = ("too_long", "rate_limited", "busy")


@dataclass(frozen=True)
class Limits:
    """The input limits of one deployment (see the CAREERBOT_MAX_* settings)."""

    question_chars: int = 2000
    history_turns: int = 10
    comment_chars: int = 2000
    upload_bytes: int = 1_000_000

    @classmethod
    def of(cls, settings) -> Limits:
        """The limits configured in Settings."""
        return cls(
            question_chars=settings.max_question_chars,
            history_turns=settings.max_history_turns,
            comment_chars=settings.max_comment_chars,
            upload_bytes=settings.max_file_bytes,
        )


@dataclass
class Bounded:
    """A question and history cut to the limits, or the refusal to give instead of an answer."""

    question: object
    history: list[str] = field(default_factory=list)
    refusal: Answer | None = None


def language_hint(text: object) -> str:
    """'de' or 'en' for a reply about text, looking at its first 500 characters only."""
    from bot.understanding.language import language_of

    return language_of(text[:500]) if isinstance(text, str) else "de"


def too_long(question: str, limit: int) -> Answer:
    """The refusal of a question over the length limit, in the question's language."""
    from bot.answering.phrases import phrase

    lang = language_hint(question)
    length = f"{len(question):,}".replace(",", ".")
    msg = phrase(lang, "too_long", length=length, limit=limit)
    return Answer(question[:200], msg, "no_answer", lang, reason="too_long")


def _tail(history: Iterable | None, n: int) -> list:
    """The last n items of history; a non-sequence is consumed with bounded memory."""
    if history is None or n <= 0:
        return []
    if isinstance(history, str | bytes | dict):
        return []  # not a list of turns
    if isinstance(history, Sequence):
        return list(history[-n:])
    try:
        return list(deque(history, maxlen=n))
    except TypeError:
        return []


def bounded_history(history: Iterable | None, limits: Limits) -> list[str]:
    """Earlier user questions within the limits: the last history_turns of acceptable length."""
    from bot.understanding.conversation import user_turns

    keep = limits.history_turns
    # Each user turn may come with a bot turn (pairs, message dicts): look at twice as many.
    # user_turns only copies text (linear); the analysis that follows sees the short ones only.
    turns = [t for t in user_turns(_tail(history, 2 * keep)) if len(t) <= limits.question_chars]
    return turns[-keep:] if keep else []


def bound(question: object, history: Iterable | None, limits: Limits) -> Bounded:
    """The question and history as analysis may see them, or a refusal for an over-long question."""
    if isinstance(question, str) and len(question) > limits.question_chars:
        return Bounded(question, [], too_long(question, limits.question_chars))
    return Bounded(question, bounded_history(history, limits))


def comment_refusal(comment: str, limits: Limits) -> str | None:
    """Why a feedback comment is refused (in its language), or None when it is acceptable."""
    if len(comment) <= limits.comment_chars:
        return None
    if language_hint(comment) == "en":
        return f"The comment is too long ({len(comment):,} characters, at most " \
               f"{limits.comment_chars:,}). Please shorten it."
    return (f"Der Kommentar ist zu lang ({len(comment):,} Zeichen, höchstens "
            f"{limits.comment_chars:,}). Bitte kürzen.").replace(",", ".")
