"""careerbot in server mode (`chroma run` + PostgreSQL on 127.0.0.1) at up to 1M chunks, with
generated vectors for the synthetic records (bench.scale).

    nice -n 5 python -m bench.million_bench --chunks 10000 --json out.json   # run: ~3 min build
    nice -n 5 python -m bench.million_bench --chunks 1000000 --json out.json  # not run: 5-10 h

Starts a PostgreSQL cluster and a Chroma server (tests/servers.py) with their data in a temp
folder, builds the store with the real Indexer (corpus: real model; synthetic: generated
vectors), then serves it in this process and times --questions questions of the corpus
evaluation set twice, cold (right after the start) and warm (query-vector cache emptied before
each question). Reported: chunks, build seconds,
ready seconds, p50/p95 and RSS of this process (which also did the build), the Chroma server's
RSS and both servers' disk. At 1M chunks the build writes about 4.6M records (chunks and
sentences): at the ~260 records/s measured at 10k, five hours or more on 2 cores.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench import scale


def servers(folder: Path):
    """A started (PostgreSQL, Chroma) pair with data under folder."""
    from tests.servers import ChromaServer, PostgresServer

    pg = PostgresServer().start()
    try:
        chroma = ChromaServer(folder / "chroma").start()
    except Exception:
        pg.remove()
        raise
    return pg, chroma


def serve_and_time(settings, questions: int) -> dict:
    """Build the bot over the store and time the first questions of the corpus set: a first,
    cold pass right after the start, then a warm pass as in bench.query_bench."""
    from bot.evaluation.report import percentile
    from bot.evaluation.sets import load_set
    from bot.factory import build_bot

    t0 = time.perf_counter()
    bot = build_bot(settings)
    ready = time.perf_counter() - t0
    cases = load_set("corpus")["cases"][:questions]
    cold, warm = _timed(bot, cases), _timed(bot, cases)
    return {
        "chunks": bot.knowledge.status()["chunks"],
        "ready_seconds": round(ready, 2),
        "questions_timed": len(warm),
        "p50_ms": round(percentile(warm, 0.5), 1),
        "p95_ms": round(percentile(warm, 0.95), 1),
        "cold_p50_ms": round(percentile(cold, 0.5), 1),
        "cold_p95_ms": round(percentile(cold, 0.95), 1),
        "rss_mb": round(scale.rss_mb()[0], 1),
        "peak_rss_mb": round(scale.rss_mb()[1], 1),
    }


def _timed(bot, cases: list[dict]) -> list[float]:
    """Milliseconds per question, the query-vector cache emptied before each."""
    from bench.query_bench import _forget_questions

    times = []
    for case in cases:
        _forget_questions(bot.knowledge.embedder)
        t1 = time.perf_counter()
        bot.ask(case["question"], list(case.get("turns", [])))
        times.append((time.perf_counter() - t1) * 1000)
    return times


def _folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def server_footprint(chroma, pg) -> dict:
    """Resident memory of the Chroma server process, and the disk both servers use."""
    rss, peak = scale.rss_mb(chroma.proc.pid)
    return {
        "chroma_server_rss_mb": round(rss, 1),
        "chroma_server_peak_rss_mb": round(peak, 1),
        "chroma_disk_mb": round(_folder_mb(chroma.path), 1),
        "postgres_disk_mb": round(_folder_mb(pg.data), 1),
    }


def main() -> None:
    """Command line: start the servers, build, measure, stop; JSON on stdout."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=1_000_000)
    ap.add_argument("--questions", type=int, default=20)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    scale.offline()
    with tempfile.TemporaryDirectory(prefix="cb-million-") as tmp:
        pg, chroma = servers(Path(tmp))
        try:
            t0 = time.perf_counter()
            settings = scale.build(
                args.chunks, store_dir=Path(tmp) / "store", database_url=pg.create_database(),
                chroma_url=chroma.url,
            )
            built = time.perf_counter() - t0
            report = {"chunks_target": args.chunks, "vectors": "generated",
                      "model": settings.embedding_model, "build_seconds": round(built, 1),
                      **serve_and_time(settings, args.questions),
                      **server_footprint(chroma, pg)}
        finally:
            chroma.stop()
            pg.remove()
    report["load_average"] = scale.load_average()
    scale.emit(report, args.json)


if __name__ == "__main__":
    main()
