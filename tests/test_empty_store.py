"""ask, chat and serve on a missing or empty store: a message naming the command that fills
it and exit status 2; the web page shows the same message instead of an empty answer."""

from __future__ import annotations

import io

import pytest

from bot.cli import main
from bot.factory import engine_for
from bot.settings import Settings

COMMANDS = [["ask", "Was verdient man in Bochum?"], ["chat"], ["serve", "--port", "0"]]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_missing_store_names_the_command_that_fills_it(tmp_path, capsys, monkeypatch, args):
    monkeypatch.setattr("sys.stdin", io.StringIO("Gehalt?\n"))
    store = tmp_path / "nothing"
    assert main([*args, "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert f"no knowledge base at {store}" in err and "careerbot ingest --store" in err
    assert not store.exists()  # reading commands do not create a store


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_empty_store_names_the_command_that_fills_it(tmp_path, capsys, monkeypatch, args):
    monkeypatch.setattr("sys.stdin", io.StringIO("Gehalt?\n"))
    store = tmp_path / "store"
    engine_for(Settings(store_dir=store))  # schema, no documents
    assert main([*args, "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert f"the knowledge base at {store} is empty" in err and "careerbot ingest" in err


def test_web_page_shows_the_message_when_the_store_was_emptied(tmp_path, samples_dir):
    from bot.factory import build_bot, build_indexer
    from bot.web.app import build_app

    settings = Settings(store_dir=tmp_path / "store", sources=[samples_dir])
    build_indexer(settings).run([samples_dir])
    app = build_app(settings, build_bot(settings))
    build_indexer(settings).remove(str(samples_dir))  # emptied while the page is open
    respond = next(f.fn for f in app.fns.values() if getattr(f.fn, "__name__", "") == "respond")
    *_, (_, chat, *_rest) = respond("Was verdient man in Bochum?", [], "en", None)
    reply = chat[-1]["content"]
    assert "cb-empty-store" in reply and "is empty" in reply and "careerbot ingest" in reply
