"""Ingest throughput against the raw encode throughput of the same model, and the cost of
reindexing one changed document in a large store.

    nice -n 10 python -m bench.ingest_bench --docs 40 --reindex-chunks 10000 --json out.json

1. Throughput: --docs synthetic documents are ingested into a fresh store by the real Indexer;
   the same embedder (same batch size) encodes exactly the texts the indexer embeds (the
   page_content of every chunk and sentence record ingest.passages.to_documents yields for
   the files) before and after. Reported: records/second of both and their ratio (target:
   ingest >= 90% of raw encode), with the chunk and sentence counts.
2. Reindex: a store of --reindex-chunks synthetic chunks (bench.scale, generated vectors) is
   copied; one document is changed and the whole folder ingested again with the real model.
   Reported: seconds and records embedded, next to a run with nothing changed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench import scale, synthetic


def timed(fn) -> tuple[object, float, float]:
    """fn's result, wall seconds and CPU seconds of this process (all threads)."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def embedded_texts(files: list[Path], max_chars: int) -> tuple[list[str], int, int]:
    """The texts ingest embeds for files (chunks and sentences), and the two counts."""
    from ingest.passages import to_documents
    from ingest.reader import read_text

    docs = [d for f in files for d in to_documents(read_text(f, 1 << 30), max_chars)[0]]
    chunks = sum(d.metadata["kind"] == "chunk" for d in docs)
    return [d.page_content for d in docs], chunks, len(docs) - chunks


def _profiled(fn, profile: Path | None):
    if not profile:
        return fn()
    from pyinstrument import Profiler

    profiler = Profiler()
    profiler.start()
    try:
        return fn()
    finally:
        profiler.stop()
        profile.write_text(profiler.output_text(unicode=True, show_all=False))


def throughput(n_docs: int, seed: int, profile: Path | None) -> dict:
    """Ingest vs raw encode on n_docs fresh synthetic documents."""
    from bot.factory import build_indexer, chunk_chars, embedder_for

    with tempfile.TemporaryDirectory(prefix="cb-ingest-bench-") as tmp:
        src = synthetic.write(synthetic.corpus(n_docs, seed), Path(tmp) / "texts")
        settings = scale.settings_for(Path(tmp) / "store")
        embedder = embedder_for(settings.embedding_model)
        max_chars = chunk_chars(settings, embedder)
        texts, n_chunks, n_sentences = embedded_texts(sorted(src.glob("*.txt")), max_chars)
        embedder.embed_documents(texts[:64])  # warm-up: first calls allocate
        _, raw_wall_1, raw_cpu_1 = timed(lambda: embedder.embed_documents(texts))
        indexer = build_indexer(settings)
        summary, wall, cpu = timed(lambda: _profiled(lambda: indexer.run([src]), profile))
        _, raw_wall_2, raw_cpu_2 = timed(lambda: embedder.embed_documents(texts))
    n = len(texts)
    raw_wall, raw_cpu = (raw_wall_1 + raw_wall_2) / 2, (raw_cpu_1 + raw_cpu_2) / 2
    return {
        "model": embedder.name,
        "documents": n_docs,
        "chunk_chars": max_chars,
        "chunks": n_chunks,
        "sentences": n_sentences,
        "texts": n,
        "texts_embedded_by_ingest": summary.chunks_embedded,
        "batch_size": getattr(embedder, "batch_size", None),
        # Wall-clock rates swing with other processes on a shared machine; CPU seconds of this
        # process are the steadier comparison.
        "raw_encode_texts_per_s": [round(n / raw_wall_1, 1), round(n / raw_wall_2, 1)],
        "ingest_texts_per_s": round(summary.chunks_embedded / wall, 1),
        "ratio_wall": round(raw_wall / wall, 3),
        "raw_encode_cpu_s": [round(raw_cpu_1, 1), round(raw_cpu_2, 1)],
        "ingest_cpu_s": round(cpu, 1),
        "ratio_cpu": round(raw_cpu / cpu, 3),
        "ingest_seconds": round(wall, 2),
        "failed": summary.failed,
    }


def _timed_run(indexer, files: list[Path], victim: Path, max_chars: int) -> dict:
    summary, wall, _ = timed(lambda: indexer.run(files))
    return {
        "seconds": round(wall, 2),
        "records_embedded": summary.chunks_embedded,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "document_records": len(embedded_texts([victim], max_chars)[0]),
    }


def reindex(chunks: int, seed: int) -> dict:
    """Time and work of ingesting a store's folder again with one document changed."""
    from bot.factory import build_indexer, build_knowledge

    base = scale.build(chunks, seed=seed, with_corpus=False)
    n_docs = chunks // scale.CHUNKS_PER_DOC
    files, _ = scale.synthetic_files(n_docs, seed)
    out = {"store_chunks": build_knowledge(base).status()["chunks"]}
    with tempfile.TemporaryDirectory(prefix="cb-reindex-bench-") as tmp:
        store = Path(tmp) / "store"
        shutil.copytree(base.store_dir, store)
        # The copy knows the texts under their paths in the cache: ingest those paths.
        indexer = build_indexer(scale.settings_for(store))
        victim = files[n_docs // 2]
        original = victim.read_text(encoding="utf-8")
        out["nothing_changed"] = _timed_run(indexer, files, victim, indexer.max_chars)
        try:
            victim.write_text(original + "\nEin neuer Absatz für den Benchmark.\n", "utf-8")
            out["one_changed"] = _timed_run(indexer, files, victim, indexer.max_chars)
            # A new title changes every record's metadata: the whole document is embedded again.
            lines = original.split("\n")
            victim.write_text("\n".join([lines[0] + " (neu)", *lines[1:]]), "utf-8")
            out["one_rewritten"] = _timed_run(indexer, files, victim, indexer.max_chars)
        finally:
            victim.write_text(original, "utf-8")  # the cached texts stay as generated
    return out


def main() -> None:
    """Command line: run the ingest benchmarks and print (or write) JSON figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=40, help="documents for the throughput run")
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
        "load_average_before": scale.load_average(),
    }
    report["throughput"] = throughput(args.docs, args.seed, args.profile)
    scale.log(f"throughput: {report['throughput']}")
    if args.reindex_chunks:
        report["reindex"] = reindex(args.reindex_chunks, 0)
        scale.log(f"reindex: {report['reindex']}")
    report["load_average_after"] = scale.load_average()
    scale.emit(report, args.json)


if __name__ == "__main__":
    main()
