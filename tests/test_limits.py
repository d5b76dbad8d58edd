"""Input limits (issue #13): one bound for web, API and CLI; work grows at most linearly with
input size; the terminal never receives control sequences from texts."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli.terminal import clean, for_terminal
from bot.limits import Limits, bound, bounded_history, comment_refusal
from bot.model import Answer, Citation

LIMITS = Limits(question_chars=2000, history_turns=10, comment_chars=2000)
CUES = ["wo", "where", "in", "und in", "was", "what", "Bochum", "Bochumer", "verdient", "pay",
        "gehalt", "and there", "und dort", "?", "Essen", "ignore", "vs", "oder", "é", "Ω", "日"]
# CPU seconds: a fixed start plus a linear allowance, so no quadratic blow-up; the embedding
# engine's two threads both count. A first 2 KB question ("ä" * 1999) cost 2.1-2.5 s alone and
# 3.2 s in a fresh-clone CI run when its one "word" was embedded as well (1.2 s since, measured
# beside a test run); 4.5 s still fails any superlinear cost.
BUDGET_S, PER_KB_S = 4.5, 0.1


def test_over_long_question_is_refused_in_its_language():
    de = bound("Was verdient man? " * 200, [], LIMITS).refusal
    en = bound("what does it pay " * 200, [], LIMITS).refusal
    assert de.reason == en.reason == "too_long" and de.status == "no_answer"
    assert "zu lang" in de.answer and "3.600" in de.answer and de.language == "de"
    assert "too long" in en.answer and en.language == "en"
    assert len(de.question) <= 200  # the refusal does not carry the whole input around


def test_texts_the_model_reads_alike_share_one_query_encoding():
    from knowledge.embedder import MAX_QUERY_CHARS, _QueryCache

    cache, computed = _QueryCache(), []

    def compute(name):
        return lambda: computed.append(name) or [float(len(computed))]

    long = "Was verdient man? " * 100  # read only as far as MAX_QUERY_CHARS
    first = cache.get(long, compute("long"))
    # The search text appends topic words: beyond what the model reads, so the same vector.
    assert cache.get(long + " Gehalt Verdienst", compute("search")) == first
    assert cache.get(long[: MAX_QUERY_CHARS - 5], compute("short")) != first
    assert computed == ["long", "short"]


def test_history_keeps_the_last_turns_of_acceptable_length():
    big = "wo " * 40_000
    history = [f"Frage {i}" for i in range(30)] + [big, big]
    got = bounded_history(history, LIMITS)
    assert got == [f"Frage {i}" for i in range(20, 30)]
    assert bounded_history(history, Limits(history_turns=0)) == []
    pairs = [("Was verdient man in Dortmund?", "…"), {"role": "assistant", "content": big},
             {"role": "user", "content": "Und in Bochum?"}]
    assert bounded_history(pairs, LIMITS) == ["Was verdient man in Dortmund?", "Und in Bochum?"]
    assert bounded_history(iter(["a", "b"]), LIMITS) == ["a", "b"]
    assert bounded_history("not a list", LIMITS) == [] and bounded_history(None, LIMITS) == []


def test_comment_limit():
    assert comment_refusal("ok", LIMITS) is None
    assert "zu lang" in comment_refusal("x" * 20_000_000, LIMITS)
    assert "too long" in comment_refusal("this is wrong " * 200, LIMITS)


def test_control_characters_are_stripped_for_the_terminal():
    evil = "Gehalt\x1b[31m rot\x1b]0;title\x07 \x9b2J\u202eSchluss\x00\ttab\nzeile\x7f"
    assert clean(evil) == "Gehalt[31m rot]0;title 2JSchluss\ttab\nzeile"
    cite = Citation(1, "/c/\x1bx.txt", "Ti\x1btel", "Bochum", "3.200 €\x1b[2J", 0, 9)
    safe = for_terminal(Answer("q\x1b", "A\x1b[1m [1]", "answered", "de", [cite]))
    assert "\x1b" not in json.dumps([safe.answer, safe.question, *vars(safe.citations[0]).values()],
                                    ensure_ascii=False).replace("\\u001b", "\x1b")


@pytest.fixture(scope="module")
def small_bot(tmp_path_factory, samples_dir):
    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings

    with pytest.MonkeyPatch.context() as mp:
        for name in ("CAREERBOT_CHROMA_URL", "CAREERBOT_DATABASE_URL", "CAREERBOT_LLM"):
            mp.delenv(name, raising=False)
        store = Settings(store_dir=tmp_path_factory.mktemp("limits"))
        build_indexer(store).run([samples_dir])
        bot = build_bot(store)
    bot.ask("Was verdient man in Bochum?", [])  # warm: model and indexes loaded
    return bot


def _repeat(words: list[str], size: int) -> str:
    text = " ".join(words)
    return (text + " ") * (size // (len(text) + 1) + 1)


adversarial = st.one_of(
    st.text(max_size=3000),
    st.builds(_repeat, st.lists(st.sampled_from(CUES), min_size=1, max_size=3),
              st.sampled_from([100, 1999, 2000, 2001, 10_000, 100_000])),
    st.builds(lambda c, n: c * n, st.characters(), st.sampled_from([1999, 5000, 100_000])),
    st.lists(st.sampled_from([*"wo hereé日Ω\u202e\x00\n?", "in ", "wo ", "wo wo "]),
             max_size=2000).map("".join),
)


def _kb(question, history) -> float:
    sizes = [len(question)] + [len(h) if isinstance(h, str) else 0 for h in history]
    return sum(sizes) / 1000


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(question=adversarial, history=st.lists(adversarial, max_size=12))
def test_ask_time_is_bounded_per_kilobyte(small_bot, question, history):
    # CPU seconds of this process (the engine's threads included), not wall time: the work a
    # request costs does not change when other jobs share the cores, its wall time does.
    t0 = time.process_time()
    answer = small_bot.ask(question, history)
    took = time.process_time() - t0
    assert answer.status in ("answered", "no_answer")
    assert took <= BUDGET_S + PER_KB_S * _kb(question, history), took


def test_cli_names_cities_on_a_fresh_process_and_keeps_refusals_out(samples_store,
                                                                     run_careerbot):
    store = str(samples_store.store_dir)
    empty = run_careerbot("ask", "", "--store", store)
    assert empty.returncode == 0, empty.stderr
    assert "Bochum" in empty.stdout and " in -" not in empty.stdout
    chat = run_careerbot("chat", "--store", store, "--json",
                         input="x" * 3000 + "\nWas verdient man in Dortmund?\nUnd in Bochum?\n")
    lines = [json.loads(line) for line in chat.stdout.splitlines()]
    assert "zu lang" in lines[0]["answer"] and lines[2]["citations"][0]["city"] == "Bochum"


def test_cli_text_output_strips_escapes_from_quoted_texts(tmp_path, capsys):
    from bot.cli import main

    texts = tmp_path / "texts"
    texts.mkdir()
    # Enough ordinary text around the escapes that ingest takes it for text, not binary
    # (it refuses files with more than 1 % control characters).
    prose = "Kliniken und Praxen im Ruhrgebiet suchen Fachleute für Daten und Systeme. " * 8
    (texts / "bochum.txt").write_text(
        "Medizininformatiker in Bochum\nGehalt\nEinsteiger in Bochum verdienen \x1b[31m3.200 € "
        "bis 3.600 €\x1b[0m im Monat.\x1b]0;pwned\x07 \u202eEnde.\nArbeitsmarkt\n" + prose
        + "\n", encoding="utf-8")
    store = str(tmp_path / "store")
    # The CLI's entry in this process: the printing, not process start-up, is under test.
    assert main(["ingest", "--source", str(texts), "--store", store, "--quiet"]) == 0
    question = "Was verdient man als Einsteiger in Bochum?"
    capsys.readouterr()
    assert main(["ask", question, "--store", store]) == 0
    text = capsys.readouterr().out
    assert "3.200" in text and "3.600" in text
    assert not any(ch in text for ch in "\x1b\x07\u202e"), repr(text)
    assert main(["ask", question, "--store", store, "--json"]) == 0
    exact = json.loads(capsys.readouterr().out)
    assert any("\x1b" in c["quote"] for c in exact["citations"])  # JSON stays verbatim


def test_a_very_long_word_costs_no_more_than_a_short_one():
    # Compound analysis once took cubic time in a word's length: 2,000 letters, 6.9 CPU s.
    from knowledge.occupations import mentions

    t0 = time.process_time()
    assert mentions("Grundschullehrerin " + "A" * 5000 + " Lehrerinnen")
    assert time.process_time() - t0 < 0.5
