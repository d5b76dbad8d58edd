"""Admin page checks: the token, upload names and contents, where uploads go."""

from __future__ import annotations

import pytest

from bot.web.admin import (
    UploadRejected,
    check_upload,
    ingest_paths,
    read_upload,
    safe_name,
    save_uploads,
    token_ok,
    uploads_dir,
)

TEXT = "Medizininformatiker Jobs in Essen\nEinsteiger verdienen 3.400 € bis 3.900 €.\n".encode()


def test_token_must_match_exactly():
    assert token_ok("geheim", "geheim")
    assert token_ok(" geheim\n", "geheim")  # pasted with whitespace
    assert not token_ok("geheim2", "geheim")
    assert not token_ok("", "geheim")
    assert not token_ok(None, "geheim")
    assert not token_ok("geheim", None)  # no token configured: nobody is admin


@pytest.mark.parametrize("name", ["essen.txt", "Essen Stadt.md", "münster_2024.TXT"])
def test_plain_names_pass(name):
    assert safe_name(name) == name


@pytest.mark.parametrize("name", [
    "", "../essen.txt", "a/essen.txt", "a\\essen.txt", "..txt", ".hidden.txt", " essen.txt",
    "essen\n.txt", "essen\x00.txt", "essen\x1b.txt", "essen.exe", "essen", "x" * 201 + ".txt",
])
def test_unsafe_names_are_rejected(name):
    with pytest.raises(UploadRejected):
        safe_name(name)


@pytest.mark.parametrize(("data", "why"), [
    (bytes(range(0x80, 0xE0)), "not UTF-8"),
    (b"abc\x00def", "binary"),
    (b"   \n", "empty"),
    (b"x" * 101, "over the limit"),
])
def test_bad_contents_are_rejected_with_the_reason(data, why):
    with pytest.raises(UploadRejected, match=why):
        check_upload("essen.txt", data, max_bytes=100)


def test_save_keeps_good_files_only(tmp_path):
    store = tmp_path / "store"
    saved, rejected = save_uploads(
        [("essen.txt", TEXT), ("../evil.txt", TEXT), ("bad.txt", bytes(range(0x80, 0x100)))],
        store, 10_000)
    assert saved == ["essen.txt"]
    assert len(rejected) == 2 and "evil.txt" in rejected[0] and "UTF-8" in rejected[1]
    assert sorted(p.name for p in uploads_dir(store).iterdir()) == ["essen.txt"]
    assert (uploads_dir(store) / "essen.txt").read_bytes() == TEXT
    assert not (tmp_path / "evil.txt").exists()
    saved, _ = save_uploads([("essen.txt", TEXT + b"Mehr.\n")], store, 10_000)  # replaces
    assert (uploads_dir(store) / "essen.txt").read_bytes().endswith(b"Mehr.\n")


def test_uploads_join_the_ingest_paths_once_they_exist(tmp_path):
    store, sources = tmp_path / "store", [tmp_path / "texts"]
    assert ingest_paths(sources, store) == sources
    save_uploads([("essen.txt", TEXT)], store, 10_000)
    assert ingest_paths(sources, store) == [*sources, store / "uploads"]


def test_read_upload_refuses_oversized_files_unread(tmp_path):
    path = tmp_path / "gross.txt"
    path.write_bytes(b"a" * 500)
    with pytest.raises(UploadRejected, match="500 bytes"):
        read_upload(path, max_bytes=100)
    assert read_upload(path, max_bytes=1000) == ("gross.txt", b"a" * 500)


@pytest.mark.parametrize("name", ["README.md", "readme.MD"])
def test_names_the_ingest_skips_are_refused_with_the_reason(name, tmp_path):
    saved, rejected = save_uploads([(name, TEXT)], tmp_path / "store", 10_000)
    assert saved == [] and "README.md files" in rejected[0] and "not ingested" in rejected[0]


def test_admin_removes_a_chosen_document_and_audits_it(tmp_path, samples_dir):
    """Removing a document is its own admin action: token checked, store and audit updated."""
    import shutil

    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings
    from bot.web.admin_tab import AdminTab
    from bot.web.login import AdminLogin

    src = tmp_path / "src"
    src.mkdir()
    for name in ("bochum.txt", "dortmund.txt"):
        shutil.copy(samples_dir / name, src / name)
    settings = Settings(store_dir=tmp_path / "store", sources=[src], embedding_model="hash",
                        admin_token="s3cret-token")
    build_indexer(settings).run([src])
    bot = build_bot(settings)

    class Request:  # what the handler reads of gr.Request
        client = type("C", (), {"host": "127.0.0.1"})()
        headers: dict = {}

    tab = AdminTab.__new__(AdminTab)  # the handlers only, without building the Gradio layout
    tab.bot, tab.settings = bot, settings
    tab.gate = AdminLogin("s3cret-token", settings)
    tab.overview = type("O", (), {"html": lambda self, lang: ""})()
    choices = tab.choices("s3cret-token")["choices"]
    assert sorted(name for name, _ in choices) == ["bochum.txt", "dortmund.txt"]
    assert tab.choices("wrong") is not None and "choices" not in tab.choices("wrong")
    bochum = next(source for name, source in choices if name == "bochum.txt")
    message, *_ = tab.remove("s3cret-token", bochum, "de", Request())
    assert "bochum.txt" in message
    assert [d["source"] for d in bot.knowledge.documents()] == [str(src / "dortmund.txt")]
    assert bot.knowledge.status()["audit"][0]["action"].startswith("remove")
