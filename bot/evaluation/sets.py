"""Evaluation sets: JSON files of labelled questions over named text folders.

A set: {"name", "texts": [folders, relative to the set file], "cases": [...]}. A case:
{"id", "split": "dev"|"test"|"heldout", "kind", "language", "turns": [earlier questions],
"question", "expect_status": "answered"|"no_answer", "expect_city": city | [cities] | null,
"expect_facts": [strings a right answer contains], "expect_period": "month"|"year"|null}.
"""

from __future__ import annotations

import json
from pathlib import Path

SETS_DIR = Path(__file__).resolve().parent / "sets"
# The sets with dev cases, in the order the fit scripts read them: samples_extra, samples_more
# and the sets of four new texts each are dev only.
DEV_SETS = (
    "samples",
    "samples_extra",
    "samples_more",
    "samples_fresh",
    "samples_wider",
    "samples_later",
    "samples_region",
    "samples_towns",
    "samples_north",
    "samples_south",
    "samples_east",
    "samples_west",
    "samples_hills",
    "samples_villages",
    "samples_rhine",
    "samples_moors",
    "samples_lower",
    "samples_sauer",
    "samples_berg",
    "samples_niers",
    "samples_hellweg",
    "samples_ems",
    "samples_lippe",
    "samples_rur",
    "samples_sieg",
    "samples_eifel",
    "samples_owl",
    "samples_muenster",
    "samples_hochsauer",
    "samples_bergland",
    "samples_siegerland",
    "samples_hoexter",
    "samples_neuss",
    "samples_aachenland",
    "samples_erft",
    "samples_oberberg",
    "samples_paderland",
    "samples_hellwegboerde",
    "corpus",
)
# heldout: one text no one tuned on; samples_unseen: test only, four texts and their questions
# no one read.
NAMED = (*DEV_SETS, "heldout", "samples_unseen")
SPLITS = ("dev", "test", "heldout")


def load_set(name: str) -> dict:
    """An evaluation set by name ('corpus', 'samples', 'heldout') or path, folders resolved."""
    path = SETS_DIR / f"{name}.json" if name in NAMED else Path(name)
    if not path.is_file():
        raise ValueError(f"no evaluation set {name!r}: use {', '.join(NAMED)} or a JSON file path")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("name", path.stem)
    data["texts"] = [(path.parent / t).resolve() for t in data.get("texts", [])]
    for case in data["cases"]:
        case.setdefault("split", "test")
        case.setdefault("turns", [])
        case.setdefault("expect_facts", [])
    return data


def cases_of(data: dict, split: str | None) -> list[dict]:
    """The set's cases of one split ('all' or None: every case)."""
    if split in (None, "all"):
        return list(data["cases"])
    return [c for c in data["cases"] if c["split"] == split]
