"""Knowledge bases of 1k, 10k and 100k chunks for the benchmarks, built by the real ingest.

A scale store holds the real corpus (../shared/corpus) plus the first chunks // 8 synthetic
documents (about 8 chunks and 29 sentence records each). It is written by the real Indexer: the
same chunks, sentence records, metadata, record manager rows, documents and salary facts as
`careerbot ingest` writes.

Vectors ("generated vectors" mode, the only one): embedding 100k chunks plus their sentences
with multilingual-e5-small takes days on 2 cores (~10 texts/s), so
1. the real corpus is ingested first with the real model (its vectors are real), then
2. corpus + synthetic texts are ingested with GeneratedEmbedder: the corpus files are unchanged
   and skipped by their sha256 (ingest/indexer.py), so they are not embedded again, and every
   synthetic record gets a deterministic pseudo-random unit vector seeded by sha256 of its
   embedded text. Questions are always encoded by the real model.
Synthetic texts therefore cost the vector index what real ones would (same count, dimension
and HNSW), but vector search cannot find them by meaning: they are found by keywords, city
and profession filters and the facts table. Stores are kept under the cache folder and reused.

The cache folder is bench/cache, or $BENCH_CACHE_DIR; the corpus is $BENCH_CORPUS if set.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bench import synthetic

REPO = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    """The real city texts: BENCH_CORPUS, else ../shared/corpus (read when asked, not at import)."""
    return Path(os.environ.get("BENCH_CORPUS") or REPO.parent / "shared" / "corpus")


def cache_dir() -> Path:
    """Texts and stores the benchmarks keep: BENCH_CACHE_DIR, else bench/cache."""
    return Path(os.environ.get("BENCH_CACHE_DIR") or REPO / "bench" / "cache")

CHUNKS_PER_DOC = 8


def offline() -> None:
    """The environment careerbot's CLI sets: no downloads, no telemetry."""
    from bot.settings import offline as set_offline

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


def load_average() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def generated_vector(text: str, dimension: int) -> np.ndarray:
    """A deterministic pseudo-random unit vector for text (seeded by sha256 of the text)."""
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    v = np.random.default_rng(seed).standard_normal(dimension).astype(np.float32)
    return v / np.linalg.norm(v)


class GeneratedEmbedder(Embeddings):
    """Passages get generated vectors (texts in `live` the real model's); questions the real
    model's. Name, dimension and window are the real model's, so the store looks like its."""

    def __init__(self, real, live: frozenset[str] = frozenset()):
        self.real = real
        self.name = real.name
        self.max_tokens = real.max_tokens
        self.dimension = int(getattr(real, "dimension", 0) or len(real.embed_query("?")))
        self.live = live
        self.generated = 0
        self.embedded_live = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Generated vectors, real ones for the texts in live."""
        real_texts = [t for t in texts if t in self.live]
        real = dict(zip(real_texts, self.real.embed_documents(real_texts), strict=True))
        self.embedded_live += len(real_texts)
        self.generated += len(texts) - len(real_texts)
        return [
            real[t] if t in real else generated_vector(t, self.dimension).tolist() for t in texts
        ]

    def embed_query(self, text: str) -> list[float]:
        """A question's vector from the real model."""
        return self.real.embed_query(text)


def texts_dir(seed: int = 0) -> Path:
    """Folder holding the synthetic texts written so far for seed."""
    return cache_dir() / "texts" / f"seed{seed}"


def synthetic_files(n_docs: int, seed: int = 0) -> tuple[list[Path], list]:
    """Paths of the first n_docs synthetic texts (written if missing) and the documents."""
    docs = synthetic.corpus(n_docs, seed)
    folder = synthetic.write(docs, texts_dir(seed))
    return [folder / d.name for d in docs], docs


def settings_for(store_dir: Path, **overrides):
    """careerbot Settings for a benchmark store; CAREERBOT_* variables still apply (server
    mode), except the embedding cache: a benchmark embeds for real unless told otherwise."""
    from bot.settings import Settings

    return Settings(store_dir=store_dir, **{"embedding_cache": None, **overrides})


def store_path(chunks: int, seed: int = 0, with_corpus: bool = True) -> Path:
    """Where the benchmark store of this size (and configured model) is kept."""
    model = settings_for(cache_dir()).embedding_model.replace("/", "_")
    # A changed generator makes new texts: a new store, not a stale one under the same name.
    version = hashlib.sha256(synthetic.document(0, seed).text.encode()).hexdigest()[:8]
    name = f"{model}-gen{chunks}-seed{seed}" + (f"-{version}" if chunks else "")
    return cache_dir() / "stores" / (name + ("" if with_corpus else "-only"))


def _complete(settings, expected_docs: int) -> bool:
    from bot.factory import build_indexer, build_knowledge
    from knowledge import database as db

    if not (settings.store_dir / "careerbot.sqlite").exists() and not settings.database_url:
        return False

    indexer = build_indexer(settings)
    status = build_knowledge(settings).status()
    # A store cut or embedded another way than the indexer would now is stale: build it again.
    current = db.get_meta(indexer.engine, "chunking") == indexer.chunking()
    return current and status["documents"] == expected_docs and bool(status["last_ingest"])


def _ingest(indexer, sources: list[Path], what: str):
    step = max(1, len(sources) // 10)

    def progress(done: int, total: int, name: str, embedded: int = 0) -> None:
        if total > 50 and done % step == 0:
            log(f"{what}: {done}/{total} files")

    t0 = time.perf_counter()
    summary = indexer.run(sources, progress=progress)
    if summary.failed:
        raise RuntimeError(summary.text())
    log(f"{what}: {summary.chunks} chunks, {summary.chunks_embedded} records embedded in "
        f"{time.perf_counter() - t0:.0f}s")
    return summary


def build(chunks: int, store_dir: Path | None = None, seed: int = 0, with_corpus: bool = True,
          **overrides):
    """A store of the real corpus (real vectors) plus about `chunks` synthetic chunks
    (generated vectors); returns its Settings (overrides: e.g. server-mode URLs)."""
    from bot.factory import build_indexer

    n_docs = chunks // CHUNKS_PER_DOC
    store_dir = store_dir or store_path(chunks, seed, with_corpus)
    settings = settings_for(store_dir, **overrides)
    files, _ = synthetic_files(n_docs, seed)
    n_corpus = len(list(corpus_dir().glob("*.txt"))) if with_corpus else 0
    if _complete(settings, n_docs + n_corpus):
        log(f"reusing store {store_dir}")
        return settings
    indexer = build_indexer(settings)
    if with_corpus:
        _ingest(indexer, [corpus_dir()], "corpus, real model")
    if files:
        generated = GeneratedEmbedder(indexer.embedder)
        indexer.embedder = generated
        summary = _ingest(indexer, files + ([corpus_dir()] if with_corpus else []), "generated")
        if generated.embedded_live or summary.unchanged < n_corpus:
            raise RuntimeError("corpus files were not skipped by the generated-vector ingest")
    return settings


def rss_mb(pid: int | None = None) -> tuple[float, float]:
    """Resident memory of a process (this one by default) now and at its peak, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid or os.getpid()}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
