"""The `careerbot` command: ingest, status, ask, chat, eval, serve, feedback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _offline_environment() -> None:
    # Set before torch, transformers, chromadb or gradio are imported: nothing may phone home.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="careerbot", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def with_store(sp):
        sp.add_argument("--store", type=Path, help="knowledge base folder (CAREERBOT_STORE_DIR)")
        return sp

    ing = with_store(sub.add_parser("ingest", help="index city texts into the knowledge base"))
    ing.add_argument("--source", type=Path, action="append", help="folder or file (repeatable)")
    ing.add_argument("--rebuild", action="store_true", help="drop the store and index anew")
    ing.add_argument("--json", action="store_true", help="print the summary as JSON")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")

    st = with_store(sub.add_parser("status", help="what the knowledge base holds"))
    st.add_argument("--json", action="store_true")

    ask = with_store(sub.add_parser("ask", help="answer one question"))
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true")

    chat = with_store(sub.add_parser("chat", help="a conversation, one question per line"))
    chat.add_argument("--json", action="store_true")

    ev = with_store(sub.add_parser("eval", help="evaluate answers against an evaluation set"))
    ev.add_argument("--set", dest="evalset", default="corpus",
                    help="evaluation set: 'corpus', 'samples' or a JSON file path")
    ev.add_argument("--source", type=Path, action="append",
                    help="texts to evaluate on (default: the set's own)")
    ev.add_argument("--json", action="store_true")

    sv = with_store(sub.add_parser("serve", help="start the web app"))
    sv.add_argument("--host")
    sv.add_argument("--port", type=int)

    fb = with_store(sub.add_parser("feedback", help="advisor feedback"))
    fbsub = fb.add_subparsers(dest="action", required=True)
    ex = fbsub.add_parser("export", help="print all feedback")
    ex.add_argument("--format", choices=["csv", "json"], default="json")
    ex.add_argument("--flagged-as-evalset", action="store_true",
                    help="print thumbs-down answers as evaluation cases (JSON)")
    return p


def _settings(args):
    from bot.settings import Settings

    overrides = {}
    if getattr(args, "store", None):
        overrides["store_dir"] = args.store
    return Settings(**overrides)


def cmd_ingest(args, settings) -> int:
    from tqdm import tqdm

    from bot.factory import build_indexer
    from bot.web.admin import ingest_paths

    bar = None

    def progress(done: int, total: int, name: str) -> None:
        nonlocal bar
        if args.quiet or args.json:
            return
        if bar is None:
            bar = tqdm(total=total, unit="doc", desc="Indexing", file=sys.stderr)
        bar.n = done
        bar.set_postfix_str(name[:40])
        bar.refresh()

    summary = build_indexer(settings).run(
        # Without --source: the configured sources plus the admin page's uploads, exactly what an
        # admin reindex reads, so a CLI ingest never removes uploaded texts.
        args.source or ingest_paths(list(settings.sources), settings.store_dir),
        rebuild=args.rebuild,
        progress=progress,
        warn=lambda msg: print(f"warning: {msg}", file=sys.stderr),
    )
    if bar is not None:
        bar.close()
    print(json.dumps(summary.as_dict()) if args.json else summary.text())
    return 1 if summary.failed else 0


def _require_store(settings) -> None:
    """Reading commands on a store that was never built: say so instead of creating one."""
    embedded = not (settings.chroma_url or settings.database_url)
    if embedded and not (settings.store_dir / "careerbot.sqlite").exists():
        raise ValueError(
            f"no knowledge base at {settings.store_dir}; build one with: careerbot ingest "
            f"--store {settings.store_dir} [--source DIR]"
        )


def cmd_status(args, settings) -> int:
    from bot.factory import build_knowledge

    _require_store(settings)

    status = build_knowledge(settings).status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
    else:
        for key, value in status.items():
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    return 0


def cmd_ask(args, settings) -> int:
    from bot.factory import build_bot
    from bot.terminal import print_answer

    _require_store(settings)

    answer = build_bot(settings).ask(args.question, [])
    print_answer(answer, as_json=args.json)
    return 0


def cmd_chat(args, settings) -> int:
    from bot.factory import build_bot
    from bot.terminal import chat_loop

    _require_store(settings)

    return chat_loop(build_bot(settings), sys.stdin, as_json=args.json)


def cmd_eval(args, settings) -> int:
    from bot.evaluation.runner import run_eval

    return run_eval(settings, args.evalset, args.source, as_json=args.json)


def cmd_serve(args, settings) -> int:
    from bot.web.app import serve

    if args.host:
        settings.host = args.host
    if args.port is not None:
        settings.port = args.port
    serve(settings)
    return 0


def cmd_feedback(args, settings) -> int:
    from bot.web.feedback import export

    print(export(settings, args.format, flagged_as_evalset=args.flagged_as_evalset))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the careerbot command."""
    _offline_environment()
    args = _parser().parse_args(argv)
    from knowledge.store import ModelMismatchError, StoreUnavailableError

    try:
        settings = _settings(args)
        return globals()[f"cmd_{args.command}"](args, settings)
    except (ModelMismatchError, StoreUnavailableError, ValueError) as exc:
        print(f"careerbot: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # an operator gets one line, not a stack trace
        if type(exc).__name__ == "IngestBusyError":
            print(f"careerbot: {exc}", file=sys.stderr)
            return 3
        raise


if __name__ == "__main__":
    sys.exit(main())
