"""Figures of one system over a set of checked cases, and the printed comparison table."""

from __future__ import annotations

import math

TARGETS = {"answered_right": 0.95, "refused_right": 0.95}


def _rate(flags: list) -> float | None:
    flags = [f for f in flags if f is not None]
    return sum(flags) / len(flags) if flags else None


def percentile(values: list[float], p: float) -> float:
    """The p-quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)] if ordered else 0.0


def metrics(results: list[dict]) -> dict:
    """Answered right, refused right, verbatim quotes, numbers, per kind."""
    answer = [r for r in results if r["expect_status"] == "answered"]
    refuse = [r for r in results if r["expect_status"] == "no_answer"]
    cites = sum(r["citations"] for r in results)
    times = [r["ms"] for r in results if "ms" in r]
    kinds = sorted({r["kind"] for r in results})
    return {
        "cases": len(results),
        "answered_right": _rate([r["right"] for r in answer]),
        "refused_right": _rate([r["right"] for r in refuse]),
        "accuracy": _rate([r["right"] for r in results]),
        "quotes_verbatim": 1 - sum(r["invalid_citations"] for r in results) / cites
        if cites
        else None,
        "numbers_in_quotes": _rate(
            [not r["numbers_not_in_quotes"] for r in results if r["status"] == "answered"]
        ),
        "invented_numbers": sum(len(r["unbacked_numbers"]) for r in results),
        "language": _rate([r["language_ok"] for r in results]),
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "by_kind": {k: _rate([r["right"] for r in results if r["kind"] == k]) for k in kinds},
        "kind_counts": {k: sum(r["kind"] == k for r in results) for k in kinds},
    }


def _fmt(value, percent: bool = True) -> str:
    if value is None:
        return "n/a"
    if not percent:
        return f"{value:.0f}"
    return f"{value * 100:.1f}%"


ROWS = [
    ("answered right", "answered_right", True),
    ("refused right", "refused_right", True),
    ("all cases right", "accuracy", True),
    ("quotes verbatim", "quotes_verbatim", True),
    ("numbers found in quotes", "numbers_in_quotes", True),
    ("invented numbers", "invented_numbers", False),
    ("reply language", "language", True),
    ("latency p50 (ms)", "p50_ms", False),
    ("latency p95 (ms)", "p95_ms", False),
]


def table(title: str, systems: dict[str, dict]) -> list[str]:
    """One split's figures, systems side by side, then accuracy by kind."""
    names = list(systems)
    first = systems[names[0]]
    out = [title, f"{'metric':<26}" + "".join(f"{n:>14}" for n in names)]
    for label, key, pct in ROWS:
        out.append(f"{label:<26}" + "".join(f"{_fmt(systems[n][key], pct):>14}" for n in names))
    out.append("right by kind (cases):")
    for kind, count in first["kind_counts"].items():
        cells = "".join(f"{_fmt(systems[n]['by_kind'].get(kind)):>14}" for n in names)
        out.append(f"  {kind + f' ({count})':<24}{cells}")
    return out


def problems(results: list[dict], limit: int = 60) -> list[str]:
    """careerbot's wrong cases, to read."""
    out = []
    for r in [r for r in results if not r["right"] or r["invalid_citations"]][:limit]:
        turns = " / ".join(r["turns"] or [])
        out.append(f"- {r['id']} [{r['split']}]: {(turns + ' -> ') if turns else ''}"
                   f"{r['question']!r}")
        out.append(
            f"    expected {r['expect_status']} {r['expect_facts']} {r['expect_city']}; got "
            f"{r['status']} ({r['reason']})"
            + (f" missing {r['missing']}" if r["missing"] else "")
            + (f" not citing {r['wrong_city']}" if r["wrong_city"] else "")
            + ("" if r["period_ok"] else " period not said")
            + (f" invented {r['unbacked_numbers']}" if r["unbacked_numbers"] else "")
        )
        out.append(f"    answer: {r['answer'][:240]!r}")
    return out
