"""What one ingest did, as the operator reads it and as `careerbot ingest --json` prints it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class IngestSummary:
    """What one ingest did, in documents and chunks."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[dict] = field(default_factory=list)
    chunks: int = 0
    chunks_embedded: int = 0
    facts: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)

    def text(self) -> str:
        """The summary an operator reads at the end of an ingest."""
        lines = [
            f"documents: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed",
            f"chunks: {self.chunks} in store ({self.chunks_embedded} embedded this run); "
            f"facts: {self.facts}; seconds: {self.seconds:.1f}",
        ]
        lines += [f"FAILED {f['source']}: {f['reason']}" for f in self.failed]
        return "\n".join(lines)
