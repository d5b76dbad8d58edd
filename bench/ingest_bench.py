"""Ingest throughput against the raw encode throughput of the same model, and the cost of
reindexing one changed document in a large store.

    nice -n 10 python -m bench.ingest_bench --docs 250 --reindex-chunks 10000 --json out.json

1. Throughput: --docs synthetic documents (8 chunks each) are ingested into a fresh store by
   the real Indexer; the same model encodes the same chunk texts with the same batch size
   before and after (SentenceTransformer.encode via our embedder). Reported: chunks/second of
   both and their ratio (target: ingest >= 90% of raw encode).
2. Reindex: a store of --reindex-chunks synthetic chunks (bench.scale, cached vectors) is
   copied; one document is changed and the whole folder ingested again with the real model.
   Reported: seconds and chunks embedded, next to a run with nothing changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import embedcache, scale, synthetic


def timed(fn) -> tuple[object, float, float]:
    """fn's result, wall seconds and CPU seconds of this process (all threads)."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def throughput(n_docs: int, seed: int, profile: Path | None) -> dict:
    """Ingest vs raw encode on n_docs fresh synthetic documents."""
    from bot.factory import build_indexer, embedder_for

    docs = synthetic.corpus(n_docs, seed)
    texts = [t for d in docs for t in embedcache.chunk_texts(d)]
    with tempfile.TemporaryDirectory(prefix="cb-ingest-bench-") as tmp:
        src = synthetic.write(docs, Path(tmp) / "texts")
        settings = scale.settings_for(Path(tmp) / "store")
        embedder = embedder_for(settings.embedding_model)
        embedder.encode(texts[:64])  # warm-up: first calls allocate
        _, raw_wall_1, raw_cpu_1 = timed(lambda: embedder.encode(texts))
        indexer = build_indexer(settings)
        profiler = None
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
        summary, wall, cpu = timed(lambda: indexer.run([src]))
        if profiler:
            profiler.stop()
            profile.write_text(profiler.output_text(unicode=True, show_all=False))
        _, raw_wall_2, raw_cpu_2 = timed(lambda: embedder.encode(texts))
    n = len(texts)
    raw_wall = (raw_wall_1 + raw_wall_2) / 2
    raw_cpu = (raw_cpu_1 + raw_cpu_2) / 2
    return {
        "documents": n_docs,
        "chunks": n,
        "chunks_embedded": summary.chunks_embedded,
        "batch_size": embedder.batch_size,
        # Wall-clock rates swing with other processes on a shared machine; CPU seconds of this
        # process are the steadier comparison.
        "raw_encode_chunks_per_s": [round(n / raw_wall_1, 1), round(n / raw_wall_2, 1)],
        "ingest_chunks_per_s": round(summary.chunks_embedded / wall, 1),
        "ratio_wall": round(raw_wall / wall, 3),
        "raw_encode_cpu_s": [round(raw_cpu_1, 1), round(raw_cpu_2, 1)],
        "ingest_cpu_s": round(cpu, 1),
        "ratio_cpu": round(raw_cpu / cpu, 3),
        "ingest_seconds": round(wall, 2),
        "failed": summary.failed,
    }


def reindex(chunks: int, seed: int) -> dict:
    """Time and work of ingesting a store's folder again with one document changed."""
    from bot.factory import build_indexer, build_knowledge

    base = scale.build(chunks, seed=seed, with_corpus=False)
    n_docs = chunks // scale.CHUNKS_PER_DOC
    files, docs = scale.synthetic_files(n_docs, seed)
    out = {"store_chunks": build_knowledge(base).status()["chunks"]}
    with tempfile.TemporaryDirectory(prefix="cb-reindex-bench-") as tmp:
        store = Path(tmp) / "store"
        shutil.copytree(base.store_dir, store)
        # The copy knows the texts under their paths in bench/cache: ingest those paths.
        settings = scale.settings_for(store)
        indexer = build_indexer(settings)
        t0 = time.perf_counter()
        same = indexer.run(files)
        out["nothing_changed"] = {
            "seconds": round(time.perf_counter() - t0, 2),
            "chunks_embedded": same.chunks_embedded,
            "unchanged": same.unchanged,
        }
        victim = files[n_docs // 2]
        original = victim.read_text(encoding="utf-8")
        try:
            victim.write_text(original + "\nEin neuer Absatz für den Benchmark.\n", "utf-8")
            t0 = time.perf_counter()
            one = indexer.run(files)
            out["one_changed"] = {
                "seconds": round(time.perf_counter() - t0, 2),
                "chunks_embedded": one.chunks_embedded,
                "updated": one.updated,
                "document_chunks": len(embedcache.chunk_texts(docs[n_docs // 2])) + 1,
            }
            # A new title changes every chunk's metadata: the whole document is embedded again.
            lines = original.split("\n")
            victim.write_text("\n".join([lines[0] + " (neu)", *lines[1:]]), "utf-8")
            t0 = time.perf_counter()
            all_new = indexer.run(files)
            out["one_rewritten"] = {
                "seconds": round(time.perf_counter() - t0, 2),
                "chunks_embedded": all_new.chunks_embedded,
                "updated": all_new.updated,
                "document_chunks": len(embedcache.chunk_texts(docs[n_docs // 2])),
            }
        finally:
            victim.write_text(original, "utf-8")  # the cached texts stay as generated
    return out


def main() -> None:
    """Command line: run the ingest benchmarks and print (or write) JSON figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=250, help="documents for the throughput run")
    ap.add_argument("--reindex-chunks", type=int, default=10_000, help="0 skips the reindex run")
    ap.add_argument("--seed", type=int, default=1, help="throughput texts (not the cached ones)")
    ap.add_argument("--profile", type=Path, help="write a pyinstrument profile of the ingest")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument(
        "--group",
        type=int,
        nargs=2,
        metavar=("CHUNKS", "DOCS"),
        help="try other ingest group limits (ingest.indexer.GROUP_*)",
    )
    args = ap.parse_args()
    scale.offline()
    from ingest import indexer

    if args.group:
        indexer.GROUP_CHUNKS, indexer.GROUP_DOCS = args.group
        indexer.FIRST_GROUP_DOCS = min(indexer.FIRST_GROUP_DOCS, args.group[1])
    report = {
        "group_chunks": indexer.GROUP_CHUNKS,
        "group_docs": indexer.GROUP_DOCS,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    report["throughput"] = throughput(args.docs, args.seed, args.profile)
    scale.log(f"throughput: {report['throughput']}")
    if args.reindex_chunks:
        report["reindex"] = reindex(args.reindex_chunks, 0)
        scale.log(f"reindex: {report['reindex']}")
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    scale.emit(report, args.json)


if __name__ == "__main__":
    main()
