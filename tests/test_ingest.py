"""`careerbot ingest` and `careerbot status` on real Chroma with the real embedding model:
incremental runs, bad input, the lock, a killed run, and a changed embedding model."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from conftest import uncached_env
from filelock import FileLock

from bot.cli import main
from bot.factory import build_knowledge, embedder_for
from bot.settings import BUNDLED_MODEL, Settings
from ingest.extractor import salary_facts
from ingest.passages import to_documents
from ingest.reader import read_text, source_name
from knowledge import database as db
from knowledge import store as chroma_store
from knowledge.embedder import MINILM_NAME
from knowledge.retriever import Retriever

REPO_ROOT = Path(__file__).resolve().parents[1]
# "sources" and "audit" were added to the original six keys (issue #11).
STATUS_KEYS = {
    "documents", "chunks", "cities", "facts", "model", "last_ingest", "sources", "audit"
}
NEW_CITIES = "Herne Hagen Hamm Essen Bottrop Oberhausen Recklinghausen Witten".split()


def _ingest(capsys, *args) -> tuple[int, dict, str]:
    """Run `careerbot ingest ... --json` in this process: exit code, summary, stderr."""
    capsys.readouterr()
    code = main(["ingest", *map(str, args), "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def _status(capsys, store: Path) -> tuple[int, dict, str]:
    capsys.readouterr()
    code = main(["status", "--store", str(store), "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def _kb(store: Path, fresh: bool = False):
    if fresh:  # another process wrote the store: do not reuse this process's cached Chroma view
        chroma_store.forget_embedded_clients()
    return build_knowledge(Settings(store_dir=store))


def _per_source(store: Path, fresh: bool = False) -> Counter:
    """Chunks per source as stored in Chroma; also checks ids and positions are unique."""
    ids, _texts, metas = _kb(store, fresh).chunks()
    assert len(ids) == len(set(ids)), "duplicate chunk ids"
    positions = [(m["source"], m["start"]) for m in metas]
    assert len(positions) == len(set(positions)), "duplicate chunks for one position"
    return Counter(m["source"] for m in metas)


# These tests exercise the ingest machinery, not retrieval quality: the deterministic hash
# embedder (instant) stands in for e5; its 256-token window gives 512-character chunks.
MODEL = "hash"
CHUNK = 512


@pytest.fixture(autouse=True)
def hash_embedder(clean_env):
    """Every ingest and store in this module uses the hash embedder."""
    clean_env.setenv("CAREERBOT_EMBEDDING_MODEL", MODEL)


def _records(path: Path) -> list:
    """All records (chunks and sentences) a clean ingest stores for one file."""
    return to_documents(read_text(path, 10**6), CHUNK)[0]


def _chunks_of(path: Path) -> int:
    return sum(1 for d in _records(path) if d.metadata["kind"] == "chunk")


def _expected(folders: list[Path]) -> Counter:
    """Chunks per source a clean ingest of these folders stores."""
    return Counter(
        {source_name(p): _chunks_of(p) for folder in folders for p in sorted(folder.glob("*.txt"))}
    )


def _embedded(folders: list[Path]) -> int:
    """Records (chunks and sentences) a clean ingest of these folders embeds."""
    return sum(len(_records(p)) for folder in folders for p in sorted(folder.glob("*.txt")))


def _documents_in(store: Path) -> int:
    with sqlite3.connect(store / "careerbot.sqlite", timeout=30) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0]


def _has_table(store: Path, name: str) -> bool:
    if not (store / "careerbot.sqlite").exists():
        return False
    with sqlite3.connect(store / "careerbot.sqlite", timeout=30) as conn:
        query = "select count(*) from sqlite_master where type='table' and name=?"
        return conn.execute(query, (name,)).fetchone()[0] == 1


def _copy_corpus(corpus_dir: Path, dest: Path, names: list[str] | None = None) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(corpus_dir.glob("*.txt"))
    return [Path(shutil.copy(p, dest / p.name)) for p in files if not names or p.name in names]


def _city_copies(corpus_dir: Path, dest: Path, lines: int = 6) -> list[Path]:
    """Shortened copies of the real texts, each moved to another city (5 per city)."""
    dest.mkdir(parents=True, exist_ok=True)
    made = []
    for new in NEW_CITIES:
        for i, path in enumerate(sorted(corpus_dir.glob("*.txt"))):
            text = path.read_text(encoding="utf-8")
            old = text.split("\n")[0].rsplit(" in ", 1)[1].strip()
            short = "\n".join(text.replace(old, new).split("\n")[:lines]) + "\n"
            made.append(dest / f"{new.lower()}_{i}.txt")
            made[-1].write_text(short, encoding="utf-8")
    return made


def test_incremental_ingest_counts_chunks_and_facts(tmp_path, capsys, corpus_dir, samples_dir):
    src, store = tmp_path / "src", tmp_path / "store"
    files = _copy_corpus(corpus_dir, src)
    args = ("--source", src, "--store", store)

    code, s, _ = _ingest(capsys, *args)
    total = sum(_expected([src]).values())
    assert code == 0
    assert s | {"seconds": 0} == {
        "added": 5,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
        "failed": [],
        "chunks": total,
        "chunks_embedded": _embedded([src]),
        "facts": 8,
        "seconds": 0,
    }

    code, s, _ = _ingest(capsys, *args)
    assert code == 0
    assert (s["added"], s["updated"], s["removed"], s["unchanged"]) == (0, 0, 0, 5)
    assert (s["chunks"], s["chunks_embedded"], s["facts"]) == (total, 0, 8)

    # A retriever opened now (as the running bot holds one) must follow the next ingest.
    retriever = Retriever(_kb(store))
    assert retriever.size == total

    # Change Duisburg's entry salary, add a new city, remove Bochum.
    duisburg, bochum = files[0], files[4]
    old_docs = _records(duisburg)
    text = duisburg.read_text(encoding="utf-8")
    assert text.count("3.000 € bis 3.400 €") == 1
    duisburg.write_text(text.replace("3.000 € bis 3.400 €", "3.100 € bis 3.500 €"), "utf-8")
    new_docs = _records(duisburg)
    changed = {(d.page_content, json.dumps(d.metadata, sort_keys=True)) for d in new_docs} - {
        (d.page_content, json.dumps(d.metadata, sort_keys=True)) for d in old_docs
    }
    herne = src / "herne.txt"
    herne.write_text(
        (samples_dir / "bochum.txt").read_text("utf-8").replace("Bochum", "Herne"), "utf-8"
    )
    bochum.unlink()

    code, s, _ = _ingest(capsys, *args)
    expected = _expected([src])
    assert code == 0
    assert (s["added"], s["updated"], s["removed"], s["unchanged"], s["failed"]) == (1, 1, 1, 3, [])
    assert sum(1 for _, meta in changed if '"kind": "chunk"' in meta) == 1  # one chunk changed
    assert s["chunks_embedded"] == len(changed) + len(_records(herne))
    assert s["chunks"] == sum(expected.values())
    assert _per_source(store) == expected
    assert source_name(bochum) not in {d["source"] for d in _kb(store).documents()}
    assert retriever.refresh() and retriever.size == sum(expected.values())
    for query in ("Gehalt Berufseinsteiger Bochum", "Herne"):
        hits = retriever.search(query, k=20)
        assert {h.meta["source"] for h in hits} <= set(expected)
        assert source_name(bochum) not in {h.meta["source"] for h in hits}
    assert source_name(herne) in {h.meta["source"] for h in retriever.search("Herne", ["Herne"])}

    rows = _kb(store).salary_facts()
    assert s["facts"] == len(rows) == 8
    assert {(r.city, r.level, r.low, r.high) for r in rows} == {
        ("Duisburg", "entry", 3100, 3500),
        ("Duisburg", "experienced", 3600, 4200),
        ("Gelsenkirchen", "entry", 3200, 3800),
        ("Dortmund", "entry", 3300, 3800),
        ("Wuppertal", "entry", 3200, 3500),
        ("Wuppertal", "experienced", 3800, 4200),
        ("Herne", "entry", 3200, 3600),
        ("Herne", "experienced", 4000, 4600),
    }
    for r in rows:
        assert Path(r.source).read_text("utf-8")[r.start : r.end] == r.sentence

    code, status, _ = _status(capsys, store)
    assert code == 0
    assert status["documents"] == 5 and status["chunks"] == s["chunks"] and status["facts"] == 8
    assert status["cities"] == ["Dortmund", "Duisburg", "Gelsenkirchen", "Herne", "Wuppertal"]


def test_status_json_has_exactly_the_documented_keys(corpus_store, capsys, clean_env):
    clean_env.delenv("CAREERBOT_EMBEDDING_MODEL")  # the session's store is built with the default
    code, status, _ = _status(capsys, corpus_store.store_dir)
    assert code == 0
    assert set(status) == STATUS_KEYS
    assert status["documents"] == 5 and status["facts"] == 8
    assert status["chunks"] == sum(_per_source(corpus_store.store_dir).values())
    assert status["cities"] == ["Bochum", "Dortmund", "Duisburg", "Gelsenkirchen", "Wuppertal"]
    assert status["model"] == BUNDLED_MODEL  # the session's store: built with the default
    assert datetime.fromisoformat(status["last_ingest"]).tzinfo is not None
    assert status["sources"] == {str(corpus_store.sources[0].resolve()): 5}
    assert status["audit"][-1]["action"] == "ingest" and status["audit"][-1]["documents"] == 5

    capsys.readouterr()
    assert main(["status", "--store", str(corpus_store.store_dir)]) == 0
    # Indented lines list the sources and audit entries under their key.
    lines = [x for x in capsys.readouterr().out.splitlines() if not x.startswith(" ")]
    assert [line.split(":")[0] for line in lines] == sorted(STATUS_KEYS, key=list(status).index)


def test_a_store_without_a_stored_chunk_count_counts_its_chunks(tmp_path, capsys, corpus_dir):
    store = tmp_path / "store"
    _copy_corpus(corpus_dir, tmp_path / "src", sorted(p.name for p in corpus_dir.glob("*.txt"))[:2])
    code, s, _ = _ingest(capsys, "--source", tmp_path / "src", "--store", store)
    assert code == 0 and s["chunks"] > 0
    assert _status(capsys, store)[1]["chunks"] == s["chunks"]
    engine = _kb(store).engine
    with engine.begin() as conn:  # as a store written before ingests stored the count
        conn.execute(db.meta.delete().where(db.meta.c.key == "chunks"))
    assert _status(capsys, store)[1]["chunks"] == s["chunks"] == sum(_per_source(store).values())


def test_bad_files_are_named_and_the_rest_is_kept(tmp_path, capsys, corpus_dir, clean_env):
    src, store = tmp_path / "src", tmp_path / "store"
    good = _copy_corpus(corpus_dir, src)
    clean_env.setenv("CAREERBOT_MAX_FILE_BYTES", "6000")
    code, s, _ = _ingest(capsys, "--source", src, "--store", store)
    assert code == 0 and s["added"] == 5
    before = _per_source(store)
    facts_before = {(r.source, r.low, r.high) for r in _kb(store).salary_facts()}
    spoiled = good[1]
    spoiled_text = _kb(store).document(source_name(spoiled))["text"]

    # An indexed file turns unreadable; new bad files of every kind appear next to it.
    spoiled.write_bytes(spoiled.read_bytes().replace("€".encode(), b"\x00"))
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.md": (b"  \n\n \n", "empty file"),
        "binary.txt": (b"Titel\x00\x01\x02\xff" * 50, "binary file"),
        "undecodable.txt": (bytes(range(0x80, 0x100)) * 4, "not UTF-8"),
        "huge.txt": (("Ein langer Satz über Kliniken in Essen. " * 200).encode(), "over the limit"),
        "notes.pdf": (b"%PDF-1.4\n", "damaged or unreadable PDF"),
    }
    for name, (data, _) in bad.items():
        (src / name).write_bytes(data)
    missing = tmp_path / "no-such-folder"

    code, s, err = _ingest(capsys, "--source", src, "--source", missing, "--store", store)
    assert code != 0
    reasons = {Path(f["source"]).name: f["reason"] for f in s["failed"]}
    assert set(reasons) == set(bad) | {spoiled.name, missing.name}
    for name, (_, why) in bad.items():
        assert why in reasons[name]
    assert "binary" in reasons[spoiled.name] and "no such file" in reasons[missing.name]
    assert (s["added"], s["updated"], s["removed"], s["unchanged"]) == (0, 0, 0, 4)
    # Nothing indexed is lost: the unreadable file keeps its previous chunks, text and facts.
    assert _per_source(store) == before
    assert _kb(store).document(source_name(spoiled))["text"] == spoiled_text
    assert {(r.source, r.low, r.high) for r in _kb(store).salary_facts()} == facts_before

    # The human-readable summary names every file with its reason.
    capsys.readouterr()
    assert main(["ingest", "--source", str(src), "--store", str(store), "--quiet"]) == 1
    out = capsys.readouterr().out
    for name, (_, why) in bad.items():
        assert any(name in line and why in line for line in out.splitlines()), (name, out)
    assert "7 failed" in out

    # A mistyped --source is an error, not an order to remove everything indexed.
    code, s, _ = _ingest(capsys, "--source", missing, "--store", store)
    assert code != 0 and [Path(f["source"]).name for f in s["failed"]] == [missing.name]
    assert s["removed"] == 0 and _per_source(store) == before


def test_document_without_a_city_is_indexed_with_a_warning(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    doc = src / "ohne-ort.txt"
    doc.write_text(
        "Medizininformatiker Jobs und Stellenangebote\nEin Beruf zwischen Klinik und IT\n"
        "Medizininformatiker verbinden Medizin und Informatik. Sie betreuen Kliniksysteme.\n",
        encoding="utf-8",
    )
    code, s, err = _ingest(capsys, "--source", src, "--store", tmp_path / "store")
    assert code == 0 and s["added"] == 1 and s["chunks"] >= 1
    assert "warning:" in err and "ohne-ort.txt" in err and "no city" in err
    kb = _kb(tmp_path / "store")
    assert kb.document(source_name(doc))["city"] is None
    assert kb.cities() == []
    _ids, _texts, metas = kb.chunks()
    assert [m["city"] for m in metas] == [""] * s["chunks"]


def test_model_mismatch_names_both_models_and_rebuild_fixes_it(
    tmp_path, capsys, samples_dir, clean_env
):
    store, src = tmp_path / "store", tmp_path / "src"
    src.mkdir()
    for name in ("bochum.txt", "dortmund.txt"):
        shutil.copy(samples_dir / name, src / name)
    other = tmp_path / "other-minilm"
    embedder_for(MINILM_NAME)._model.save(str(other))
    code, s, _ = _ingest(capsys, "--source", src, "--store", store)
    assert code == 0 and s["added"] == 2
    before = _per_source(store)

    clean_env.setenv("CAREERBOT_EMBEDDING_MODEL", str(other))
    for argv in (["ingest", "--source", str(src)], ["status"]):
        capsys.readouterr()
        assert main([*argv, "--store", str(store)]) == 2
        err = capsys.readouterr().err
        assert MODEL in err and str(other) in err and "careerbot ingest --rebuild" in err
        assert "Traceback" not in err
    assert _documents_in(store) == 2

    code, s, _ = _ingest(capsys, "--source", src, "--store", store, "--rebuild")
    assert code == 0 and s["added"] == 2 and s["chunks_embedded"] > s["chunks"] > 0  # + sentences
    assert _per_source(store) == before  # rebuilt from scratch: no chunk twice
    code, status, _ = _status(capsys, store)
    assert code == 0 and status["model"] == str(other) and status["documents"] == 2

    clean_env.delenv("CAREERBOT_EMBEDDING_MODEL")
    code, _, err = _status(capsys, store)
    assert code == 2 and str(other) in err and BUNDLED_MODEL in err


def test_killed_ingest_loses_nothing_and_the_next_run_completes_it(tmp_path, capsys, corpus_dir):
    store = tmp_path / "store"
    copies = _city_copies(corpus_dir, tmp_path / "copies")
    assert len(copies) == 40
    code, s, _ = _ingest(capsys, "--source", corpus_dir, "--store", store)
    assert code == 0 and s["added"] == 5
    before = _per_source(store)
    sources = ("--source", str(corpus_dir), "--source", str(tmp_path / "copies"))
    both = (*sources, "--store", str(store))

    log = (tmp_path / "killed.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ingest", *both, "--quiet"],
        cwd=REPO_ROOT,
        env=uncached_env(),  # it must still be embedding when it is killed
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 300
        while _documents_in(store) < 6:  # it holds the lock and has indexed a new document
            assert proc.poll() is None, (tmp_path / "killed.log").read_text()
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        # A second ingest while the first one runs stops at once with exit status 3.
        capsys.readouterr()
        assert main(["ingest", *both]) == 3
        err = capsys.readouterr().err
        assert "another ingest is running" in err and "CAREERBOT_LOCK_TIMEOUT" in err
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.kill()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    done = _documents_in(store)
    assert 6 <= done < 45

    # The store still answers when opened afresh, with every earlier document complete.
    chroma_store.forget_embedded_clients()
    code, status, err = _status(capsys, store)
    assert code == 0, err
    assert set(status) == STATUS_KEYS and status["documents"] == done
    after_kill = _per_source(store, fresh=True)
    assert {src: after_kill[src] for src in before} == before

    code, s, _ = _ingest(capsys, *both)
    expected = _expected([corpus_dir, tmp_path / "copies"])
    assert code == 0 and s["failed"] == [] and s["removed"] == 0
    assert s["unchanged"] >= done and s["added"] + s["updated"] + s["unchanged"] == 45
    assert s["chunks"] == sum(expected.values())
    assert _per_source(store, fresh=True) == expected
    facts = _kb(store).salary_facts()
    assert (
        len(facts)
        == s["facts"]
        == sum(len(salary_facts(read_text(Path(src), 10**6).text)) for src in expected)
    )
    assert _documents_in(store) == 45


def test_second_ingest_waits_for_the_lock_with_a_timeout(tmp_path, corpus_dir):
    store = tmp_path / "store"
    store.mkdir()
    held = FileLock(str(store / "ingest.lock"))
    held.acquire()
    one = sorted(corpus_dir.glob("*.txt"))[0]
    log = tmp_path / "waiting.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.cli",
                "ingest",
                "--source",
                str(one),
                "--store",
                str(store),
                "--json",
                "--quiet",
            ],
            cwd=REPO_ROOT,
            env={**os.environ, "CAREERBOT_LOCK_TIMEOUT": "300"},
            stdout=subprocess.PIPE,
            stderr=out,
            text=True,
        )
    try:
        deadline = time.monotonic() + 120
        # The record manager's table appears once the model is loaded; the lock comes next.
        while not _has_table(store, "upsertion_record"):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        time.sleep(4)
        assert proc.poll() is None, "the ingest did not wait for the lock"
        assert not (store / "careerbot.sqlite").exists() or _documents_in(store) == 0
        released = time.monotonic()
        held.release()
        out, _ = proc.communicate(timeout=300)
    finally:
        if held.is_locked:
            held.release()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, log.read_text()
    assert time.monotonic() > released
    assert json.loads(out)["added"] == 1
    assert _per_source(store, fresh=True) == {
        source_name(one): _chunks_of(one)
    }


def _herne(tmp_path: Path) -> Path:
    """A source folder with one short text of the project's own (Herne, further training)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "herne.txt").write_text(
        "Medizininformatiker in Herne\n\nWeiterbildung\n\nDie Akademie bietet Kurse an. "
        "Sie dauern ein Jahr und finden abends statt.\n",
        encoding="utf-8",
    )
    return src


def test_a_store_embedded_with_another_sentence_form_is_refreshed_by_the_next_ingest(
    tmp_path, capsys, monkeypatch
):
    """Texts unchanged, but sentence records embedded another way (an older release): the next
    plain ingest re-embeds them, the one after leaves everything alone."""
    import ingest.indexer
    import ingest.passages

    src = _herne(tmp_path)
    store = tmp_path / "store"

    def sentences() -> list[str]:
        col = _kb(store, fresh=True).collection
        return col.get(where={"kind": "sentence"}, include=["documents"])["documents"]

    with monkeypatch.context() as older:
        older.setattr(ingest.passages, "window", lambda heading, sentence: f"alt: {sentence}")
        older.setattr(ingest.indexer, "DOCUMENT_FORM", "older-form")
        code, s, _ = _ingest(capsys, "--source", src, "--store", store)
        assert code == 0 and s["added"] == 1
    assert sentences() and all(t.startswith("alt: ") for t in sentences())
    code, s, _ = _ingest(capsys, "--source", src, "--store", store)
    assert code == 0 and s["updated"] == 1 and s["chunks_embedded"] > 0
    assert sentences() and all(t.startswith("Weiterbildung ") for t in sentences())
    code, s, _ = _ingest(capsys, "--source", src, "--store", store)
    assert code == 0 and s["unchanged"] == 1 and s["updated"] == 0


def test_a_store_read_before_compound_professions_is_corrected_by_the_next_ingest(
    tmp_path, capsys, monkeypatch
):
    """A text on Krankenhausinformatiker was stored as "Informatiker" by an older release: the
    next plain ingest reads it again and re-embeds only the text whose metadata changed."""
    import ingest.chunker
    import ingest.indexer

    src = _herne(tmp_path)
    (src / "aalen.txt").write_text(
        "Krankenhausinformatiker in Aalen\n\nGehalt\n\nZum Einstieg zahlen die Kliniken in "
        "Aalen 3.400 bis 3.900 Euro im Monat. Krankenhausinformatiker sind gefragt.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    with monkeypatch.context() as older:
        real = ingest.chunker.document_profession
        older.setattr(
            ingest.chunker,
            "document_profession",
            lambda *a, **k: "Informatiker" if real(*a, **k).endswith("informatiker")
            and real(*a, **k) != "Medizininformatiker" else real(*a, **k),
        )
        older.setattr(ingest.indexer, "READING", "older-reading")
        code, s, _ = _ingest(capsys, "--source", src, "--store", store)
        assert code == 0 and s["added"] == 2
    assert _kb(store, fresh=True).professions() == ["Informatiker", "Medizininformatiker"]
    code, s, _ = _ingest(capsys, "--source", src, "--store", store)
    assert code == 0 and (s["updated"], s["unchanged"]) == (1, 1)
    kb = _kb(store, fresh=True)
    assert kb.professions() == ["Krankenhausinformatiker", "Medizininformatiker"]
    assert {f.profession for f in kb.salary_facts()} == {"Krankenhausinformatiker"}


def test_salary_facts_read_another_way_are_read_again_by_the_next_ingest(
    tmp_path, capsys, monkeypatch
):
    """An older release read no pay from a text; its records are the same today, and the next
    plain ingest still reads its salary facts again (no embedding needed)."""
    import ingest.indexer

    src = tmp_path / "src"
    src.mkdir()
    (src / "aalen.txt").write_text(
        "Medizininformatiker in Aalen\n\nGehalt\n\nZum Einstieg zahlen die Kliniken in Aalen "
        "3.400 bis 3.900 Euro im Monat.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    with monkeypatch.context() as older:
        older.setattr(ingest.indexer, "salary_facts", lambda *a, **k: [])
        older.setattr(ingest.indexer, "READING", "older-reading")
        code, s, _ = _ingest(capsys, "--source", src, "--store", store)
        assert code == 0 and s["added"] == 1
    assert _kb(store, fresh=True).salary_facts() == []
    code, s, _ = _ingest(capsys, "--source", src, "--store", store)
    assert code == 0 and s["unchanged"] == 1 and s["chunks_embedded"] == 0
    assert [(f.low, f.high) for f in _kb(store, fresh=True).salary_facts()] == [(3400, 3900)]


def test_a_fact_sheets_short_lines_are_quotable_sentences_and_chatter_is_not(tmp_path):
    # "Urlaub: 30 Tage" states a fact in 15 characters; "Tja." states none.
    path = tmp_path / "kurort.txt"
    path.write_text(
        "Medizininformatik in Bochum\n\n"
        "Die Kliniken der Stadt suchen laufend Fachleute für ihre Systeme.\n\n"
        "Gehalt: 3.200 € im Monat zum Einstieg\nUrlaub: 30 Tage\nProbezeit: 6 Monate\n\n"
        "Weiterbildung:\n- ITIL 4 Foundation\n- Java\n\n"
        "Tja.\n",
        encoding="utf-8",
    )
    quotes = {d.metadata["quote"] for d in _records(path) if d.metadata["kind"] == "sentence"}
    assert {"Urlaub: 30 Tage", "Probezeit: 6 Monate", "- ITIL 4 Foundation", "- Java"} <= quotes
    assert "Tja." not in quotes
