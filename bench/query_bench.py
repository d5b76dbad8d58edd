"""Question latency (p50/p95, warm), memory of the serving process and answer accuracy at 1k,
10k and 100k chunks, for careerbot and the plain vector baseline (bot/baseline.py).

    nice -n 10 python -m bench.query_bench --chunks 0 1000 10000 100000 --json out.json

Each store holds the real corpus plus synthetic texts (bench.scale; 0 = the corpus alone). Each
(store, system) is measured in a fresh child process, so the RSS is that of a process serving
only that store. Questions: the corpus evaluation set (bot/evaluation/sets/corpus.json, checked as
`careerbot eval` checks them) plus, on synthetic stores, entry-salary questions on synthetic
Medizininformatiker texts whose ranges the generator knows. One checked pass warms up, then
--rounds timed passes give the latency samples.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import embedcache, scale

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
                    "turns": [],
                    "question": f"Was verdient ein Medizininformatiker als Berufseinsteiger in "
                    f"{d.city}?",
                    "language": "de",
                    "expect_status": "answered",
                    "expect_city": d.city,
                    "expect_facts": [euro(d.entry[0]), euro(d.entry[1])],
                    "kind": "salary",
                }
            )
    return cases


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)] if ordered else 0.0


def baseline_embedder(paths: list[Path], real):
    """The baseline's embedder, with its chunks' vectors from the cache where possible."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from bot.evaluation import baseline
    from ingest.reader import discover, read_text

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=baseline.CHUNK_SIZE, chunk_overlap=baseline.CHUNK_OVERLAP
    )
    files, _ = discover(paths)
    texts = [read_text(f, 1 << 30).text for f in files if f.suffix == ".txt"]
    table = {}
    block = embedcache.BLOCK_DOCS
    for b in range(0, len(texts), block):
        chunks = [c for t in texts[b : b + block] for c in splitter.split_text(t)]
        table.update(
            zip(
                chunks,
                embedcache.block_vectors(chunks, real.name, real.embed_documents),
                strict=True,
            )
        )
    return embedcache.CachedEmbedder(real, table)


def measure(chunks: int, system: str, rounds: int) -> dict:
    """Child process: serve one store with one system and time the questions."""
    from bench import synthetic
    from bot.evaluation.runner import Documents, evaluate, load_set

    scale.offline()
    settings = scale.settings_for(scale.store_path(chunks))  # built by the parent
    n_docs = chunks // scale.CHUNKS_PER_DOC
    files = scale.synthetic_files(n_docs)[0] if n_docs else []
    corpus_cases = load_set("corpus")["cases"]
    syn_cases = synthetic_cases(n_docs) if n_docs else []
    rss_before = scale.rss_mb()[0]
    t0 = time.perf_counter()
    if system == "careerbot":
        from bot.factory import build_bot

        ask = build_bot(settings).ask
    else:
        from bot.evaluation.baseline import VectorBaseline
        from bot.factory import embedder_for

        sources = [*files, scale.CORPUS]
        real = embedder_for(settings.embedding_model)
        ask = VectorBaseline(sources, baseline_embedder(sources, real)).ask
    ready_s = time.perf_counter() - t0
    out = {"chunks_target": chunks, "system": system, "ready_seconds": round(ready_s, 2)}
    run = evaluate(ask, corpus_cases, Documents([scale.CORPUS]))
    out["corpus"] = run["metrics"]
    out["corpus"]["wrong"] = [r["id"] for r in run["results"] if not r["correct"]]
    if syn_cases:
        # The texts of the asked cities (all professions there), for hits and citations.
        cities = {c["expect_city"] for c in syn_cases}
        asked = [
            f for f, d in zip(files, synthetic.corpus(n_docs), strict=True) if d.city in cities
        ]
        run = evaluate(ask, syn_cases, Documents([scale.CORPUS, *asked]))
        out["synthetic"] = run["metrics"]
        out["synthetic"]["wrong"] = [
            {k: r[k] for k in ("question", "expect_facts", "answer")}
            for r in run["results"]
            if not r["correct"]
        ][:3]
    times, slowest = [], []
    for _ in range(rounds):
        for case in corpus_cases + syn_cases:
            t1 = time.perf_counter()
            ask(case["question"], list(case.get("turns", [])))
            times.append((time.perf_counter() - t1) * 1000)
            slowest = sorted([*slowest, (times[-1], case["question"][:60])])[-3:]
    rss, hwm = scale.rss_mb()
    out.update(
        {
            "questions_timed": len(times),
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
            "slowest": [(round(ms), q) for ms, q in reversed(slowest)],
            "rss_mb": round(rss, 1),
            "rss_before_load_mb": round(rss_before, 1),
            "peak_rss_mb": round(hwm, 1),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
    )
    return out


def main() -> None:
    """Command line: build the stores, then measure each (store, system) in a child."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, nargs="+", default=[0, 1000, 10_000, 100_000])
    ap.add_argument("--systems", nargs="+", default=["careerbot", "baseline"])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline-max-chunks", type=int, default=10_000)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.chunks[0], args.systems[0], args.rounds)))
        return
    scale.offline()
    from bot.factory import build_knowledge

    results = []
    for chunks in args.chunks:
        # Built here, so the children's memory is that of serving only.
        in_store = build_knowledge(scale.build(chunks)).status()["chunks"]
        for system in args.systems:
            if system == "baseline" and chunks > args.baseline_max_chunks:
                # Its own 1000-character chunks would need embedding afresh: hours at 100k.
                scale.log(f"baseline not measured at {chunks} chunks (--baseline-max-chunks)")
                continue
            scale.log(f"measuring {system} at {chunks} chunks")
            child = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.query_bench",
                    "--one",
                    "--chunks",
                    str(chunks),
                    "--systems",
                    system,
                    "--rounds",
                    str(args.rounds),
                ],
                cwd=scale.REPO,
                capture_output=True,
                text=True,
            )
            if child.returncode:
                scale.log(f"{system} at {chunks} failed:\n{child.stderr[-3000:]}")
                results.append(
                    {
                        "chunks_target": chunks,
                        "chunks": in_store,
                        "system": system,
                        "error": child.stderr[-1000:],
                    }
                )
                continue
            results.append({"chunks": in_store, **json.loads(child.stdout.splitlines()[-1])})
            r = results[-1]
            scale.log(
                f"{system} {chunks}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, rss "
                f"{r['rss_mb']} MB, accuracy {r['corpus']['accuracy']}"
            )
            if args.json:
                args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
