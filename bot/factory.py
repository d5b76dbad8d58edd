"""Builds careerbot's object graph from Settings, in one place."""

from __future__ import annotations

import logging
from functools import lru_cache

from bot.limits import Limits
from bot.settings import Settings
from knowledge import database
from knowledge.base import KnowledgeBase
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.store import chroma_client

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def embedder_for(model: str) -> SentenceTransformerEmbedder:
    """The embedding model, loaded once per process."""
    return SentenceTransformerEmbedder(model)


@lru_cache(maxsize=8)
def _engine(url: str):
    return database.connect(url)


def engine_for(settings: Settings):
    """The SQLAlchemy engine of the store's database (created on first use)."""
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    return _engine(settings.database)


def build_indexer(settings: Settings):
    """The ingest pipeline writing into the configured store."""
    from ingest.indexer import Indexer

    return Indexer(
        engine=engine_for(settings),
        client=chroma_client(settings.store_dir, settings.chroma_url),
        collection=settings.collection,
        embedder=embedder_for(settings.embedding_model),
        lock_path=settings.store_dir / "ingest.lock",
        max_chars=settings.chunk_chars,
        max_bytes=settings.max_file_bytes,
        lock_timeout=settings.lock_timeout,
    )


def build_knowledge(settings: Settings) -> KnowledgeBase:
    """Read access to the configured store."""
    return KnowledgeBase(
        engine=engine_for(settings),
        store_dir=settings.store_dir,
        chroma_url=settings.chroma_url,
        collection=settings.collection,
        embedder=embedder_for(settings.embedding_model),
    )


def build_bot(settings: Settings):
    """The Assistant over the configured store, with an LLM answerer when one is configured."""
    from bot.answering.assistant import Assistant
    from bot.answering.composer import OfflineAnswerer
    from bot.answering.llm import build_llm_answerer
    from knowledge.retriever import Retriever

    knowledge = build_knowledge(settings)
    retriever = Retriever(knowledge)
    # One set of rules: the offline answerer is also the LLM answerer's fallback.
    answerer = OfflineAnswerer(retriever.terms, retriever.idf)
    bot = Assistant(
        knowledge,
        retriever,
        answerer=answerer,
        llm_answerer=build_llm_answerer(settings, answerer),
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
    )
    bot.limits = Limits.of(settings)
    try:  # the covered cities, so that even a first, empty question can name them
        bot.refresh()
    except Exception as exc:  # store down or empty: the first question retries and reports it
        log.warning("knowledge base not loaded at start: %s", exc)
    return bot
