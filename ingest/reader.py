"""Finding and reading city texts, with a specific reason for every file that cannot be used."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = (".txt", ".md")


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message says why."""


@dataclass(frozen=True)
class SourceText:
    """A decoded text file as ingested."""

    source: str
    text: str

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


def check_bytes(name: str, data: bytes, max_bytes: int) -> str:
    """Decoded text of data, or UnreadableFile naming exactly what is wrong."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(
            f"unsupported file type {suffix or '(none)'!r}; careerbot reads {', '.join(SUPPORTED)}"
        )
    if len(data) > max_bytes:
        raise UnreadableFile(f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if b"\x00" in data:
        raise UnreadableFile("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "save it as UTF-8 and ingest again"
        ) from None
    if not text.strip():
        raise UnreadableFile("empty file, no text to index")
    # Kept exactly as decoded: citation offsets index this text.
    return text


def read_text(path: Path, max_bytes: int) -> SourceText:
    """Read one file into a SourceText, or raise UnreadableFile."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFile(f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    return SourceText(source=source_name(path), text=check_bytes(path.name, data, max_bytes))
