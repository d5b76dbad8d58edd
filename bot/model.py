"""What the bot returns: an answer, its citations, and the passages it looked at."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


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

    def to_json(self) -> dict:
        """The stable JSON object of `careerbot ask --json`."""
        out = {
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
