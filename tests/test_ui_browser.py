"""The web app in a real browser: `careerbot serve` on the real corpus, driven by Chromium."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "test-admin-token-4711"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
# A city the corpus does not cover, written for this test (figures invented for it).
ESSEN_TEXT = """Medizininformatiker Jobs und Stellenangebote in Essen
Beruf Medizininformatiker in Essen
Medizininformatik in Essen: Klinikverbünde, Krankenkassen und viel Datenarbeit
Essen ist Sitz großer Klinikverbünde und Krankenkassen, die Fachleute für IT suchen.
Gehalt
Berufseinsteiger in Essen verdienen meist zwischen 3.450 € und 3.950 € im Monat.
Mit mehreren Jahren Erfahrung sind in Essen 4.350 € bis 5.050 € üblich.
Markup als Text: <img src=x onerror="window.__xss=3"> <script>window.__xss=4</script>.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args, env, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *map(str, args)], cwd=REPO_ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_dir):
    """`careerbot serve` on a fresh store holding the corpus, with an admin token."""
    store = tmp_path_factory.mktemp("ui") / "store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env |= {"CAREERBOT_STORE_DIR": str(store), "CAREERBOT_ADMIN_TOKEN": TOKEN,
            "CAREERBOT_SOURCES": json.dumps([str(corpus_dir)]), "HF_HUB_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}
    done = _cli("ingest", "--quiet", env=env)
    assert done.returncode == 0, done.stderr
    port = _free_port()
    log = (store.parent / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", str(port)],
                            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while True:
        if proc.poll() is not None:
            pytest.fail(f"careerbot serve exited: {(store.parent / 'serve.log').read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("careerbot serve did not start within 240 s")
        time.sleep(0.5)
    yield {"url": url, "env": env, "store": store}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless; a missing browser fails here."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server) -> Page:
    """A fresh browser tab with the app loaded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    context.set_default_timeout(60_000)
    tab = context.new_page()
    tab.goto(server["url"])
    tab.locator("#cb-question textarea").wait_for()
    yield tab
    context.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"ui_{name}.png"), full_page=True)


def ask(page: Page, question: str):
    """Send a question and wait for its final answer; returns the answer's locator."""
    asked = page.locator("#cb-chat .cb-question").count()
    page.locator("#cb-question textarea").fill(question)
    page.locator("#cb-send").click()
    page.wait_for_function(
        """n => document.querySelectorAll('#cb-chat .cb-question').length === n &&
               document.querySelectorAll('#cb-chat .cb-answer:not(.cb-pending)').length === n""",
        arg=asked + 1,
    )
    return page.locator("#cb-chat .cb-answer").last


def test_answer_cites_sources_and_follow_up(page):
    answer = ask(page, "what does an entry-level job pay in Bochum")
    expect(answer.locator(".cb-text")).to_contain_text("3.200")
    expect(answer.locator(".cb-text")).to_contain_text("3.600")
    source = answer.locator(".cb-source").first
    expect(source.locator(".cb-city")).to_have_text("Bochum")
    expect(source.locator(".cb-passage mark")).to_contain_text("3.200")
    expect(answer.locator(".cb-ref").first).to_have_text("[1]")

    follow = ask(page, "und in Dortmund?")
    expect(follow.locator(".cb-text")).to_contain_text("Dortmund")
    expect(follow.locator(".cb-text")).to_contain_text("€")
    expect(follow.locator(".cb-source .cb-city").first).to_have_text("Dortmund")
    page.get_by_text("Evidenz / Evidence").click()
    expect(page.locator("#cb-evidence table tbody tr").first).to_be_visible()
    expect(page.locator("#cb-evidence")).to_contain_text("Dortmund")
    shot(page, "answer_followup")


def test_example_question_and_no_answer_look(page):
    expect(page.locator("#cb-chat")).to_contain_text("what does an entry-level job pay in Bochum")
    shot(page, "start")
    page.locator("#cb-chat").get_by_text("Welche Stadt zahlt Einsteigern am meisten?").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#cb-chat .cb-answer:not(.cb-pending)').length === 1")
    expect(page.locator("#cb-chat .cb-answer .cb-source").first).to_be_visible()

    refused = ask(page, "Wie wird das Wetter morgen in Berlin?")
    expect(refused).to_have_class("cb-answer cb-noanswer")
    expect(refused.locator(".cb-icon")).to_be_visible()
    colour = refused.evaluate("e => getComputedStyle(e).backgroundColor")
    normal = page.locator("#cb-chat .cb-answer").first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert colour != normal
    shot(page, "no_answer")


def test_source_opens_document_at_passage(page):
    answer = ask(page, "Welche Weiterbildung gibt es in Wuppertal?")
    source = answer.locator(".cb-source").first
    quote = source.locator(".cb-passage mark").inner_text()
    source.click()
    hit = page.locator("#cb-document #cb-hit")
    expect(hit).to_have_text(quote)
    expect(hit).to_be_in_viewport()
    expect(page.locator("#cb-document .cb-doc-h")).to_contain_text("Wuppertal")
    assert page.locator("#cb-document p").count() > 5  # the whole document, not one passage
    shot(page, "document")


def test_feedback_is_stored_and_exported(page, server):
    ask(page, "Was verdient man als Einsteiger in Gelsenkirchen?")
    # The page runs in German, so Gradio labels its thumbs-down button in German.
    page.locator('#cb-chat button[aria-label="Gefällt mir nicht"]').last.click()
    expect(page.locator("#cb-feedback-msg")).to_contain_text("gespeichert")
    page.locator("#cb-comment textarea").fill("Zahl für Erfahrene fehlt")
    page.locator("#cb-send-comment").click()
    expect(page.locator("#cb-feedback-msg")).to_contain_text("Kommentar gespeichert")
    shot(page, "feedback")

    out = _cli("feedback", "export", "--format", "json", env=server["env"])
    assert out.returncode == 0, out.stderr
    rows = [r for r in json.loads(out.stdout) if "Gelsenkirchen" in r["question"]]
    assert rows and rows[-1]["rating"] == "down"
    assert rows[-1]["comment"] == "Zahl für Erfahrene fehlt"
    assert rows[-1]["citations"] and rows[-1]["passages"][0]["ranks"]
    csv_out = _cli("feedback", "export", "--format", "csv", env=server["env"])
    assert "Zahl für Erfahrene fehlt" in csv_out.stdout
    cases = json.loads(_cli("feedback", "export", "--flagged-as-evalset",
                            env=server["env"]).stdout)
    case = next(c for c in cases if "Gelsenkirchen" in c["question"])
    assert case["note"] == "Zahl für Erfahrene fehlt" and case["expect_facts"] == []


def test_markup_in_a_question_stays_text(page):
    ask(page, XSS)
    bubble = page.locator("#cb-chat .cb-question").last
    expect(bubble).to_have_text(XSS)
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("#cb-chat img[src='x']").count() == 0
    shot(page, "xss_question")


def test_admin_uploads_a_city_and_chat_answers_it(browser, server, page):
    admin = page.get_by_role("tab", name="Admin")
    admin.click()
    page.locator("#cb-token input").fill("wrong")
    page.locator("#cb-login").click()
    expect(page.get_by_text("Falsches Token.")).to_be_visible()
    expect(page.locator("#cb-reindex")).to_be_hidden()
    page.locator("#cb-token input").fill(TOKEN)
    page.locator("#cb-login").click()
    expect(page.locator("#cb-status")).to_contain_text("Bochum")

    page.locator("#cb-upload input[type=file]").set_input_files(
        {"name": "essen.txt", "mimeType": "text/plain", "buffer": ESSEN_TEXT.encode()})
    expect(page.locator("#cb-upload a[href$='/essen.txt']")).to_be_visible()  # upload done
    page.locator("#cb-upload-btn").click()
    expect(page.locator("#cb-upload-msg textarea")).to_have_value(
        "gespeichert: essen.txt\nJetzt „Neu indexieren“ drücken.")

    # A second visitor keeps chatting while the reindex runs.
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.set_default_timeout(60_000)
    other.goto(server["url"])
    other.locator("#cb-question textarea").wait_for()
    # The reindex button shows the plan first; only the confirmation indexes.
    page.locator("#cb-reindex").click()
    expect(page.locator("#cb-summary textarea")).to_have_value(re.compile(
        r"^add .*/uploads/essen\.txt\nwould add 1, update 0, remove 0, leave 5 unchanged"))
    expect(page.locator("#cb-status")).not_to_contain_text("Essen")
    page.locator("#cb-reindex-confirm").click()
    during = ask(other, "Was verdient man als Einsteiger in Bochum?")
    expect(during.locator(".cb-text")).to_contain_text("3.200")
    other.context.close()
    expect(page.locator("#cb-summary textarea")).to_have_value(
        re.compile(r"documents: 1 added, 0 updated, 0 removed, 5 unchanged"),
        timeout=180_000)
    expect(page.locator("#cb-status")).to_contain_text("Essen")
    expect(page.locator("#cb-status")).to_contain_text("uploads (1)")
    expect(page.locator("#cb-status")).to_contain_text("reindex (admin): 1 Dokumente")
    expect(page.locator("#cb-reindex-confirm")).to_be_hidden()
    shot(page, "admin_reindexed")

    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, "Was verdient man als Einsteiger in Essen?")
    expect(answer.locator(".cb-text")).to_contain_text("3.450")
    expect(answer.locator(".cb-text")).to_contain_text("3.950")
    expect(answer.locator(".cb-source .cb-city").first).to_have_text("Essen")
    answer.locator(".cb-source").first.click()
    expect(page.locator("#cb-document #cb-hit")).to_contain_text("3.450")
    expect(page.locator("#cb-document")).to_contain_text('<img src=x onerror="window.__xss=3">')
    assert page.evaluate("() => window.__xss") is None
    shot(page, "new_city_answer")


def test_overview_links_values_to_passages(page):
    page.get_by_role("tab", name="Übersicht").click()
    table = page.locator("#cb-overview table.cb-salary")
    for city in ("Bochum", "Dortmund", "Duisburg", "Gelsenkirchen", "Wuppertal"):
        expect(table.locator("tbody th", has_text=city)).to_be_visible()
    expect(page.locator("#cb-overview svg.cb-chart rect.cb-bar").first).to_be_visible()
    bochum = table.locator("tr", has=page.locator("th", has_text="Bochum"))
    bochum.locator("a.cb-open").first.click()
    hit = page.locator("#cb-overview-doc #cb-hit")
    expect(hit).to_contain_text("3.200")
    expect(hit).to_be_in_viewport()
    page.locator("#cb-overview svg.cb-chart a").last.click()
    expect(page.locator("#cb-overview-doc #cb-hit")).to_be_visible()
    shot(page, "overview")


def test_admin_tab_exists_only_with_a_token(tmp_path):
    import gradio as gr
    from pydantic import SecretStr

    from bot.factory import build_bot
    from bot.settings import Settings
    from bot.web.app import build_app

    def tabs(settings) -> list[str]:
        app = build_app(build_bot(settings), settings)
        return [b.label for b in app.blocks.values() if isinstance(b, gr.Tab)]

    settings = Settings(store_dir=tmp_path / "store")
    assert tabs(settings) == ["Chat", "Übersicht"]
    settings.admin_token = SecretStr("geheim")
    assert tabs(settings) == ["Chat", "Übersicht", "Admin"]
