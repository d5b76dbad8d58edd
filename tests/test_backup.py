"""`careerbot backup DEST` and `careerbot restore SRC`: a copy that answers like the original."""

from __future__ import annotations

import json
import shutil

from bot.cli import main


def test_backup_and_restore_give_a_store_that_answers(tmp_path, corpus_store, capsys):
    dest, restored = tmp_path / "backup", tmp_path / "restored"
    store = str(shutil.copytree(corpus_store.store_dir, tmp_path / "store"))  # shared: read-only
    assert main(["backup", str(dest), "--store", store]) == 0
    assert (dest / "careerbot.sqlite").is_file() and (dest / "chroma").is_dir()
    assert main(["backup", str(dest), "--store", store]) == 2  # never over an existing backup

    assert main(["restore", str(dest), "--store", str(restored)]) == 0
    assert main(["restore", str(dest), "--store", str(restored)]) == 2  # needs --force now
    assert main(["restore", str(dest), "--store", str(restored), "--force"]) == 0
    capsys.readouterr()
    assert main(["status", "--store", str(restored), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == 5 and status["facts"] == 8
    assert [e["action"] for e in status["audit"][:3]] == ["restore", "restore", "ingest"]
    assert main(["ask", "Was verdient man als Einsteiger in Duisburg?", "--store",
                 str(restored), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "answered"
    assert main(["status", "--store", store, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["audit"][0]["action"] == "backup"
