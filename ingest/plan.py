"""What an ingest would do, by document, before it does anything: the dry run, the admin
preview, and the guard against removing most of the store by mistake."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.reader import UnreadableFile, discover, read_text, source_name


class TooManyRemovals(RuntimeError):
    """An ingest would remove more than half of the store's documents without --yes."""

    def __init__(self, plan: Plan):
        self.plan = plan
        names = plan.removed[:20] + ([f"... and {len(plan.removed) - 20} more"]
                                     if len(plan.removed) > 20 else [])
        super().__init__(
            f"this ingest would remove {len(plan.removed)} of {plan.stored} documents (more "
            "than half); check the sources, or run again with --yes to remove:\n  "
            + "\n  ".join(names)
        )


@dataclass
class Plan:
    """Documents an ingest adds, updates, removes and leaves; sources are absolute paths."""

    sources: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # gone, but kept because a source is missing
    stored: int = 0  # documents in the store before the ingest
    files: list[tuple[Path, str]] = field(default_factory=list, repr=False)  # (file, origin)

    @property
    def over_half(self) -> bool:
        """True when the ingest would remove more than half of the stored documents."""
        return 2 * len(self.removed) > self.stored > 0

    def as_dict(self) -> dict:
        """The plan as `careerbot ingest --dry-run --json` prints it."""
        got = asdict(self)
        got.pop("files")
        return got

    def text(self) -> str:
        """The plan as an operator reads it: one line per document that changes."""
        lines = [f"{verb} {name}" for verb, names in
                 (("add", self.added), ("update", self.updated), ("remove", self.removed))
                 for name in names]
        lines += [f"keep (source missing) {name}" for name in self.kept]
        lines += [f"FAILED {f['source']}: {f['reason']}" for f in self.failed]
        lines.append(
            f"would add {len(self.added)}, update {len(self.updated)}, remove "
            f"{len(self.removed)}, leave {len(self.unchanged)} unchanged; "
            f"{len(self.failed)} failed; {self.stored} documents in the store now"
        )
        return "\n".join(lines)


def _under(source: str, folder: str) -> bool:
    return source == folder or source.startswith(folder.rstrip("/\\") + "/")


def make_plan(paths: list[Path], known: dict[str, str | None], origins: dict[str, str | None],
              max_bytes: int, same_chunking: bool, prune: bool = False) -> Plan:
    """Compare the files under paths with the store (known: source -> sha256, origins: source
    -> origin). Without prune only documents of the given sources can be removed."""
    plan = Plan(sources=[source_name(p) for p in paths], stored=len(known))
    errors: list[str] = []
    for path, origin in zip(paths, plan.sources):
        files, missing = discover([path])
        errors += missing
        plan.files += [(f, origin) for f in files]
    for error in errors:
        source, _, reason = error.rpartition(": ")
        plan.failed.append({"source": source, "reason": reason})
    present = set()
    for path, _origin in plan.files:
        name = source_name(path)
        present.add(name)
        try:
            sha = read_text(path, max_bytes).sha256
        except UnreadableFile as exc:
            plan.failed.append({"source": str(path), "reason": str(exc)})
            continue
        if name not in known:
            plan.added.append(name)
        elif known[name] == sha and same_chunking:
            plan.unchanged.append(name)
        else:
            plan.updated.append(name)

    def in_scope(name: str) -> bool:
        return prune or origins.get(name) in plan.sources or any(
            _under(name, s) for s in plan.sources)

    gone = sorted(n for n in known if n not in present and in_scope(n))
    # A mistyped or unmounted source looks like deleted documents: keep them.
    plan.kept, plan.removed = (gone, []) if errors else ([], gone)
    return plan
