"""Fit the sentence-topic model, the sentence ranker and the answerability model on the
development part of the evaluation sets (never on test or held-back cases); print dev figures;
write bot/answering/models/{topics,ranker,answerability,pairing}-<model>.json and the answer
exemplars, exemplars-<model>.npz.

Usage: python -m bot.answering.training.fit_answering [--model NAME] [--sets A,B,...]
       [--answerability-sets A,B,...] [--keep-ranker]   (see --help)
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.answering.columns import SENTENCE_FEATURES
from bot.answering.composer import INTENT_FEATURES
from bot.answering.exemplars import NAMES as EXEMPLAR_FEATURES
from bot.answering.exemplars import stack_exemplars
from bot.answering.pairing import stack_pairing
from bot.answering.scoring import MODELS_DIR, Decision, load_model, params_path
from bot.answering.training.rows import collect, topic_rows
from bot.answering.trees import TreeModel, from_sklearn
from bot.evaluation.sets import DEV_SETS

RANKER_SETS = DEV_SETS  # the sets whose dev cases fit the intent model fit the ranker too
# Only sets that hold questions to refuse as well as to answer decide answerability.
DECIDING_SETS = tuple(s for s in RANKER_SETS if s != "samples_extra")
# The sets whose answers are shipped as exemplar vectors: the project's own texts only, never the
# real city texts (their sentences stay out of the package, even as vectors).
EXEMPLAR_SETS = tuple(s for s in DECIDING_SETS if s != "corpus")
ANSWER_FEATURES = (
    "best_similarity",
    "top3_similarity",
    "best_score",
    "score_margin",
    "best_lexical",
    "passage_similarity",
    "intent_confidence",
    "offtopic_probability",
    "covered_city",
    "question_terms",
    "missing_term",
    "top_topic",
    "top3_topic",
    "top_sentence_topic",
    "top3_sentence_topic",
    "elsewhere",
    "best_relative",
    "cross_lingual",
    "compared",
    "unmet_quantity",
    "word_match_min",
    "word_match_mean",
    "word_match_lead",
    "pair_relevance",
    *INTENT_FEATURES,
    *EXEMPLAR_FEATURES,
)
# Leaves per tree, the ranker's and answerability's (chosen by bench/answerability_ablation.py).
RANKER_LEAVES = 7
ANSWER_LEAVES = 15


def fit_trees(
    rows: list[dict], labels: list[int], names: tuple[str, ...], leaves: int = RANKER_LEAVES
) -> TreeModel:
    """Boosted trees on the raw features, classes balanced: small trees, a slow rate."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.asarray([[r.get(n, 0.0) for n in names] for r in rows], dtype=float)
    clf = HistGradientBoostingClassifier(
        max_iter=300,
        learning_rate=0.05,
        max_leaf_nodes=leaves,
        l2_regularization=1.0,
        class_weight="balanced",
        random_state=0,
    )
    return from_sklearn(clf.fit(x, labels), names)


def best_threshold(model: Decision, rows: list[dict], labels: list[int]) -> float:
    """The threshold with the best balanced accuracy on these rows."""
    probs = np.asarray([model.probability(r) for r in rows])
    y = np.asarray(labels)
    best, at = -1.0, 0.5
    for t in np.linspace(0.05, 0.95, 91):
        pred = probs >= t
        tpr = (pred & (y == 1)).sum() / max(1, (y == 1).sum())
        tnr = (~pred & (y == 0)).sum() / max(1, (y == 0).sum())
        if (tpr + tnr) / 2 > best:
            best, at = (tpr + tnr) / 2, float(t)
    return at


def offtopic_cut(model: Decision, rows: list[dict], labels: list[int]) -> tuple[float, int]:
    """The off-topic probability from which a question is refused outright: the middle of the
    cuts with the most right dev decisions, read on leave_one_set_out's left-out decisions
    (trees refuse the off-topic questions they were fitted on: a cut of 0.98, too high)."""
    accepted = [r["_accepted"] if "_accepted" in r else model.accepts(r) for r in rows]
    scored = []
    for cut in np.linspace(0.3, 1.01, 72):
        right = sum(
            (r["_offtopic"] < cut and a) == bool(y)
            for r, a, y in zip(rows, accepted, labels, strict=True)
        )
        scored.append((float(cut), right))
    most = max(right for _, right in scored)
    best = [cut for cut, right in scored if right == most]
    return best[len(best) // 2], most


def leave_one_set_out(per_set: dict, names: tuple[str, ...], leaves: int = ANSWER_LEAVES):
    """(set, right, cases) for each set, decided by a model fitted on the other sets only:
    how answerability carries over to texts and questions it was not fitted on."""
    for held, (rows, labels) in per_set.items():
        train = [(r, y) for name, pair in per_set.items() if name != held for r, y in zip(*pair)]
        if not train:
            continue
        model = fit_trees([r for r, _ in train], [y for _, y in train], names, leaves)
        at = best_threshold(model, [r for r, _ in train], [y for _, y in train])
        model = replace(model, threshold=at)
        for r in rows:  # the off-topic cut is chosen on these left-out decisions
            r["_accepted"] = model.accepts(r)
        yield held, sum(r["_accepted"] == bool(y) for r, y in zip(rows, labels)), len(rows)


def _fit_topics(bots: list) -> tuple[dict, dict]:
    """The sentence-topic model fitted on every set, and per set one fitted without it: the
    ranker and answerability rows of a set read the model that never saw its sentences."""
    from bot.answering.topics import fit_topics, unique
    from bot.understanding.intent import Softmax

    rows = {name: topic_rows(bot, cases) for bot, cases, name in bots}
    others = {name: [r for n, x in rows.items() if n != name for r in x] for name in rows}
    without = {name: Softmax.from_dict(fit_topics(unique(x))) for name, x in others.items()}
    every = fit_topics(unique([r for x in rows.values() for r in x]))
    print(f"topics: {sum(map(len, rows.values()))} candidate sentences of {len(rows)} sets")
    return every, without


def arguments(argv: list[str] | None, default_model: str) -> argparse.Namespace:
    """The command line's options."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=default_model)
    ap.add_argument(
        "--sets", default=",".join(RANKER_SETS), help="sets whose dev cases fit the sentence ranker"
    )
    ap.add_argument(
        "--answerability-sets",
        default=",".join(DECIDING_SETS),
        help="sets whose dev cases fit answerability: only sets that hold questions "
        "to refuse as well as to answer (samples_extra has only answerable ones)",
    )
    ap.add_argument(
        "--keep-ranker",
        action="store_true",
        help="refit answerability only, on the shipped sentence ranker",
    )
    ap.add_argument("--out", type=Path, default=MODELS_DIR)
    return ap.parse_args(argv)


def _fit_answerability(per_set: dict) -> tuple:
    """Answerability fitted on every deciding set, its threshold and off-topic cut; printed."""
    a_rows = [r for rows, _ in per_set.values() for r in rows]
    a_labels = [y for _, labels in per_set.values() for y in labels]
    answerability = fit_trees(a_rows, a_labels, ANSWER_FEATURES, ANSWER_LEAVES)
    threshold = best_threshold(answerability, a_rows, a_labels)
    answerability = replace(answerability, threshold=threshold)
    certain, right = offtopic_cut(answerability, a_rows, a_labels)
    print(
        f"answerability: {len(a_rows)} dev questions on the evidence path, "
        f"{sum(a_labels)} answerable; threshold {threshold:.2f}; off-topic refused from "
        f"p >= {certain:.2f}; left-out accuracy {right / max(1, len(a_rows)):.3f}"
    )
    return answerability, certain


def _remembered(prepare):
    """prepare, each question resolved and searched once: it reads neither topics nor ranker."""
    seen = {}

    def once(question, turns):
        key = (question, json.dumps(turns, sort_keys=True, default=str))
        if key not in seen:
            seen[key] = prepare(question, turns)
        return seen[key]

    return once


def gather(args: argparse.Namespace) -> tuple[dict, Decision, dict]:
    """(sentence-topic model, sentence ranker, answerability rows and labels per deciding set),
    each set's rows read by the topic model fitted without that set."""
    from bot.evaluation.runner import build_store
    from bot.evaluation.sets import cases_of, load_set
    from bot.settings import Settings

    settings = Settings(embedding_model=args.model)
    bots, by_texts = [], {}
    with tempfile.TemporaryDirectory(prefix="careerbot-fit-") as tmp:
        for name in args.sets.split(","):
            data = load_set(name)
            key = tuple(sorted(map(str, data["texts"])))
            if key not in by_texts:  # sets over the same texts share one store
                bot, _ = build_store(settings, data["texts"], Path(tmp) / name)
                bot.answerer.answerability = None  # measure every case, decide nothing yet
                bot.answerer.offtopic_certain = 1.01
                bot.prepare = _remembered(bot.prepare)  # three passes ask the same questions
                # The ranker reads the shipped exemplars of other cities (exemplar_match), as
                # at run time; answerability's exemplar features are measured by stack_exemplars.
                by_texts[key] = bot
            bots.append((by_texts[key], cases_of(data, "dev"), name))
        topics, without = _fit_topics(bots)
        ranker = load_model("ranker", args.model) if args.keep_ranker else None
        if ranker is None:
            s_rows, s_labels = [], []
            for bot, cases, name in bots:
                bot.topics = without[name]
                rows, labels, _, _ = collect(bot, cases)
                s_rows += rows
                s_labels += labels
            ranker = fit_trees(s_rows, s_labels, SENTENCE_FEATURES)
            print(f"ranker: {len(s_rows)} candidate sentences, {sum(s_labels)} holding a fact")
        per_set = {}
        deciding = set(args.answerability_sets.split(","))
        for bot, cases, name in bots:
            bot.finder.ranker = ranker  # answerability reads the fitted ranker's scores
            bot.topics = without[name]
            if name in deciding:
                per_set[name] = collect(bot, cases)[2:]
    return topics, ranker, per_set


def main(argv: list[str] | None = None) -> int:
    """Fit both models on the dev cases, report, save."""
    from bot.settings import BUNDLED_MODEL, offline

    offline()
    args = arguments(argv, BUNDLED_MODEL)
    topics, ranker, per_set = gather(args)
    pairing = stack_pairing(per_set)  # before the trees: they read its left-out scores
    exemplars = stack_exemplars(per_set, [s for s in EXEMPLAR_SETS if s in per_set])
    for held, right, n in leave_one_set_out(per_set, ANSWER_FEATURES):
        print(f"answerability fitted without {held}: {right} of its {n} dev questions right")
    answerability, certain = _fit_answerability(per_set)
    args.out.mkdir(parents=True, exist_ok=True)
    extra = {"answerability": {"offtopic_certain": certain}}
    path = params_path("topics", args.model, args.out)
    path.write_text(json.dumps(topics), encoding="utf-8")
    print(f"wrote {path}")
    path = params_path("exemplars", args.model, args.out).with_suffix(".npz")
    exemplars.save(path)
    print(f"wrote {path}: {len(exemplars.questions)} exemplars")
    for kind, model in (("ranker", ranker), ("answerability", answerability), ("pairing", pairing)):
        path = params_path(kind, args.model, args.out)
        params = {**model.to_dict(), **extra.get(kind, {})}
        path.write_text(json.dumps(params, indent=1), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
