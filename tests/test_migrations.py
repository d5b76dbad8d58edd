"""The store's SQL schema under Alembic: a new store gets the newest revision, and a store
made by the previous release (no alembic_version, the old tables) is upgraded when opened."""

from __future__ import annotations

import json
import shutil
import sqlite3

from bot.cli import main
from bot.settings import Settings
from knowledge import database as db
from knowledge.migration import HEAD, current_revision, head_revision

# The schema the previous release (bbd5337) created with metadata.create_all, verbatim.
OLD_SCHEMA = """
CREATE TABLE documents (
    source VARCHAR(1024) NOT NULL, title TEXT NOT NULL, city VARCHAR(200), headline TEXT,
    sha256 VARCHAR(64) NOT NULL, text TEXT NOT NULL, chunks INTEGER NOT NULL,
    updated_at DATETIME NOT NULL, PRIMARY KEY (source));
CREATE TABLE salary_facts (
    id INTEGER NOT NULL, source VARCHAR(1024) NOT NULL, title TEXT NOT NULL, city VARCHAR(200),
    level VARCHAR(20) NOT NULL, low INTEGER NOT NULL, high INTEGER NOT NULL,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (id));
CREATE INDEX ix_salary_facts_source ON salary_facts (source);
CREATE TABLE store_meta ("key" VARCHAR(100) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE feedback (
    id INTEGER NOT NULL, created_at DATETIME NOT NULL, rating VARCHAR(10),
    comment TEXT NOT NULL, question TEXT NOT NULL, history TEXT NOT NULL,
    resolved TEXT NOT NULL, answer TEXT NOT NULL, status VARCHAR(20) NOT NULL,
    language VARCHAR(5) NOT NULL, cities TEXT NOT NULL, citations TEXT NOT NULL,
    passages TEXT NOT NULL, guard VARCHAR(20), reason TEXT, PRIMARY KEY (id));
"""
OLD_COLUMNS = {
    "documents": "source, title, city, headline, sha256, text, chunks, updated_at",
    "salary_facts": 'id, source, title, city, level, low, high, sentence, start, "end"',
    "store_meta": '"key", value',
}


def _old_store(new_store, old_store) -> None:
    """A store as the previous release left it: its Chroma files, the old tables, the rows."""
    old_store.mkdir(parents=True)
    shutil.copytree(new_store / "chroma", old_store / "chroma")
    with sqlite3.connect(old_store / "careerbot.sqlite") as old:
        old.executescript(OLD_SCHEMA)
        old.execute("ATTACH DATABASE ? AS new", (str(new_store / "careerbot.sqlite"),))
        for sql, in old.execute("SELECT sql FROM new.sqlite_master WHERE sql IS NOT NULL "
                                "AND tbl_name = 'upsertion_record'").fetchall():
            old.execute(sql)  # LangChain's own table, unchanged by the release
        old.execute("INSERT INTO upsertion_record SELECT * FROM new.upsertion_record")
        for table, cols in OLD_COLUMNS.items():
            old.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM new.{table}")
        old.execute("INSERT INTO feedback VALUES (1, '2026-01-01 00:00:00', 'down', 'falsch', "
                    "'Gehalt?', '[]', '', 'x', 'answered', 'de', '[]', '[]', '[]', NULL, NULL)")
        old.commit()
        old.execute("DETACH DATABASE new")


def test_new_store_is_at_the_newest_revision(tmp_path):
    # The constant that spares an up-to-date store the Alembic import names the real head.
    assert HEAD == head_revision()
    engine = db.connect(f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert current_revision(engine) == head_revision()
    db.connect(f"sqlite:///{tmp_path / 'x.sqlite'}")  # opening again changes nothing
    with sqlite3.connect(tmp_path / "x.sqlite") as conn:
        tables = {n for n, in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "salary_facts", "store_meta", "feedback", "audit_log"} <= tables


def test_store_of_the_previous_release_is_upgraded_and_answers(
    tmp_path, corpus_store, corpus_dir, capsys
):
    old = tmp_path / "old"
    _old_store(corpus_store.store_dir, old)
    capsys.readouterr()
    assert main(["status", "--store", str(old), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == 5 and status["facts"] == 8 and status["chunks"] > 0
    # The old store did not record sources: each document's folder is taken.
    assert status["sources"] == {str(corpus_dir.resolve()): 5}

    engine = db.connect(Settings(store_dir=old).database)
    assert current_revision(engine) == head_revision()
    with sqlite3.connect(old / "careerbot.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM feedback").fetchone()[0] == 1
        assert {p for p, in conn.execute("SELECT period FROM salary_facts")} == {"month"}
        # Open ranges ("ab 3.100 €") are allowed now; rolled back, as this branch's answerer
        # does not render them yet.
        conn.execute("UPDATE salary_facts SET high = NULL WHERE id = (SELECT min(id) FROM "
                     "salary_facts)")
        conn.rollback()

    assert main(["ask", "what does an entry-level job pay in Bochum", "--store", str(old),
                 "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "answered" and "€" in answer["answer"] and answer["citations"]

    assert main(["ingest", "--source", str(corpus_dir), "--store", str(old), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["removed"], summary["unchanged"]) == (0, 0, 5)
