"""Advisor feedback on answers, kept in the store's database, and its export."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
    update,
)

from bot.model import Answer
from knowledge.database import now

metadata = MetaData()

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("rating", String(10)),  # "up", "down" or None (comment only)
    Column("comment", Text, nullable=False, default=""),
    Column("question", Text, nullable=False),
    Column("history", Text, nullable=False, default="[]"),  # earlier questions, JSON
    Column("resolved", Text, nullable=False, default=""),
    Column("answer", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("language", String(5), nullable=False),
    Column("cities", Text, nullable=False, default="[]"),  # JSON
    Column("citations", Text, nullable=False, default="[]"),  # JSON
    Column("passages", Text, nullable=False, default="[]"),  # JSON, with per-retriever scores
    Column("guard", String(20)),
    Column("reason", Text),
)

JSON_COLUMNS = ("history", "cities", "citations", "passages")
RATINGS = ("up", "down", None)
KEEP = object()  # update(): leave the rating as it is


def _passages(answer: Answer) -> list[dict]:
    # The text is in the documents table; keep what locates and scores each passage.
    return [
        {k: v for k, v in asdict(p).items() if k != "text"} | {"excerpt": p.text[:300]}
        for p in answer.passages
    ]


class FeedbackStore:
    """Ratings and comments on answers, one row per rated answer."""

    def __init__(self, engine: Engine):
        self.engine = engine
        metadata.create_all(engine)

    def record(self, answer: Answer, rating: str | None, comment: str = "",
               history: list[str] | None = None) -> int:
        """Store a rating (and comment) with the whole answer; returns the feedback id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
        row = {
            "created_at": now(), "rating": rating, "comment": comment.strip(),
            "question": answer.question, "history": json.dumps(history or [], ensure_ascii=False),
            "resolved": answer.resolved, "answer": answer.answer, "status": answer.status,
            "language": answer.language, "cities": json.dumps(answer.cities, ensure_ascii=False),
            "citations": json.dumps([asdict(c) for c in answer.citations], ensure_ascii=False),
            "passages": json.dumps(_passages(answer), ensure_ascii=False),
            "guard": answer.guard, "reason": answer.reason,
        }
        with self.engine.begin() as conn:
            return int(conn.execute(feedback.insert().values(**row)).inserted_primary_key[0])

    def update(self, feedback_id: int, rating: str | None | object = KEEP,
               comment: str | None = None) -> None:
        """Change the rating (None clears it) and/or the comment of an existing row."""
        values = {}
        if rating is not KEEP:
            if rating not in RATINGS:
                raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
            values["rating"] = rating
        if comment is not None:
            values["comment"] = comment.strip()
        if values:
            with self.engine.begin() as conn:
                conn.execute(update(feedback).where(feedback.c.id == feedback_id).values(**values))

    def rows(self) -> list[dict]:
        """All feedback, oldest first, JSON columns decoded."""
        with self.engine.connect() as conn:
            got = conn.execute(select(feedback).order_by(feedback.c.id)).all()
        out = []
        for r in got:
            row = dict(r._mapping)
            row["created_at"] = row["created_at"].isoformat(timespec="seconds")
            for k in JSON_COLUMNS:
                row[k] = json.loads(row[k] or "[]")
            out.append(row)
        return out


def as_evalset(rows: list[dict]) -> list[dict]:
    """Thumbs-down answers as evaluation cases for an advisor to complete."""
    cases = []
    for r in rows:
        if r["rating"] != "down":
            continue
        cases.append({
            "id": f"feedback-{r['id']}",
            "turns": r["history"],
            "question": r["question"],
            "language": r["language"],
            # A flagged abstention should have answered; for a flagged answer the advisor adds
            # expect_facts, or flips this to no_answer if the bot should not have answered.
            "expect_status": "answered",
            "expect_city": r["cities"][0] if len(r["cities"]) == 1 else (r["cities"] or None),
            "expect_facts": [],
            "kind": "feedback",
            "note": r["comment"],
            "bot_status": r["status"],
            "bot_answer": r["answer"],
        })
    return cases


def _csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[c.name for c in feedback.columns])
    writer.writeheader()
    for r in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in JSON_COLUMNS else v
                         for k, v in r.items()})
    return buf.getvalue().rstrip("\n")


def export(settings, fmt: str = "json", flagged_as_evalset: bool = False) -> str:
    """All feedback as CSV or JSON; or the thumbs-down answers as an evaluation set (JSON)."""
    from bot.factory import engine_for

    rows = FeedbackStore(engine_for(settings)).rows()
    if flagged_as_evalset:
        return json.dumps(as_evalset(rows), ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}; use csv or json")
