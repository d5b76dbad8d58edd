"""A table row read with its column names: "Erftklinikum | Krankenhaus | 38,5 | 30" alone says
nothing of working hours; under the header "Arbeitgeber | Art | Wochenstunden | Urlaubstage"
it says "Wochenstunden: 38,5". The quote stays the row; the embedded text names the columns."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.sentences import ROW, TABLE_ROW

_CSV = re.compile(r"[ \t]*[;\t][ \t]*")
_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_DIGIT = re.compile(r"\d")
NAME_WORDS = 4  # a column name is short ("Brutto pro Monat"); a longer cell is a value


def cells(line: str) -> list[str]:
    """The cells of a table row, by the separator it uses (the readers' " | ", ";" or a tab)."""
    parts = (_PIPE if ROW.search(line) else _CSV).split(line.strip().strip("|").strip())
    return [p.strip() for p in parts]


def _runs(text: str) -> list[list[tuple[int, str]]]:
    """Consecutive table lines (offset, line). Blank lines do not end a run (the Markdown
    reader writes each row as a paragraph of its own); a line of text does."""
    runs: list[list[tuple[int, str]]] = [[]]
    pos = 0
    for line in text.splitlines(keepends=True):
        bare = line.strip()
        if bare and TABLE_ROW.search(bare):
            runs[-1].append((pos + len(line) - len(line.lstrip()), bare))
        elif bare and runs[-1]:
            runs.append([])
        pos += len(line)
    return [r for r in runs if len(r) > 1]


def _names(first: list[str]) -> bool:
    """Whether a run's first row names its columns: three or more short cells without figures.
    A table of two columns is mostly one of labels and values ("Standort | Siegburg", "Urlaub |
    30 Tage"): its rows say what they are, and its first row is data as often as a header."""
    return len(first) > 2 and not any(
        _DIGIT.search(c) or len(c.split()) > NAME_WORDS for c in first
    )


@lru_cache(maxsize=32)
def headers(text: str) -> dict[int, tuple[int, str]]:
    """For the start offset of each table row under a header, that header's offset and text:
    the first row of its run of table lines, when it names the columns of rows as wide. Kept
    per text: quoting a row asks again for the same document, question after question (read
    only, do not change the dict)."""
    out: dict[int, tuple[int, str]] = {}
    for run in _runs(text):
        first = cells(run[0][1])
        if _names(first):
            wide = [at for at, line in run[1:] if len(cells(line)) == len(first)]
            out.update(dict.fromkeys(wide, run[0]))
    return out


def labelled(header: str, row: str) -> str:
    """The row with each cell after its column name: "Wochenstunden: 38,5; Urlaubstage: 30"."""
    names, values = cells(header), cells(row)
    if len(names) != len(values):
        return row
    return "; ".join(f"{n}: {v}" if n else v for n, v in zip(names, values))
