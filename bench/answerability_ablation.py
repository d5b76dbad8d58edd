"""Answerability variants, each dev set left out in turn: the rows the fit script gathers
(bot/answering/training/fit_answering.py, on the shipped ranker) decided by trees fitted on the
other sets: without and with the intent indicators and the answer exemplars
(bot/answering/exemplars.py), at 7 and 15 leaves. Prints right of all and per kind (answerable,
to refuse); about 25 minutes.

    nice -n 5 python -m bench.answerability_ablation [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys

# (name, with the intent indicators, with the exemplar features, leaves)
VARIANTS = (
    ("evidence only", False, False, 7),
    ("intents", True, False, 7),
    ("intents", True, False, 15),
    ("intents + exemplars", True, True, 15),
)


def decided(per_set: dict, names: tuple[str, ...], leaves: int) -> dict:
    """Right decisions of trees fitted without each set, of all and of each label."""
    from bot.answering.training.fit_answering import leave_one_set_out

    right = {"all": 0, "answerable": 0, "to refuse": 0}
    for held, _, _ in leave_one_set_out(per_set, names, leaves):
        rows, labels = per_set[held]
        for r, y in zip(rows, labels, strict=True):
            ok = r["_accepted"] == bool(y)
            right["all"] += ok
            right["answerable" if y else "to refuse"] += ok
    return right


def main(argv: list[str] | None = None) -> int:
    """Gather the rows once, decide them by each variant, print."""
    from bot.answering.composer import INTENT_FEATURES
    from bot.answering.exemplars import NAMES, stack_exemplars
    from bot.answering.pairing import stack_pairing
    from bot.answering.training.fit_answering import (
        ANSWER_FEATURES,
        EXEMPLAR_SETS,
        arguments,
        gather,
    )
    from bot.settings import BUNDLED_MODEL, offline

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=str, default=None)
    own, rest = ap.parse_known_args(argv)
    offline()
    _, _, per_set = gather(arguments([*rest, "--keep-ranker"], BUNDLED_MODEL))
    stack_pairing(per_set)
    stack_exemplars(per_set, [s for s in EXEMPLAR_SETS if s in per_set])
    labels = [y for _, ys in per_set.values() for y in ys]
    totals = {"all": len(labels), "answerable": sum(labels), "to refuse": labels.count(0)}
    out = []
    for name, intents, exemplars, leaves in VARIANTS:
        left = (() if intents else INTENT_FEATURES) + (() if exemplars else NAMES)
        names = tuple(n for n in ANSWER_FEATURES if n not in left)
        right = decided(per_set, names, leaves)
        out.append({"variant": name, "leaves": leaves, "right": right, "of": totals})
        print(
            f"{name:20s} {leaves:2d} leaves: "
            + ", ".join(f"{k} {right[k]} of {totals[k]}" for k in totals),
            flush=True,
        )
    if own.json:
        with open(own.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
