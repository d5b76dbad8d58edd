"""The answerability feature "elsewhere": a topic another city's text covers and the asked
city's does not (the project's sample texts, real e5 model, real Chroma)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def bot(samples_store):
    from bot.factory import build_bot

    return build_bot(samples_store)


def elsewhere(bot, question: str) -> float:
    query, passages = bot.prepare(question, [])
    return bot.evidence(query, passages).features["elsewhere"]


def test_a_topic_only_other_cities_cover_is_closer_elsewhere(bot):
    # Working from home: the Mülheim text speaks of it, the Bochum text does not.
    covered = elsewhere(bot, "Kann man in Mülheim an der Ruhr im Homeoffice arbeiten?")
    uncovered = elsewhere(bot, "Kann man in Bochum im Homeoffice arbeiten?")
    assert covered <= 0.0 < uncovered


def test_the_uncovered_topic_is_refused_and_the_covered_one_answered(bot):
    assert bot.ask("Kann man in Bochum im Homeoffice arbeiten?").status == "no_answer"
    a = bot.ask("Kann man in Mülheim an der Ruhr im Homeoffice arbeiten?")
    assert a.status == "answered" and any("Homeoffice" in c.quote for c in a.citations)


def test_no_city_asked_means_nothing_to_compare(bot):
    assert elsewhere(bot, "Kann man im Homeoffice arbeiten?") == 0.0


def test_a_large_store_finds_the_same_best_sentence_elsewhere_as_a_small_one(bot, monkeypatch):
    from knowledge import subsets

    # Held whole in memory (small store) against Chroma's HNSW with metadata by id (large).
    question = "Kann man in Bochum im Homeoffice arbeiten?"
    small = elsewhere(bot, question)
    monkeypatch.setattr(subsets, "MAX_RECORDS", 10)
    bot.knowledge.subsets.clear()
    large = elsewhere(bot, question)
    bot.knowledge.subsets.clear()
    assert large == pytest.approx(small, abs=1e-4) and large > 0.0


def test_only_texts_in_the_asked_texts_language_count_elsewhere(
    tmp_path, samples_dir, embedding_cache
):
    # A German question comes closer to any German text than to an English one that answers
    # it: measured against German texts, an English city's answer looked like a gap.
    import shutil

    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings

    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("bochum.txt", "wuppertal.txt"):
        shutil.copy(samples_dir / name, texts / name)
    (texts / "selm.md").write_text(
        "# Medical informatics in Selm\n\nMedical informaticians in Selm look after the hospital "
        "information system, connect the laboratory and radiology systems through HL7 "
        "interfaces and train doctors and nurses when new software arrives.\n\nEntry-level pay "
        "in Selm is around €3,300 gross per month.\n",
        encoding="utf-8",
    )
    settings = Settings(store_dir=tmp_path / "store", embedding_cache=embedding_cache)
    assert not build_indexer(settings).run([texts]).failed
    bot = build_bot(settings)
    assert elsewhere(bot, "Welche Aufgaben haben Medizininformatiker in Selm?") == 0.0
    assert elsewhere(bot, "Welche Aufgaben haben Medizininformatiker in Bochum?") != 0.0
