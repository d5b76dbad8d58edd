"""Knowledge bases of 1k, 10k and 100k chunks for the benchmarks, built by the real ingest.

A scale store holds the real corpus (../shared/corpus, embedded live) plus the first
chunks // 8 synthetic documents (8 chunks each). It is written by the real Indexer: the same
chunks, metadata, record manager rows, documents and salary facts as `careerbot ingest` writes;
only the synthetic chunks' vectors come from bench/cache (bench.embedcache) instead of being
computed again. Stores are kept under bench/cache/stores/ and reused while they are complete.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from bench import embedcache, synthetic

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
CACHE = embedcache.CACHE_DIR
CHUNKS_PER_DOC = 8


def offline() -> None:
    """The environment careerbot's CLI sets: no downloads, no telemetry."""
    from bot.environment import offline as set_offline

    set_offline()


def emit(report, path: Path | None) -> None:
    """Print a result as JSON on stdout, and save it to path when one is given."""
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if path:
        path.write_text(text + "\n", encoding="utf-8")


def log(msg: str) -> None:
    """Progress on stderr, so stdout stays machine-readable."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def texts_dir(seed: int = 0) -> Path:
    """Folder holding the synthetic texts written so far for seed."""
    return CACHE / "texts" / f"seed{seed}"


def synthetic_files(n_docs: int, seed: int = 0) -> tuple[list[Path], list]:
    """Paths of the first n_docs synthetic texts (written if missing) and the documents."""
    docs = synthetic.corpus(n_docs, seed)
    folder = synthetic.write(docs, texts_dir(seed))
    return [folder / d.name for d in docs], docs


def settings_for(store_dir: Path, **overrides):
    """careerbot Settings for a benchmark store; CAREERBOT_* variables still apply (server mode)."""
    from bot.settings import Settings

    return Settings(store_dir=store_dir, **overrides)


def store_path(chunks: int, seed: int = 0, with_corpus: bool = True) -> Path:
    """Where the benchmark store of this size is kept."""
    return CACHE / "stores" / f"syn{chunks}-seed{seed}{'' if with_corpus else '-only'}"


def build(chunks: int, store_dir: Path | None = None, seed: int = 0, with_corpus: bool = True):
    """A store of the real corpus plus about `chunks` synthetic chunks; returns its Settings."""
    from bot.factory import build_indexer, build_knowledge, embedder_for

    n_docs = chunks // CHUNKS_PER_DOC
    store_dir = store_dir or store_path(chunks, seed, with_corpus)
    settings = settings_for(store_dir)
    files, docs = synthetic_files(n_docs, seed)
    sources = files + ([CORPUS] if with_corpus else [])
    expected_docs = n_docs + (len(list(CORPUS.glob("*.txt"))) if with_corpus else 0)
    if (store_dir / "careerbot.sqlite").exists() or settings.database_url:
        status = build_knowledge(settings).status()
        if status["documents"] == expected_docs and status["last_ingest"]:
            log(f"reusing store {store_dir}: {status['chunks']} chunks")
            return settings
    real = embedder_for(settings.embedding_model)
    t0 = time.perf_counter()
    table = embedcache.corpus_vectors(docs, real.name, real.embed_documents, log=log)
    log(f"{len(table)} cached vectors loaded in {time.perf_counter() - t0:.1f}s")
    indexer = build_indexer(settings)
    indexer.embedder = embedcache.CachedEmbedder(real, table)
    t0 = time.perf_counter()
    step = max(1, len(sources) // 20)

    def progress(done: int, total: int, name: str) -> None:
        if done % step == 0:
            log(f"ingest {done}/{total}")

    summary = indexer.run(sources, progress=progress)
    log(
        f"built {store_dir}: {summary.chunks} chunks in {time.perf_counter() - t0:.0f}s, "
        f"{indexer.embedder.misses} vectors computed live"
    )
    if summary.failed:
        raise RuntimeError(summary.text())
    return settings


def rss_mb() -> tuple[float, float]:
    """Resident memory of this process now and at its peak, in MB."""
    fields = {}
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
