"""`careerbot eval`: careerbot, the all-MiniLM-L6-v2 configuration and the plain baselines on
one evaluation set, per split (dev, test, held-back), side by side in one run."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.evaluation.checks import Documents, check
from bot.evaluation.report import metrics, problems, table
from bot.evaluation.sets import SPLITS, cases_of, load_set

SYSTEMS = ("minilm", "bm25", "vector")


def evaluate(ask: Callable, cases: list[dict], docs: Documents) -> list[dict]:
    """Each case asked once, checked and timed."""
    from bot.model import Answer

    results = []
    for case in cases:
        t0 = time.perf_counter()
        try:
            answer = ask(case["question"], list(case.get("turns", [])))
        except Exception as exc:  # one broken case is a result, not the end of the run
            answer = Answer(case["question"], "", "error", "", reason=f"error: {exc!r}")
        result = check(case, answer, docs)
        result["ms"] = round((time.perf_counter() - t0) * 1000, 1)
        results.append(result)
    return results


def stored_documents(knowledge) -> dict[str, dict]:
    """Every document of a store: text, title, city and profession as the store keeps them."""
    out = {}
    for row in knowledge.documents():
        doc = knowledge.document(row["source"])
        out[row["source"]] = {
            "text": doc["text"],
            "title": doc["title"],
            "city": doc["city"],
            "profession": doc.get("profession"),
        }
    return out


def build_store(settings, texts: list[Path], folder: Path, model: str | None = None):
    """A throwaway embedded store of the texts, and the bot over it."""
    from bot.factory import build_bot, build_indexer

    update = {"store_dir": folder, "database_url": None, "chroma_url": None}
    if model:
        update["embedding_model"] = model
    store = settings.model_copy(update=update)
    t0 = time.perf_counter()
    summary = build_indexer(store).run(texts)
    return build_bot(store), {"seconds": round(time.perf_counter() - t0, 1),
                              "chunks": summary.chunks, "failed": summary.failed}


def _systems(settings, texts, documents, tmp: Path, compare) -> dict[str, Callable]:
    from bot.evaluation.baseline import BM25Baseline, VectorBaseline
    from bot.factory import embedder_for
    from knowledge.embedder import MINILM_NAME

    asks: dict[str, Callable] = {}
    if "minilm" in compare and settings.embedding_model != MINILM_NAME:
        try:
            bot, _ = build_store(settings, texts, tmp / "minilm", MINILM_NAME)
            asks["minilm"] = bot.ask
        except (FileNotFoundError, ValueError) as exc:  # no fitted models, or not installed
            print(f"careerbot eval: no minilm column: {exc}", file=sys.stderr)
    if "bm25" in compare:
        asks["bm25"] = BM25Baseline(documents).ask
    if "vector" in compare:
        asks["vector"] = VectorBaseline(documents, embedder_for(settings.embedding_model)).ask
    return asks


def run(settings, evalset: str = "corpus", split: str = "all", compare=SYSTEMS) -> dict:
    """Ingest the set's texts, evaluate every system; the report."""
    data = load_set(evalset)
    cases = cases_of(data, split)
    if not cases:
        raise ValueError(f"evaluation set {data['name']!r} has no cases in split {split!r}")
    with tempfile.TemporaryDirectory(prefix="careerbot-eval-") as tmp:
        bot, ingest = build_store(settings, data["texts"], Path(tmp) / "careerbot")
        documents = stored_documents(bot.knowledge)
        docs = Documents(documents)
        results = {"careerbot": evaluate(bot.ask, cases, docs)}
        for name, ask in _systems(settings, data["texts"], documents, Path(tmp), compare).items():
            results[name] = evaluate(ask, cases, docs)
    splits = [s for s in SPLITS if any(c["split"] == s for c in cases)]
    return {
        "set": data["name"],
        "texts": [str(t) for t in data["texts"]],
        "documents": len(documents),
        "model": settings.embedding_model,
        "ingest": ingest,
        "metrics": {
            s: {n: metrics([r for r in rs if r["split"] == s]) for n, rs in results.items()}
            for s in splits
        },
        "results": results,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def render(report: dict) -> str:
    """The report as tables per split, with careerbot's wrong cases listed."""
    out = [
        f"Evaluation set {report['set']}: {report['documents']} texts; careerbot with "
        f"{report['model']} (ingest {report['ingest']['seconds']} s, "
        f"{report['ingest']['chunks']} chunks); load average {report['load_average'][0]}",
    ]
    for split, systems in report["metrics"].items():
        out += ["", *table(f"== split {split} ==", systems)]
    wrong = problems(report["results"]["careerbot"])
    if wrong:
        out += ["", "careerbot's wrong cases:", *wrong]
    return "\n".join(out)


def run_eval(settings, evalset="corpus", split="all", compare=SYSTEMS, as_json=False) -> int:
    """The eval command: print the report; 0 when it ran, whether or not targets were met."""
    report = run(settings, evalset, split, compare)
    if as_json:
        for rs in report["results"].values():
            for r in rs:
                r.pop("features", None)
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render(report))
    return 0
