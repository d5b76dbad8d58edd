"""The sentence ranker with and without the exemplar columns (exemplar_match, its z-score; see
bot/answering/exemplars.py), five folds of whole dev sets: how often the first-ranked candidate
of an answerable one-city dev question holds one of its facts, and how often one of the first
six does. Candidates are read by the shipped models, each store reading the exemplars of other
cities only; about 25 minutes on one core.

    nice -n 5 python -m bench.ranker_exemplars [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

FOLDS = 5


def candidates(columns=None) -> list[tuple[str, list[tuple[dict, int]]]]:
    """(set, [(candidate features, holds a fact)]) for each answerable one-city dev question;
    columns(bot, query, found): the candidates' features, if not those the ranker reads."""
    from bot.answering.training.rows import facts_of
    from bot.evaluation.checks import contains
    from bot.evaluation.runner import build_store
    from bot.evaluation.sets import DEV_SETS, cases_of, load_set
    from bot.settings import Settings, offline

    offline()
    out, stores = [], {}
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as tmp:
        for name in DEV_SETS:
            data = load_set(name)
            key = tuple(sorted(map(str, data["texts"])))
            if key not in stores:
                stores[key], _ = build_store(Settings(), data["texts"], Path(tmp) / name)
            bot = stores[key]
            for case in cases_of(data, "dev"):
                facts = facts_of(case)
                if case["expect_status"] != "answered" or not facts:
                    continue
                query, passages = bot.prepare(case["question"], case.get("turns", []))
                if query.comparison:
                    continue
                found = bot.evidence(query, passages).candidates
                features = columns(bot, query, found) if columns else [c.features for c in found]
                held = [int(any(contains(c.text, f) for f in facts)) for c in found]
                out.append((name, list(zip(features, held, strict=True))))
    return out


def folded(data: list, names: tuple[str, ...]) -> dict:
    """First-ranked and first-six hits of trees fitted without each fold's sets."""
    from bot.answering.training.fit_answering import fit_trees

    sets = sorted({s for s, _ in data})
    fold = {s: i % FOLDS for i, s in enumerate(sets)}
    got = {"questions": 0, "first": 0, "first six": 0}
    for f in range(FOLDS):
        train = [r for s, rows in data if fold[s] != f for r in rows]
        model = fit_trees([r for r, _ in train], [y for _, y in train], names)
        for s, rows in data:
            if fold[s] != f or not any(y for _, y in rows):
                continue
            scores = np.asarray(model.logits([r for r, _ in rows]))
            labels = [rows[i][1] for i in np.argsort(-scores)]
            got["questions"] += 1
            got["first"] += labels[0]
            got["first six"] += int(any(labels[:6]))
    return got


def main() -> None:
    """Print both variants' figures (and write them as JSON if asked)."""
    from bot.answering.columns import SENTENCE_FEATURES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    data = candidates()
    plain = tuple(n for n in SENTENCE_FEATURES if not n.startswith("exemplar"))
    report = {}
    for name, names in (("without exemplars", plain), ("with exemplars", SENTENCE_FEATURES)):
        got = report[name] = folded(data, names)
        n = max(1, got["questions"])
        print(
            f"{name:18s} {got['questions']} questions: first holds a fact {got['first']} "
            f"({got['first'] / n:.1%}), one of the first six {got['first six']} "
            f"({got['first six'] / n:.1%})"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
