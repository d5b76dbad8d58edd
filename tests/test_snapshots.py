"""The keyword snapshot saved per store generation (knowledge/snapshots.py): a second start
reads it instead of rebuilding, an ingest makes a new one and drops the old, a damaged file is
rebuilt (hash embedder: this is about files, not meaning)."""

from __future__ import annotations

import pytest


@pytest.fixture
def store(tmp_path, repo_root):
    from bot.factory import build_indexer
    from bot.settings import Settings

    source = repo_root / "tests" / "data" / "professions"
    settings = Settings(store_dir=tmp_path / "store", sources=[source], embedding_model="hash")
    assert build_indexer(settings).run([source]).added == 2
    return settings


def retriever(settings):
    from bot.factory import build_knowledge
    from knowledge.retriever import Retriever

    return Retriever(build_knowledge(settings))


def saved(settings) -> list:
    return sorted((settings.store_dir / "keyword-snapshots").glob("*.pickle"))


def test_a_second_start_reads_the_snapshot(store, monkeypatch):
    from knowledge.retriever import Retriever

    first = retriever(store)
    assert len(saved(store)) == 1

    def no_build(self):
        raise AssertionError("rebuilt although a snapshot was saved")

    monkeypatch.setattr(Retriever, "_build", no_build)
    second = retriever(store)
    assert second.size == first.size > 0
    assert [h.id for h in second.search("Gehalt Bottrop")] == [
        h.id for h in first.search("Gehalt Bottrop")
    ]


def test_an_ingest_makes_a_new_snapshot_and_drops_the_old(store, tmp_path):
    from bot.factory import build_indexer

    r = retriever(store)
    before = saved(store)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "herne.txt").write_text(
        "Medizininformatiker in Herne\nBeruf: Medizininformatiker\n\nGehalt\n\n"
        "In Herne beginnt man mit 3.100 € im Monat.\n",
        encoding="utf-8",
    )
    assert build_indexer(store).run([extra]).added == 1
    assert r.refresh()
    after = saved(store)
    assert len(after) == 1 and after != before
    assert retriever(store).size == r.size


def test_a_damaged_snapshot_is_rebuilt(store):
    size = retriever(store).size
    (path,) = saved(store)
    path.write_bytes(b"not a snapshot")
    assert retriever(store).size == size
    assert path.read_bytes() != b"not a snapshot"


def test_a_snapshot_written_by_other_code_is_rebuilt(store, monkeypatch):
    from knowledge import snapshots
    from knowledge.retriever import Retriever

    size = retriever(store).size
    monkeypatch.setattr(snapshots, "code_form", lambda: "upgraded")
    built = []
    original = Retriever._build

    def counted(self):
        built.append(1)
        return original(self)

    monkeypatch.setattr(Retriever, "_build", counted)
    assert retriever(store).size == size and built == [1]
    assert [p.name.endswith("-upgraded.pickle") for p in saved(store)] == [True]
