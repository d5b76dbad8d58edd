"""The sentence ranker with more exemplar columns than it ships, five folds of whole dev sets:
the cosine of each candidate with the answer of the single nearest labelled question, the best
cosine with the answers of the three nearest, and the rank of the shipped `exemplar_match`
among a question's candidates. Candidates as in `bench.ranker_exemplars`; about 20 minutes on
one core.

    nice -n 5 python -m bench.ranker_nearest [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bench.ranker_exemplars import candidates, folded

NEAREST = 3


def _columns(bot, query, found) -> list[dict]:
    """Each candidate's features with the nearest-answer columns added."""
    from bot.answering.columns import ranks, standardised

    if not found:
        return []
    exemplars = bot.exemplars
    q = np.asarray(query.vector, np.float32)
    near = np.argsort(-(exemplars.questions @ (q / (np.linalg.norm(q) or 1.0))))[:NEAREST]
    vectors = np.vstack([np.asarray(c.vector, np.float32) for c in found])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cos = vectors @ exemplars.answers[near].astype(np.float32).T
    first, best = cos[:, 0].tolist(), cos.max(axis=1).tolist()
    extra = {
        "nearest": first,
        "nearest_z": standardised(first),
        "three_nearest": best,
        "three_nearest_z": standardised(best),
        "exemplar_rank": ranks([c.features["exemplar_match"] for c in found]),
    }
    return [{**c.features, **{k: v[i] for k, v in extra.items()}} for i, c in enumerate(found)]


def main() -> None:
    """Print each variant's figures (and write them as JSON if asked)."""
    from bot.answering.columns import SENTENCE_FEATURES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    data = candidates(_columns)
    shipped = tuple(SENTENCE_FEATURES)
    variants = {
        "shipped": shipped,
        "+nearest": (*shipped, "nearest", "nearest_z"),
        "+three nearest": (*shipped, "three_nearest", "three_nearest_z"),
        "+exemplar rank": (*shipped, "exemplar_rank"),
    }
    report = {}
    for name, names in variants.items():
        got = report[name] = folded(data, names)
        n = max(1, got["questions"])
        print(
            f"{name:16s} {got['questions']} questions: first holds a fact {got['first']} "
            f"({got['first'] / n:.1%}), one of the first six {got['first six']} "
            f"({got['first six'] / n:.1%})"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
