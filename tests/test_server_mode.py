"""Client/server set-up: a real Chroma server and a real PostgreSQL, shared by several app
processes and "machines" (separate store dirs)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import servers
from conftest import OFFLINE_ENV, REPO_ROOT, app_env, uncached_env
from sqlalchemy import func, select

# The real servers' fixtures (tests/servers.py), used by name below.
postgres, pg_url, chroma_server = servers.postgres, servers.pg_url, servers.chroma_server

QUESTION = "Was verdient ein Medizininformatiker in Bochum als Berufseinsteiger?"
OTHER_CITY = "Welche Weiterbildung gibt es in Wuppertal?"


def server_settings(store_dir: Path, chroma_url: str, database_url: str, **kw):
    from bot.settings import Settings

    return Settings(store_dir=store_dir, chroma_url=chroma_url, database_url=database_url, **kw)


def server_env(chroma, database_url: str, store_dir: Path) -> dict[str, str]:
    return {
        "CAREERBOT_CHROMA_URL": chroma.url,
        "CAREERBOT_DATABASE_URL": database_url,
        "CAREERBOT_STORE_DIR": str(store_dir),
    }


def chunk_counts(settings) -> tuple[Counter, dict[str, int], Counter, list]:
    """Chunks per source in Chroma, in the documents table, in the record manager; and the
    (source, start) of every chunk in Chroma."""
    from langchain_classic.indexes._sql_record_manager import UpsertionRecord

    from bot.factory import build_knowledge, engine_for
    from knowledge import database as db

    kb = build_knowledge(settings)
    # Chunk records only; the record manager also holds each document's sentence records.
    metas = kb.collection.get(where={"kind": "chunk"}, include=["metadatas"])["metadatas"]
    with engine_for(settings).connect() as conn:
        table = dict(conn.execute(select(db.documents.c.source, db.documents.c.chunks)).all())
        records = Counter(
            dict(
                conn.execute(
                    select(UpsertionRecord.group_id, func.count()).group_by(
                        UpsertionRecord.group_id
                    )
                ).all()
            )
        )
    return (
        Counter(m["source"] for m in metas),
        table,
        records,
        [(m["source"], m["start"]) for m in metas],
    )


def run_cli(*args, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """`careerbot ARGS` in its own process: another app process on the same servers."""
    base = app_env()
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *map(str, args)],
        cwd=REPO_ROOT,
        env={**base, **OFFLINE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory, postgres, corpus_dir, corpus_cached):
    """A Chroma server and a PostgreSQL database holding the real corpus, ingested by
    `careerbot ingest` in its own process; yields (server, database URL, ingest summary)."""
    server = servers.ChromaServer(tmp_path_factory.mktemp("served") / "chroma").start()
    database_url = postgres.create_database()
    env = server_env(server, database_url, tmp_path_factory.mktemp("ingesting-machine"))
    done = run_cli("ingest", "--source", corpus_dir, "--json", env=env)
    assert done.returncode == 0, done.stderr
    yield server, database_url, json.loads(done.stdout)
    server.stop()


def test_ingest_status_questions_and_feedback_against_servers(served, tmp_path):
    chroma_server, pg_url, summary = served
    machine_a, machine_b = tmp_path / "a", tmp_path / "b"
    assert summary["added"] == 5 and summary["chunks"] > 20

    # Another app process on another machine (its own, empty store dir) serves the same base.
    from bot.factory import build_bot, build_knowledge, engine_for
    from bot.settings import BUNDLED_MODEL
    from bot.web.feedback import FeedbackStore, export
    from knowledge.embedder import MINILM_NAME, SentenceTransformerEmbedder, resolve_model
    from knowledge.store import ModelMismatchError, collection

    settings = server_settings(machine_b, chroma_server.url, pg_url)
    status = build_knowledge(settings).status()
    assert status["documents"] == 5 and status["chunks"] == summary["chunks"]
    assert "Bochum" in status["cities"] and status["facts"] == summary["facts"] > 0
    assert not (machine_a / "careerbot.sqlite").exists() and not (machine_a / "chroma").exists()
    assert not (machine_b / "careerbot.sqlite").exists() and not (machine_b / "chroma").exists()

    kb = build_knowledge(settings)
    # Over HTTP the collection keeps its metadata: model name and cosine space.
    assert kb.collection.metadata == {"embedding_model": BUNDLED_MODEL, "hnsw:space": "cosine"}
    # Another model under any name: the store says which one it was built with.
    same_model_other_name = SentenceTransformerEmbedder(resolve_model(MINILM_NAME))
    with pytest.raises(ModelMismatchError, match=BUNDLED_MODEL):
        collection(kb.client, settings.collection, same_model_other_name, create=False)
    answer = build_bot(settings).ask(QUESTION, [])
    assert answer.status == "answered", answer.answer
    assert answer.citations and all(c.city == "Bochum" for c in answer.citations)
    for c in answer.citations:
        assert kb.document(c.source)["text"][c.start : c.end] == c.quote
    bochum = next(r for r in kb.salary_facts() if r.city == "Bochum" and r.level == "entry")
    assert f"{bochum.low:,}".replace(",", ".") in answer.answer

    # Feedback lands in PostgreSQL and is visible to every process.
    feedback_id = FeedbackStore(engine_for(settings)).record(answer, "down", "check the range")
    rows = json.loads(export(server_settings(machine_a, chroma_server.url, pg_url)))
    assert [(r["id"], r["rating"], r["comment"]) for r in rows] == [
        (feedback_id, "down", "check the range")
    ]
    asked = run_cli(
        "ask",
        "--json",
        "What do entry-level jobs in Dortmund pay?",
        env=server_env(chroma_server, pg_url, tmp_path / "c"),
    )
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout)
    assert reply["status"] == "answered" and reply["language"] == "en"
    assert {c["city"] for c in reply["citations"]} == {"Dortmund"}


def test_all_chunks_are_read_in_pages(served, tmp_path, monkeypatch):
    # Reading ~100k chunks in one get() exceeds SQLite's variable limit (bench/query_bench.py).
    from bot.factory import build_knowledge
    from knowledge import base

    chroma_server, pg_url, summary = served
    kb = build_knowledge(server_settings(tmp_path, chroma_server.url, pg_url))
    whole = kb.collection.get(
        where={"kind": {"$ne": "sentence"}}, include=["documents", "metadatas"]
    )
    monkeypatch.setattr(base, "CHUNK_PAGE", 7)
    ids, texts, metas = kb.chunks()
    assert len(ids) == len(set(ids)) == summary["chunks"] == len(whole["ids"])
    assert set(zip(ids, texts)) == set(zip(whole["ids"], whole["documents"]))
    assert [(m["source"], m["start"]) for m in metas] == sorted(
        (m["source"], m["start"]) for m in whole["metadatas"]
    )


def test_two_ingests_on_different_machines_exclude_each_other(
    chroma_server,
    pg_url,
    samples_dir,
    tmp_path,
):
    from bot.factory import build_indexer
    from ingest.indexer import IngestBusyError

    # Three texts are enough to hold the lock while the second tries; nine took minutes.
    texts_dir = tmp_path / "texts"
    texts_dir.mkdir()
    for path in sorted(samples_dir.glob("*.txt"))[:3]:
        shutil.copy(path, texts_dir / path.name)
    # Separate store dirs: the file lock alone would let both run.
    first = build_indexer(server_settings(tmp_path / "a", chroma_server.url, pg_url))
    second = build_indexer(server_settings(tmp_path / "b", chroma_server.url, pg_url))
    started, go = threading.Event(), threading.Event()
    result: dict = {}

    def hold(done: int, total: int, name: str, embedded: int = 0) -> None:
        if done == 1:
            started.set()
            go.wait(120)

    def run_first():
        result["first"] = first.run([texts_dir], progress=hold)

    thread = threading.Thread(target=run_first)
    thread.start()
    try:
        assert started.wait(120), "first ingest never started"
        with pytest.raises(IngestBusyError, match="advisory lock"):
            second.run([texts_dir])
    finally:
        go.set()
        thread.join(600)
    assert not thread.is_alive(), "first ingest did not finish"
    assert result["first"].added == 3
    texts = 3
    again = second.run([texts_dir])
    assert (again.added, again.unchanged, again.chunks_embedded) == (0, texts, 0)


def _many_texts(samples_dir: Path, out: Path, copies: int) -> Path:
    out.mkdir()
    for n in range(copies):
        for path in sorted(samples_dir.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (out / f"{n:02d}_{path.name}").write_text(
                f"{text.rstrip()}\nAnmerkung {n}: Diese Fassung ist Kopie Nummer {n}.\n",
                encoding="utf-8",
            )
    return out


def test_kill_9_during_server_ingest_loses_and_doubles_nothing(
    chroma_server,
    pg_url,
    samples_dir,
    tmp_path,
):
    from bot.factory import build_indexer, engine_for
    from knowledge import database as db

    source = _many_texts(samples_dir, tmp_path / "texts", copies=2)
    env = uncached_env(**server_env(chroma_server, pg_url, tmp_path / "a"))  # slow enough to kill
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ingest", "--quiet", "--source", str(source)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    settings = server_settings(tmp_path / "b", chroma_server.url, pg_url, lock_timeout=30)
    engine = engine_for(settings)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            with engine.connect() as conn:
                if conn.execute(select(func.count()).select_from(db.documents)).scalar() >= 3:
                    break
            time.sleep(0.05)
        assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()

    # The killed process's advisory lock died with its connection: this ingest gets it.
    summary = build_indexer(settings).run([source])
    texts = len(list(source.glob("*.txt")))
    assert not summary.failed and summary.added + summary.updated + summary.unchanged == texts
    in_chroma, in_table, in_records, positions = chunk_counts(settings)
    from ingest.passages import to_documents
    from ingest.reader import read_text

    records = {
        str(p.resolve()): to_documents(read_text(p, 10**6), 1024)[0] for p in source.glob("*.txt")
    }
    expected = {s: sum(d.metadata["kind"] == "chunk" for d in docs) for s, docs in records.items()}
    assert dict(in_chroma) == expected
    assert in_table == expected
    assert dict(in_records) == {s: len(docs) for s, docs in records.items()}
    assert len(positions) == len(set(positions)) == summary.chunks


def test_questions_fail_clearly_while_chroma_is_down_and_work_after_restart(served, tmp_path):
    from bot.factory import build_bot, build_knowledge
    from knowledge.store import StoreUnavailableError

    chroma_server, pg_url, _ = served
    settings = server_settings(tmp_path / "a", chroma_server.url, pg_url)
    bot = build_bot(settings)
    assert bot.ask(QUESTION, []).status == "answered"

    chroma_server.stop()
    # What the bot already holds in memory (a city's vectors, knowledge/subsets.py) still
    # answers; anything that needs the server fails clearly.
    assert bot.ask(QUESTION, []).status == "answered"
    down = bot.ask(OTHER_CITY, [])
    assert down.status == "no_answer" and not down.citations
    assert "nicht erreichbar" in down.answer and "StoreUnavailableError" in down.answer
    assert chroma_server.url in down.reason
    with pytest.raises(StoreUnavailableError, match="unreachable"):
        build_knowledge(settings).status()
    cli = run_cli("status", env=server_env(chroma_server, pg_url, tmp_path / "b"))
    assert cli.returncode == 2
    assert f"Chroma server at {chroma_server.url} is unreachable" in cli.stderr
    assert "Traceback" not in cli.stderr

    chroma_server.start()  # same port, same data; the running bot is not restarted
    back = bot.ask(OTHER_CITY, [])
    assert back.status == "answered" and back.citations
    assert back.answer == bot.ask(OTHER_CITY, []).answer


def test_embedded_store_rebuilt_by_another_process_still_answers(corpus_dir, tmp_path,
                                                                 corpus_cached):
    """Not a server set-up, but the same concern: the web app keeps serving an embedded store
    while `careerbot ingest --rebuild` in another process drops and recreates its collection."""
    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings

    settings = Settings(store_dir=tmp_path / "store")
    build_indexer(settings).run([corpus_dir])
    bot = build_bot(settings)
    assert bot.ask(QUESTION, []).status == "answered"
    env = {"CAREERBOT_STORE_DIR": str(settings.store_dir)}
    done = run_cli("ingest", "--rebuild", "--source", corpus_dir, env=env)
    assert done.returncode == 0, done.stderr

    # The old collection is gone: the next vector search opens the new one by itself.
    hits = bot.knowledge.query(bot.knowledge.embedder.embed_query(QUESTION), 3)
    assert len(hits["ids"][0]) == 3
    answer = bot.ask(QUESTION, [])
    assert answer.status == "answered" and answer.citations, answer.reason
