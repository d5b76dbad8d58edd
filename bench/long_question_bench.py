"""What the longest accepted questions cost (2,000 characters, the question limit): CPU and
wall seconds of each, asked once after one ordinary question, on a store of the project's own
sample texts, with the whole-text query encodings it took (the word vectors of answerability's
word_match features are encoded apart and not counted).

    HF_HUB_OFFLINE=1 python -m bench.long_question_bench
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

QUESTIONS = {
    "one 1,999-letter word": "ä" * 1999,
    "a question padded to 1,900 characters": "Was verdient man in Bochum? " + "sehr " * 375,
    "1,999 x": "x" * 1999,
}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _counted(embedder) -> list[int]:
    """Counts the embedder's query encodings through embed_query (one entry per call, its batch
    size); the word-vector encoder bound earlier is not counted."""
    calls: list[int] = []
    encode = embedder.encode

    def counting(texts, query=False):
        if query:
            calls.append(len(texts))
        return encode(texts, query)

    embedder.encode = counting
    return calls


def main() -> None:
    """Build the store, ask each question once, print its cost."""
    from bot.evaluation.runner import build_store
    from bot.settings import Settings, offline

    offline()
    texts = [Path(__file__).resolve().parents[1] / "knowledge" / "texts"]
    with tempfile.TemporaryDirectory() as tmp:
        bot, _ = build_store(Settings(), texts, Path(tmp) / "store")
        embedder = bot.knowledge.embedder
        calls = _counted(getattr(embedder, "underlying_embeddings", embedder))
        bot.ask("Was verdient man in Bochum?")  # models loaded, as in a running bot
        print(f"{'question':40} {'cpu s':>6} {'wall s':>6}  encodings (texts each)")
        for name, question in QUESTIONS.items():
            calls.clear()
            cpu, wall = _cpu(), time.perf_counter()
            answer = bot.ask(question)
            cpu, wall = _cpu() - cpu, time.perf_counter() - wall
            print(f"{name:40} {cpu:6.2f} {wall:6.2f}  {calls} -> {answer.status}")


if __name__ == "__main__":
    main()
