"""Answers in a terminal: text with numbered sources or JSON lines, and the chat loop."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from bot.model import Answer

# C0/C1 control characters except tab and newline: a quoted text must not steer the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """text without control characters (ANSI escapes lose their ESC and stay visible)."""
    return _CONTROL.sub("", text)


def format_answer(answer: Answer) -> str:
    """An answer with its numbered sources, for a terminal."""
    lines = [answer.answer]
    for c in answer.citations:
        where = f"{c.source}:{c.start}-{c.end}"
        lines.append(f"  [{c.n}] {c.city or '?'} — {c.title} ({where})")
    return printable("\n".join(lines))


def print_answer(answer: Answer, as_json: bool = False) -> None:
    """Print one answer as text or as one JSON line."""
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
    else:
        print(format_answer(answer) + "\n", flush=True)


def chat_loop(bot, lines: Iterable[str], as_json: bool = False) -> int:
    """One answer per input line; '/new' starts a new conversation."""
    history: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if line.strip() == "/new":
            history = []
            continue
        answer = bot.ask(line, history)
        print_answer(answer, as_json)
        if answer.reason != "too_long":  # an over-long question never enters the history
            history.append(line)
    return 0
