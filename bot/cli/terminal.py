"""Text output for a terminal: texts from the store or the user never carry control sequences.

A quoted passage could hold ANSI escapes (colour, cursor moves, window titles, OSC 8 links) or
bidi overrides that make the terminal show something other than the text; they are removed from
the text output only. JSON output stays exact, as citation offsets index the original text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace

from bot.limits import REFUSALS
from bot.model import Answer

# C0 controls except tab and newline, DEL, C1 controls (U+009B is a one-character CSI), and the
# bidi embeddings, overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """text without control characters other than newline and tab."""
    return CONTROL.sub("", text) if isinstance(text, str) else text


def for_terminal(answer: Answer) -> Answer:
    """A copy of answer whose texts are safe to print."""
    return replace(
        answer,
        question=clean(answer.question),
        answer=clean(answer.answer),
        citations=[
            replace(c, source=clean(c.source), title=clean(c.title), city=clean(c.city),
                    quote=clean(c.quote))
            for c in answer.citations
        ],
    )


def format_answer(answer: Answer) -> str:
    """An answer with its numbered sources, for a terminal (texts already cleaned)."""
    lines = [answer.answer]
    for c in answer.citations:
        lines.append(f"  [{c.n}] {c.city or '?'} — {c.title} ({c.source}:{c.start}-{c.end})")
    return "\n".join(lines)


def print_answer(answer: Answer, as_json: bool = False) -> None:
    """Print one answer: as one exact JSON line, or as text without control characters."""
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
    else:
        print(format_answer(for_terminal(answer)) + "\n", flush=True)


def chat_loop(bot, lines: Iterable[str], as_json: bool = False) -> int:
    """One answer per input line; '/new' starts a new conversation; refused lines stay out."""
    history: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if line.strip() == "/new":
            history = []
            continue
        answer = bot.ask(line, history)
        print_answer(answer, as_json)
        if answer.reason not in REFUSALS:  # an over-long line never becomes context
            history.append(line)
    return 0
