"""The web app: chat with cited sources, salary overview, advisor evidence and feedback, admin.

Layout and wiring only; answers come from the Assistant, HTML from bot.web.rendering.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from bot.web import admin as adm
from bot.web import rendering as r
from bot.web.admin_tab import admin_tab
from bot.web.feedback import FeedbackStore

CSS_PATH = Path(__file__).parent / "static" / "careerbot.css"
EXAMPLES = [
    "Was verdient man als Einsteiger in Bochum?",
    "what does an entry-level job pay in Bochum",
    "Welche Weiterbildung gibt es in Wuppertal?",
    "Welche Stadt zahlt Einsteigern am meisten?",
    "Welche Aufgaben hat ein Medizininformatiker in Dortmund?",
]
INTRO = (
    "**careerbot** beantwortet Fragen zum Beruf *Medizininformatiker* in Städten des "
    "Ruhrgebiets – Gehalt, Weiterbildung, Aufgaben, Anforderungen, Arbeitsmarkt – nur aus "
    "den hinterlegten Texten, mit Quellenangabe. *Questions in English are answered in English.*"
)
# A click on a passage link ("#cb:id:start:end", or a source card holding one) inside the chat
# or the evidence table opens that document. The listener sits on document (chat messages are
# re-rendered often) and is bound once; the latest trigger is kept as Gradio may remount.
LINK_JS = """
window.__cbLink = (t) => t.closest && (t.closest('a[href^="#cb:"]')
  || t.closest('.cb-source')?.querySelector('a[href^="#cb:"]'));
"""
OPEN_IN_CHAT_JS = LINK_JS + """
window.__cbOpen = trigger;
if (!window.__cbBound) {
  window.__cbBound = true;
  document.addEventListener('click', (e) => {
    const a = window.__cbLink(e.target);
    if (!a || !a.closest('#cb-chat, #cb-evidence')) return;
    e.preventDefault();
    window.__cbOpen('open', {ref: a.getAttribute('href')});
  });
}
watch('value', () => {
  const m = element.querySelector('#cb-hit');
  if (m) m.scrollIntoView({block: 'center'});
});
"""
OPEN_IN_PLACE_JS = LINK_JS + """
element.addEventListener('click', (e) => {
  const a = window.__cbLink(e.target);
  if (!a) return;
  e.preventDefault();
  trigger('open', {ref: a.getAttribute('href')});
});
"""
SCROLL_JS = """
watch('value', () => {
  const m = element.querySelector('#cb-hit');
  if (m) m.scrollIntoView({block: 'center'});
});
"""
DOC_PLACEHOLDER = (
    '<div class="cb-doc cb-muted">Klicken Sie auf eine Quelle, um das ganze Dokument '
    "zu sehen.</div>"
)


def _rating(liked) -> str | None:
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None


def build_app(bot, settings) -> gr.Blocks:
    """The Gradio app over an Assistant; the admin tab only when an admin token is set."""
    from bot.factory import engine_for

    feedback = FeedbackStore(engine_for(settings))
    kb = bot.knowledge
    admin_token = settings.admin_token.get_secret_value() if settings.admin_token else None

    def open_document(evt: gr.EventData):
        ref = str((evt._data or {}).get("ref", ""))
        found = r.resolve_ref(ref, (d["source"] for d in kb.documents()))
        return r.document_html(kb.document(found[0]), found[1], found[2]) if found else gr.skip()

    def respond(question, chat, questions, answers):
        q = (question or "").strip()
        if not q:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        chat = [*(chat or []), {"role": "user", "content": r.question_html(q)},
                {"role": "assistant", "content": '<div class="cb-answer cb-pending"></div>'}]
        yield "", chat, gr.skip(), gr.skip(), gr.skip()
        if notice := adm.empty_store_html(settings):  # the CLI's message, not an empty answer
            chat[-1] = {"role": "assistant", "content": notice}
            yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()
            return
        final = None
        for final in bot.stream(q, list(questions)):
            chat[-1] = {"role": "assistant", "content": r.answer_html(final, kb.document, False)}
            yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()
        chat[-1] = {"role": "assistant", "content": r.answer_html(final, kb.document)}
        answers = {**answers, len(chat) - 1: (final, list(questions))}
        yield gr.skip(), chat, [*questions, q], answers, r.evidence_html(final)

    def show_evidence(answers, evt: gr.SelectData):
        got = answers.get(evt.index if isinstance(evt.index, int) else -1)
        return r.evidence_html(got[0]) if got else gr.skip()

    def on_like(answers, rated, evt: gr.LikeData):
        index = evt.index if isinstance(evt.index, int) else -1
        if index not in answers:
            return rated, "Nur Antworten des Bots können bewertet werden."
        answer, history = answers[index]
        rating = _rating(evt.liked)
        if index in rated:
            feedback.update(rated[index], rating=rating)
        else:
            rated = {**rated, index: feedback.record(answer, rating, history=history)}
        word = {"up": "👍 hilfreich", "down": "👎 nicht hilfreich"}.get(rating, "ohne Wertung")
        return ({**rated, "last": index},
                f"Danke! Bewertung gespeichert ({word}). Optional: Kommentar unten senden.")

    def on_comment(comment, answers, rated):
        text = (comment or "").strip()
        if not text:
            return gr.skip(), rated, "Bitte zuerst einen Kommentar eingeben."
        index = rated.get("last", max(answers, default=None))
        if index is None:
            return gr.skip(), rated, "Es gibt noch keine Antwort zum Kommentieren."
        if index in rated:
            feedback.update(rated[index], comment=text)
        else:
            answer, history = answers[index]
            rated = {**rated, index: feedback.record(answer, None, text, history=history),
                     "last": index}
        return "", rated, "Kommentar gespeichert – danke!"

    def pick_example(evt: gr.SelectData):
        return evt.value.get("text", "") if isinstance(evt.value, dict) else str(evt.value)

    def overview():
        return r.overview_html(kb.salary_facts())

    with gr.Blocks(title="careerbot – Medizininformatik im Ruhrgebiet") as app:
        gr.Markdown(INTRO, elem_classes="cb-intro")
        questions = gr.State([])  # earlier questions as typed: the bot's follow-up context
        answers = gr.State({})  # chat message index -> (Answer, questions before it)
        rated = gr.State({})  # chat message index -> feedback id; "last" -> last rated index
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(
                            label="careerbot", show_label=False, elem_id="cb-chat", height=560,
                            render_markdown=True, sanitize_html=True, latex_delimiters=[],
                            feedback_options=("Like", "Dislike"), buttons=[],
                            examples=[{"text": q} for q in EXAMPLES],
                            placeholder="**Fragen Sie careerbot** – z. B. nach Gehalt, "
                            "Weiterbildung oder Aufgaben in Bochum, Dortmund, Duisburg, "
                            "Gelsenkirchen oder Wuppertal.",
                        )
                        with gr.Row():
                            question = gr.Textbox(
                                placeholder="Ihre Frage, z. B. „Was verdient man als Einsteiger "
                                "in Bochum?“", show_label=False, scale=5, autofocus=True,
                                max_length=settings.max_question_chars, elem_id="cb-question")
                            send = gr.Button("Fragen", variant="primary", scale=1,
                                             elem_id="cb-send")
                        with gr.Row():
                            comment = gr.Textbox(label="Kommentar zur Bewertung (optional)",
                                                 scale=5, elem_id="cb-comment")
                            send_comment = gr.Button("Kommentar senden", scale=1,
                                                     elem_id="cb-send-comment")
                        feedback_msg = gr.Markdown(elem_id="cb-feedback-msg")
                        clear = gr.Button("Neues Gespräch", size="sm")
                    with gr.Column(scale=2):
                        doc = gr.HTML(DOC_PLACEHOLDER, elem_id="cb-document", container=True,
                                      js_on_load=OPEN_IN_CHAT_JS, max_height=640, padding=True)
                with gr.Accordion("Evidenz / Evidence", open=False):
                    evidence = gr.HTML(r.evidence_html(None), elem_id="cb-evidence")
            with gr.Tab("Übersicht", id="overview") as overview_tab:
                gr.Markdown("Gehaltsspannen je Stadt (€ pro Monat) laut den Texten – "
                            "ein Klick auf einen Wert zeigt den Satz im Dokument.")
                with gr.Row():
                    table = gr.HTML(elem_id="cb-overview", js_on_load=OPEN_IN_PLACE_JS)
                    overview_doc = gr.HTML(DOC_PLACEHOLDER, elem_id="cb-overview-doc",
                                           js_on_load=SCROLL_JS, max_height=560, padding=True)
            if admin_token:
                admin_tab(bot, settings, admin_token, table, overview)

        ask_args = dict(fn=respond, inputs=[question, chat, questions, answers],
                        outputs=[question, chat, questions, answers, evidence],
                        concurrency_limit=4, api_visibility="private")
        gr.on([question.submit, send.click], **ask_args)
        chat.example_select(pick_example, None, question,
                            api_visibility="private", queue=False).then(**ask_args)
        chat.select(show_evidence, answers, evidence, api_visibility="private")
        chat.like(on_like, [answers, rated], [rated, feedback_msg], api_visibility="private")
        gr.on([send_comment.click, comment.submit], on_comment, [comment, answers, rated],
              [comment, rated, feedback_msg], api_visibility="private")
        # Both the button and the chat's own trash icon start afresh, context included.
        fresh = ([], {}, {}, r.evidence_html(None), DOC_PLACEHOLDER, "")
        reset = [questions, answers, rated, evidence, doc, feedback_msg]
        clear.click(lambda: ([], *fresh), None, [chat, *reset], api_visibility="private",
                    queue=False)
        chat.clear(lambda: fresh, None, reset, api_visibility="private", queue=False)
        doc.open(open_document, None, doc, api_visibility="private", show_progress="hidden")
        table.open(open_document, None, overview_doc, api_visibility="private",
                   show_progress="hidden")
        overview_tab.select(overview, None, table, api_visibility="private")
        app.load(overview, None, table, api_visibility="private")

        def ask(question: str, history: list[str] | None = None) -> dict:
            """One answer as `careerbot ask --json` prints it; history = earlier questions."""
            return bot.ask(question, history or []).to_json()

        # The one public endpoint: scripts and gradio_client (bench/load_bench.py) use it.
        gr.api(ask, api_name="ask", concurrency_limit=4)
    return app


def launch_options(settings) -> dict:
    """Keyword arguments for Blocks.launch shared by `careerbot serve` and the tests."""
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "css_paths": [CSS_PATH],
        "theme": gr.themes.Soft(primary_hue="teal"),
        "footer_links": ["gradio", "settings"],
        # Room for a slightly oversized text, so the upload check can say what is wrong.
        "max_file_size": max(2 * settings.max_file_bytes, 5_000_000),
        "ssr_mode": False,
        "show_error": False,
    }


def serve(settings) -> None:
    """Start the web app and block until it is stopped."""
    from bot.factory import build_bot

    app = build_app(build_bot(settings), settings)
    app.queue(default_concurrency_limit=2).launch(**launch_options(settings))
