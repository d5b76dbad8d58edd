"""What the bot returns: an answer, its citations, and the passages it looked at."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
    guard: str | None = None  # with an LLM: "passed" or "fallback"
    reason: str | None = None  # why the guard fell back, or why there is no answer
    seconds: float = 0.0

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
