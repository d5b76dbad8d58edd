"""The store remembers its sources: default ingest and admin reindex keep every source;
removal only for files gone from a reindexed source, with --prune, or `careerbot remove`;
--dry-run and the admin preview change nothing; more than half needs --yes. Real texts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.operations import EXIT_GUARD
from bot.factory import build_bot, build_knowledge
from bot.settings import Settings
from bot.web import admin
from ingest.reader import source_name
from knowledge.results import chunk_count

FIVE = ("bochum.txt", "dortmund.txt", "duisburg.txt", "gelsenkirchen.txt", "wuppertal.txt")


@pytest.fixture(scope="module")
def samples_dir(tmp_path_factory):
    """Five of the sample texts in a folder of their own: the counts below are for five."""
    from bot.settings import sample_texts_dir

    folder = tmp_path_factory.mktemp("five_samples")
    for name in FIVE:
        shutil.copy(sample_texts_dir() / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def five_as_defaults(clean_env, samples_dir):
    """The configured default sources are these five texts too."""
    clean_env.setenv("CAREERBOT_SOURCES", json.dumps([str(samples_dir)]))


def _cli(capsys, *args) -> tuple[int, dict, str]:
    capsys.readouterr()
    code = main([*map(str, args), "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def _status(capsys, store: Path) -> dict:
    code, status, _ = _cli(capsys, "status", "--store", store)
    assert code == 0
    return status


def _names(folder: Path) -> list[str]:
    return sorted(source_name(p) for p in folder.glob("*.txt"))


def test_sources_survive_default_ingest_and_admin_reindex(tmp_path, capsys, corpus_dir,
                                                          samples_dir):
    store = tmp_path / "store"
    code, s, _ = _cli(capsys, "ingest", "--source", corpus_dir, "--store", store)
    assert code == 0 and s["added"] == 5
    # `make run`: a default ingest adds the configured sources and keeps the real texts.
    code, s, _ = _cli(capsys, "ingest", "--store", store)
    assert code == 0 and (s["added"], s["removed"], s["unchanged"]) == (5, 0, 5)

    settings = Settings(store_dir=store)
    plan = admin.reindex_plan(settings)
    assert plan.removed == [] and plan.added == [] and len(plan.unchanged) == 10
    summary = admin.reindex(settings, lambda *_: None)
    assert (summary.removed, summary.unchanged, summary.failed) == (0, 10, [])

    status = _status(capsys, store)
    assert status["sources"] == {str(corpus_dir.resolve()): 5, str(samples_dir.resolve()): 5}
    assert [e["action"] for e in status["audit"]] == ["ingest", "ingest"]  # reindex: no change
    answer = build_bot(settings).ask("Was verdient man als Einsteiger in Duisburg?", [])
    assert answer.status == "answered"
    corpus_facts = [f for f in build_knowledge(settings).salary_facts()
                    if f.source.startswith(str(corpus_dir.resolve()))]
    assert len(corpus_facts) == 8


def test_prune_remove_dry_run_and_the_over_half_guard(tmp_path, capsys, corpus_dir, samples_dir):
    src, store = tmp_path / "src", tmp_path / "store"
    shutil.copytree(corpus_dir, src)
    assert _cli(capsys, "ingest", "--source", src, "--store", store)[0] == 0
    assert _cli(capsys, "ingest", "--source", samples_dir, "--store", store)[0] == 0
    assert _status(capsys, store)["documents"] == 10

    # --dry-run names what --prune would remove, and changes nothing.
    code, plan, _ = _cli(capsys, "ingest", "--source", src, "--prune", "--dry-run",
                         "--store", store)
    assert code == 0 and plan["removed"] == _names(samples_dir) and plan["stored"] == 10
    assert _status(capsys, store)["documents"] == 10

    # A file gone from a reindexed source is removed; the other source stays.
    gone = sorted(src.glob("*.txt"))[0]
    gone.unlink()
    code, s, _ = _cli(capsys, "ingest", "--source", src, "--store", store)
    assert code == 0 and s["removed"] == 1
    assert _status(capsys, store)["sources"] == {str(src.resolve()): 4,
                                                str(samples_dir.resolve()): 5}

    # --prune would remove 5 of 9: stopped, the message names them, nothing removed.
    code, s, err = _cli(capsys, "ingest", "--source", src, "--prune", "--store", store)
    assert code == EXIT_GUARD and s == {}
    assert "--yes" in err and all(name in err for name in _names(samples_dir))
    assert _status(capsys, store)["documents"] == 9
    code, s, _ = _cli(capsys, "ingest", "--source", src, "--prune", "--yes", "--store", store)
    assert code == 0 and s["removed"] == 5
    assert _status(capsys, store)["sources"] == {str(src.resolve()): 4}

    # Three of four files vanish: the guard applies to a plain ingest too.
    for path in sorted(src.glob("*.txt"))[:3]:
        path.unlink()
    code, _, err = _cli(capsys, "ingest", "--source", src, "--store", store)
    assert code == EXIT_GUARD and "3 of 4" in err
    assert _status(capsys, store)["documents"] == 4

    # `careerbot remove` takes out one document, then a whole source.
    keep = source_name(next(src.glob("*.txt")))
    doomed = next(n for n in (d["source"] for d in build_knowledge(Settings(store_dir=store))
                              .documents()) if n != keep)
    capsys.readouterr()
    assert main(["remove", doomed, "--store", str(store)]) == 0
    assert capsys.readouterr().out.strip() == f"removed {doomed}"
    status = _status(capsys, store)
    # The chunk count the removal stored is the store's own.
    assert status["documents"] == 3 and status["chunks"] == chunk_count(_collection(store)) > 0
    assert main(["remove", str(src), "--store", str(store)]) == 0
    status = _status(capsys, store)
    assert status["documents"] == 0 and status["sources"] == {} and status["chunks"] == 0
    assert [e["action"] for e in status["audit"][:3]] == ["remove", "remove", "ingest"]
    assert main(["remove", str(src), "--store", str(store)]) == 2  # nothing left to match


def _collection(store):
    from knowledge.store import forget_embedded_clients

    forget_embedded_clients()  # the CLI wrote the store in this process: read it afresh
    return build_knowledge(Settings(store_dir=store)).collection


def test_admin_removal_and_upload_are_audited(tmp_path, capsys, samples_dir):
    store = tmp_path / "store"
    assert _cli(capsys, "ingest", "--source", samples_dir, "--store", store)[0] == 0
    settings = Settings(store_dir=store, sources=[samples_dir])
    name = _names(samples_dir)[0]
    assert admin.remove_document(settings, name) == [name]
    admin.save_uploads([("herne.txt", b"Medizininformatiker in Herne\n\nText.\n")], store, 10**6)
    admin.log_uploads(settings, ["herne.txt"])
    plan = admin.reindex_plan(settings)
    assert plan.added == [name, source_name(store / "uploads" / "herne.txt")]
    assert _status(capsys, store)["documents"] == 4  # the preview changed nothing
    audit = _status(capsys, store)["audit"]
    assert [(e["action"], e["documents"]) for e in audit[:2]] == [
        ("upload (admin)", 0), ("remove (admin)", 1)]
