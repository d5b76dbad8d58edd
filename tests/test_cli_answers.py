"""`careerbot ask` and `careerbot chat` as scripts use them, and a bot that follows ingests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

KEYS = ["question", "answer", "status", "language", "citations"]


def test_ask_json_is_one_line(run_careerbot, corpus_store):
    r = run_careerbot(
        "ask",
        "what does an entry-level job pay in Bochum",
        "--store",
        corpus_store.store_dir,
        "--json",
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    a = json.loads(lines[0])
    assert list(a) == KEYS and a["status"] == "answered"
    c = a["citations"][0]
    assert Path(c["source"]).read_text(encoding="utf-8")[c["start"] : c["end"]] == c["quote"]
    # `careerbot show` prints the text the offsets index, found by file name too.
    shown = run_careerbot("show", Path(c["source"]).name, "--store", corpus_store.store_dir)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout[c["start"] : c["end"]] == c["quote"]
    missing = run_careerbot("show", "no-such.txt", "--store", corpus_store.store_dir)
    assert missing.returncode == 2 and "no stored document named 'no-such.txt'" in missing.stderr


def test_chat_keeps_context_and_new_resets(run_careerbot, corpus_store, tmp_path):
    lines = [
        "Was verdient man als Einsteiger in Bochum?",
        "Und in Wuppertal?",
        "/new",
        "Und in Dortmund?",
        "",
    ]
    script = "".join(f"{line}\n" for line in lines)
    stdin = tmp_path / "chat.txt"
    stdin.write_text(script, encoding="utf-8")
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--store", str(corpus_store.store_dir), "--json"],
        stdin=stdin.open(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    answers = [json.loads(line) for line in r.stdout.strip().splitlines()]
    assert len(answers) == 4  # /new prints nothing
    assert {c["city"] for c in answers[0]["citations"]} == {"Bochum"}
    # The follow-up keeps the topic (entry pay) and takes the new city.
    assert "Einstieg" in answers[1]["answer"] and "€" in answers[1]["answer"]
    assert {c["city"] for c in answers[1]["citations"]} == {"Wuppertal"}
    # After /new there is no topic to carry: the city overview, not training quotes.
    assert "Weiterbildungslandschaft" not in answers[2]["answer"]
    assert "3.300" in answers[2]["answer"] and "Weiterbildung" in answers[2]["answer"]
    assert answers[3]["status"] == "no_answer" and answers[3]["answer"]  # the empty line


def test_running_bot_sees_new_ingest_without_restart(tmp_path, corpus_dir, run_careerbot):
    from bot.factory import build_bot
    from bot.settings import Settings

    src = tmp_path / "texts"
    src.mkdir()
    for f in sorted(corpus_dir.glob("*.txt"))[:2]:
        shutil.copy(f, src / f.name)
    settings = Settings(store_dir=tmp_path / "store")
    assert run_careerbot("ingest", "--source", src, "--store", settings.store_dir).returncode == 0
    bot = build_bot(settings)
    assert bot.ask("Was verdient man in Bochum?").status == "no_answer"

    shutil.copy(corpus_dir / "004_0d91002bb1cce9ad.txt", src / "bochum.txt")
    r = run_careerbot("ingest", "--source", src, "--store", settings.store_dir)
    assert r.returncode == 0, r.stderr
    a = bot.ask("Was verdient man in Bochum als Einsteiger?")
    assert a.status == "answered" and "3.200" in a.answer
    kw = bot.ask("Gibt es in Bochum Fortbildungen zu KI in der Medizin?")
    assert any("KI in der Medizin" in c.quote for c in kw.citations)
    assert any(p.ranks.get("keyword") for p in kw.passages)  # the keyword index followed

    (src / "bochum.txt").unlink()
    assert run_careerbot("ingest", "--source", src, "--store", settings.store_dir).returncode == 0
    gone = bot.ask("Was verdient man in Bochum?")
    assert gone.status == "no_answer" and all(c.city != "Bochum" for c in gone.citations)


def test_reading_a_missing_store_is_a_clear_error(run_careerbot, tmp_path):
    missing = tmp_path / "nothing-here"
    for args in (["status"], ["ask", "Was verdient man in Bochum?"]):
        r = run_careerbot(*args, "--store", missing)
        assert r.returncode == 2 and "no knowledge base at" in r.stderr
        assert "careerbot ingest" in r.stderr and "Traceback" not in r.stderr
    assert not missing.exists()  # nothing was created


def test_default_ingest_keeps_admin_uploads(tmp_path, samples_dir, capsys, clean_env):
    from bot.cli import main

    store = tmp_path / "store"
    uploads = store / "uploads"
    uploads.mkdir(parents=True)
    text = (samples_dir / "bochum.txt").read_text(encoding="utf-8").replace("Bochum", "Hattingen")
    (uploads / "hattingen.txt").write_text(text, encoding="utf-8")
    # Ingest machinery only: the instant hash embedder; in this process, as the CLI's entry.
    clean_env.setenv("CAREERBOT_SOURCES", f'["{samples_dir}"]')
    clean_env.setenv("CAREERBOT_EMBEDDING_MODEL", "hash")
    texts = 1 + sum(1 for p in samples_dir.iterdir() if p.suffix in (".txt", ".md"))
    capsys.readouterr()
    assert main(["ingest", "--store", str(store), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == texts  # the sample texts and upload
    assert main(["ingest", "--store", str(store), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["removed"] == 0 and summary["unchanged"] == texts
