"""The operators' commands: ingest (with dry run, prune and the removal guard), remove, show,
backup, restore."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bot.factory import default_paths

EXIT_GUARD = 4  # an ingest stopped before removing more than half of the store


def _progress(args):
    from tqdm import tqdm

    bar = None
    started = time.monotonic()

    def progress(done: int, total: int, name: str, embedded: int = 0) -> None:
        nonlocal bar
        if args.quiet or args.json:
            return
        if bar is None:  # tqdm shows documents, elapsed and time left; the postfix the records
            bar = tqdm(total=total, unit="doc", desc="Indexing", file=sys.stderr)
        bar.n = done
        rate = embedded / max(time.monotonic() - started, 1e-9)
        bar.set_postfix_str(f"{embedded} chunks embedded, {rate:.1f} chunks/s {name[:30]}")
        bar.refresh()

    return progress, lambda: bar is not None and bar.close()


def _confirmed(exc) -> bool:
    """Ask on a terminal whether the removals may go ahead; never when not interactive."""
    if not sys.stdin.isatty():
        return False
    print(exc, file=sys.stderr)
    answer = input(f"Remove these {len(exc.plan.removed)} documents? [y/N] ")
    return answer.strip().lower() in ("y", "yes", "j", "ja")


def cmd_ingest(args, settings) -> int:
    """careerbot ingest: add or refresh sources; --dry-run shows the plan only."""
    from bot.factory import build_indexer
    from ingest.plan import TooManyRemovals

    indexer = build_indexer(settings)
    paths = args.source or default_paths(settings)
    if args.dry_run:
        plan = indexer.plan(paths, prune=args.prune or args.rebuild)
        print(json.dumps(plan.as_dict(), ensure_ascii=False) if args.json else plan.text())
        return 0
    progress, close = _progress(args)
    options = dict(rebuild=args.rebuild, prune=args.prune, progress=progress,
                   warn=lambda msg: print(f"warning: {msg}", file=sys.stderr))
    try:
        summary = indexer.run(paths, yes=args.yes, **options)
    except TooManyRemovals as exc:
        close()
        if args.json or not _confirmed(exc):
            print(f"careerbot: stopped: {exc}", file=sys.stderr)
            return EXIT_GUARD
        summary = indexer.run(paths, yes=True, **options)
    close()
    print(json.dumps(summary.as_dict()) if args.json else summary.text())
    return 1 if summary.failed else 0


def cmd_remove(args, settings) -> int:
    """careerbot remove SOURCE_OR_DOCUMENT: take a source or one document out of the store."""
    from bot.factory import build_indexer

    require_store_exists(settings)
    gone = build_indexer(settings).remove(args.target)
    for name in gone:
        print(f"removed {name}")
    if any(Path(args.target).resolve() == Path(s).resolve() for s in settings.sources):
        print("note: it is in CAREERBOT_SOURCES, so the next `careerbot ingest` adds it again",
              file=sys.stderr)
    return 0


def find_document(knowledge, name: str) -> dict:
    """The stored document named by its source path, file name or title; ValueError if none or
    several match."""
    rows = knowledge.documents()
    exact = [r for r in rows if r["source"] == name or r["source"] == str(Path(name).resolve())]
    found = exact or [r for r in rows if name in (Path(r["source"]).name, r.get("title"))]
    if len(found) != 1:
        what = "no stored document" if not found else f"{len(found)} stored documents"
        names = ", ".join(sorted(Path(r["source"]).name for r in (found or rows))[:20])
        raise ValueError(f"{what} named {name!r}; {'candidates' if found else 'stored'}: {names}")
    return knowledge.document(found[0]["source"])


def cmd_show(args, settings) -> int:
    """careerbot show DOCUMENT: the text as stored, which citations' start/end index."""
    from bot.factory import build_knowledge

    require_store_exists(settings)
    doc = find_document(build_knowledge(settings), args.document)
    if args.json:
        keys = ("source", "title", "city", "profession", "text")
        print(json.dumps({k: doc.get(k) for k in keys}, ensure_ascii=False))
    else:
        sys.stdout.write(doc["text"] if doc["text"].endswith("\n") else doc["text"] + "\n")
    return 0


def require_store_exists(settings) -> None:
    """Raise ValueError for an embedded store that was never built (instead of creating it)."""
    if not (settings.chroma_url or settings.database_url) and not (
        settings.store_dir / "careerbot.sqlite"
    ).exists():
        raise ValueError(f"no knowledge base at {settings.store_dir}; build one with: "
                         f"careerbot ingest --store {settings.store_dir} [--source DIR]")


def cmd_backup(args, settings) -> int:
    """careerbot backup DEST: copy the store while no ingest runs."""
    from bot.factory import engine_for
    from knowledge import audit
    from knowledge.backup import backup

    copied = backup(settings, args.dest)
    audit.write(engine_for(settings), "backup", f"to {args.dest.resolve()}")
    print(f"backed up {', '.join(copied)} from {settings.store_dir} to {args.dest}")
    return 0


def cmd_restore(args, settings) -> int:
    """careerbot restore SRC: replace the store's content with a backup."""
    import uuid

    from bot.factory import engine_for
    from knowledge import audit
    from knowledge import database as db
    from knowledge.backup import restore

    restored = restore(settings, args.src, force=args.force)
    engine = engine_for(settings)  # opening it upgrades a backup made by an older release
    with engine.begin() as conn:
        db.set_meta(conn, "generation", uuid.uuid4().hex)
        audit.record(conn, "restore", f"from {args.src.resolve()}", 0)
    print(f"restored {', '.join(restored)} from {args.src} into {settings.store_dir}")
    return 0
