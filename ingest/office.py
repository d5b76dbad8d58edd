"""Plain text out of PDF and Word (.docx) files, with declared headings and metadata."""

from __future__ import annotations

import io
import re
import statistics

from ingest.formats import Blocks, Extracted, FormatError
from knowledge.sentences import ROW

# Word's built-in heading styles, in English and German installations.
_HEADING_STYLE = re.compile(r"^(heading|überschrift|title|titel)\b", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(list|liste|aufzählung)", re.IGNORECASE)
_ENDS_SENTENCE = (".", "!", "?", "…", ":", ";", '"', "“", "”", "»", "«")
# A line that opens with a bullet is a list item of its own, however close it sits to the line
# above ("• Berufseinstieg: 3.250–3.650 €" under "... in folgenden Spannen:").
_BULLET = re.compile(r"[•◦▪‣●○■□➢►✓-]\s")


def from_pdf(data: bytes) -> Extracted:
    """Text of every page (pypdf); lines are grouped into paragraphs by the gaps between them."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FormatError("encrypted PDF; save an unprotected copy and ingest again")
        lines = _justified([line for page in reader.pages for line in _page_lines(page)])
        info = reader.metadata
        title = str(info.title).strip() if info is not None and info.title else ""
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FormatError(f"damaged or unreadable PDF ({exc.__class__.__name__}: {exc})") from None
    blocks = Blocks()
    for paragraph in _paragraphs(lines):
        blocks.add(paragraph)
    if not blocks.parts:
        raise FormatError("PDF has no extractable text (a scan? it needs OCR first)")
    return blocks.result("", {"title": title} if title else {})


# A run that starts this far right of where the run before it ends (at a mean letter width, in
# font sizes, or a part of that run's width, as letters vary) stands in a column of its own:
# the line is a table row.
_CHAR_WIDTH = 0.5
_CELL_GAP = 1.5
_CELL_SHARE = 0.15


def _page_lines(page) -> list[tuple[float, float, str]]:
    """(baseline y, font size, text) of each line of a page, top to bottom as drawn; a line
    whose runs stand in columns apart is a table row, its cells joined by " | "."""
    runs: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            runs.append((y, size * abs(tm[3] or 1), x, " ".join(text.split())))

    plain = page.extract_text(visitor_text=visit) or ""
    if not runs:  # no positions reported: lines as extracted, one paragraph per line
        return [(0.0, 0.0, " ".join(line.split())) for line in plain.split("\n") if line.strip()]
    lines: list[list] = []  # [y, size, cells, end x of the last run, its width]
    for y, size, x, text in runs:
        width = _CHAR_WIDTH * size * len(text)
        if lines and abs(lines[-1][0] - y) < 0.5 * size:
            line = lines[-1]
            if x - line[3] > max(_CELL_GAP * size, _CELL_SHARE * line[4]):
                line[2].append(text)
            else:
                line[2][-1] = f"{line[2][-1]} {text}"
            line[1], line[3], line[4] = max(line[1], size), x + width, width
        else:
            lines.append([y, size, [text], x + width, width])
    return [(y, size, " | ".join(cells)) for y, size, cells, _, _ in lines]


_PROSE_LINES = 8


def _justified(lines: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Justified prose stretches word gaps until a line reads as a table row ("Informationstechnik.
    | Diese | Berufsinformation | fasst"). A "row" right after a full-width line of prose
    that breaks off mid-sentence goes on with that sentence; a table is introduced by a
    sentence's end, a colon or a heading."""
    prose = sorted(len(t) for _, _, t in lines if " | " not in t)
    if len(prose) < _PROSE_LINES:  # too few to tell how wide the text's lines run
        return lines
    full = 0.8 * prose[int(0.9 * (len(prose) - 1))]
    gaps = [a[0] - b[0] for a, b in zip(lines, lines[1:], strict=False) if a[0] > b[0]]
    usual = statistics.median(gaps) if gaps else 0.0
    out = list(lines)
    for i in range(1, len(out)):
        y, size, text = out[i]
        py, _, before = out[i - 1]
        broken_off = not before.rstrip().endswith(_ENDS_SENTENCE)
        next_line = 0 < py - y <= 1.25 * usual  # the line under it, no paragraph's gap between
        if " | " in text and " | " not in before and len(before) >= full and broken_off:
            if next_line:
                out[i] = (y, size, text.replace(" | ", " "))
    return out


def _paragraphs(lines: list[tuple[float, float, str]]) -> list[str]:
    """Lines joined into paragraphs: a wider gap than the usual line spacing, a change of font
    size or a jump upwards (next page, next column) after a sentence end starts a new one."""
    gaps = [
        a[0] - b[0]
        for a, b in zip(lines, lines[1:], strict=False)
        if a[0] > b[0] and abs(a[1] - b[1]) < 0.5
    ]
    usual = statistics.median(gaps) if gaps else 0.0
    out: list[list[str]] = []
    for i, (y, size, text) in enumerate(lines):
        if i == 0:
            out.append([text])
            continue
        py, psize, ptext = lines[i - 1]
        gap = py - y
        new = (
            abs(size - psize) >= 0.5
            or (gap > 0 and usual and gap > 1.25 * usual)
            or (gap <= 0 and ptext.endswith(_ENDS_SENTENCE))
            or _BULLET.match(text)
            or ROW.search(text)  # a table row is a paragraph of its own
            or ROW.search(ptext)
        )
        if new:
            out.append([text])
        else:
            out[-1].append(text)
    return [_dehyphenated(p) for p in out]


_BROKEN = re.compile(r"(?<=[^\W\d_])-$")


def _dehyphenated(lines: list[str]) -> str:
    """A paragraph's lines joined; a word hyphenated at a line end is whole again ("länd-" +
    "lich"), a compound's own hyphen stays ("Krankenhaus-" + "IT")."""
    text = lines[0]
    for line in lines[1:]:
        if _BROKEN.search(text) and line[:1].islower():
            text = text[:-1] + line
        elif _BROKEN.search(text):
            text += line
        else:
            text += " " + line
    return text


def from_docx(data: bytes) -> Extracted:
    """Paragraphs and table rows of a Word document; heading styles become headings."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml and its own errors
        raise FormatError(f"damaged or unreadable .docx ({exc.__class__.__name__})") from None
    blocks = Blocks()
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            text = paragraph.text
            if text.strip() and (_LIST_STYLE.match(style or "") or _numbered(element)):
                text = "• " + text  # a list item keeps a marker, as in a text file
            blocks.add(text, heading=bool(_HEADING_STYLE.match(style or "")))
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                blocks.add(" | ".join(_unique(c for c in cells if c)))
    meta = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return blocks.result("", meta)


def _unique(cells) -> list[str]:
    # Merged cells repeat in python-docx's row.cells; keep each once, in order.
    out: list[str] = []
    for c in cells:
        if not out or out[-1] != c:
            out.append(c)
    return out


def _numbered(element) -> bool:
    """Whether a Word paragraph is an item of a bulleted or numbered list."""
    ppr = element.pPr
    return ppr is not None and ppr.numPr is not None
