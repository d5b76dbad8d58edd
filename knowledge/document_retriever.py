"""The hybrid retriever behind LangChain's BaseRetriever, for chains built on the knowledge base.

Kept apart from knowledge.retriever: langchain_core's retriever module pulls in its runnables,
tracers and langsmith (about a second), which the bot itself never needs at start.
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge.retriever import Retriever


class KnowledgeRetriever(BaseRetriever):
    """The hybrid retriever behind LangChain's BaseRetriever, for chains built on the knowledge
    base: Documents with the chunk's metadata (source, city, offsets) and the fused score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Retriever
    k: int = 5
    cities: list[str] | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        hits = self.retriever.search(query, self.cities, k or self.k)
        return [Document(h.text, id=h.id, metadata={**h.meta, "score": h.score}) for h in hits]
