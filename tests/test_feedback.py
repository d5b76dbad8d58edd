"""Advisor feedback: stored in the store's database, exported as CSV/JSON or as eval cases."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bot.factory import engine_for
from bot.model import Answer, Citation, Passage
from bot.web.feedback import FeedbackStore, export


def _answer(question="Was verdient man in Bochum?", status="answered") -> Answer:
    cite = Citation(1, "/c/bochum.txt", "Jobs in Bochum", "Bochum", "3.200 € bis 3.600 €", 10, 29)
    passages = [
        Passage("a", "… 3.200 € bis 3.600 € …", "/c/bochum.txt", "Jobs in Bochum", "Bochum",
                "Gehalt", 4, 5, 40, 0.0327, {"vector": 0.61, "keyword": 9.1},
                {"vector": 1, "keyword": 1}),
        Passage("b", "anderes", "/c/bochum.txt", "Jobs in Bochum", "Bochum", "", 2, 50, 90,
                0.0161, {"keyword": 2.0}, {"keyword": 3}),
    ]
    return Answer(question, "Bochum: 3.200 € bis 3.600 € [1].", status, "de", [cite], passages,
                  resolved=question, cities=["Bochum"], guard="passed", reason="ok")


def test_feedback_survives_a_new_store_object(store_settings):
    store = FeedbackStore(engine_for(store_settings))
    fid = store.record(_answer(), "down", " falsche Stufe ", history=["Hallo?"])
    store.update(fid, comment="Zahl stimmt, Stufe fehlt")
    rows = FeedbackStore(engine_for(store_settings)).rows()
    assert len(rows) == 1
    row = rows[0]
    assert row["rating"] == "down" and row["comment"] == "Zahl stimmt, Stufe fehlt"
    assert row["question"] == "Was verdient man in Bochum?" and row["history"] == ["Hallo?"]
    assert row["citations"][0]["quote"] == "3.200 € bis 3.600 €"
    assert row["passages"][0]["ranks"] == {"vector": 1, "keyword": 1}
    assert row["passages"][1]["scores"] == {"keyword": 2.0}  # retrieved but not cited
    assert row["guard"] == "passed" and row["reason"] == "ok"
    assert row["created_at"]
    assert (store_settings.store_dir / "careerbot.sqlite").is_file()


def test_rating_can_change_and_be_cleared(store_settings):
    store = FeedbackStore(engine_for(store_settings))
    fid = store.record(_answer(), "up")
    store.update(fid, rating="down")
    assert store.rows()[0]["rating"] == "down"
    store.update(fid, rating=None)
    assert store.rows()[0]["rating"] is None
    with pytest.raises(ValueError):
        store.record(_answer(), "meh")


def test_export_json_and_csv(store_settings):
    store = FeedbackStore(engine_for(store_settings))
    store.record(_answer(), "up", "passt")
    store.record(_answer("Und in Dortmund?", "no_answer"), "down", "Dortmund fehlt, \"Zitat\"")
    rows = json.loads(export(store_settings, "json"))
    assert [r["rating"] for r in rows] == ["up", "down"]
    table = list(csv.DictReader(io.StringIO(export(store_settings, "csv"))))
    assert [r["comment"] for r in table] == ["passt", 'Dortmund fehlt, "Zitat"']
    assert json.loads(table[0]["citations"])[0]["city"] == "Bochum"
    with pytest.raises(ValueError):
        export(store_settings, "xml")


def test_flagged_answers_become_eval_cases(store_settings):
    store = FeedbackStore(engine_for(store_settings))
    store.record(_answer(), "up")
    fid = store.record(_answer("und in Bochum?", "no_answer"), "down", "hätte antworten sollen",
                       history=["Was verdient man in Dortmund?"])
    cases = json.loads(export(store_settings, "json", flagged_as_evalset=True))
    assert len(cases) == 1
    case = cases[0]
    assert set(case) >= {"id", "turns", "question", "language", "expect_status", "expect_city",
                         "expect_facts", "kind", "note"}
    assert case["id"] == f"feedback-{fid}"
    assert case["turns"] == ["Was verdient man in Dortmund?"]
    assert case["question"] == "und in Bochum?"
    assert case["expect_status"] == "answered"
    assert case["expect_city"] == "Bochum" and case["expect_facts"] == []
    assert case["note"] == "hätte antworten sollen" and case["bot_status"] == "no_answer"


def test_cli_export(store_settings, run_careerbot):
    FeedbackStore(engine_for(store_settings)).record(_answer(), "down", "CLI-Test")
    store = str(store_settings.store_dir)
    done = run_careerbot("feedback", "--store", store, "export", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "CLI-Test" in done.stdout and done.stdout.startswith("id,created_at,rating")
    flagged = run_careerbot("feedback", "--store", store, "export", "--flagged-as-evalset")
    assert json.loads(flagged.stdout)[0]["note"] == "CLI-Test"


def test_a_second_vote_of_a_session_replaces_the_first(store_settings):
    store = FeedbackStore(engine_for(store_settings))
    first = store.vote(_answer(), "s1", 3, "up")
    assert store.vote(_answer(), "s1", 3, "down") == first
    assert store.vote(_answer(), "s1", 3, comment="doch falsch") == first  # rating kept
    other = store.vote(_answer(), "s2", 3, "down")
    assert other != first and store.vote(_answer(), "s1", 5, "up") not in (first, other)
    rows = {r["id"]: r for r in store.rows()}
    assert len(rows) == 3
    assert rows[first]["rating"] == "down" and rows[first]["comment"] == "doch falsch"
    assert rows[first]["session"] == "s1" and rows[first]["message"] == 3


def test_a_huge_comment_is_refused(store_settings):
    from bot.limits import Limits, comment_refusal

    store = FeedbackStore(engine_for(store_settings), max_comment_chars=2000)
    huge = "x" * 20_000_000
    assert "zu lang" in comment_refusal(huge, Limits(comment_chars=2000))
    with pytest.raises(ValueError, match="over the limit"):
        store.vote(_answer(), "s1", 1, "down", comment=huge)
    fid = store.vote(_answer(), "s1", 1, "down", comment="kurz")
    with pytest.raises(ValueError, match="over the limit"):
        store.update(fid, comment=huge)
    assert [r["comment"] for r in store.rows()] == ["kurz"]


def test_flagged_cases_carry_votes_and_session_spread(store_settings):
    store = FeedbackStore(engine_for(store_settings))
    angry = _answer("Was verdient man in Essen?", "no_answer")
    for message in range(4):  # one visitor, four times the same question
        store.vote(angry, "angry", message, "down", comment="fehlt")
    many = _answer()
    for session in ("a", "b", "c"):
        store.vote(many, session, 1, "down")
    store.vote(many, "d", 1, "up")
    cases = {c["question"]: c for c in json.loads(export(store_settings, flagged_as_evalset=True))}
    assert (cases["Was verdient man in Essen?"]["votes"],
            cases["Was verdient man in Essen?"]["sessions"]) == (4, 1)
    assert cases["Was verdient man in Essen?"]["note"] == "fehlt"
    assert (cases[many.question]["votes"], cases[many.question]["sessions"]) == (3, 3)
