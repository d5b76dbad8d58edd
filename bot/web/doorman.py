"""Who may ask now: the per-client rate limit and one running request per session, in front of
the chat, the /ask API and feedback. Refusals are ordinary no-answer replies, never errors.

The page passes its language, so refusals read like the rest of the page; the /ask API has
none, so there the question's own language decides."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from bot.limits import REFUSALS, Limits, language_hint
from bot.model import Answer
from bot.web.messages import number, t
from bot.web.throttle import RateLimiter, SessionGate, client_of


def session_of(request) -> str:
    """The browser (or gradio_client) session of a request; its client address if it has none."""
    return getattr(request, "session_hash", None) or f"client:{client_of(request)}"


class Doorman:
    """Admits requests within the limits; everything else gets a short reply in its language."""

    def __init__(self, settings):
        self.limits = Limits.of(settings)
        self.rate = RateLimiter(settings.requests_per_minute)
        self.sessions = SessionGate()

    def too_many(self, request, lang: str = "de") -> str | None:
        """The 'too many requests' sentence if this client is over its rate, else None."""
        wait = self.rate.take(client_of(request))
        return t(lang, "rate_limited", wait=math.ceil(wait)) if wait else None

    @contextmanager
    def admit(self, request, question: object, lang: str | None = None) -> Iterator[Answer | None]:
        """None while the request may run (its session held); else the refusal to show.

        lang: the page's language for the refusal; None: the question's language."""
        lang = lang or language_hint(question)
        short = question[:200] if isinstance(question, str) else ""
        refused = self.too_many(request, lang)
        if refused:
            yield Answer(short, refused, "no_answer", lang, reason="rate_limited")
            return
        with self.sessions.claim(session_of(request)) as free:
            if not free:
                yield Answer(short, t(lang, "busy"), "no_answer", lang, reason="busy")
            else:
                yield None

    def ask(self, bot, question: object, history, request) -> dict:
        """The /ask API: the answer's JSON, or a refusal's JSON with its reason."""
        with self.admit(request, question) as refusal:
            answer = refusal or bot.ask(question, history or [])
        out = answer.to_json()
        if answer.reason in REFUSALS:
            out["reason"] = answer.reason
        return out

    def comment_problem(self, comment: str, request, lang: str = "de") -> str | None:
        """Why a feedback comment is not stored now (too long, too many requests), or None."""
        limit = self.limits.comment_chars
        if len(comment) > limit:
            return t(lang, "comment_too_long", length=number(lang, len(comment)),
                     limit=number(lang, limit))
        return self.too_many(request, lang)
