"""Plots (PNG, matplotlib) and Markdown tables from the JSON files the benchmarks wrote.

python -m bench.report            # reads bench/results/*.json, writes docs/benchmarks/*.png
python -m bench.report --results DIR --plots DIR
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.scale import REPO

RESULTS = REPO / "bench" / "results"
PLOTS = REPO / "docs" / "benchmarks"


def _load(name: str, results: Path = RESULTS):
    path = results / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _pct(value) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def query_table(rows: list[dict]) -> str:
    """Markdown: latency, memory and accuracy per store size and system."""
    lines = [
        "| chunks in store | system | p50 ms | p95 ms | RSS MB | ready s | corpus accuracy "
        "| synthetic accuracy | load avg |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['chunks_target']} | {r['system']} | failed | | | | | | |")
            continue
        syn = r.get("synthetic", {})
        lines.append(
            f"| {r.get('chunks', r['chunks_target']):,} | {r['system']} | {r['p50_ms']} | "
            f"{r['p95_ms']} | {r['rss_mb']:.0f} | {r['ready_seconds']} | "
            f"{_pct(r['corpus']['accuracy'])} | {_pct(syn.get('accuracy'))} | "
            f"{' / '.join(str(x) for x in r['load_average'])} |"
        )
    return "\n".join(lines)


def plot_query(rows: list[dict], plots: Path = PLOTS) -> Path | None:
    """p95 latency and RSS against store size, one line per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = [r for r in rows if "error" not in r]
    if not ok:
        return None
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for system in sorted({r["system"] for r in ok}):
        mine = sorted((r for r in ok if r["system"] == system), key=lambda r: r["chunks"])
        xs = [max(r["chunks"], 1) for r in mine]
        ax1.plot(xs, [r["p95_ms"] for r in mine], marker="o", label=f"{system} p95")
        ax1.plot(xs, [r["p50_ms"] for r in mine], marker=".", ls="--", label=f"{system} p50")
        ax2.plot(xs, [r["rss_mb"] for r in mine], marker="o", label=system)
    ax1.axhline(150, color="grey", lw=0.8, ls=":", label="target p95 150 ms")
    for ax, title in ((ax1, "question latency (ms)"), (ax2, "RSS of the serving process (MB)")):
        ax.set_xscale("log")
        ax.set_xlabel("chunks in store")
        ax.set_title(title)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    plots.mkdir(parents=True, exist_ok=True)
    out = plots / "query.png"
    fig.savefig(out, dpi=100)
    return out


def plot_ingest(report: dict, plots: Path = PLOTS) -> Path | None:
    """Raw encode vs ingest throughput, wall clock and CPU based."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = report.get("throughput")
    if not t:
        return None
    n = t["texts"]
    raw_cpu = n / max(sum(t["raw_encode_cpu_s"]) / 2, 1e-3)
    ing_cpu = t["texts_embedded_by_ingest"] / max(t["ingest_cpu_s"], 1e-3)
    raw_wall = sum(t["raw_encode_texts_per_s"]) / 2
    fig, ax = plt.subplots(figsize=(6, 3.5))
    labels = [
        "raw encode\n(wall)",
        "ingest\n(wall)",
        "raw encode\n(per CPU s)",
        "ingest\n(per CPU s)",
    ]
    values = [raw_wall, t["ingest_texts_per_s"], raw_cpu, ing_cpu]
    ax.bar(labels, values, color=["#888", "#2a9d8f", "#888", "#2a9d8f"])
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:.1f}", ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("texts embedded per second")
    ax.set_title(
        f"{t['model']}: ingest vs raw encode, {t['chunks']} chunks + {t['sentences']} "
        f"sentences, batch {t['batch_size']}",
        fontsize=9,
    )
    fig.tight_layout()
    plots.mkdir(parents=True, exist_ok=True)
    out = plots / "ingest.png"
    fig.savefig(out, dpi=100)
    return out


def main() -> None:
    """Command line: write the plots, print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", type=Path, default=RESULTS, help="folder of the JSON files")
    ap.add_argument("--plots", type=Path, default=PLOTS, help="folder for the PNG files")
    args = ap.parse_args()
    # query_bench may run in parts (e.g. 100k later): query.json, query-100k.json, ...
    files = sorted(args.results.glob("query*.json"))
    query = [r for f in files for r in json.loads(f.read_text())]
    query.sort(key=lambda r: (r["chunks_target"], r["system"]))
    if query:
        print(query_table(query))
        print(plot_query(query, args.plots))
    ingest = _load("ingest", args.results)
    if ingest:
        print(plot_ingest(ingest, args.plots))


if __name__ == "__main__":
    main()
