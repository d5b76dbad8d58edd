"""The answerability features 'word_match_*': whether the best sentences speak of the
question's rarest words, across languages (the real e5 model; sentences written for this
test)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.answering.coverage import NOTHING, WordCoverage, query_encoder

SENTENCES = [
    "Die Wochenarbeitszeit beträgt 39 Stunden, Gleitzeit ist üblich.",
    "Homeoffice ist an zwei Tagen pro Woche möglich.",
    "Das Einstiegsgehalt liegt bei 3.600 Euro brutto im Monat.",
    "Medizininformatiker betreuen das Krankenhausinformationssystem der Klinik.",
    "In der Kantine gibt es ein günstiges Mittagessen für alle Beschäftigten.",
    "Die Probezeit beträgt sechs Monate.",
    "Wer aus dem Ausland kommt, bekommt Hilfe beim Umzug.",
    "Die Schnittstellen zum Labor werden über HL7 angebunden.",
]
# Stop words are what the keyword index drops; a few suffice here.
STOP = {"the", "is", "for", "how", "long", "gibt", "es", "in", "eine", "einen", "with", "die"}


@dataclass
class Candidate:
    text: str


def terms(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)} - STOP


@pytest.fixture(scope="module")
def coverage():
    from knowledge.embedder import E5Embedder

    return WordCoverage(query_encoder(E5Embedder()), terms)


def ranked(first: list[int]) -> list[Candidate]:
    """The sentences as ranked candidates: those at `first` on top, the rest after."""
    order = first + [i for i in range(len(SENTENCES)) if i not in first]
    return [Candidate(SENTENCES[i]) for i in order]


def test_the_rarest_words_leave_out_stop_everyday_and_city_words(coverage):
    words = coverage.rarest("How long is the probation period in Borken?", "en", ("Borken",))
    assert "probation" in words and "Borken" not in words and "the" not in words
    # "there" and "gibt" are everyday words: they say nothing of what is asked.
    assert coverage.rarest("Is there a canteen?", "en") == ["canteen"]
    assert coverage.rarest("Gibt es eine Kantine?", "de") == ["Kantine"]


@pytest.mark.parametrize(
    ("question", "language", "answering"),
    [
        ("How long is the probation period?", "en", 5),
        ("Is there a canteen?", "en", 4),
        ("Does the employer help with relocation?", "en", 6),
        ("Gibt es Hilfe beim Umzug?", "de", 6),
    ],
)
def test_a_word_the_top_sentences_speak_of_is_matched_in_either_language(
    coverage, question, language, answering
):
    words = coverage.rarest(question, language)
    # The top six candidates: with the answering sentence, and without it (it comes last).
    others = [i for i in range(len(SENTENCES)) if i != answering][:6]
    held = coverage.measure(words, ranked([answering, *others[:5]]))
    left_out = coverage.measure(words, ranked(others))
    assert held["word_match_min"] > left_out["word_match_min"]
    assert held["word_match_mean"] > left_out["word_match_mean"]
    # Left out of the top, the answering sentence is the better match behind it (the lead is
    # the least over the words: another word may lead as little with it on top).
    assert left_out["word_match_lead"] < 0.0
    assert left_out["word_match_lead"] <= held["word_match_lead"]


def test_no_words_or_no_sentences_measure_nothing(coverage):
    assert coverage.measure([], ranked([0])) == NOTHING
    assert coverage.measure(["Kantine"], []) == NOTHING


def test_a_word_longer_than_any_real_one_is_not_read(coverage):
    # Pasted garbage would cost an encoding of the model's whole window and match nothing.
    assert coverage.rarest("Gibt es eine Kantine? " + "ä" * 1999, "de") == ["Kantine"]


def test_word_vectors_are_encoded_once(coverage):
    calls = []

    def encode(words):
        calls.append(list(words))
        return coverage.encode(words)

    counted = WordCoverage(encode, terms)
    counted.vectors(["Kantine", "Probezeit"])
    counted.vectors(["Probezeit", "Umzug", "Umzug"])
    assert calls == [["Kantine", "Probezeit"], ["Umzug"]]


def test_pay_from_the_salary_figures_embeds_no_words(samples_store):
    # The word features are read only where answerability decides (the sentence path): the
    # first answer after a start, often a pay question, does not wait for word vectors.
    from bot.factory import build_bot

    bot = build_bot(samples_store)
    encoded = []
    encode = bot.coverage.encode
    bot.coverage.encode = lambda words: encoded.append(words) or encode(words)
    a = bot.ask("Was verdient ein Medizininformatiker als Berufseinsteiger in Bochum?")
    assert a.status == "answered" and not encoded
    a = bot.ask("Welche Weiterbildungen gibt es in Wuppertal?")
    assert a.status == "answered" and encoded
