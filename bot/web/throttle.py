"""Fair service under abuse: per-client request rate, one request at a time per session, and
growing delays for wrong admin tokens. In-process state: each app process counts for itself."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("careerbot.web")
MAX_CLIENTS = 10_000  # remembered clients; the least recently seen are forgotten first


def client_of(request) -> str:
    """The client a request comes from: its IP address (proxies' headers are not trusted)."""
    client = getattr(request, "client", None)
    return str(getattr(client, "host", None) or "unknown")


class _Recent(OrderedDict):
    """A bounded map: a flood of new addresses cannot grow it without limit."""

    def touch(self, key, default):
        value = self.pop(key, None)
        self[key] = default() if value is None else value
        while len(self) > MAX_CLIENTS:
            self.popitem(last=False)
        return self[key]


class RateLimiter:
    """A token bucket per client: per_minute requests, refilled evenly, bursts up to per_minute."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.clock = clock
        self.buckets = _Recent()
        self.lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 if the client may go ahead now, else the seconds until it may."""
        now = self.clock()
        with self.lock:
            bucket = self.buckets.touch(client, lambda: [self.capacity, now])
            tokens = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
            if tokens >= 1:
                bucket[0] = tokens - 1
                return 0.0
            bucket[0] = tokens
            return (1 - tokens) / self.rate


class SessionGate:
    """At most one running request per session: a second one is refused, not queued."""

    def __init__(self):
        self.running: set[str] = set()
        self.lock = threading.Lock()

    @contextmanager
    def claim(self, session: str | None) -> Iterator[bool]:
        """True (and held until the block ends) if the session had no request running."""
        if not session:
            yield True
            return
        with self.lock:
            free = session not in self.running
            if free:
                self.running.add(session)
        try:
            yield free
        finally:
            if free:
                with self.lock:
                    self.running.discard(session)


class LoginThrottle:
    """Wrong admin tokens per client: free tries, then doubling waits, then a lockout window."""

    FREE = 3  # typos are forgiven; from the fourth failure on, attempts are spaced out

    def __init__(self, max_failures: int, lockout_seconds: float, clock=time.monotonic):
        self.max_failures = max_failures
        self.lockout = lockout_seconds
        self.clock = clock
        self.clients = _Recent()  # client -> [failures, not allowed before]
        self.lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds the client must wait before its next attempt counts (0: try now)."""
        with self.lock:
            state = self.clients.get(client)
            return max(0.0, state[1] - self.clock()) if state else 0.0

    def failed(self, client: str, action: str = "login") -> None:
        """Record a wrong token and log one line (no traceback)."""
        with self.lock:
            state = self.clients.touch(client, lambda: [0, 0.0])
            state[0] += 1
            n = state[0]
            if n >= self.max_failures:
                delay = self.lockout
            elif n > self.FREE:
                delay = float(2 ** (n - self.FREE - 1))
            else:
                delay = 0.0
            state[1] = self.clock() + delay
        log.warning("admin %s refused: wrong token from %s (failure %d, next try in %.0f s)",
                    action, client, n, delay)

    def succeeded(self, client: str) -> None:
        """A right token clears the client's failures."""
        with self.lock:
            self.clients.pop(client, None)
