"""Numbering quotes as they are cited: the same span cited twice keeps its number."""

from __future__ import annotations

from bot.model import Citation
from knowledge.base import SalaryRow


class Citations:
    """The citations of one answer, in order of first use."""

    def __init__(self):
        self.items: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}  # a ranking may cite many facts

    def cite(self, source: str, title: str, city: str, quote: str, start: int, end: int) -> str:
        """The [n] marker for this quote."""
        n = self._numbers.get((source, start, end))
        if n is None:
            n = self._numbers[(source, start, end)] = len(self.items) + 1
            self.items.append(Citation(n, source, title, city or "", quote, start, end))
        return f"[{n}]"

    def fact(self, f: SalaryRow) -> str:
        """The marker citing a salary fact's sentence."""
        return self.cite(f.source, f.title, f.city or "", f.sentence, f.start, f.end)
