"""Fair service under abuse: rate limit per client, one request per session, login throttling,
the upload pass and the body limit at the HTTP edge."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from bot.settings import Settings
from bot.web.edge import COOKIE, Edge, UploadPasses
from bot.web.login import AdminLogin
from bot.web.throttle import LoginThrottle, RateLimiter, SessionGate


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _request(ip="10.0.0.1", session="s1"):
    return SimpleNamespace(client=SimpleNamespace(host=ip), session_hash=session)


def test_rate_limit_per_client_refills_over_time():
    clock = Clock()
    limiter = RateLimiter(per_minute=6, clock=clock)
    assert [limiter.take("a") for _ in range(6)] == [0.0] * 6
    assert limiter.take("a") == pytest.approx(10.0)  # one token every 10 s
    assert limiter.take("b") == 0.0  # another client is not affected
    clock.now += 10
    assert limiter.take("a") == 0.0 and limiter.take("a") > 0


def test_one_running_request_per_session():
    gate = SessionGate()
    with gate.claim("s1") as first:
        with gate.claim("s1") as second, gate.claim("s2") as other:
            assert first and not second and other
    with gate.claim("s1") as again:
        assert again


def test_the_20th_wrong_token_is_refused_without_checking(caplog):
    clock = Clock()
    login = AdminLogin("geheim", Settings(login_max_failures=10, login_lockout_seconds=900))
    login.throttle = LoginThrottle(10, 900, clock=clock)
    attacker, admin = _request("10.6.6.6"), _request("10.0.0.2")
    caplog.set_level(logging.WARNING, logger="careerbot.web")
    answers, waits = [], []
    for _ in range(20):
        answers.append(login.refusal("falsch", attacker))
        waits.append(login.throttle.wait("10.6.6.6"))
        clock.now += 0.1  # 10 guesses per second
    assert answers[:3] == ["Falsches Token."] * 3 and waits[:3] == [0, 0, 0]
    assert waits[3] == pytest.approx(1.0)  # the 4th failure: wait 1 s, then 2, 4, ...
    assert answers[19].startswith("Zu viele Fehlversuche")
    # Even the right token is refused while the client must wait; others are unaffected.
    assert login.refusal("geheim", attacker).startswith("Zu viele Fehlversuche")
    assert login.refusal("geheim", admin) is None
    for _ in range(6):  # wait out the doubling delays until the lockout
        clock.now += login.throttle.wait("10.6.6.6") + 0.01
        login.refusal("falsch", attacker)
    assert login.throttle.wait("10.6.6.6") == pytest.approx(900, abs=1)
    clock.now += 901
    assert login.refusal("geheim", attacker) is None  # lockout over, right token accepted
    assert caplog.records and all(r.exc_info is None for r in caplog.records)
    assert all("\n" not in r.getMessage() for r in caplog.records)


def _edge_client(max_bytes=1000):
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    async def echo(request):
        return PlainTextResponse(str(len(await request.body())))

    passes = UploadPasses()
    app = Starlette(routes=[Route("/gradio_api/upload", echo, methods=["POST"]),
                            Route("/gradio_api/queue/join", echo, methods=["POST"])])
    return TestClient(Edge(app, max_request_bytes=max_bytes, passes=passes)), passes


def test_uploads_need_an_admin_pass():
    client, passes = _edge_client()
    big = b"x" * 4_900_000
    assert client.post("/gradio_api/upload", content=big).status_code == 403
    client.cookies.set(COOKIE, "guessed")
    assert client.post("/gradio_api/upload", content=b"a").status_code == 403
    client.cookies.set(COOKIE, passes.issue())
    assert client.post("/gradio_api/upload", content=b"abc").text == "3"


def test_request_bodies_are_bounded():
    client, _ = _edge_client(max_bytes=1000)
    assert client.post("/gradio_api/queue/join", content=b"x" * 999).text == "999"
    assert client.post("/gradio_api/queue/join", content=b"x" * 20_000_000).status_code == 413

    def chunks():  # no Content-Length: counted while reading
        for _ in range(5):
            yield b"x" * 400

    assert client.post("/gradio_api/queue/join", content=chunks()).status_code == 413
