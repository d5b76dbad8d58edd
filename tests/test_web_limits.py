"""The chat page's handlers enforce the limits on the server, whatever the browser sends."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr
import pytest


def _handlers(settings) -> dict:
    from bot.factory import build_bot
    from bot.web.app import build_app

    app = build_app(settings, build_bot(settings))
    return {f.fn.__name__: f.fn for f in app.fns.values() if f.fn is not None}


@pytest.fixture(scope="module")
def handlers(samples_store):
    return _handlers(samples_store)


def _request(session="s1", ip="10.1.1.1"):
    return SimpleNamespace(client=SimpleNamespace(host=ip), session_hash=session)


def _final(gen):
    *_, last = gen
    return last


def _last(chat) -> str:
    """The content of the chat's last message (the final yield is a gr.update)."""
    return chat["value"][-1]["content"]


def _context(convo: list[dict]) -> list[str]:
    """The questions a follow-up would draw on."""
    return [turn["q"] for turn in convo if not turn["refused"]]


def test_over_long_question_is_refused_and_stays_out_of_the_conversation(handlers):
    respond = handlers["respond"]
    _, chat, convo, _ = _final(respond("x" * 5000, [], "de", _request()))
    assert _context(convo) == [] and "zu lang" in _last(chat)
    _, chat, convo, _ = _final(respond("Was verdient man in Bochum?", convo, "de", _request()))
    assert convo[-1]["history"] == [] and "3.200" in _last(chat)
    assert _context(convo) == ["Was verdient man in Bochum?"]
    assert len(chat["value"]) == 4  # the refusal stays visible in the chat


def test_huge_comment_is_refused_with_a_message(handlers):
    respond, on_comment = handlers["respond"], handlers["on_comment"]
    _, _, convo, _ = _final(respond("Was verdient man in Dortmund?", [], "de", _request("s2")))
    kept, chat, turns, msg = on_comment("x" * 20_000_000, convo, 0, "de", _request("s2"))
    assert "zu lang" in msg and "20.000.000" in msg
    assert (kept, chat, turns) == (gr.skip(),) * 3  # box, chat and turns as they were
    _, _, turns, msg = on_comment("Zahl fehlt", convo, 0, "de", _request("s2"))
    assert msg == "Kommentar gespeichert – danke!" and turns[0]["fid"] is not None
    _, _, _, msg = on_comment("x" * 20_000, convo, 0, "en", _request("s2"))
    assert "too long" in msg and "20,000" in msg


def test_too_many_requests_get_a_clear_reply(samples_store):
    respond = _handlers(samples_store.model_copy(update={"requests_per_minute": 2}))["respond"]
    replies = [_final(respond("Was verdient man in Bochum?", [], "de", _request(ip="10.9.9.9")))
               for _ in range(3)]
    assert "3.200" in _last(replies[1][1])
    assert "Zu viele Anfragen" in _last(replies[2][1])
    assert _context(replies[2][2]) == []  # not added to the conversation's context


def test_one_vote_per_answer_and_session(handlers, samples_store):
    from bot.factory import engine_for
    from bot.web.feedback import FeedbackStore

    respond, on_like = handlers["respond"], handlers["on_like"]
    question = "Was verdient man in Duisburg?"
    _, _, convo, _ = _final(respond(question, [], "de", _request("v1")))
    for liked in (True, False):  # the second vote replaces the first
        _, convo, *_ = on_like(convo, "de", SimpleNamespace(index=1, liked=liked),
                               _request("v1"))
    on_like(convo, "de", SimpleNamespace(index=1, liked=True), _request("v2"))
    # The same browser session after "new conversation": its first answer is a new message.
    _, _, again, _ = _final(respond(question, [], "de", _request("v1")))
    on_like(again, "de", SimpleNamespace(index=1, liked=True), _request("v1"))
    rows = [row for row in FeedbackStore(engine_for(samples_store)).rows()
            if row["question"] == question]
    assert sorted((row["session"], row["rating"]) for row in rows) == [
        ("v1", "down"), ("v1", "up"), ("v2", "up")]
