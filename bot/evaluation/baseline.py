"""The plain LangChain recipe careerbot is measured against: split, embed, top-4 vector search."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from bot.model import Answer, Citation, Passage
from ingest.chunker import parse
from ingest.reader import discover, read_text

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


class VectorBaseline:
    """RecursiveCharacterTextSplitter + an in-memory Chroma collection + similarity_search.

    Its answer is the best chunk, it always answers, and it cites the four chunks it found.
    It sees only the question: the common recipe keeps no conversation history.
    """

    def __init__(self, paths: list[Path], embedder, max_bytes: int = 1_000_000):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
        )
        files, _errors = discover(paths)
        texts, metadatas = [], []
        for path in files:
            src = read_text(path, max_bytes)
            parsed = parse(src.text)
            texts.append(src.text)
            metadatas.append(
                {"source": src.source, "title": parsed.title, "city": parsed.city or ""}
            )
        docs = splitter.create_documents(texts, metadatas)
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
        passages, citations = [], []
        for n, doc in enumerate(docs, start=1):
            meta = doc.metadata
            start = int(meta.get("start_index", -1))
            end = start + len(doc.page_content)
            passages.append(
                Passage(
                    id=f"{meta['source']}:{start}",
                    text=doc.page_content,
                    source=meta["source"],
                    title=meta.get("title", ""),
                    city=meta.get("city", ""),
                    heading="",
                    paragraph=0,
                    start=start,
                    end=end,
                    score=1.0 / n,
                )
            )
            citations.append(
                Citation(
                    n=n,
                    source=meta["source"],
                    title=meta.get("title", ""),
                    city=meta.get("city", ""),
                    quote=doc.page_content,
                    start=start,
                    end=end,
                )
            )
        return Answer(
            question=question,
            answer=docs[0].page_content if docs else "",
            status="answered",
            language="",  # the recipe does not detect languages
            citations=citations,
            passages=passages,
            resolved=question,
            seconds=time.perf_counter() - t0,
        )

    def close(self) -> None:
        """Drop the in-memory collection."""
        self.client.delete_collection(self.collection_name)
