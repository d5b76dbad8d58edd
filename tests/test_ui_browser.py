"""The web app in a real browser: `careerbot serve` on the real corpus, driven by Chromium at
1280 px and 375 px; accessibility checked with axe-core (npm, see tests/package.json)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import app_env
from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
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
def server(tmp_path_factory, corpus_dir, corpus_cached):
    """`careerbot serve` on a fresh store holding the corpus, with an admin token."""
    store = tmp_path_factory.mktemp("ui") / "store"
    env = app_env()
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


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
# German words of our own labels that must not be left on an English page (quotes excepted).
GERMAN = ("Quellen", "Frage", "Fragen", "Gespräch", "Dokument zeigen", "Übersicht", "Stadt",
          "keine Angabe", "Deckt ab", "Evidenz", "Zurück", "Kommentar", "Einstieg", "Danke")
# Elements whose text is quoted from the German documents, or typed by the user.
QUOTES = (".cb-passage, .cb-doc, .cb-question, .cb-title, .cb-snippet, .cb-answer .cb-text, "
          "#cb-overview a.cb-open")  # an overview value's tooltip is its German sentence


def open_page(browser, server, size=None, locale="de-DE", query="") -> Page:
    """A fresh browser tab with the app loaded and its language applied."""
    context = browser.new_context(**(size or DESKTOP), locale=locale)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    tab.goto(server["url"] + query)
    tab.locator("#cb-question textarea").wait_for()
    tab.wait_for_function("() => document.documentElement.lang === 'de' "
                          "|| document.documentElement.lang === 'en'")
    tab.locator("#cb-chat .example").first.wait_for()
    return tab


@pytest.fixture
def page(browser, server) -> Page:
    """The app at 1280 px in a German browser."""
    tab = open_page(browser, server)
    yield tab
    tab.context.close()


@pytest.fixture
def phone(browser, server) -> Page:
    """The app at 375 px on a touch screen."""
    tab = open_page(browser, server, PHONE)
    yield tab
    tab.context.close()


def shot(page: Page, name: str, full: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"ui_{name}.png"), full_page=full)


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


def scroll_areas(page: Page) -> list[str]:
    """Elements other than the page that scroll their content (the page itself excluded)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const s = getComputedStyle(e);
        const y = /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
        const x = /(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
        return (y || x) && e.offsetParent !== null && e.tagName !== 'TEXTAREA';
      }).map(e => e.id || e.className.toString().slice(0, 40))""")


def axe(page: Page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `npm ci` in tests/ (make test does)")
    # Contrast is judged on the settled page: not mid-fade (a tab switch) nor while Gradio
    # dims a block it is updating.
    try:
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running')"
            # Gradio leaves a hidden, translucent status tracker behind: only shown ones count.
            " && ![...document.querySelectorAll('.pending, .generating, .translucent')]"
            ".some(e => e.checkVisibility({opacityProperty: true, visibilityProperty: true}))",
            timeout=15_000,
        )
    except PlaywrightTimeout:
        pass  # judged as it is: a page that never settles shows up in the findings
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in found if v["impact"] in ("serious", "critical")]


def test_answer_cites_sources_and_follow_up(page):
    answer = ask(page, "what does an entry-level job pay in Bochum")
    expect(answer.locator(".cb-text")).to_contain_text("3.200")
    expect(answer.locator(".cb-text")).to_contain_text("3.600")
    source = answer.locator(".cb-source").first
    expect(source.locator(".cb-city")).to_have_text("Bochum")
    expect(source.locator(".cb-title")).to_contain_text("Bochum")
    expect(source.locator(".cb-passage mark")).to_contain_text("3.200")
    # a little context around the quote, not the whole paragraph
    passage = source.locator(".cb-passage").inner_text()
    assert len(passage) > len(source.locator(".cb-passage mark").inner_text())
    expect(answer.locator(".cb-ref").first).to_have_text("[1]")

    follow = ask(page, "und in Dortmund?")
    expect(follow.locator(".cb-text")).to_contain_text("Dortmund")
    expect(follow.locator(".cb-text")).to_contain_text("€")
    expect(follow.locator(".cb-source .cb-city").first).to_have_text("Dortmund")
    page.locator("#cb-evidence-acc").get_by_text("Evidenz für Beratende").click()
    expect(page.locator("#cb-evidence table tbody tr").first).to_be_visible()
    expect(page.locator("#cb-evidence")).to_contain_text("Dortmund")
    shot(page, "answer_followup")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_after_five_questions_the_last_answer_is_in_view(browser, server, size):
    tab = open_page(browser, server, DESKTOP if size == "desktop" else PHONE)
    for q in ("Was verdient man als Einsteiger in Bochum?", "und in Dortmund?",
              "Welche Weiterbildung gibt es in Wuppertal?", "Welche Aufgaben hat man in Duisburg?",
              "Was verdient man mit Erfahrung in Gelsenkirchen?"):
        last = ask(tab, q)
    expect(last).to_contain_text("Gelsenkirchen")
    tab.wait_for_timeout(300)  # let the last scroll settle; the test itself never scrolls
    expect(last).to_be_in_viewport()
    expect(tab.locator("#cb-chat .cb-question").last).to_be_in_viewport()
    assert tab.evaluate("() => window.scrollY") > 0  # the page scrolled, not a box inside it
    if size == "phone":
        assert scroll_areas(tab) == []
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 375
        small = tab.evaluate("""() => [...document.querySelectorAll(
              '#cb-send, #cb-clear, #cb-lang, .cb-source a.cb-open')]
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect()).filter(r => r.height < 24 || r.width < 24)""")
        assert small == []
    shot(tab, f"five_questions_{size}", full=False)
    tab.context.close()


def test_example_question_and_no_answer_look(page):
    expect(page.locator("#cb-chat")).to_contain_text("Was verdient man als Einsteiger in Bochum?")
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


def test_source_opens_document_panel_and_back(page):
    answer = ask(page, "Welche Weiterbildung gibt es in Wuppertal?")
    source = answer.locator(".cb-source").first
    quote = source.locator(".cb-passage mark").inner_text()
    panel = page.locator("#cb-docpanel")
    expect(panel).to_be_hidden()
    source.click()
    hit = page.locator("#cb-document #cb-hit")
    expect(hit).to_have_text(quote)
    expect(hit).to_be_in_viewport()
    expect(page.locator("#cb-document .cb-doc-h")).to_contain_text("Wuppertal")
    assert page.locator("#cb-document p").count() > 5  # the whole document, not one passage
    expect(page.locator("#cb-chat")).to_be_visible()  # beside the chat on a wide screen
    shot(page, "document", full=False)
    page.locator("#cb-doc-back").click()
    expect(panel).to_be_hidden()
    expect(source.locator("a.cb-open")).to_be_focused()


def test_phone_document_panel_has_title_and_back(phone):
    answer = ask(phone, "Welche Weiterbildung gibt es in Wuppertal?")
    link = answer.locator(".cb-source a.cb-open").first
    link.click()
    expect(phone.locator("#cb-document #cb-hit")).to_be_in_viewport()
    expect(phone.locator("#cb-document .cb-doc-h")).to_contain_text("Wuppertal")
    expect(phone.locator("#cb-doc-back")).to_be_visible()
    expect(phone.locator("#cb-chat")).to_be_hidden()  # the panel replaces the chat
    assert scroll_areas(phone) == []
    shot(phone, "phone_document", full=False)
    phone.locator("#cb-doc-back").click()
    expect(phone.locator("#cb-docpanel")).to_be_hidden()
    expect(link).to_be_in_viewport()  # back where the reader was
    expect(link).to_be_focused()
    shot(phone, "phone_chat", full=False)


def test_like_with_comment_is_stored_with_the_message(page, server):
    ask(page, "Was verdient man als Einsteiger in Gelsenkirchen?")
    # The browser runs in German, so Gradio labels its own thumbs buttons in German.
    page.locator('#cb-chat button[aria-label="Gefällt mir nicht"]').last.click()
    message = page.locator("#cb-chat .cb-thanks").last
    expect(message).to_contain_text("nicht hilfreich")
    # The box stops at CAREERBOT_MAX_COMMENT_CHARS; the server refuses longer ones too.
    expect(page.locator("#cb-comment textarea")).to_have_attribute("maxlength", "2000")
    page.locator("#cb-comment textarea").fill("Zahl für Erfahrene fehlt")
    page.locator("#cb-send-comment").click()
    expect(page.locator("#cb-chat .cb-thanks").last).to_contain_text("Kommentar gespeichert")
    expect(page.locator("#cb-feedback-msg")).to_contain_text("Kommentar gespeichert")
    shot(page, "feedback")

    out = _cli("feedback", "export", "--format", "json", env=server["env"])
    assert out.returncode == 0, out.stderr
    rows = [r for r in json.loads(out.stdout) if "Gelsenkirchen" in r["question"]]
    assert len(rows) == 1 and rows[0]["rating"] == "down"
    assert rows[0]["comment"] == "Zahl für Erfahrene fehlt"
    assert "Gelsenkirchen" in rows[0]["answer"]
    assert rows[0]["citations"] and rows[0]["passages"][0]["ranks"]
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


def german_left(page: Page) -> list[str]:
    """German words of ours still on the page, outside quotes and what the user typed."""
    text = page.evaluate("""sel => {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll(sel + ', script, style').forEach(e => e.remove());
        const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
          .filter(e => !e.closest(sel) && !e.closest('#cb-chat .message-buttons, .icon-button'))
          .map(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder'),
                     e.getAttribute('title')].join(' '));
        return copy.innerText + ' ' + attrs.join(' ');
      }""", QUOTES)
    return [w for w in GERMAN if re.search(rf"\b{re.escape(w)}\b", text)]


def test_page_is_english_after_switching(page, browser, server):
    assert page.evaluate("() => document.documentElement.lang") == "de"
    ask(page, "Was verdient man als Einsteiger in Bochum?")
    page.locator("#cb-lang").click()
    expect(page.locator("#cb-lang")).to_have_text("Deutsch")
    expect(page.locator(".cb-header")).to_contain_text("Covers:")
    expect(page.locator("#cb-chat .cb-sources-h").first).to_have_text("Sources")
    ask(page, "what does an entry-level job pay in Dortmund")
    page.locator("#cb-evidence-acc").get_by_text("Evidence for advisors").click()
    expect(page.locator("#cb-evidence table")).to_be_visible()
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert german_left(page) == []
    shot(page, "english")
    page.get_by_role("tab", name="Overview").click()
    expect(page.locator("#cb-overview table.cb-salary")).to_contain_text("Entry level")
    assert german_left(page) == []

    # An English browser gets the English page from the start.
    english = open_page(browser, server, locale="en-US")
    expect(english.locator(".cb-header")).to_contain_text("Covers:")
    expect(english.locator("#cb-chat")).to_contain_text("What does an entry-level job pay in")
    english.context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_serious_issue(browser, server, size):
    tab = open_page(browser, server, DESKTOP if size == "desktop" else PHONE)
    assert axe(tab) == []
    ask(tab, "Was verdient man als Einsteiger in Bochum?")
    tab.locator("#cb-chat .cb-source").first.click()
    tab.locator("#cb-document #cb-hit").wait_for()
    assert axe(tab) == []
    tab.get_by_role("tab", name="Übersicht").click()
    tab.locator("#cb-overview table.cb-salary").wait_for()
    assert axe(tab) == []
    tab.context.close()


def test_admin_uploads_a_city_and_chat_answers_it(browser, server, page):
    admin = page.get_by_role("tab", name="Admin")
    admin.click()
    expect(page.locator("#cb-reindex")).to_be_hidden()
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

    page.locator("#cb-reindex").click()  # first the plan, then the confirmation
    # The first plan builds the app's indexer (model, record manager): slow on a busy machine.
    expect(page.locator("#cb-plan")).to_contain_text("essen.txt", timeout=60_000)
    shot(page, "admin_plan")
    page.locator("#cb-cancel").click()
    expect(page.locator("#cb-plan")).to_be_hidden()
    page.locator("#cb-reindex").click()
    expect(page.locator("#cb-plan")).to_contain_text("essen.txt", timeout=60_000)

    # A second visitor keeps chatting while the reindex runs.
    other = open_page(browser, server)
    page.locator("#cb-confirm").click()
    during = ask(other, "Was verdient man als Einsteiger in Bochum?")
    expect(during.locator(".cb-text")).to_contain_text("3.200")
    other.context.close()
    expect(page.locator("#cb-summary textarea")).to_have_value(
        re.compile(r"documents: 1 added, 0 updated, 0 removed, 5 unchanged"),
        timeout=180_000)
    expect(page.locator("#cb-status")).to_contain_text("Essen")
    expect(page.locator(".cb-header")).to_contain_text("Essen")
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

    # A new visitor sees the sixth city in the header and among the example questions.
    fresh = open_page(browser, server)
    expect(fresh.locator(".cb-header")).to_contain_text("Essen")
    expect(fresh.locator(".cb-header")).to_contain_text("6 Dokumente")
    expect(fresh.locator("#cb-chat .example", has_text="Essen")).to_be_visible()
    shot(fresh, "sixth_city")
    fresh.context.close()


def test_overview_links_values_to_passages(page):
    page.get_by_role("tab", name="Übersicht").click()
    table = page.locator("#cb-overview table.cb-salary")
    for city in ("Bochum", "Dortmund", "Duisburg", "Gelsenkirchen", "Wuppertal"):
        expect(table.locator("tbody th", has_text=city)).to_be_visible()
    expect(table.locator("thead")).to_contain_text("Zeitraum")
    expect(table).to_contain_text("pro Monat")
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
        app = build_app(settings, build_bot(settings))
        return [b.label for b in app.blocks.values() if isinstance(b, gr.Tab)]

    settings = Settings(store_dir=tmp_path / "store")
    assert tabs(settings) == ["Chat", "Übersicht"]
    settings.admin_token = SecretStr("geheim")
    assert tabs(settings) == ["Chat", "Übersicht", "Admin"]
