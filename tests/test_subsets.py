"""Filtered search held in memory (knowledge/subsets.py) finds what Chroma's own filtered query
finds, in a real embedded Chroma; over-large filters are left to Chroma; an ingest clears them."""

from __future__ import annotations

import random

import pytest

from knowledge import subsets as subsets_module
from knowledge.embedder import HashEmbedder
from knowledge.store import chroma_client, collection, forget_embedded_clients
from knowledge.subsets import Subsets

CITIES = ("Bochum", "Essen", "Hagen")
WORDS = "Gehalt Weiterbildung Klinik Schnittstelle Datenschutz Team Projekt Kurs Stelle".split()


@pytest.fixture
def col(tmp_path):
    rng = random.Random(7)
    c = collection(chroma_client(tmp_path), "subsets", HashEmbedder(), create=True)
    texts = [" ".join(rng.choices(WORDS, k=6)) + f" {i}" for i in range(300)]
    metas = [
        {"city": CITIES[i % 3], "kind": "sentence" if i % 4 else "chunk", "start": i}
        for i in range(300)
    ]
    c.add(ids=[f"r{i}" for i in range(300)], documents=texts, metadatas=metas)
    yield c
    forget_embedded_clients()


@pytest.mark.parametrize("city", CITIES)
def test_same_records_and_order_as_chroma(col, city):
    where = {"$and": [{"kind": "sentence"}, {"city": city}]}
    query = HashEmbedder().embed_query("Weiterbildung Kurs Klinik")
    mine = Subsets().get(col, {"city": city}, sentences=True).nearest(query, 10, vectors=True)
    theirs = col.query(
        query_embeddings=[query],
        n_results=10,
        where=where,
        include=["documents", "metadatas", "distances", "embeddings"],
    )
    assert mine["ids"] == theirs["ids"]
    assert mine["distances"][0] == pytest.approx(theirs["distances"][0], abs=1e-5)
    assert all(m["city"] == city and m["kind"] == "sentence" for m in mine["metadatas"][0])
    assert len(mine["embeddings"][0]) == 10


def test_too_large_a_filter_is_left_to_chroma(col, monkeypatch):
    monkeypatch.setattr(subsets_module, "MAX_RECORDS", 20)
    assert Subsets().get(col, {"city": "Bochum"}, sentences=True) is None  # 100 records


def test_fewer_records_than_asked_and_clearing(col):
    held = Subsets()
    got = held.get(col, {"city": "Essen"}, sentences=False)
    assert len(got.nearest(HashEmbedder().embed_query("Team"), 500)["ids"][0]) == 25
    assert all(m["kind"] == "chunk" for m in got.metadatas)
    assert len(held.get(col, {"city": "Essen"}, sentences=True).ids) == 75  # the same fetch
    assert held.get(col, {"city": "Nowhere"}, sentences=True).nearest([0.0] * 256, 5)["ids"] == [[]]
    held.clear()
    assert not held._items


def test_only_a_small_store_is_held_whole(col, monkeypatch):
    held = Subsets()
    assert held.small(col)  # 300 records
    monkeypatch.setattr(subsets_module, "MAX_RECORDS", 100)
    assert held.small(col)  # counted once per store generation
    held.clear()
    assert not held.small(col)


def test_least_recently_used_subsets_go_when_too_many_records_are_held(col, monkeypatch):
    monkeypatch.setattr(subsets_module, "MAX_HELD", 150)
    held = Subsets()
    for city in CITIES:  # 100 records each
        held.get(col, {"city": city}, sentences=False)
    assert held.held() == 100 and list(held._items) == ['{"city": "Hagen"}']


def test_chunks_of_a_store_from_before_record_kinds_are_held_as_chunks(tmp_path):
    c = collection(chroma_client(tmp_path), "old", HashEmbedder(), create=True)
    c.add(
        ids=["a", "b"],
        documents=["Gehalt Team", "Kurs Stelle"],
        metadatas=[{"city": "Hagen"}, {"city": "Hagen", "kind": "sentence"}],
    )
    held = Subsets()
    assert held.get(c, {"city": "Hagen"}, sentences=False).ids == ["a"]
    assert held.get(c, {"city": "Hagen"}, sentences=True).ids == ["b"]
    forget_embedded_clients()


def test_warming_the_vector_index_in_the_background_never_raises(col, caplog):
    from knowledge.store import warm

    thread = warm(col, 0)  # 300 records: above 0, so it queries
    thread.join(timeout=60)
    assert not thread.is_alive()

    class Gone:
        def count(self):
            raise RuntimeError("server stopped")

    with caplog.at_level("INFO", logger="knowledge.store"):
        warm(Gone(), 0).join(timeout=10)
    assert "vector index not warmed: server stopped" in caplog.text
