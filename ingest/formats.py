"""Plain text out of .txt and .md files, with declared headings and metadata; what every
reader shares (decoding, blocks of text, errors)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_META_KEYS = ("city", "profession", "title")
# Single-byte encodings that spell German letters alike; reported as the common Windows name.
_WESTERN = {"latin_1", "iso8859_15", "cp1250", "cp1252", "iso8859_2", "cp1254", "iso8859_9"}


class FormatError(Exception):
    """Content that cannot be turned into text; the message says why."""


@dataclass
class Extracted:
    """Plain text of a file, the encoding it was read with, its metadata and heading spans."""

    text: str
    encoding: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[int, int]] = field(default_factory=list)


class Blocks:
    """Builds a text of blocks separated by blank lines, remembering which are headings."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.headings: list[tuple[int, int]] = []

    def add(self, text: str, heading: bool = False) -> None:
        """Append one block (whitespace collapsed inside lines); empty blocks are dropped."""
        lines = [" ".join(line.split()) for line in text.split("\n")]
        block = "\n".join(line for line in lines if line)
        if not block:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.size += 2
        if heading:
            block = " ".join(block.split())
            self.headings.append((self.size, self.size + len(block)))
        self.parts.append(block)
        self.size += len(block)

    def result(self, encoding: str = "", meta: dict[str, str] | None = None) -> Extracted:
        """The text built so far, ending in a newline."""
        text = "".join(self.parts)
        return Extracted(text + "\n" if text else "", encoding, dict(meta or {}), self.headings)


def decode(data: bytes) -> tuple[str, str]:
    """Text of data and the encoding used: UTF-8 (with or without BOM), UTF-16 with BOM,
    else what charset-normalizer detects; FormatError for binary or undecodable data."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FormatError("starts with a UTF-16 byte order mark but is not UTF-16") from None
    if b"\x00" in data:
        raise FormatError("binary file (contains NUL bytes), not text")
    try:
        bom = data.startswith(b"\xef\xbb\xbf")
        return data.decode("utf-8-sig"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is not None:
        # Short texts fit many code pages equally well; among the best fits, a German text
        # is far likelier Windows-1252/Latin-1 than EBCDIC or Farsi.
        best = next(
            (m for m in matches if m.encoding in _WESTERN and m.chaos <= best.chaos + 0.01), best
        )
    if best is None:
        raise FormatError(
            f"not UTF-8 (byte {bad}: {data[bad : bad + 1]!r}) and no other text encoding fits; "
            "save it as UTF-8 and ingest again"
        )
    encoding, text = best.encoding, str(best)
    if encoding in _WESTERN and _same_as(data, text, "cp1252"):
        encoding = "cp1252"
    return text, encoding


def _same_as(data: bytes, text: str, encoding: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False


def _check_text(text: str) -> None:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise FormatError(f"binary file ({controls:,} control characters), not text")


def from_txt(data: bytes) -> Extracted:
    """Decoded text with line endings normalised to "\\n" (citations index this text)."""
    text, encoding = decode(data)
    _check_text(text)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Extracted(text, encoding)


# An e-mail's quoting at the start of a line ("> > Gehalt: ...").
_QUOTING = re.compile(r"^>(?:[ \t]*>)*[ \t]?", re.MULTILINE)
_MIN_QUOTED_LINES = 3


def from_plain_text(data: bytes) -> Extracted:
    """A .txt file: decoded text, an e-mail thread's quote marks taken off its quoted lines
    (a sentence wrapped over "> " lines reads as one, and its quote shows no marks)."""
    base = from_txt(data)
    if len(_QUOTING.findall(base.text)) < _MIN_QUOTED_LINES:
        return base
    return Extracted(_QUOTING.sub("", base.text), base.encoding)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """city/profession/title from a leading '---' block of 'key: value' lines, and the rest."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'").strip()
        if sep and key in _META_KEYS and value:
            meta[key] = value
    return meta, text[m.end() :]


def _inline_text(token) -> str:
    """Plain text of an inline token: markup dropped, soft breaks as spaces."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)


def from_markdown(data: bytes) -> Extracted:
    """Markdown as plain text: one block per heading, paragraph, list item and table row."""
    from markdown_it import MarkdownIt

    base = from_txt(data)
    meta, body = front_matter(base.text)
    blocks = Blocks()
    heading, row, marker = False, None, ""
    for token in MarkdownIt("commonmark").enable("table").parse(body):
        if token.type == "list_item_open":
            # The item keeps its marker ("- ", "2. "): a list reads as a list, not as
            # paragraphs, and the chunker keeps its items with the line that opens them.
            marker = f"{token.info}{token.markup} "
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            blocks.add(" | ".join(row or []))
            row = None
        elif token.type == "inline":
            text = _inline_text(token)
            if row is not None:
                row.append(" ".join(text.split()))
            else:
                blocks.add(marker + text if text.strip() else text, heading=heading)
                marker = ""  # an item's second paragraph is no new item
        elif token.type == "html_block":
            for line in html_lines(token.content):
                blocks.add(line)
        elif token.type in ("fence", "code_block"):
            blocks.add(token.content)
    return blocks.result(base.encoding, meta)


_CELL_GAP = re.compile(r"</t[dh]>\s*<t[dh][^>]*>", re.IGNORECASE)
_BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|li|tr|div|summary|details|h[1-6]|table|ul|ol|dt|dd|blockquote)>",
    re.IGNORECASE,
)


def html_lines(html: str) -> list[str]:
    """Raw HTML inside Markdown as lines of text: a table row's cells joined by " | " as the
    Markdown tables' rows are, each block element on a line of its own."""
    import html as entities

    text = strip_tags(_BLOCK_END.sub("\n", _CELL_GAP.sub(" | ", html)))
    return [" ".join(entities.unescape(line).split()) for line in text.splitlines() if line.strip()]


def strip_tags(html: str) -> str:
    """HTML with its tags blanked out (raw HTML inside Markdown)."""
    return re.sub(r"<[^<>]*>", " ", html)


def header_cell(header: str, row: str, at: int) -> str | None:
    """The header's cell over the row's cell at `at`; a header with fewer cells than the row
    lacks the stub column's ("| Einstieg | nach 3 Jahren" over "Jahresbrutto | 47.500 € | ...")."""
    cells = header.split(" | ")
    column = row[:at].count(" | ") - max(0, row.count(" | ") + 1 - len(cells))
    return cells[column] if 0 <= column < len(cells) else None
