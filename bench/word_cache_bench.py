"""What the word vectors of answerability's word_match features cost (bot/answering/coverage.py):
one process asks an evaluation set's dev questions first (the word cache starts empty, so the
candidate sentences' words are embedded as they are first seen), then its test questions on the
same texts (most words already kept). Per-question latency, median and p95, per pass.

    nice -n 5 python -m bench.word_cache_bench --set samples --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _latencies(bot, cases: list[dict]) -> list[float]:
    out = []
    for case in cases:
        t0 = time.perf_counter()
        bot.ask(case["question"], list(case.get("turns", [])))
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _summary(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {
        "questions": len(ms),
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 1) if ms else None,
    }


def spread(cases: list[dict], limit: int | None) -> list[dict]:
    """At most limit cases, evenly spaced: a short pass still meets the set's kinds (its
    first questions are all on pay, which the facts table answers without word vectors)."""
    if limit is None or limit >= len(cases):
        return cases
    return [cases[i * len(cases) // limit] for i in range(limit)]


def measure(evalset: str, limit: int | None) -> dict:
    """Cold (dev questions, empty word cache) and warm (test questions) latencies."""
    from bot.evaluation.runner import build_store
    from bot.evaluation.sets import cases_of, load_set
    from bot.settings import Settings

    data = load_set(evalset)
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="careerbot-words-") as tmp:
        bot, ingest = build_store(settings, data["texts"], Path(tmp) / "store")
        cold = _latencies(bot, spread(cases_of(data, "dev"), limit))
        coverage = getattr(bot, "coverage", None)  # code from before the features has none
        words = len(coverage._vectors) if coverage else None
        warm = _latencies(bot, spread(cases_of(data, "test"), limit))
    return {
        "set": data["name"],
        "model": settings.embedding_model,
        "chunks": ingest["chunks"],
        "cold": _summary(cold),
        "words_kept_after_cold": words,
        "warm": _summary(warm),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    """Run; the figures on stderr, the JSON on stdout (and to --json)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="evalset", default="samples")
    ap.add_argument(
        "--limit",
        type=int,
        default=None,
        help="questions per pass, spread over the set (default: all)",
    )
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    from bot.settings import offline

    offline()
    report = measure(args.evalset, args.limit)
    for name in ("cold", "warm"):
        r = report[name]
        line = f"{name}: {r['questions']} questions, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms"
        print(line, file=sys.stderr)
    print(
        f"word vectors kept after the cold pass: {report['words_kept_after_cold']}", file=sys.stderr
    )
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
