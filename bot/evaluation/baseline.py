"""The plain recipes careerbot is measured against: split the texts, then top-4 vector search
(LangChain + Chroma) or plain BM25 (bm25s, German stems); the best chunk is the answer."""

from __future__ import annotations

import time
import uuid

from bot.model import Answer, Citation, Passage

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


def split(documents: dict[str, dict]) -> list:
    """RecursiveCharacterTextSplitter chunks of {source: {"text", "title", "city"}}."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    texts = [d["text"] for d in documents.values()]
    metas = [
        {"source": s, "title": d.get("title", ""), "city": d.get("city") or ""}
        for s, d in documents.items()
    ]
    return splitter.create_documents(texts, metas)


def as_answer(question: str, docs: list, started: float) -> Answer:
    """The recipe's reply: the best chunk as the answer, each chunk cited; it always answers."""
    passages, citations = [], []
    for n, doc in enumerate(docs, start=1):
        meta = doc.metadata
        start = int(meta.get("start_index", -1))
        end = start + len(doc.page_content)
        where = dict(source=meta["source"], title=meta.get("title", ""), city=meta.get("city", ""))
        passages.append(
            Passage(id=f"{meta['source']}:{start}", text=doc.page_content, heading="",
                    paragraph=0, start=start, end=end, score=1.0 / n, **where)
        )
        citations.append(Citation(n=n, quote=doc.page_content, start=start, end=end, **where))
    return Answer(
        question=question,
        answer=docs[0].page_content if docs else "",
        status="answered",
        language="",  # the recipes do not detect languages
        citations=citations,
        passages=passages,
        resolved=question,
        seconds=time.perf_counter() - started,
    )


class VectorBaseline:
    """RecursiveCharacterTextSplitter + an in-memory Chroma collection + similarity_search.
    It sees only the question: the common recipe keeps no conversation history."""

    def __init__(self, documents: dict[str, dict], embedder):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        docs = split(documents)
        self.client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        # A fresh name: ephemeral clients in one process share their in-memory system.
        self.collection_name = f"baseline-{uuid.uuid4().hex[:12]}"
        self.store = Chroma(
            collection_name=self.collection_name, client=self.client, embedding_function=embedder
        )
        if docs:
            self.store.add_documents(docs)
        self.chunks = len(docs)

    def ask(self, question: str, history: list | None = None) -> Answer:
        """The top-4 chunks for the question alone; the best one is the answer."""
        t0 = time.perf_counter()
        docs = self.store.similarity_search(question, k=TOP_K) if question.strip() else []
        return as_answer(question, docs, t0)

    def close(self) -> None:
        """Drop the in-memory collection."""
        self.client.delete_collection(self.collection_name)


class BM25Baseline:
    """The same chunks, ranked by bm25s over Snowball-German stems."""

    def __init__(self, documents: dict[str, dict]):
        import bm25s
        import Stemmer

        self.docs = split(documents)
        self.stemmer = Stemmer.Stemmer("german")
        self.index = bm25s.BM25()
        tokens = bm25s.tokenize(
            [d.page_content for d in self.docs], stemmer=self.stemmer, show_progress=False
        )
        self.index.index(tokens, show_progress=False)

    def ask(self, question: str, history: list | None = None) -> Answer:
        """The top-4 chunks by BM25; the best one is the answer."""
        import bm25s

        t0 = time.perf_counter()
        query = bm25s.tokenize([question], stemmer=self.stemmer, show_progress=False)
        if not question.strip() or not self.docs or not query.vocab:
            return as_answer(question, [], t0)
        k = min(TOP_K, len(self.docs))
        found, scores = self.index.retrieve(query, k=k, show_progress=False)
        docs = [self.docs[int(i)] for i, s in zip(found[0], scores[0], strict=True) if s > 0]
        return as_answer(question, docs, t0)

    def close(self) -> None:
        """Nothing to release."""
