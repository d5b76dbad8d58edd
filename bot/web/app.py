"""The web app: a header over the chat, overview and (with a token) admin tabs.

Layout and wiring only; answers come from the Assistant the CLI uses, HTML from
bot.web.rendering, words from bot.web.messages. Settings come from the caller. The abuse
limits sit in front of every handler: bot.web.doorman (rate limit, one running question per
session), bot.web.login (throttled token checks) and bot.web.edge (body limit, upload pass).
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from bot.web import admin_tab, chat, edge, overview
from bot.web.doorman import Doorman
from bot.web.feedback import FeedbackStore
from bot.web.messages import language, preferred, t
from bot.web.page import Labels, Page, cities_text, first_city, header

CSS_PATH = Path(__file__).parent / "static" / "careerbot.css"


def page_language(request: gr.Request | None) -> str:
    """?lang=en|de if given, else what the browser prefers (German by default)."""
    if request is None:
        return "de"
    asked = request.query_params.get("lang")
    return language(asked) if asked else preferred(request.headers.get("accept-language"))


def build_app(settings, bot) -> gr.Blocks:
    """The Gradio app over an Assistant; the admin tab only when an admin token is set."""
    from bot.factory import engine_for

    feedback = FeedbackStore(engine_for(settings), settings.max_comment_chars)
    doorman = Doorman(settings)  # rate limit per client, one running request per session
    admin_token = settings.admin_token.get_secret_value() if settings.admin_token else None
    status = bot.knowledge.status()
    # Gradio's upload cache is emptied every 30 min of files older than an hour.
    with gr.Blocks(title=t("de", "title"), delete_cache=(1800, 3600)) as app:
        labels = Labels({"city": first_city(status), "cities": cities_text(status, "de")})
        page = Page(bot, settings, labels, gr.State("de"))
        with gr.Row(elem_id="cb-top", equal_height=False):
            head = gr.HTML(header(bot, "de"), elem_id="cb-header")
            switch = page.labels.add(gr.Button(size="sm", elem_id="cb-lang", scale=0,
                                               min_width=110), value="switch")
        page.on_refresh([head], lambda lang: {head: header(bot, lang)})
        with gr.Tabs(elem_id="cb-tabs"):
            chat_tab = chat.ChatTab(page, feedback, doorman)
            overview_tab = overview.build(page)
            if admin_token:
                admin_tab.AdminTab(page, admin_token, overview_tab, head)
        _wire_language(app, page, switch, chat_tab)
        _api(bot, doorman)
    return app


def _wire_language(app: gr.Blocks, page: Page, switch: gr.Button, chat_tab) -> None:
    """Page load picks the language; the switch flips it and re-renders everything."""
    private = {"api_visibility": "private", "show_progress": "hidden"}
    outputs = [page.lang, *page.all_outputs]

    def start(request: gr.Request):
        lang = page_language(request)
        return {page.lang: lang, **page.refreshed(lang)}

    def flip(lang):
        lang = "en" if lang == "de" else "de"
        return {page.lang: lang, **page.refreshed(lang)}

    # <html lang> follows the header's lang attribute (panel.js), set by the same update.
    app.load(start, None, outputs, **private)
    switch.click(flip, page.lang, outputs, **private).then(**chat.rerender(page, chat_tab),
                                                           show_progress="hidden")


def _api(bot, doorman: Doorman) -> None:
    def ask(question: str, history: list[str] | None = None,
            request: gr.Request = None) -> dict:
        """One answer as `careerbot ask --json` prints it; history = earlier questions."""
        return doorman.ask(bot, question, history, request)

    # The one public endpoint: scripts and gradio_client (bench/load_bench.py) use it.
    gr.api(ask, api_name="ask", concurrency_limit=4)


def launch_options(settings) -> dict:
    """Keyword arguments for Blocks.launch shared by `careerbot serve` and the tests."""
    theme = gr.themes.Soft(primary_hue="teal").set(
        # Teal 700/800 under white text: contrast above WCAG AA's 4.5:1 (teal 500 is 2.5:1).
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_text_color="white",
        # Soft's grey for labels and secondary text is 2.5:1 on white; neutral 600 is 7:1.
        block_info_text_color="*neutral_600",
        body_text_color_subdued="*neutral_600",
        # Labels and the selected tab are teal 500 in Soft (2.2–2.5:1); 700/800 pass.
        block_title_text_color="*primary_800",
        block_label_text_color="*primary_800",
        color_accent="*primary_700",
    )
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "css_paths": [CSS_PATH],
        "theme": theme,
        "footer_links": [],
        # Gradio refuses larger uploads while receiving them; only admins may upload (edge.py).
        "max_file_size": settings.max_file_bytes,
        "app_kwargs": {"middleware": edge.middleware(settings)},
        "ssr_mode": False,
        "show_error": False,
    }


def serve(settings) -> None:
    """Start the web app and block until it is stopped."""
    from bot.factory import build_bot

    app = build_app(settings, build_bot(settings))
    app.queue(default_concurrency_limit=2).launch(**launch_options(settings))
