"""`careerbot eval`: careerbot and the plain vector baseline on one evaluation set, side by side.

An evaluation set is JSON: {"name", "texts": [folders, relative to the set file], "cases": [...]}.
A case: {"id", "turns": [earlier questions], "question", "language": "de"|"en",
"expect_status": "answered"|"no_answer", "expect_city": city | [cities] | null,
"expect_facts": [strings the answer text must contain], "forbid_facts": [strings it must not],
"kind": one of KINDS, "note": optional}.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KINDS = tuple(
    "salary comparison training tasks skills market uncovered offtopic empty injection typo "
    "followup".split()
)
TARGETS = {"accuracy": 0.95, "citation_validity": 1.0, "p95_ms": 150.0}
SETS_DIR = Path(__file__).resolve().parent / "sets"

# Thousands separators ("3.200", "3,200", "3 200") so every spelling of a figure compares equal.
_SEPARATOR = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}(?!\d))")
_FIGURE = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d{4,}")


def load_set(name: str) -> dict:
    """An evaluation set by name ('corpus', 'samples') or path, its text folders resolved."""
    path = SETS_DIR / f"{name}.json" if name in ("corpus", "samples") else Path(name)
    if not path.is_file():
        raise ValueError(f"no evaluation set {name!r}: use corpus, samples or a JSON file path")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("name", path.stem)
    data["texts"] = [(path.parent / t).resolve() for t in data.get("texts", [])]
    return data


def _norm(text: str) -> str:
    return _SEPARATOR.sub("", text).casefold()


def contains(text: str, fact: str) -> bool:
    """Whether text states fact: case-insensitive, any thousands separator, from a word start."""
    # Short words and figures must end where the fact ends: 'TU' is not 'tun', 3.200 not 32.000.
    whole = len(fact) <= 3 or fact[-1].isdigit()
    pattern = r"(?<!\w)" + re.escape(_norm(fact)) + (r"(?!\w)" if whole else "")
    return re.search(pattern, _norm(text)) is not None


def figures(text: str) -> set[str]:
    """Every number of four or more digits in text, separators removed."""
    return {re.sub(r"\D", "", m) for m in _FIGURE.findall(text)}


class Documents:
    """The evaluated texts as decoded from disk: citation checks and each source's city."""

    def __init__(self, paths: list[Path]):
        from ingest.chunker import parse
        from ingest.reader import discover, read_text

        files, _ = discover(paths)
        self.text = {}
        self.city = {}
        for f in files:
            src = read_text(f, max_bytes=1 << 30)
            self.text[src.source] = src.text
            self.city[src.source] = parse(src.text).city
        self.figures = set().union(*(figures(t) for t in self.text.values()))

    def valid(self, citation) -> bool:
        """The quote is exactly the source file's text at [start:end]."""
        text = self.text.get(citation.source)
        if text is None and Path(citation.source).is_file():
            text = Path(citation.source).read_bytes().decode("utf-8-sig")
        return (
            bool(citation.quote)
            and text is not None
            and 0 <= citation.start <= citation.end <= len(text)
            and text[citation.start : citation.end] == citation.quote
        )


def check(case: dict, answer, docs: Documents) -> dict:
    """One case's outcome: status, facts, retrieval hit, citations, invented figures."""
    got = answer.answer or ""
    missing = [f for f in case.get("expect_facts", []) if not contains(got, f)]
    forbidden = [f for f in case.get("forbid_facts", []) if contains(got, f)]
    hit = None
    expect = case.get("expect_city")
    if expect:
        seen = {docs.city.get(p.source) for p in answer.passages[:3]}
        seen |= {docs.city.get(c.source) for c in answer.citations}
        hit = all(city in seen for city in ([expect] if isinstance(expect, str) else expect))
    valid = [docs.valid(c) for c in answer.citations]
    status_ok = answer.status == case["expect_status"]
    # The assistant turns internal failures into a polite no_answer; that is not an abstention.
    error = answer.reason if (answer.reason or "").startswith("error") else None
    keys = ("id", "kind", "turns", "question", "expect_status", "expect_facts", "expect_city")
    return {
        **{k: case.get(k) for k in keys},
        "status": answer.status,
        "answer": got,
        "correct": status_ok and not missing and not forbidden and not error,
        "error": error,
        "missing": missing,
        "forbidden": forbidden,
        "hit": hit,
        "citations": len(valid),
        "invalid_citations": valid.count(False),
        "invented": sorted(figures(got) - docs.figures),
        "language_ok": None
        if case["kind"] == "empty" or not answer.language
        else answer.language == case["language"],
    }


def evaluate(ask: Callable, cases: list[dict], docs: Documents) -> dict:
    """Run every case (warm pass, checked), then again timed; return metrics and results."""
    from bot.model import Answer

    results = []
    for case in cases:
        try:
            answer = ask(case["question"], list(case.get("turns", [])))
        except Exception as exc:  # one broken case is a result, not the end of the run
            answer = Answer(case["question"], "", "error", "", reason=f"error: {exc!r}")
        results.append(check(case, answer, docs))
    times = []
    for case in cases:
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):
            ask(case["question"], list(case.get("turns", [])))
        times.append((time.perf_counter() - t0) * 1000)
    for result, ms in zip(results, times, strict=True):
        result["ms"] = round(ms, 1)
    return {"metrics": metrics(results, times), "results": results}


def _rate(flags: list) -> float | None:
    flags = [f for f in flags if f is not None]
    return sum(flags) / len(flags) if flags else None


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)] if ordered else 0.0


def metrics(results: list[dict], times_ms: list[float]) -> dict:
    """The figures of one system over one set."""
    abstain = [r["status"] == "no_answer" for r in results if r["expect_status"] == "no_answer"]
    keep = [r["status"] == "answered" for r in results if r["expect_status"] == "answered"]
    cites = sum(r["citations"] for r in results)
    answered = [r for r in results if r["status"] == "answered"]
    return {
        "cases": len(results),
        "hit_at_3": _rate([r["hit"] for r in results]),
        "accuracy": _rate([r["correct"] for r in results]),
        "citation_validity": 1 - sum(r["invalid_citations"] for r in results) / cites
        if cites
        else None,
        "citations": cites,
        "answered_with_citations": _rate([r["citations"] > 0 for r in answered]),
        "abstained_when_expected": _rate(abstain),
        "answered_when_expected": _rate(keep),
        "no_invented_figures": _rate([not r["invented"] for r in results]),
        "language": _rate([r["language_ok"] for r in results]),
        "p50_ms": _pct(times_ms, 0.50),
        "p95_ms": _pct(times_ms, 0.95),
        "by_kind": {
            k: _rate([r["correct"] for r in results if r["kind"] == k])
            for k in KINDS
            if any(r["kind"] == k for r in results)
        },
    }


def targets(m: dict) -> dict:
    """Which of careerbot's targets the figures meet."""
    return {
        "accuracy >= 95%": (m["accuracy"] or 0) >= TARGETS["accuracy"],
        "citation validity 100%": m["citation_validity"] in (None, 1.0),
        "p95 < 150 ms": m["p95_ms"] < TARGETS["p95_ms"],
    }


def run(settings, evalset: str = "corpus", sources: list[Path] | None = None) -> dict:
    """Ingest the set's texts, evaluate careerbot and the baseline; the full report."""
    from bot.evaluation.baseline import VectorBaseline
    from bot.factory import build_bot, build_indexer, embedder_for

    data = load_set(evalset)
    texts = [Path(s) for s in sources] if sources else data["texts"]
    if not texts:
        raise ValueError(f"evaluation set {data['name']!r} names no texts: pass --source")
    docs = Documents(texts)
    report = {
        "set": data["name"],
        "texts": [str(t) for t in texts],
        "documents": len(docs.text),
        "cases": len(data["cases"]),
        "systems": {},
    }
    with tempfile.TemporaryDirectory(prefix="careerbot-eval-") as tmp:
        store = settings
        if "store_dir" not in settings.model_fields_set:
            # A throwaway embedded store, so an evaluation never touches real data.
            store = settings.model_copy(
                update={"store_dir": Path(tmp), "database_url": None, "chroma_url": None}
            )
        report["store"] = "temporary" if store is not settings else str(store.store_dir)
        report["ingest"] = None
        # An explicit --store without --source is evaluated as it is: ingest mirrors the
        # given folders and would drop the store's other documents.
        if store is not settings or sources:
            t0 = time.perf_counter()
            summary = build_indexer(store).run(texts)
            report["ingest"] = {
                "seconds": round(time.perf_counter() - t0, 2),
                "chunks": summary.chunks,
                "failed": summary.failed,
            }
        bot = build_bot(store)
        report["systems"]["careerbot"] = evaluate(bot.ask, data["cases"], docs)
        t0 = time.perf_counter()
        baseline = VectorBaseline(texts, embedder_for(settings.embedding_model))
        report["baseline_build_seconds"] = round(time.perf_counter() - t0, 2)
        try:
            report["systems"]["baseline"] = evaluate(baseline.ask, data["cases"], docs)
        finally:
            baseline.close()
    report["targets"] = targets(report["systems"]["careerbot"]["metrics"])
    # Latency means little on a busy machine; the load says how busy it was.
    report["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return report


def _fmt(value, percent: bool = True) -> str:
    if value is None:
        return "n/a"
    return f"{value * 100:.1f}%" if percent else f"{value:.1f}"


ROWS = [
    ("retrieval hit@3", "hit_at_3", True),
    ("answer accuracy", "accuracy", True),
    ("citation validity", "citation_validity", True),
    ("answers with citations", "answered_with_citations", True),
    ("abstained when expected", "abstained_when_expected", True),
    ("answered when expected", "answered_when_expected", True),
    ("no invented figures", "no_invented_figures", True),
    ("reply language", "language", True),
    ("latency p50 (ms)", "p50_ms", False),
    ("latency p95 (ms)", "p95_ms", False),
]


def render(report: dict) -> str:
    """The report as a readable table, with careerbot's failed cases listed."""
    bot, base = (report["systems"][s]["metrics"] for s in ("careerbot", "baseline"))
    out = [
        f"Evaluation set {report['set']}: {report['cases']} cases over "
        f"{report['documents']} texts ({', '.join(report['texts'])})",
        (
            f"ingest into {report['store']} store: {report['ingest']['seconds']} s, "
            f"{report['ingest']['chunks']} chunks; "
            if report["ingest"]
            else f"store {report['store']} used as it is; "
        )
        + f"baseline built in {report['baseline_build_seconds']} s; "
        f"load average {report['load_average'][0]}",
        "",
        f"{'metric':<26}{'careerbot':>11}{'baseline':>11}",
    ]
    out += [
        f"{label:<26}{_fmt(bot[key], pct):>11}{_fmt(base[key], pct):>11}"
        for label, key, pct in ROWS
    ]
    out += ["", "accuracy by kind:"]
    out += [
        f"  {k:<24}{_fmt(v):>11}{_fmt(base['by_kind'].get(k)):>11}"
        for k, v in bot["by_kind"].items()
    ]
    out += [
        "",
        "careerbot targets: "
        + "; ".join(
            f"{name} {'met' if ok else 'MISSED'}" for name, ok in report["targets"].items()
        ),
    ]
    failed = [
        r
        for r in report["systems"]["careerbot"]["results"]
        if not r["correct"]
        or r["invalid_citations"]
        or r["hit"] is False
        or r["invented"]
        or r["language_ok"] is False
    ]
    slow = sorted(report["systems"]["careerbot"]["results"], key=lambda r: -r["ms"])[:3]
    out += ["slowest: " + ", ".join(f"{r['id']} {r['ms']:.0f} ms" for r in slow)]
    if failed:
        out += ["", f"careerbot cases with problems ({len(failed)}):"]
    for r in failed:
        turns = " / ".join(r["turns"])
        out.append(f"- {r['id']}: {(turns + ' -> ') if turns else ''}{r['question']!r}")
        out.append(
            f"    expected {r['expect_status']} {r['expect_facts']} city "
            f"{r['expect_city']}; got {r['status']}"
            + (f" missing {r['missing']}" if r["missing"] else "")
            + (f" forbidden {r['forbidden']}" if r["forbidden"] else "")
            + (" retrieval miss" if r["hit"] is False else "")
            + (f" {r['invalid_citations']} invalid citations" if r["invalid_citations"] else "")
            + (f" invented {r['invented']}" if r["invented"] else "")
            + (f" error {r['error']}" if r.get("error") else "")
            + (" wrong reply language" if r["language_ok"] is False else "")
        )
        out.append(f"    answer: {r['answer'][:300]!r}")
    return "\n".join(out)


def run_eval(
    settings, evalset: str = "corpus", sources: list[Path] | None = None, as_json: bool = False
) -> int:
    """The eval command: print the report; 0 when it ran, whether or not targets were met."""
    report = run(settings, evalset, sources)
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render(report))
    return 0
