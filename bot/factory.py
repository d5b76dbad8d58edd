"""Builds careerbot's object graph from Settings, in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.limits import Limits
from bot.settings import Settings
from knowledge import database
from knowledge.base import KnowledgeBase
from knowledge.embedder import load_embedder
from knowledge.embedding_cache import disk_cached
from knowledge.store import chroma_client


@lru_cache(maxsize=4)
def embedder_for(model: str, cache_dir: Path | None = None):
    """The embedding model, loaded once per process; with cache_dir, its passage vectors are
    kept on disk."""
    if cache_dir:  # the same model instance underneath: loaded once however it is used
        return disk_cached(embedder_for(model), cache_dir)
    return load_embedder(model)


def chunk_chars(settings: Settings, embedder) -> int:
    """Largest chunk: the setting, else half the model's window in characters (~4 per token)."""
    return settings.chunk_chars or 2 * int(getattr(embedder, "max_tokens", 256))


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

    embedder = embedder_for(settings.embedding_model, settings.embedding_cache)
    return Indexer(
        engine=engine_for(settings),
        client=chroma_client(settings.store_dir, settings.chroma_url),
        collection=settings.collection,
        embedder=embedder,
        lock_path=settings.store_dir / "ingest.lock",
        max_chars=chunk_chars(settings, embedder),
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
    from bot.answering.composer import OFFTOPIC_CERTAIN, OfflineAnswerer
    from bot.answering.llm import build_llm_answerer
    from bot.answering.scoring import load_exemplars, load_model, load_pairing, load_params
    from bot.answering.topics import load_topics
    from bot.understanding.intent import intent_model
    from knowledge.retriever import Retriever

    knowledge = build_knowledge(settings)
    retriever = Retriever(knowledge)
    embedder = knowledge.embedder
    # One set of rules: the offline answerer is also the LLM answerer's fallback.
    fitted = load_params("answerability", settings.embedding_model) or {}
    answerer = OfflineAnswerer(
        load_model("answerability", settings.embedding_model),
        fitted.get("offtopic_certain", OFFTOPIC_CERTAIN),
    )
    return Assistant(
        knowledge,
        retriever,
        intents=intent_model(settings.embedding_model, embedder, settings.store_dir / "models"),
        answerer=answerer,
        ranker=load_model("ranker", settings.embedding_model),
        llm_answerer=build_llm_answerer(settings, answerer),
        topics=load_topics(settings.embedding_model),
        pairing=load_pairing(settings.embedding_model),
        exemplars=load_exemplars(settings.embedding_model),
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
        limits=Limits.of(settings),
    )


def default_paths(settings) -> list[Path]:
    """What an ingest without --source reads: the configured sources, the admin uploads and
    every source the store has recorded, so no default ingest drops a source added by hand."""
    from bot.web.admin import ingest_paths
    from knowledge.audit import source_counts

    recorded = [Path(s) for s in source_counts(engine_for(settings)) if s != "(unknown)"]
    return ingest_paths(list(settings.sources), settings.store_dir, recorded)


def store_problem(settings) -> str | None:
    """Why questions cannot be answered from this store (missing or empty), or None."""
    from sqlalchemy import func, select

    from knowledge import database as db

    where = settings.store_dir
    fill = f"careerbot ingest --store {where} --source DIR (or plain `careerbot ingest`)"
    if not (settings.chroma_url or settings.database_url):
        if not (where / "careerbot.sqlite").exists():
            return f"no knowledge base at {where}; fill it with: {fill}"
    else:
        where = settings.database_url or settings.chroma_url
        fill = "careerbot ingest --source DIR"
    with engine_for(settings).connect() as conn:
        if not conn.execute(select(func.count()).select_from(db.documents)).scalar():
            return f"the knowledge base at {where} is empty; fill it with: {fill}"
    return None


def require_documents(settings) -> None:
    """Raise ValueError (exit status 2) naming the command that fills a missing or empty store."""
    problem = store_problem(settings)
    if problem:
        raise ValueError(problem)
