"""A scripted OpenAI-compatible chat server on 127.0.0.1 for tests of the real client path."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    """POST /v1/chat/completions, streamed (SSE) or not; replies are scripted, requests recorded."""

    def __init__(self, replies: list | None = None, delay: float = 0.0, chunk_delay: float = 0.0):
        self.replies = list(replies or ["NO_ANSWER"])
        self.delay = delay  # seconds to wait before answering
        self.chunk_delay = chunk_delay  # seconds between streamed chunks
        self.requests: list[dict] = []
        self._release = threading.Event()  # lets close() cut a sleeping handler short
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """The /v1 URL to hand to the client."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving and release handlers still waiting."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def next_reply(self, body: dict) -> str:
        """The scripted reply for the next request (a str, or a function of the request body);
        the last one repeats."""
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        return reply(body) if callable(reply) else reply

    def prompt(self, i: int = -1) -> str:
        """All message texts of the i-th recorded request, joined."""
        return "\n".join(str(m.get("content", "")) for m in self.requests[i]["messages"])

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                if self.path != "/v1/chat/completions":
                    self.send_error(404)
                    return
                if fake.delay:
                    fake._release.wait(fake.delay)
                reply = fake.next_reply(body)
                try:
                    if body.get("stream"):
                        self._stream(body["model"], reply)
                    else:
                        self._json(body["model"], reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up; that is what some tests provoke

            def _json(self, model: str, reply: str):
                data = json.dumps(
                    {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": reply},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, model: str, reply: str):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                pieces = re.findall(r"\S+\s*|\s+", reply)  # word by word, like tokens
                deltas = [{"role": "assistant", "content": ""}]
                deltas += [{"content": p} for p in pieces]
                for i, delta in enumerate(deltas + [{}]):
                    chunk = {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion.chunk",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "delta": delta,
                                "finish_reason": "stop" if i == len(deltas) else None,
                            }
                        ],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    if fake.chunk_delay and fake._release.wait(fake.chunk_delay):
                        return
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound once, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
