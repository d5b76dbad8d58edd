"""Chunk embeddings of the synthetic corpus, computed once and kept in bench/cache/ as .npy files.

Embedding 100k chunks takes over an hour on 2 cores, so scale runs load vectors from here. The
cache is split into blocks of BLOCK_DOCS documents (a 1k-chunk corpus is exactly one block, the
10k and 100k ones are prefixes of the same blocks); each file is named by sha256 of the model
name and the block's chunk texts, so a change to the generator or the chunker misses the cache
instead of serving stale vectors.

    nice -n 10 python -m bench.embedcache --docs 12500     # builds the 100k-chunk cache
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bench import synthetic

CACHE_DIR = Path(__file__).resolve().parent / "cache"
BLOCK_DOCS = 125  # about 1,000 chunks


def chunk_texts(doc: synthetic.SyntheticDoc, max_chars: int = 650) -> list[str]:
    """The chunk texts ingest makes of doc (same chunker, same settings)."""
    from ingest.chunker import parse

    return [c.text for c in parse(doc.text, max_chars).chunks]


def _key(model: str, texts: list[str]) -> str:
    h = hashlib.sha256(model.encode())
    for t in texts:
        h.update(b"\x00" + t.encode())
    return h.hexdigest()[:32]


def block_vectors(texts: list[str], model: str, encode, cache_dir: Path = CACHE_DIR) -> np.ndarray:
    """Vectors of texts from the cache, or computed with encode and stored."""
    path = cache_dir / f"emb-{_key(model, texts)}.npy"
    if path.exists():
        return np.load(path)
    vectors = np.asarray(encode(texts), dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors)
    tmp.replace(path)  # a killed build leaves no half-written block
    return vectors


def corpus_vectors(docs, model: str, encode, log=None, first: int = 0) -> dict[str, np.ndarray]:
    """text -> vector for every chunk of docs, block by block through the cache, starting at
    block number first (a second builder can start half-way)."""
    table: dict[str, np.ndarray] = {}
    starts = list(range(0, len(docs), BLOCK_DOCS))
    for b in starts[first:] + starts[:first]:
        t0 = time.perf_counter()
        texts = [t for d in docs[b : b + BLOCK_DOCS] for t in chunk_texts(d)]
        vectors = block_vectors(texts, model, encode)
        table.update(zip(texts, vectors, strict=True))
        if log:
            log(
                f"block {b // BLOCK_DOCS + 1}/{-(-len(docs) // BLOCK_DOCS)}: {len(texts)} "
                f"chunks in {time.perf_counter() - t0:.1f}s"
            )
    return table


class CachedEmbedder(Embeddings):
    """An embedder that serves passages from a text -> vector table and falls back to the
    real model for anything else (questions, texts not in the table)."""

    def __init__(self, real, table: dict[str, np.ndarray]):
        self.real = real
        self.name = real.name
        self.table = table
        self.misses = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Cached vectors, computing the missing ones with the real model."""
        missing = [t for t in texts if t not in self.table]
        if missing:
            self.misses += len(missing)
            self.table.update(
                zip(missing, np.asarray(self.real.embed_documents(missing)), strict=True)
            )
        return [self.table[t].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """A question's vector from the real model."""
        return self.real.embed_query(text)


def main() -> None:
    """Command line: fill the cache for the first --docs synthetic documents."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--model", default="all-MiniLM-L6-v2")
    ap.add_argument(
        "--threads",
        type=int,
        default=0,
        help="torch threads (1 is faster on a busy shared machine); 0 = torch default",
    )
    ap.add_argument("--first-block", type=int, default=0, help="block to start with")
    args = ap.parse_args()
    from bot.environment import offline as set_offline

    set_offline()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from knowledge.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(args.model)
    docs = synthetic.corpus(args.docs, args.seed)
    table = corpus_vectors(
        docs,
        args.model,
        embedder.embed_documents,
        log=lambda m: print(m, file=sys.stderr, flush=True),
        first=args.first_block,
    )
    print(f"{len(table)} distinct chunk vectors cached in {CACHE_DIR}")


if __name__ == "__main__":
    main()
