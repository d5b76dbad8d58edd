"""Smoke runs of the benchmark scripts (bench/): each at a tiny size with the hash embedder, as
a separate process, in temporary folders; exit 0 and JSON with the expected keys and sane values.

The scripts start together (one module fixture) so the whole file takes about the time of the
slowest one; each test then waits for its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OFFLINE_ENV

TIMEOUT = 240

RUNS = {
    "ingest": ["bench.ingest_bench", "--docs", "3", "--reindex-chunks", "24"],
    "query": ["bench.query_bench", "--chunks", "16", "--rounds", "1", "--questions", "4"],
    "coldstart": ["bench.coldstart_bench", "--runs", "1", "--chunks", "0"],
    "load": ["bench.load_bench", "--sessions", "2", "--seconds", "3"],
    "million": ["bench.million_bench", "--chunks", "40", "--questions", "3"],
    "chroma_add": ["bench.chroma_add_bench", "--records", "400", "--batch", "200"],
    "word_cache": ["bench.word_cache_bench", "--set", "samples", "--limit", "3"],
}


def _env(cache: Path, corpus: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("CAREERBOT_")}
    env.update(OFFLINE_ENV)
    env.update(
        {"CAREERBOT_EMBEDDING_MODEL": "hash", "BENCH_CACHE_DIR": str(cache),
         "BENCH_CORPUS": str(corpus)}
    )
    return env


@pytest.fixture(scope="module")
def runs(tmp_path_factory, repo_root, corpus_dir):
    """Every script started at once, each with its own cache folder and JSON file."""
    root = tmp_path_factory.mktemp("bench")
    procs = {}
    for name, args in RUNS.items():
        out = root / "results" / f"{name}.json"
        out.parent.mkdir(exist_ok=True)
        # Files, not pipes: a full pipe would stall a script until its test reads it.
        with (root / f"{name}.out").open("w") as so, (root / f"{name}.err").open("w") as se:
            procs[name] = subprocess.Popen(
                [sys.executable, "-m", *args, "--json", str(out)],
                cwd=repo_root,
                env=_env(root / f"cache-{name}", corpus_dir),
                stdout=so,
                stderr=se,
            )
    yield root, procs
    # A script still running (its test deselected or failed) gets Ctrl-C first: its finally
    # blocks stop the app and servers it started, which a kill would leave running.
    for proc in procs.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
    for proc in procs.values():
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _result(runs, name: str):
    """The script's printed JSON (also written to its --json file), after exit 0."""
    root, procs = runs
    code = procs[name].wait(timeout=TIMEOUT)
    stderr = (root / f"{name}.err").read_text(errors="replace")
    assert code == 0, f"{name}: exit {code}\n{stderr[-3000:]}"
    printed = json.loads((root / f"{name}.out").read_text())
    assert json.loads((root / "results" / f"{name}.json").read_text()) == printed
    return printed


def _load_average(value) -> None:
    assert len(value) == 3 and all(x >= 0 for x in value)


def test_ingest_bench_counts_chunks_and_sentences(runs):
    report = _result(runs, "ingest")
    t = report["throughput"]
    assert t["model"] == "hash" and t["documents"] == 3 and not t["failed"]
    assert t["chunks"] > 0 and t["sentences"] > t["chunks"]
    # Raw encode embeds exactly the texts the indexer embeds.
    assert t["texts"] == t["chunks"] + t["sentences"] == t["texts_embedded_by_ingest"]
    assert all(x > 0 for x in t["raw_encode_texts_per_s"]) and t["ingest_texts_per_s"] > 0
    assert t["ratio_wall"] > 0 and t["ratio_cpu"] > 0
    r = report["reindex"]
    assert r["store_chunks"] >= 16
    assert r["nothing_changed"]["records_embedded"] == 0
    assert 0 < r["one_changed"]["records_embedded"] < r["one_changed"]["document_records"]
    assert r["one_rewritten"]["records_embedded"] == r["one_rewritten"]["document_records"]
    _load_average(report["load_average_after"])


def test_query_bench_measures_both_systems(runs):
    rows = _result(runs, "query")
    assert {r["system"] for r in rows} == {"careerbot", "baseline"}
    for r in rows:
        assert "error" not in r, r.get("error")
        assert r["chunks"] > 16 and r["questions_timed"] > 0
        assert 0 < r["p50_ms"] <= r["p95_ms"] <= r["max_ms"]
        assert r["rss_mb"] > 50 and r["peak_rss_mb"] >= r["rss_mb"]
        assert r["corpus"]["cases"] == 4 and 0 <= r["corpus"]["accuracy"] <= 1
        assert r["synthetic"]["cases"] == 1 and r["model"] == "hash"
        _load_average(r["load_average"])


def test_coldstart_bench_answers(runs):
    (row,) = _result(runs, "coldstart")
    (run,) = row["runs"]
    assert 0 < run["client_connected_s"] <= run["first_answer_s"] == row["median_first_answer_s"]
    assert run["status"] in ("answered", "no_answer") and run["second_answer_s"] > 0
    _load_average(row["load_average"])


def test_load_bench_survives_reindex(runs):
    report = _result(runs, "load")
    assert report["requests"] > 0 and report["errors"] == 0, report["error_examples"]
    assert report["reindex"]["exit_code"] == 0 and report["app_still_running"]
    assert report["reindex"]["answer_has_new_figure_after"]
    assert report["tracebacks_in_app_log"] == 0


def test_million_bench_server_mode(runs):
    report = _result(runs, "million")
    assert report["chunks"] >= 40 and report["questions_timed"] == 3
    assert 0 < report["p50_ms"] <= report["p95_ms"]
    assert 0 < report["cold_p50_ms"] <= report["cold_p95_ms"]
    assert report["vectors"] == "generated"
    assert report["chroma_server_rss_mb"] > 0 and report["chroma_disk_mb"] > 0
    assert report["postgres_disk_mb"] > 0


def test_report_draws_plots(runs, repo_root, tmp_path):
    for name in ("ingest", "query"):
        _result(runs, name)
    results = runs[0] / "results"
    done = subprocess.run(
        [sys.executable, "-m", "bench.report", "--results", str(results), "--plots",
         str(tmp_path)],
        cwd=repo_root, capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| chunks in store |" in done.stdout
    assert (tmp_path / "query.png").stat().st_size > 1000
    assert (tmp_path / "ingest.png").stat().st_size > 1000


def test_chroma_add_bench_reports_a_rate(runs):
    report = _result(runs, "chroma_add")
    assert report["records"] == 400 and report["records_per_s"] > 0
    assert [n for n, _ in report["cumulative_records_per_s"]][-1] == 400
    assert report["filtered_query_ms"] > 0 and report["chroma_server_rss_mb"] > 0
    _load_average(report["load_average"])


def test_word_cache_bench_times_a_cold_and_a_warm_pass(runs):
    report = _result(runs, "word_cache")
    assert report["set"] == "samples" and report["model"] == "hash" and report["chunks"] > 0
    for name in ("cold", "warm"):
        r = report[name]
        assert r["questions"] == 3 and 0 < r["p50_ms"] <= r["p95_ms"]
    assert report["words_kept_after_cold"] > 0
    _load_average(report["load_average"])
