"""Finding and reading city texts, with a specific reason for every file that cannot be used."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.formats import Extracted, FormatError, from_markdown, from_plain_text
from ingest.office import from_docx, from_pdf
from ingest.webpage import from_html

_READERS: dict[str, Callable[[bytes], Extracted]] = {
    ".txt": from_plain_text,
    ".md": from_markdown,
    ".html": from_html,
    ".htm": from_html,
    ".pdf": from_pdf,
    ".docx": from_docx,
}
SUPPORTED = tuple(_READERS)


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message says why."""


@dataclass(frozen=True)
class SourceText:
    """A file as ingested: its plain text (what citations index) and what reading it found."""

    source: str
    text: str
    format: str = "txt"
    encoding: str = ""
    # Optional city/profession/title declared by the file (front matter, page or core properties).
    meta: dict[str, str] = field(default_factory=dict)
    # (start, end) of heading lines that markup declared; empty for .txt, where layout decides.
    headings: list[tuple[int, int]] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def skipped(name: str) -> str | None:
    """Why a folder walk passes over a file of this name (hidden, a README), or None."""
    if name.startswith("."):
        return "hidden files (name starting with a dot) are not ingested"
    if name.lower() == "readme.md":
        return "README.md files describe a folder and are not ingested"
    return None


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """All candidate files under paths (folders are walked, hidden files skipped), and errors."""
    found: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and skipped(p.name) is None
            )
        elif path.is_file():
            found.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return found, errors


def source_name(path: Path) -> str:
    """The stable name a document is stored under: its absolute path."""
    return str(path.resolve())


def extract(name: str, data: bytes, max_bytes: int) -> Extracted:
    """Plain text, encoding, metadata and headings of data, or UnreadableFile saying why."""
    suffix = Path(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnreadableFile(
            f"unsupported file type {suffix or '(none)'!r}; careerbot reads {', '.join(SUPPORTED)}"
        )
    if len(data) > max_bytes:
        raise UnreadableFile(f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data.strip():
        raise UnreadableFile("empty file, no text to index")
    try:
        found = reader(data)
    except FormatError as exc:
        raise UnreadableFile(str(exc)) from None
    if not found.text.strip():
        raise UnreadableFile(f"no text found in this {suffix} file, nothing to index")
    return found


def check_bytes(name: str, data: bytes, max_bytes: int) -> str:
    """Plain text of data (as it will be indexed), or UnreadableFile naming what is wrong."""
    return extract(name, data, max_bytes).text


def read_text(path: Path, max_bytes: int) -> SourceText:
    """Read one file into a SourceText, or raise UnreadableFile."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFile(f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    found = extract(path.name, data, max_bytes)
    return SourceText(
        source=source_name(path),
        text=found.text,
        format=path.suffix.lower().lstrip("."),
        encoding=found.encoding,
        meta=found.meta,
        headings=found.headings,
    )
