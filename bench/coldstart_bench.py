"""Cold start: seconds from `careerbot serve` to the first answer through gradio_client.

    nice -n 10 python -m bench.coldstart_bench --runs 3 --chunks 0 10000

Each run starts a fresh `careerbot serve` on a free port of 127.0.0.1 over a benchmark store
(bench.scale; 0 = the real corpus alone), polls until gradio_client connects, asks one question
and stops the app. Reported per run: seconds until the app accepted a client, until the first
answer, and the answer's status.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import time
from pathlib import Path

from bench import app, scale

QUESTION = "Was verdient ein Medizininformatiker als Berufseinsteiger in Bochum?"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_run(store_dir: Path, log: Path) -> dict:
    """Start the app, wait for the first answer, stop it."""
    port = free_port()
    t0 = time.perf_counter()
    proc = app.start(store_dir, port, log)
    try:
        c = app.client(f"http://127.0.0.1:{port}/", timeout=600, proc=proc)
        connected = time.perf_counter() - t0
        answer = app.ask(c, QUESTION)
        first = time.perf_counter() - t0
        t1 = time.perf_counter()
        app.ask(c, QUESTION)
        warm = time.perf_counter() - t1
    finally:
        app.stop(proc)
    return {
        "client_connected_s": round(connected, 2),
        "first_answer_s": round(first, 2),
        "second_answer_s": round(warm, 3),
        "status": answer["status"],
        "citations": len(answer["citations"]),
    }


def main() -> None:
    """Command line: cold starts per store size, JSON on stdout."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, nargs="+", default=[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    scale.offline()
    results = []
    with tempfile.TemporaryDirectory(prefix="cb-coldstart-") as tmp:
        for chunks in args.chunks:
            settings = scale.build(chunks)
            runs = []
            for i in range(args.runs):
                runs.append(one_run(settings.store_dir, Path(tmp) / "serve.log"))
                scale.log(f"{chunks} chunks, run {i + 1}: {runs[-1]}")
            firsts = sorted(r["first_answer_s"] for r in runs)
            results.append(
                {
                    "chunks_target": chunks,
                    "runs": runs,
                    "median_first_answer_s": firsts[len(firsts) // 2],
                    "load_average": scale.load_average(),
                }
            )
    scale.emit(results, args.json)


if __name__ == "__main__":
    main()
