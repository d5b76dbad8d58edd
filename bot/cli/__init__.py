"""The `careerbot` command: ingest, status, remove, show, backup, restore, ask, chat, eval,
serve, feedback."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:

    p = argparse.ArgumentParser(prog="careerbot", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def command(name: str, func, help: str):
        sp = sub.add_parser(name, help=help)
        sp.add_argument("--store", type=Path, help="knowledge base folder (CAREERBOT_STORE_DIR)")
        sp.set_defaults(func=func)
        return sp

    _operator_commands(command)

    ask = command("ask", cmd_ask, "answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true")

    chat = command("chat", cmd_chat, "a conversation, one question per line")
    chat.add_argument("--json", action="store_true")

    ev = command("eval", cmd_eval, "evaluate answers against an evaluation set")
    ev.add_argument("--set", dest="evalset", default="corpus",
                    help="evaluation set: 'corpus', 'samples', 'heldout' or a JSON file path")
    ev.add_argument("--split", default="all", choices=["all", "dev", "test", "heldout"],
                    help="which cases: the development part, the test part or the held-back text")
    ev.add_argument("--compare", default="minilm,bm25,vector",
                    help="systems beside careerbot, comma-separated: minilm, bm25, vector; "
                    "'' for none")
    ev.add_argument("--json", action="store_true")

    sv = command("serve", cmd_serve, "start the web app")
    sv.add_argument("--host")
    sv.add_argument("--port", type=int)

    fb = command("feedback", cmd_feedback, "advisor feedback")
    fbsub = fb.add_subparsers(dest="action", required=True)
    ex = fbsub.add_parser("export", help="print all feedback")
    ex.add_argument("--format", choices=["csv", "json"], default="json")
    ex.add_argument("--flagged-as-evalset", action="store_true",
                    help="print thumbs-down answers as evaluation cases (JSON)")
    return p


def _operator_commands(command) -> None:
    """ingest, status, remove, show, backup, restore: the commands that look after the store."""
    from bot.cli import operations as m

    ing = command("ingest", m.cmd_ingest, "index city texts into the knowledge base")
    ing.add_argument("--source", type=Path, action="append",
                     help="folder or file to add or refresh (repeatable); default: the store's "
                     "recorded sources, CAREERBOT_SOURCES and the uploads")
    ing.add_argument("--prune", action="store_true",
                     help="remove every document not under the given sources")
    ing.add_argument("--dry-run", action="store_true",
                     help="show what would be added, updated and removed; change nothing")
    ing.add_argument("--yes", action="store_true",
                     help="go ahead even if more than half of the documents would be removed")
    ing.add_argument("--rebuild", action="store_true", help="drop the store and index anew")
    ing.add_argument("--json", action="store_true", help="print the summary as JSON")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")

    st = command("status", cmd_status, "what the knowledge base holds")
    st.add_argument("--audit", type=int, default=10, metavar="N",
                    help="show the newest N audit log entries (default 10)")
    st.add_argument("--json", action="store_true")

    rm = command("remove", m.cmd_remove, "remove a source (all its documents) or one document")
    rm.add_argument("target", metavar="SOURCE_OR_DOCUMENT")

    sh = command("show", m.cmd_show, "print a document's text as stored (what citations index)")
    sh.add_argument("document", metavar="DOCUMENT", help="source path, file name or title")
    sh.add_argument("--json", action="store_true")

    bk = command("backup", m.cmd_backup, "copy the knowledge base to a new folder")
    bk.add_argument("dest", type=Path, metavar="DEST")
    rs = command("restore", m.cmd_restore, "replace the knowledge base with a backup")
    rs.add_argument("src", type=Path, metavar="SRC")
    rs.add_argument("--force", action="store_true", help="replace a store that is not empty")


def _settings(args):
    """Settings from the environment, with the command line's --store; built once per run."""
    from bot.settings import Settings

    overrides = {}
    if getattr(args, "store", None):
        overrides["store_dir"] = args.store
    return Settings(**overrides)


def cmd_status(args, settings) -> int:
    from bot.cli.operations import require_store_exists
    from bot.factory import build_knowledge

    require_store_exists(settings)

    status = build_knowledge(settings).status(audit_entries=args.audit)
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
        return 0
    for key, value in status.items():
        if key == "sources":
            print(f"sources: {len(value)}")
            print("".join(f"  {n:5d}  {name}\n" for name, n in value.items()), end="")
        elif key == "audit":
            print(f"audit: newest {len(value)}")
            print("".join(f"  {e['at']}  {e['action']}  {e['documents']} documents  "
                          f"{e['detail']}\n" for e in value), end="")
        else:
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    return 0


def cmd_ask(args, settings) -> int:
    from bot.cli.terminal import print_answer
    from bot.factory import build_bot, require_documents

    require_documents(settings)

    answer = build_bot(settings).ask(args.question, [])
    print_answer(answer, as_json=args.json)
    return 0


def cmd_chat(args, settings) -> int:
    from bot.cli.terminal import chat_loop
    from bot.factory import build_bot, require_documents

    require_documents(settings)

    return chat_loop(build_bot(settings), sys.stdin, as_json=args.json)


def cmd_eval(args, settings) -> int:
    from bot.evaluation.runner import run_eval

    compare = tuple(x.strip() for x in args.compare.split(",") if x.strip())
    return run_eval(settings, args.evalset, args.split, compare, as_json=args.json)


def cmd_serve(args, settings) -> int:
    from bot.factory import require_documents
    from bot.web.app import serve

    require_documents(settings)
    overrides = {"host": args.host, "port": args.port}
    serve(settings.model_copy(update={k: v for k, v in overrides.items() if v is not None}))
    return 0


def cmd_feedback(args, settings) -> int:
    from bot.web.feedback import export

    print(export(settings, args.format, flagged_as_evalset=args.flagged_as_evalset))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the careerbot command."""
    from bot.settings import offline

    offline()
    args = _parser().parse_args(argv)
    from knowledge.store import ModelMismatchError, StoreUnavailableError

    try:
        settings = _settings(args)
        return args.func(args, settings)
    except (ModelMismatchError, StoreUnavailableError, ValueError) as exc:
        print(f"careerbot: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # an operator gets one line, not a stack trace
        if type(exc).__name__ == "IngestBusyError":
            print(f"careerbot: {exc}", file=sys.stderr)
            return 3
        raise

