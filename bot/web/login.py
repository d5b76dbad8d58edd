"""The admin token check of every admin action, throttled per client and logged in one line."""

from __future__ import annotations

import logging
import math

from bot.web.admin import token_ok
from bot.web.messages import t
from bot.web.throttle import LoginThrottle, client_of

log = logging.getLogger("careerbot.web")


class AdminLogin:
    """Checks tokens for login, upload and reindex alike, so no action is a guessing oracle."""

    def __init__(self, expected: str | None, settings):
        self.expected = expected
        self.throttle = LoginThrottle(settings.login_max_failures, settings.login_lockout_seconds)

    def refusal(self, token: str | None, request, action: str = "login",
                lang: str = "de") -> str | None:
        """None if the token is right and the client may try now; else the message to show."""
        client = client_of(request)
        wait = self.throttle.wait(client)
        if wait:
            log.warning("admin %s refused: %s must wait %.0f s after wrong tokens",
                        action, client, wait)
            return t(lang, "admin_locked", wait=math.ceil(wait))
        if not token_ok(token, self.expected):
            self.throttle.failed(client, action)
            return t(lang, "admin_wrong" if action == "login" else "admin_denied")
        self.throttle.succeeded(client)
        return None
