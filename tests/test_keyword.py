"""The keyword side's terms: stems, compound parts, and neighbours written as one word."""

from __future__ import annotations

from knowledge.keyword import KeywordIndex, words


def test_compounds_split_into_parts_the_texts_use_alone():
    index = KeywordIndex(["Das Gehalt steigt.", "Der Einstieg ist leicht.", "Einstiegsgehalt"])
    terms = set(index.terms(words("Einstiegsgehalt")))
    assert set(index.terms(words("Gehalt"))) <= terms
    assert set(index.terms(words("Einstieg"))) <= terms


def test_two_words_written_as_one_in_the_texts_find_it():
    index = KeywordIndex(["Zwei Homeoffice-Tage pro Woche sind üblich.", "Die Kantine ist gut."])
    scores = index.scores("home office")
    assert scores[0] > 0 and scores[1] == 0
    # Only where the texts write them as one word: "gute kantine" adds nothing.
    assert index.terms(words("gute kantine")) == index.terms(["gute"]) + index.terms(["kantine"])


def test_filter_masks_select_rows_by_city_and_profession():
    import numpy as np

    from knowledge.retriever import _Rows, _Snapshot

    cities = np.array(["Hagen", "Essen", "Hagen", ""], dtype=object)
    professions = np.array(["Koch", "Koch", "Arzt", "Koch"], dtype=object)
    snap = _Snapshot("g", ["a", "b", "c", "d"], [""] * 4, [{}] * 4, cities, professions, None)
    rows = _Rows(snap)
    assert rows.mask(4, ["Hagen"], None).tolist() == [True, False, True, False]
    assert rows.mask(4, ["Hagen", "Essen"], "Koch").tolist() == [True, True, False, False]
    assert rows.mask(4, None, "Koch").tolist() == [True, True, False, True]
    assert not rows.mask(4, ["Nowhere"], None).any()


def test_a_compound_splits_into_parts_the_texts_use_in_another_form():
    from knowledge.keyword import Decompounder, words

    parts = Decompounder(set(words("Sichere Kenntnisse in relationalen Datenbanken."))).parts
    assert parts("datenbankkenntnisse") == ("datenbank", "kenntnisse")
    assert parts("gartenbank") == ()  # neither part is a form of a word the texts use
