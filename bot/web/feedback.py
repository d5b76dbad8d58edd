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
    UniqueConstraint,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.model import Answer, FeedbackRow
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
    # Issue #13, schema change: one vote per chat message and browser session. A second vote
    # on the same (session, message) replaces the first; NULL session = recorded outside a
    # session (old rows, scripts), never merged.
    Column("session", String(64)),
    Column("message", Integer),
    UniqueConstraint("session", "message", name="uq_feedback_session_message"),
)

JSON_COLUMNS = ("history", "cities", "citations", "passages")
RATINGS = ("up", "down", None)
KEEP = object()  # update(): leave the rating as it is


class FeedbackStore:
    """Ratings and comments on answers, one row per rated answer."""

    def __init__(self, engine: Engine, max_comment_chars: int | None = None):
        self.engine = engine
        self.max_comment_chars = max_comment_chars  # the table comes from the store's migrations

    def _comment(self, comment: str) -> str:
        # The web page refuses long comments with a message; this stops every other caller.
        if self.max_comment_chars is not None and len(comment) > self.max_comment_chars:
            raise ValueError(f"comment is {len(comment):,} characters, over the limit of "
                             f"{self.max_comment_chars:,}")
        return comment.strip()

    def record(self, answer: Answer, rating: str | None, comment: str = "",
               history: list[str] | None = None, session: str | None = None,
               message: int | None = None) -> int:
        """Store a rating (and comment) with the whole answer; returns the feedback id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
        row = FeedbackRow.of(answer, rating, self._comment(comment), history, session, message)
        with self.engine.begin() as conn:
            values = {"created_at": now(), **asdict(row)}
            return int(conn.execute(feedback.insert().values(**values)).inserted_primary_key[0])

    def vote(self, answer: Answer, session: str, message: int, rating: str | None | object = KEEP,
             comment: str | None = None, history: list[str] | None = None) -> int:
        """The one row of this session's message: created, or its rating/comment replaced."""
        key = (feedback.c.session == session) & (feedback.c.message == message)
        for _ in range(3):  # a concurrent first vote may win the insert: then update its row
            with self.engine.connect() as conn:
                found = conn.execute(select(feedback.c.id).where(key)).scalar()
            if found is not None:
                self.update(found, rating, comment)
                return int(found)
            try:
                return self.record(answer, None if rating is KEEP else rating, comment or "",
                                   history, session=session, message=message)
            except IntegrityError:
                continue
        raise RuntimeError("feedback vote kept conflicting")

    def votes(self) -> int:
        """Number of feedback rows (for tests and status)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(feedback)).scalar())

    def update(self, feedback_id: int, rating: str | None | object = KEEP,
               comment: str | None = None) -> None:
        """Change the rating (None clears it) and/or the comment of an existing row."""
        values = {}
        if rating is not KEEP:
            if rating not in RATINGS:
                raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
            values["rating"] = rating
        if comment is not None:
            values["comment"] = self._comment(comment)
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


def _flag_key(row: dict) -> tuple:
    # The same question in the same context getting the same answer is one case.
    return (" ".join(row["question"].split()).casefold(), tuple(row["history"]), row["answer"])


def as_evalset(rows: list[dict]) -> list[dict]:
    """Thumbs-down answers as evaluation cases for an advisor to complete, one per distinct
    (question, earlier questions, answer), with how many votes and sessions flagged it."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["rating"] == "down":
            groups.setdefault(_flag_key(r), []).append(r)
    cases = []
    for group in groups.values():
        r = group[0]
        # Votes without a session (scripts, old rows) each count as a session of their own.
        sessions = {g["session"] or f"row-{g['id']}" for g in group}
        notes = list(dict.fromkeys(g["comment"] for g in group if g["comment"]))
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
            "note": "\n".join(notes),
            "votes": len(group),
            "sessions": len(sessions),
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
