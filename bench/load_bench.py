"""Load: concurrent chat sessions through gradio_client against a running `careerbot serve`,
with a reindex by another process in the middle.

    nice -n 10 python -m bench.load_bench --sessions 20 --seconds 60 --json out.json

The app serves a copy of the real corpus (in a temp dir). Each session is its own
gradio_client.Client asking the corpus evaluation set's questions in turn (with their earlier
turns as history) for --seconds. At a sixth of the run, one text of the copy is changed (a
salary figure) and `careerbot ingest` runs in a separate process against the same store;
afterwards every session's answers must show the new figure without the app restarting.
Every reply is checked: a status, an answer text, no internal error. Reported: requests,
errors, latency p50/p95/max overall and while the reindex ran, reindex seconds.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import app, scale

CHANGED_QUESTION = "Was verdient ein Medizininformatiker als Berufseinsteiger in Duisburg?"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)] if ordered else 0.0


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def valid(reply) -> str | None:
    """Why a reply is not a proper answer, or None."""
    if not isinstance(reply, dict):
        return f"not a JSON object: {reply!r}"[:200]
    if reply.get("status") not in ("answered", "no_answer"):
        return f"status {reply.get('status')!r}"
    if not str(reply.get("answer", "")).strip():
        return "empty answer"
    if "nicht erreichbar" in reply["answer"] or "cannot be reached" in reply["answer"]:
        return f"internal error reply: {reply['answer'][:120]}"
    return None


def change_salary(src: Path) -> tuple[Path, str, str]:
    """Raise the first entry-level range in the Duisburg text by 100 €; (file, old, new)."""
    from ingest.extractor import salary_facts

    for path in sorted(src.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "Duisburg" not in text.splitlines()[0]:
            continue
        fact = next(f for f in salary_facts(text) if f.level == "entry")
        old = f"{fact.low:,}".replace(",", ".")
        new = f"{fact.low + 100:,}".replace(",", ".")
        sentence = fact.sentence.replace(old, new, 1)
        path.write_text(text[: fact.start] + sentence + text[fact.end :], encoding="utf-8")
        return path, old, new
    raise RuntimeError(f"no Duisburg text in {src}")


def session(url: str, cases: list[dict], stop_at: float, log: list, errors: list, n: int):
    """One chat session: ask the cases in turn until stop_at."""
    c = app.client(url, timeout=60)
    i = n  # sessions start at different questions
    while time.monotonic() < stop_at:
        # Every 4th question is the one whose answer the reindex changes.
        case = {"question": CHANGED_QUESTION} if i % 4 == 0 else cases[i % len(cases)]
        i += 1
        t0 = time.monotonic()
        try:
            reply = app.ask(c, case["question"], case.get("turns", []))
            problem = valid(reply)
        except Exception as exc:  # a failed request is a result
            reply, problem = None, f"{type(exc).__name__}: {exc}"[:300]
        t1 = time.monotonic()
        log.append((t0, t1, n, case["question"], reply))
        if problem:
            errors.append({"session": n, "question": case["question"][:80], "error": problem})


def _sessions(url: str, cases: list[dict], args, src: Path, ingest: list[str], env) -> dict:
    """Run the sessions, reindex after a sixth of the time; the request log and the reindex."""
    log: list = []
    errors: list = []
    stop_at = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=session, args=(url, cases, stop_at, log, errors, n))
        for n in range(args.sessions)
    ]
    for t in threads:
        t.start()
    time.sleep(args.seconds / 6)
    _, old, new = change_salary(src)
    r0 = time.monotonic()
    done = subprocess.run(ingest, cwd=scale.REPO, env=env, capture_output=True, text=True)
    r1 = time.monotonic()
    for t in threads:
        t.join()
    return {"log": log, "errors": errors, "r0": r0, "r1": r1, "done": done, "old": old,
            "new": new}


def _serve_and_load(tmp: Path, cases: list[dict], args) -> dict:
    """Ingest a copy of the corpus, serve it, load it; the run's raw results."""
    src, store = tmp / "texts", tmp / "store"
    shutil.copytree(scale.corpus_dir(), src, ignore=shutil.ignore_patterns("README*"))
    env = app.env_for(store, 0)
    ingest = [sys.executable, "-m", "bot.cli", "ingest", "--quiet", "--json", "--source", str(src)]
    subprocess.run(ingest, cwd=scale.REPO, env=env, check=True, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # All simulated sessions come from 127.0.0.1: lift the per-client rate limit.
    proc = app.start(store, port, tmp / "serve.log", CAREERBOT_SOURCES=json.dumps([str(src)]),
                     CAREERBOT_REQUESTS_PER_MINUTE="1000000")
    try:
        probe = app.client(url, timeout=600, proc=proc)
        before = app.ask(probe, CHANGED_QUESTION)
        run = _sessions(url, cases, args, src, ingest, env)
        run["before"], run["after"] = before, app.ask(probe, CHANGED_QUESTION)
        run["serve_alive"] = proc.poll() is None
    finally:
        app.stop(proc)
    run["serve_log"] = (tmp / "serve.log").read_text(errors="replace")
    return run


def _report(run: dict, args) -> dict:
    """The figures of a run."""
    log, r0, r1, done, old, new = (run[k] for k in ("log", "r0", "r1", "done", "old", "new"))
    lat = [(t1 - t0) * 1000 for t0, t1, *_ in log]
    during = [(t1 - t0) * 1000 for t0, t1, *_ in log if t1 >= r0 and t0 <= r1]
    # Replies to the changed question that started after the reindex finished.
    late = [rep for t0, _, _, q, rep in log if q == CHANGED_QUESTION and t0 > r1 + 1 and rep]
    serve_log = run["serve_log"]
    return {
        "sessions": args.sessions,
        "seconds": args.seconds,
        "requests": len(log),
        "errors": len(run["errors"]),
        "error_examples": run["errors"][:5],
        "requests_per_s": round(len(log) / args.seconds, 2),
        "p50_ms": round(percentile(lat, 0.5)),
        "p95_ms": round(percentile(lat, 0.95)),
        "max_ms": round(max(lat, default=0)),
        "reindex": {
            "exit_code": done.returncode,
            "seconds": round(r1 - r0, 1),
            "summary": json.loads(done.stdout) if done.returncode == 0 else done.stderr[-500:],
            "requests_during": len(during),
            "p95_ms_during": round(percentile(during, 0.95)),
            "figure_before": old,
            "figure_after": new,
            "answer_had_old_figure_before": old in run["before"]["answer"],
            "answer_has_new_figure_after": new in run["after"]["answer"],
            "later_session_replies_with_new_figure": f"{sum(new in r['answer'] for r in late)}"
            f"/{len(late)}",
        },
        "app_still_running": run["serve_alive"],
        "tracebacks_in_app_log": serve_log.count("Traceback"),
        "first_traceback": serve_log[serve_log.find("Traceback") :][:3000]
        if "Traceback" in serve_log
        else None,
        "load_average": scale.load_average(),
    }


def main() -> None:
    """Command line: run the load test, print (or write) JSON figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    scale.offline()
    from bot.evaluation.sets import load_set

    cases = [c for c in load_set("corpus")["cases"] if c["kind"] != "empty"]
    with tempfile.TemporaryDirectory(prefix="cb-load-") as tmp:
        run = _serve_and_load(Path(tmp), cases, args)
    scale.emit(_report(run, args), args.json)


if __name__ == "__main__":
    main()
