"""Question latency (p50/p95, warm), memory of the serving process and answer accuracy at 1k,
10k and 100k chunks, for careerbot and the plain vector baseline (bot/evaluation/baseline.py).

    nice -n 10 python -m bench.query_bench --chunks 0 1000 10000 --json out.json

Each store holds the real corpus plus synthetic texts (bench.scale: generated vectors for the
synthetic records; 0 = the corpus alone). Each (store, system) is measured in a fresh child
process, so the RSS is that of a process serving only that store. Questions: the corpus
evaluation set (bot/evaluation/sets/corpus.json) plus, on synthetic stores, entry-salary
questions on synthetic Medizininformatiker texts whose ranges the generator knows; all are
checked as `careerbot eval` checks them, against the documents the store keeps. One checked
pass warms up, then --rounds timed passes give the latency samples; the query-vector cache
is emptied before each timed question, so each one includes encoding it with the real model.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench import scale

SYNTHETIC_QUESTIONS = 20


def euro(n: int) -> str:
    """3200 -> '3.200', as the texts and answers write amounts."""
    return f"{n:,}".replace(",", ".")


def synthetic_cases(n_docs: int, seed: int = 0) -> list[dict]:
    """Entry-salary questions on synthetic Medizininformatiker texts, with their answers."""
    from bench import synthetic

    cases = []
    for d in synthetic.corpus(n_docs, seed):
        if d.profession == "Medizininformatiker" and len(cases) < SYNTHETIC_QUESTIONS:
            cases.append(
                {
                    "id": f"syn-{d.name}",
                    "split": "test",
                    "turns": [],
                    "question": f"Was verdient ein Medizininformatiker als Berufseinsteiger in "
                    f"{d.city}?",
                    "language": "de",
                    "expect_status": "answered",
                    "expect_city": d.city,
                    "expect_profession": "Medizininformatiker",
                    "expect_facts": [euro(d.entry[0]), euro(d.entry[1])],
                    "kind": "salary",
                }
            )
    return cases


def _forget_questions(embedder) -> None:
    """Empty the embedder's query-vector cache, so the next question is encoded afresh."""
    cache = getattr(getattr(embedder, "real", embedder), "_cache", None)
    if cache is not None:
        with cache._lock:
            cache._items.clear()


def _system(system: str, settings, documents: dict):
    """(ask, embedder) of careerbot or the vector baseline over the store."""
    from bot.factory import build_bot, embedder_for

    real = embedder_for(settings.embedding_model)
    if system == "careerbot":
        return build_bot(settings).ask, real
    from bot.evaluation.baseline import VectorBaseline, split

    # Its own 1,000-character chunks: real vectors for the corpus's, generated for the rest.
    corpus = {s: d for s, d in documents.items() if Path(s).parent == scale.corpus_dir().resolve()}
    live = frozenset(doc.page_content for doc in split(corpus))
    return VectorBaseline(documents, scale.GeneratedEmbedder(real, live)).ask, real


def _checked(ask, cases: list[dict], docs) -> dict:
    from bot.evaluation.report import metrics
    from bot.evaluation.runner import evaluate

    results = evaluate(ask, cases, docs)
    out = {k: v for k, v in metrics(results).items() if k not in ("p50_ms", "p95_ms")}
    # Ids and what was missing, not the answers: those quote the city texts, which the
    # repository must not repeat.
    out["wrong"] = [
        {k: r[k] for k in ("id", "missing", "wrong_city", "foreign_citations")}
        for r in results if not r["right"]
    ][:5]
    out["wrong_ids"] = [r["id"] for r in results if not r["right"]]
    return out


def _timed(ask, embedder, cases: list[dict], rounds: int) -> tuple[list[float], list]:
    times, slowest = [], []
    for _ in range(rounds):
        for case in cases:
            _forget_questions(embedder)
            t1 = time.perf_counter()
            ask(case["question"], list(case.get("turns", [])))
            times.append((time.perf_counter() - t1) * 1000)
            slowest = sorted([*slowest, (times[-1], case["question"][:60])])[-3:]
    return times, slowest


def measure(chunks: int, system: str, rounds: int, questions: int | None = None) -> dict:
    """Child process: serve one store with one system and time the questions."""
    from bot.evaluation.checks import Documents
    from bot.evaluation.report import percentile
    from bot.evaluation.runner import stored_documents
    from bot.evaluation.sets import load_set
    from bot.factory import build_knowledge

    scale.offline()
    settings = scale.settings_for(scale.store_path(chunks))  # built by the parent
    n_docs = chunks // scale.CHUNKS_PER_DOC
    corpus_cases = load_set("corpus")["cases"][:questions]
    syn_cases = synthetic_cases(n_docs)[:questions] if n_docs else []
    rss_before = scale.rss_mb()[0]
    t0 = time.perf_counter()
    documents = stored_documents(build_knowledge(settings))
    ask, embedder = _system(system, settings, documents)
    out = {"chunks_target": chunks, "system": system,
           "ready_seconds": round(time.perf_counter() - t0, 2)}
    docs = Documents(documents)
    out["corpus"] = _checked(ask, corpus_cases, docs)
    if syn_cases:
        out["synthetic"] = _checked(ask, syn_cases, docs)
    times, slowest = _timed(ask, embedder, corpus_cases + syn_cases, rounds)
    rss, hwm = scale.rss_mb()
    out.update({
        "questions_timed": len(times),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "slowest": [(round(ms), q) for ms, q in reversed(slowest)],
        "rss_mb": round(rss, 1),
        "rss_before_load_mb": round(rss_before, 1),
        "peak_rss_mb": round(hwm, 1),
        "model": settings.embedding_model,
        "load_average": scale.load_average(),
    })
    return out


def _child(chunks: int, system: str, args, in_store: int) -> dict:
    """measure() in a fresh process; its figures, or the error."""
    child = subprocess.run(
        [sys.executable, "-m", "bench.query_bench", "--one", "--chunks", str(chunks),
         "--systems", system, "--rounds", str(args.rounds)]
        + (["--questions", str(args.questions)] if args.questions else []),
        cwd=scale.REPO, capture_output=True, text=True,
    )
    if child.returncode:
        scale.log(f"{system} at {chunks} failed:\n{child.stderr[-3000:]}")
        return {"chunks_target": chunks, "chunks": in_store, "system": system,
                "error": child.stderr[-1000:]}
    r = {"chunks": in_store, **json.loads(child.stdout.splitlines()[-1])}
    scale.log(f"{system} {chunks}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, rss "
              f"{r['rss_mb']} MB, accuracy {r['corpus']['accuracy']}")
    return r


def main() -> None:
    """Command line: build the stores, then measure each (store, system) in a child."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, nargs="+", default=[0, 1000, 10_000])
    ap.add_argument("--systems", nargs="+", default=["careerbot", "baseline"])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline-max-chunks", type=int, default=10_000)
    ap.add_argument("--questions", type=int, help="only the first N corpus and synthetic cases")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.chunks[0], args.systems[0], args.rounds, args.questions)))
        return
    scale.offline()
    from bot.factory import build_knowledge

    results = []
    for chunks in args.chunks:
        # Built here, so the children's memory is that of serving only.
        in_store = build_knowledge(scale.build(chunks)).status()["chunks"]
        for system in args.systems:
            if system == "baseline" and chunks > args.baseline_max_chunks:
                scale.log(f"baseline not measured at {chunks} chunks (--baseline-max-chunks)")
                continue
            scale.log(f"measuring {system} at {chunks} chunks")
            results.append(_child(chunks, system, args, in_store))
            if args.json:
                args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
