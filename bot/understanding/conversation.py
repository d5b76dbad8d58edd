"""Conversations: earlier turns resolve follow-ups; the CLI chat loop and answer printing."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.model import Answer
from bot.understanding.analysis import Query, analyse, follow_up


def user_turns(history: Iterable | None) -> list[str]:
    """Earlier user questions from strings, (user, bot) pairs or Gradio message dicts."""
    turns: list[str] = []
    for item in history or []:
        if isinstance(item, str):
            turns.append(item)
        elif isinstance(item, dict) and item.get("role") == "user":
            content = item.get("content")
            if isinstance(content, list):  # Gradio 6 content parts
                content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
            if isinstance(content, str):
                turns.append(content)
        elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
            turns.append(item[0])
    return [t.encode("utf-8", "replace").decode("utf-8") for t in turns]  # no lone surrogates


def resolve(question: str, history: Iterable | None, covered: list[str]) -> Query:
    """The question as a standalone Query, with city and topic carried over from earlier turns."""
    previous: Query | None = None
    for turn in user_turns(history)[-10:]:
        q = analyse(turn, covered, previous.language if previous else "de")
        previous = follow_up(q, previous) if previous else q
    query = analyse(question, covered, previous.language if previous else "de")
    return follow_up(query, previous) if previous else query


def format_answer(answer: Answer) -> str:
    """An answer with its numbered sources, for a terminal."""
    lines = [answer.answer]
    for c in answer.citations:
        where = f"{c.source}:{c.start}-{c.end}"
        lines.append(f"  [{c.n}] {c.city or '?'} — {c.title} ({where})")
    return "\n".join(lines)


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
        print_answer(bot.ask(line, history), as_json)
        history.append(line)
    return 0
