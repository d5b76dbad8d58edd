"""The HTTP edge of the web app: request bodies are bounded, and Gradio's generic upload route
takes files only from a browser whose admin has logged in (an upload pass in a cookie).

Gradio's POST /gradio_api/upload has no per-event permission: any visitor could fill the
temp cache. The admin login hands the browser a random pass; this middleware refuses uploads
without a valid one before reading the body. Gradio's max_file_size and delete_cache bound the
rest (see launch_options)."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from http.cookies import SimpleCookie

log = logging.getLogger("careerbot.web")
COOKIE = "cb_upload"
PASS_SECONDS = 8 * 3600
# Runs in the browser after a successful login: the pass becomes a same-site cookie that the
# frontend's upload requests carry.
SET_PASS_JS = f"""(pass) => {{
  if (pass) document.cookie =
    "{COOKIE}=" + pass + "; path=/; SameSite=Strict; max-age={PASS_SECONDS}";
}}"""


class UploadPasses:
    """Random upload passes handed out at admin login, valid for PASS_SECONDS."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.valid: dict[str, float] = {}
        self.lock = threading.Lock()

    def issue(self) -> str:
        """A new pass for a browser whose admin just logged in."""
        token = secrets.token_urlsafe(32)
        with self.lock:
            now = self.clock()
            self.valid = {k: v for k, v in self.valid.items() if v > now}  # forget expired
            self.valid[token] = now + PASS_SECONDS
        return token

    def ok(self, token: str | None) -> bool:
        """True if token is a pass issued by this process and not yet expired."""
        with self.lock:
            return bool(token) and self.valid.get(token, 0) > self.clock()


PASSES = UploadPasses()  # one per process: the middleware and the login handler share it


def _cookie(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is no pass
                return None
            if name in jar:
                return jar[name].value
    return None


async def _refuse(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Edge:
    """ASGI middleware: upload pass check, and a body limit for every other request."""

    def __init__(self, app, max_request_bytes: int, passes: UploadPasses = PASSES):
        self.app = app
        self.max_bytes = max_request_bytes
        self.passes = passes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown",))[0]
        if scope["path"].rstrip("/").endswith("/upload"):
            if not self.passes.ok(_cookie(scope["headers"], COOKIE)):
                log.warning("upload refused: %s has no admin upload pass", client)
                return await _refuse(send, 403, "Uploads are for a logged-in admin only.")
            return await self.app(scope, receive, send)  # Gradio's max_file_size applies
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            log.warning("request refused: %s sent %s bytes to %s", client, length, scope["path"])
            return await _refuse(send, 413, f"Request too large (at most {self.max_bytes:,} "
                                 "bytes).")
        if length is None:
            receive = await self._buffered(receive)
            if receive is None:
                return await _refuse(send, 413, "Request too large.")
        return await self.app(scope, receive, send)

    async def _buffered(self, receive):
        """A body without Content-Length, read up to the limit and replayed; None if larger."""
        chunks, size = [], 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                break
            chunks.append(msg.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                return None
            if not msg.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


def middleware(settings) -> list:
    """The FastAPI middleware list for launch(app_kwargs=...)."""
    from starlette.middleware import Middleware

    return [Middleware(Edge, max_request_bytes=settings.max_request_bytes)]
