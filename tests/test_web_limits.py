"""The chat page's handlers enforce the limits on the server, whatever the browser sends."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


def _handlers(settings) -> dict:
    from bot.factory import build_bot
    from bot.web.app import build_app

    app = build_app(build_bot(settings), settings)
    return {f.fn.__name__: f.fn for f in app.fns.values() if f.fn is not None}


@pytest.fixture(scope="module")
def handlers(samples_store):
    return _handlers(samples_store)


def _request(session="s1", ip="10.1.1.1"):
    return SimpleNamespace(client=SimpleNamespace(host=ip), session_hash=session)


def _final(gen):
    *_, last = gen
    return last


def test_over_long_question_is_refused_and_stays_out_of_the_conversation(handlers):
    respond = handlers["respond"]
    _, chat, questions, answers, _ = _final(respond("x" * 5000, [], [], {}, _request()))
    assert questions == [] and "zu lang" in chat[-1]["content"]
    _, chat, questions, answers, _ = _final(
        respond("Was verdient man in Bochum?", chat, questions, answers, _request()))
    assert questions == ["Was verdient man in Bochum?"] and "3.200" in chat[-1]["content"]


def test_huge_comment_is_refused_with_a_message(handlers):
    respond, on_comment = handlers["respond"], handlers["on_comment"]
    _, _, _, answers, _ = _final(respond("Was verdient man in Dortmund?", [], [], {},
                                         _request("s2")))
    kept, rated, msg = on_comment("x" * 20_000_000, answers, {}, _request("s2"))
    assert "zu lang" in msg and rated == {}
    _, rated, msg = on_comment("Zahl fehlt", answers, {}, _request("s2"))
    assert msg == "Kommentar gespeichert – danke!"


def test_too_many_requests_get_a_clear_reply(samples_store):
    respond = _handlers(samples_store.model_copy(update={"requests_per_minute": 2}))["respond"]
    replies = [_final(respond("Was verdient man in Bochum?", [], [], {}, _request(ip="10.9.9.9")))
               for _ in range(3)]
    assert "3.200" in replies[1][1][-1]["content"]
    assert "Zu viele Anfragen" in replies[2][1][-1]["content"]
    assert replies[2][2] == []  # not added to the conversation
