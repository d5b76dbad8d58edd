"""Answer exemplars: the nearest labelled questions' answers as a prototype, how close the
quoted sentences come to it, the shipped file, and that a store never reads the exemplars of
the cities whose texts it holds."""

from __future__ import annotations

import numpy as np

from bot.answering.exemplars import NOTHING, Exemplars, exemplar, stack_exemplars
from bot.answering.scoring import load_exemplars
from bot.settings import BUNDLED_MODEL

DIM = 16


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def _axis(i: int, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    v = np.zeros(DIM, np.float32)
    v[i] = 1.0
    return _unit(v + np.random.default_rng(seed).normal(scale=noise, size=DIM))


def _topics() -> Exemplars:
    """Questions on axes 0 and 1 whose answers lie on axes 8 and 9, in three cities' texts."""
    first = [
        (_axis(0, 0.1, s), _axis(8, 0.1, s), ("Olpe" if s % 2 else "Attendorn",)) for s in range(5)
    ]
    second = [(_axis(1, 0.1, s), _axis(9, 0.1, s), ("Wetter",)) for s in range(5, 10)]
    return Exemplars.of(first + second)


def test_a_sentence_like_the_labelled_answers_scores_high_and_a_same_topic_miss_low():
    ex = _topics()
    asked = _axis(0, 0.05, 42)
    answered = ex.features(asked, [_axis(8, 0.1, 1), _axis(3)])
    missed = ex.features(asked, [_axis(9, 0.1, 1), _axis(3)])  # the other question's answer
    assert answered["exemplar_best"] > 0.9 > 0.3 > missed["exemplar_best"]
    assert answered["exemplar_near"] > 0.9
    # Only the sentences that would be quoted count: not a closer one further down.
    assert ex.features(asked, [_axis(3)] * 6 + [_axis(8)])["exemplar_best"] < 0.3


def test_no_vectors_or_another_models_vectors_measure_nothing():
    ex = _topics()
    assert ex.features(None, [_axis(8)]) == NOTHING
    assert ex.features(_axis(0), []) == NOTHING
    assert ex.features(np.ones(384), [np.ones(384)]) == NOTHING
    assert Exemplars.of([]).features(_axis(0), [_axis(8)]) == NOTHING


def test_a_store_reads_only_the_exemplars_of_cities_whose_texts_it_does_not_hold():
    ex = _topics()
    assert len(ex.without(("Dortmund",)).questions) == 10
    assert len(ex.without(("Attendorn", "Bochum")).questions) == 7
    other = ex.without(("Attendorn", "Olpe"))
    assert len(other.questions) == 5
    assert other.features(_axis(0), [_axis(8)])["exemplar_best"] < 0.3
    assert ex.without(("Olpe", "Attendorn", "Wetter")).features(_axis(0), [_axis(8)]) == NOTHING


def test_exemplars_read_back_from_their_file(tmp_path):
    ex = _topics()
    ex.save(tmp_path / "e.npz")
    back = Exemplars.load(tmp_path / "e.npz")
    assert back.questions.shape == ex.questions.shape
    assert np.allclose(back.answers, ex.answers, atol=1e-3)
    assert back.places == ex.places and list(back.groups) == list(ex.groups)


def test_an_exemplar_is_the_mean_of_the_sentences_that_hold_a_fact_with_their_cities():
    sentences = [
        ("Rufbereitschaft eine Woche in acht", _axis(8), "Olpe"),
        ("Kantine", _axis(3), "Wetter"),
    ]
    q, a, cities = exemplar(_axis(0), sentences, ["Woche in acht"], lambda t, f: f in t)
    assert np.allclose(a, _axis(8)) and np.allclose(q, _axis(0)) and cities == ("Olpe",)
    assert exemplar(_axis(0), sentences, ["Homeoffice"], lambda t, f: f in t) is None
    assert exemplar(None, sentences, ["Kantine"], lambda t, f: f in t) is None


def test_each_sets_rows_are_measured_without_the_exemplars_of_its_own_cities():
    def row(q, a, city, places, own=True):
        return {
            "_question": q,
            "_vectors": [a],
            "_exemplar": (q, a, (city,)) if own else None,
            "_places": places,
        }

    sets = {
        "a": ([row(_axis(0), _axis(8), "Olpe", ("Olpe", "Bochum"))], [1]),
        "b": ([row(_axis(1), _axis(9), "Wetter", ("Wetter", "Bochum"))], [1]),
        "c": ([row(_axis(0), _axis(8), "Hagen", ("Hagen", "Bochum"), own=False)], [0]),
    }
    shipped = stack_exemplars(sets, ["a", "b"])
    assert len(shipped.questions) == 2 and shipped.places == (("Olpe",), ("Wetter",))
    # a's own exemplar is not read: its nearest is b's question, whose answer is elsewhere.
    assert sets["a"][0][0]["exemplar_near"] < 0.1
    assert sets["a"][0][0]["exemplar_best"] < 0.1
    assert sets["c"][0][0]["exemplar_best"] > 0.99  # c gives none, reads a's


def test_the_shipped_exemplars_fit_the_bundled_model():
    shipped = load_exemplars(BUNDLED_MODEL)
    assert shipped is not None and len(shipped.questions) > 1000
    assert shipped.questions.shape == shipped.answers.shape
    assert shipped.questions.shape[1] == 384


def test_a_bot_over_the_sample_texts_reads_no_exemplar_of_their_own_questions(samples_store):
    from bot.factory import build_bot

    bot = build_bot(samples_store)
    mine = set(bot.catalog.cities)
    assert 0 < len(bot.exemplars.questions) < len(bot.all_exemplars.questions)
    read = {int(g) for g in bot.exemplars.groups}
    assert read and not any(mine & set(bot.exemplars.places[g]) for g in read)


def test_the_ranker_reads_how_close_each_sentence_comes_to_the_prototype_answer():
    from bot.answering.evidence import EvidenceFinder
    from knowledge.retriever import Hit

    ex = _topics()
    like = ex.answer_like(_axis(0, 0.05, 42))
    assert like is not None and ex.answer_like(None) is None
    assert ex.answer_like(np.ones(384)) is None  # another model's vectors: no prototype
    meta = {"source": "olpe.md", "city": "Olpe", "start": 0}
    hits = [
        Hit("near", "Rufbereitschaft eine Woche in acht.", meta, 0.8, {}, {}, _axis(8, 0.1, 3)),
        Hit("miss", "Homeoffice an zwei Tagen.", meta, 0.8, {}, {}, _axis(9, 0.1, 3)),
    ]
    finder = EvidenceFinder(lambda t: set(t.lower().split()), lambda t: 1.0)
    got = {s.text: s.features for s in finder.candidates("Bereitschaft?", (), hits, [], like=like)}
    near, miss = got["Rufbereitschaft eine Woche in acht."], got["Homeoffice an zwei Tagen."]
    assert near["exemplar_match"] > 0.8 > 0.3 > miss["exemplar_match"]
    assert near["exemplar_match_z"] > 0 > miss["exemplar_match_z"]
    plain = finder.candidates("Bereitschaft?", (), hits, [])  # no exemplars: a neutral column
    assert {s.features["exemplar_match"] for s in plain} == {0.0}
