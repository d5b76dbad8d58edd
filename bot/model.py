"""What the bot returns: an answer, its citations, and the passages it looked at."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TypedDict


class Status(StrEnum):
    """Whether the texts answered the question."""

    ANSWERED = "answered"
    NO_ANSWER = "no_answer"


class Intent(StrEnum):
    """What a question asks about (the classes of the intent model)."""

    SALARY = "salary"
    COMPARISON = "comparison"
    TRAINING = "training"
    TASKS = "tasks"
    SKILLS = "skills"
    MARKET = "market"
    CONDITIONS = "conditions"
    OVERVIEW = "overview"
    OFFTOPIC = "offtopic"


class Level(StrEnum):
    """Career stage a salary figure or a question is about."""

    ENTRY = "entry"
    EXPERIENCED = "experienced"
    LEAD = "lead"
    UNSPECIFIED = "unspecified"


class Reason(StrEnum):
    """Why a reply is not (fully) an answer."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    INJECTION = "injection"
    UNCOVERED_CITY = "uncovered"
    UNCOVERED_PROFESSION = "profession"
    OFFTOPIC = "offtopic"
    NOTHING = "nothing"
    LEVEL_NOT_STATED = "level_not_stated"
    UNAVAILABLE = "unavailable"
    EMPTY_STORE = "empty_store"


@dataclass
class Passage:
    """A retrieved chunk with where it comes from and how each retriever scored it."""

    id: str
    text: str
    source: str
    title: str
    city: str
    heading: str
    paragraph: int
    start: int
    end: int
    score: float = 0.0  # fused (reciprocal rank) score
    scores: dict[str, float] = field(default_factory=dict)  # retriever -> its own score
    ranks: dict[str, int] = field(default_factory=dict)  # retriever -> 1-based rank

    @classmethod
    def of_hit(cls, hit) -> Passage:
        """A retrieval hit (knowledge.retriever.Hit) as the Passage the answer carries."""
        m = hit.meta
        return cls(
            id=hit.id,
            text=hit.text,
            source=m.get("source", ""),
            title=m.get("title", ""),
            city=m.get("city", ""),
            heading=m.get("heading", ""),
            paragraph=int(m.get("paragraph", 0)),
            start=int(m.get("start", 0)),
            end=int(m.get("end", 0)),
            score=round(hit.score, 5),
            scores=hit.scores,
            ranks=hit.ranks,
        )


@dataclass
class Citation:
    """A verbatim quote: document_text[start:end] == quote."""

    n: int
    source: str
    title: str
    city: str
    quote: str
    start: int
    end: int


@dataclass
class Answer:
    """One reply. to_json() is the public --json shape; the rest serves UI and advisors."""

    question: str
    answer: str
    status: str  # "answered" | "no_answer"
    language: str  # "de" | "en"
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    resolved: str = ""  # the question after follow-up resolution, as retrieved
    topic: str = ""
    cities: list[str] = field(default_factory=list)
    profession: str = ""
    guard: str | None = None  # with an LLM: "passed" or "fallback"
    reason: str | None = None  # why the guard fell back, or why there is no answer
    seconds: float = 0.0
    features: dict = field(default_factory=dict, repr=False)  # what the answerability model read

    def to_json(self) -> ApiAnswer:
        """The stable JSON object of `careerbot ask --json` and the /ask API."""
        out: ApiAnswer = {
            "question": self.question,
            "answer": self.answer,
            "status": self.status,
            "language": self.language,
            "citations": [asdict(c) for c in self.citations],
        }
        if self.guard is not None:
            out["guard"] = self.guard
            out["reason"] = self.reason
        return out


class ApiAnswer(TypedDict, total=False):
    """The public JSON answer (`careerbot ask --json`, the /ask API); guard and reason only
    with an LLM or for a refusal."""

    question: str
    answer: str
    status: str
    language: str
    citations: list[dict]
    guard: str | None
    reason: str | None


@dataclass(frozen=True)
class Frame:
    """One step of a streamed reply: the text so far; the last frame carries the Answer."""

    text: str
    language: str
    answer: Answer | None = None

    @classmethod
    def final(cls, answer: Answer) -> Frame:
        """The closing frame of a stream."""
        return cls(answer.answer, answer.language, answer)


@dataclass(frozen=True)
class FeedbackRow:
    """An advisor's or user's vote as stored: the rating with the whole answer it rates."""

    rating: str | None
    comment: str
    question: str
    history: str
    resolved: str
    answer: str
    status: str
    language: str
    cities: str
    citations: str
    passages: str
    guard: str | None
    reason: str | None
    session: str | None = None
    message: int | None = None

    @classmethod
    def of(cls, answer: Answer, rating: str | None, comment: str = "",
           history: list[str] | None = None, session: str | None = None,
           message: int | None = None) -> FeedbackRow:
        """The row for a vote on answer (lists and citations as JSON text)."""

        def dumps(value) -> str:
            return json.dumps(value, ensure_ascii=False)

        passages = [  # the text is in the documents table; keep what locates each passage
            {k: v for k, v in asdict(p).items() if k != "text"} | {"excerpt": p.text[:300]}
            for p in answer.passages
        ]
        return cls(
            rating, comment, answer.question, dumps(history or []), answer.resolved,
            answer.answer, answer.status, answer.language, dumps(answer.cities),
            dumps([asdict(c) for c in answer.citations]), dumps(passages), answer.guard,
            answer.reason, session, message,
        )
