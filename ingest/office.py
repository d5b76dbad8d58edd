"""Plain text out of PDF and Word (.docx) files, with declared headings and metadata."""

from __future__ import annotations

import io
import re

from ingest.formats import Blocks, Extracted, FormatError

# Word's built-in heading styles, in English and German installations.
_HEADING_STYLE = re.compile(r"^(heading|überschrift|title|titel)\b", re.IGNORECASE)
_ENDS_SENTENCE = (".", "!", "?", "…", ":", ";", '"', "“", "”", "»", "«")


def from_pdf(data: bytes) -> Extracted:
    """Text of every page (pypdf); lines a paragraph was wrapped into are joined again."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FormatError("encrypted PDF; save an unprotected copy and ingest again")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title = str(info.title).strip() if info is not None and info.title else ""
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise FormatError(f"damaged or unreadable PDF ({exc.__class__.__name__}: {exc})") from None
    blocks = Blocks()
    for page in pages:
        for paragraph in _paragraphs(page):
            blocks.add(paragraph)
    if not blocks.parts:
        raise FormatError("PDF has no extractable text (a scan? it needs OCR first)")
    return blocks.result("", {"title": title} if title else {})


def _paragraphs(page: str) -> list[str]:
    """A page's lines grouped into paragraphs: blank lines end one, and so does a line that
    ends a sentence well before the right margin (the last line of a paragraph)."""
    lines = [" ".join(line.split()) for line in page.replace("\r", "\n").split("\n")]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line)
        short = len(line) < 0.75 * width
        if short and (line.endswith(_ENDS_SENTENCE) or len(current) == 1):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


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
            blocks.add(paragraph.text, heading=bool(_HEADING_STYLE.match(style or "")))
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
