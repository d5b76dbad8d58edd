"""The parts that face LangChain pass the standard suites of the langchain-tests package: the
embedders (the real e5 model and the hash embedder), the hybrid retriever as a BaseRetriever
over a real store, and the embedding cache's byte store; and the cache spares the model."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import Embeddings
from langchain_tests.integration_tests import (
    BaseStoreSyncTests,
    EmbeddingsIntegrationTests,
    RetrieversIntegrationTests,
)
from langchain_tests.unit_tests import EmbeddingsUnitTests

from bot.factory import build_knowledge
from knowledge.document_retriever import KnowledgeRetriever
from knowledge.embedder import E5Embedder, HashEmbedder
from knowledge.embedding_cache import FileStore, disk_cached
from knowledge.retriever import Retriever


class _E5:
    @property
    def embeddings_class(self) -> type[E5Embedder]:
        return E5Embedder

    @property
    def embedding_model_params(self) -> dict:
        return {"batch_size": 8}


class _Hash:
    @property
    def embeddings_class(self) -> type[HashEmbedder]:
        return HashEmbedder


class TestE5EmbedderUnit(_E5, EmbeddingsUnitTests):
    pass


class TestE5EmbedderIntegration(_E5, EmbeddingsIntegrationTests):
    pass


class TestHashEmbedderUnit(_Hash, EmbeddingsUnitTests):
    pass


class TestHashEmbedderIntegration(_Hash, EmbeddingsIntegrationTests):
    pass


class TestKnowledgeRetriever(RetrieversIntegrationTests):
    retriever_over: Retriever | None = None

    @pytest.fixture(autouse=True)
    def _over_the_corpus(self, corpus_store):
        if TestKnowledgeRetriever.retriever_over is None:
            TestKnowledgeRetriever.retriever_over = Retriever(build_knowledge(corpus_store))

    @property
    def retriever_constructor(self) -> type[KnowledgeRetriever]:
        return KnowledgeRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"retriever": TestKnowledgeRetriever.retriever_over}

    @property
    def retriever_query_example(self) -> str:
        return "Was verdient ein Medizininformatiker in Bochum?"

    def test_documents_carry_city_and_offsets(self) -> None:
        docs = KnowledgeRetriever(retriever=self.retriever_over, cities=["Dortmund"], k=3).invoke(
            "Weiterbildung"
        )
        assert len(docs) == 3 and {d.metadata["city"] for d in docs} == {"Dortmund"}
        assert all(d.metadata["end"] > d.metadata["start"] for d in docs)


class TestFileStore(BaseStoreSyncTests[bytes]):
    @pytest.fixture
    def kv_store(self, tmp_path) -> FileStore:
        return FileStore(tmp_path / "cache")

    @pytest.fixture
    def three_values(self) -> tuple[bytes, bytes, bytes]:
        return b"eins", b"zwei", b"drei"


def test_file_store_refuses_keys_that_leave_its_folder(tmp_path):
    store = FileStore(tmp_path / "cache")
    for key in ("../outside", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(ValueError, match="not a cache key"):
            store.mset([(key, b"x")])
    assert not (tmp_path / "outside").exists()


class _Counting(Embeddings):
    """The hash embedder, counting the texts it is asked to embed."""

    name, max_tokens = "counting", 512

    def __init__(self) -> None:
        self.inner, self.texts = HashEmbedder(), 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def test_cache_embeds_each_text_once_and_leaves_no_partial_files(tmp_path):
    model = _Counting()
    first = disk_cached(model, tmp_path / "cache").embed_documents(["a b", "c d"])
    again = disk_cached(model, tmp_path / "cache").embed_documents(["c d", "a b", "e f"])
    assert model.texts == 3  # "a b" and "c d" once, then only "e f"
    assert again[:2] == [first[1], first[0]]
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(files) == 3 and not [p for p in files if p.name.startswith(".part-")]


def test_a_rewrapped_text_reuses_the_cached_vector_only_for_a_layout_free_model(tmp_path):
    from knowledge.embedder import E5Embedder

    e5 = E5Embedder()
    wrapped, flat = "Der Markt wächst.\nViele Kliniken   suchen\n\nLeute.", "Der Markt wächst. " \
        "Viele Kliniken suchen Leute."
    # The property the shared key rests on: e5 gives the same vector for both layouts.
    assert E5Embedder.whitespace_insensitive
    assert e5.embed_documents([wrapped]) == e5.embed_documents([flat])
    model = _Counting()
    model.whitespace_insensitive = True
    disk_cached(model, tmp_path / "free").embed_documents([flat])
    disk_cached(model, tmp_path / "free").embed_documents([wrapped])
    assert model.texts == 1
    strict = _Counting()  # a model not known to ignore layout embeds each layout
    disk_cached(strict, tmp_path / "strict").embed_documents([flat, wrapped])
    assert strict.texts == 2
