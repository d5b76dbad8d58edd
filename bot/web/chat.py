"""The chat tab: questions, answers with their sources, the document panel, feedback.

A conversation is a list of turns in gr.State: {"q", "answer", "history", "rating", "fid",
"note"}; the chat's messages are always rendered from it, so a language switch re-renders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from bot.web import evidence
from bot.web import rendering as r
from bot.web.feedback import FeedbackStore
from bot.web.messages import t
from bot.web.page import Page, cities_text, examples

# Clicks on passage links in chat and evidence open the document panel; the chat follows the
# conversation in the page's own scroll area. Bound once on document: messages re-render often.
PANEL_JS = (Path(__file__).parent / "static" / "panel.js").read_text(encoding="utf-8")
RATING = {"up": "Like", "down": "Dislike"}
NOTES = {"up": "thanks_up", "down": "thanks_down", None: "thanks_none"}


@dataclass
class ChatTab:
    """The chat tab's components that page-wide events update."""

    chat: gr.Chatbot
    turns: gr.State
    evidence: gr.HTML


def rating_of(liked) -> str | None:
    """'up', 'down' or None (vote withdrawn) from Gradio's like event value."""
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None


def messages(turns: list[dict], lang: str, lookup) -> list[dict]:
    """The chat's messages for a conversation, answer chrome in the page language."""
    out = []
    for turn in turns:
        note = t(lang, turn["note"]) if turn.get("note") else ""
        out += [{"role": "user", "content": r.question_html(turn["q"])},
                {"role": "assistant", "content": r.answer_html(turn["answer"], lookup, True,
                                                               lang, note)}]
    return out


def chat_update(turns: list[dict], lang: str, lookup):
    """The chat's value and its like/dislike state per answer."""
    return gr.update(value=messages(turns, lang, lookup),
                     feedback_value=[RATING.get(turn.get("rating")) for turn in turns])


def build(page: Page, feedback: FeedbackStore) -> ChatTab:
    """The chat tab inside the current gr.Tabs; returns what other events update."""
    kb, labels = page.bot.knowledge, page.labels
    with labels.add(gr.Tab("Chat", id="chat"), label="tab_chat"):
        turns = gr.State([])
        rated = gr.State(None)  # index of the turn the comment box belongs to
        with gr.Row(elem_id="cb-chatrow", equal_height=False):
            with gr.Column(scale=3, elem_id="cb-chatcol"):
                chat = gr.Chatbot(
                    label=t("de", "chat_label"), show_label=False, elem_id="cb-chat",
                    height="auto", autoscroll=False, render_markdown=True, sanitize_html=True,
                    latex_delimiters=[], feedback_options=("Like", "Dislike"), buttons=[],
                )
                with gr.Row(visible=False, elem_id="cb-comment-row") as comment_row:
                    comment = labels.add(gr.Textbox(elem_id="cb-comment", scale=5, max_lines=4),
                                         label="comment_label")
                    send_comment = labels.add(gr.Button(elem_id="cb-send-comment", scale=1,
                                                        min_width=120), value="comment_send")
                feedback_msg = gr.Markdown(elem_id="cb-feedback-msg")
                with gr.Row(elem_id="cb-inputbar", equal_height=True):
                    question = labels.add(gr.Textbox(
                        label=t("de", "question_label"), scale=5, elem_id="cb-question",
                        max_length=page.settings.max_question_chars, lines=1, max_lines=4,
                        submit_btn=False),
                        label="question_label", placeholder="question_placeholder")
                    send = labels.add(gr.Button(variant="primary", scale=1, min_width=88,
                                                elem_id="cb-send"), value="send")
                clear = labels.add(gr.Button(size="sm", elem_id="cb-clear"), value="new_chat")
                evidence_html = evidence.build(page)
            with gr.Column(scale=2, elem_id="cb-docpanel", min_width=280):
                back = labels.add(gr.Button(elem_id="cb-doc-back", size="sm"), value="doc_back")
                doc = gr.HTML("", elem_id="cb-document", js_on_load=PANEL_JS)
    tab = ChatTab(chat, turns, evidence_html)

    def respond(text, convo, lang):
        q = (text or "").strip()
        if not q:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        history = [turn["q"] for turn in convo]
        shown = [*messages(convo, lang, kb.document),
                 {"role": "user", "content": r.question_html(q)},
                 {"role": "assistant", "content": r.pending_html(lang)}]
        yield "", shown, gr.skip(), gr.skip()
        final = None
        for final in page.bot.stream(q, history):
            shown[-1] = {"role": "assistant",
                         "content": r.answer_html(final, kb.document, False, lang)}
            yield gr.skip(), shown, gr.skip(), gr.skip()
        convo = [*convo, {"q": q, "answer": final, "history": history, "rating": None,
                          "fid": None, "note": None}]
        yield gr.skip(), chat_update(convo, lang, kb.document), convo, r.evidence_html(final, lang)

    def on_like(convo, lang, evt: gr.LikeData):
        index = evt.index if isinstance(evt.index, int) else -1
        i = index // 2
        if index % 2 != 1 or not 0 <= i < len(convo):
            gr.Info(t(lang, "only_answers"))
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        turn, rating = dict(convo[i]), rating_of(evt.liked)
        if turn["fid"] is None:
            turn["fid"] = feedback.record(turn["answer"], rating, history=turn["history"])
        else:
            feedback.update(turn["fid"], rating=rating)
        turn |= {"rating": rating, "note": NOTES[rating]}
        convo = [*convo[:i], turn, *convo[i + 1:]]
        return (chat_update(convo, lang, kb.document), convo, i, gr.update(visible=True),
                t(lang, NOTES[rating]))

    def on_comment(text, convo, i, lang):
        text = (text or "").strip()
        if i is None or not 0 <= i < len(convo):
            return gr.skip(), gr.skip(), gr.skip(), t(lang, "comment_none")
        if not text:
            return gr.skip(), gr.skip(), gr.skip(), t(lang, "comment_empty")
        turn = dict(convo[i])
        if turn["fid"] is None:
            turn["fid"] = feedback.record(turn["answer"], None, text, history=turn["history"])
        else:
            feedback.update(turn["fid"], comment=text)
        turn["note"] = "thanks_comment"
        convo = [*convo[:i], turn, *convo[i + 1:]]
        return "", chat_update(convo, lang, kb.document), convo, t(lang, "thanks_comment")

    def open_document(lang, evt: gr.EventData):
        # panel.js triggers 'open' with {ref}; EventData exposes the payload as attributes.
        found = r.resolve_ref(str(getattr(evt, "ref", "")), (d["source"] for d in kb.documents()))
        return r.document_html(kb.document(found[0]), found[1], found[2], lang) if found \
            else r.document_html(None, lang=lang)

    def pick_example(evt: gr.SelectData):
        return evt.value.get("text", "") if isinstance(evt.value, dict) else str(evt.value)

    private = {"api_visibility": "private"}
    ask = dict(fn=respond, inputs=[question, turns, page.lang],
               outputs=[question, chat, turns, evidence_html], concurrency_limit=4, **private)
    gr.on([question.submit, send.click], **ask)
    chat.example_select(pick_example, None, question, queue=False, **private).then(**ask)
    chat.like(on_like, [turns, page.lang], [chat, turns, rated, comment_row, feedback_msg],
              **private)
    gr.on([send_comment.click, comment.submit], on_comment, [comment, turns, rated, page.lang],
          [comment, chat, turns, feedback_msg], **private)
    fresh = ([], None, gr.update(visible=False), "", "")
    reset = [turns, rated, comment_row, feedback_msg, doc]
    clear.click(lambda lang: ([], *fresh, r.evidence_html(None, lang)), page.lang,
                [chat, *reset, evidence_html], queue=False, **private)
    clear.click(None, None, None, js="() => window.__cbClose?.()", **private)
    chat.clear(lambda lang: (*fresh, r.evidence_html(None, lang)), page.lang,
               [*reset, evidence_html], queue=False, **private)
    doc.open(open_document, page.lang, doc, show_progress="hidden", **private)
    back.click(None, None, None, js="() => window.__cbClose()", **private)
    chat.select(evidence.for_message, [turns, page.lang], evidence_html, **private)

    def refresh(lang: str) -> dict:
        status = kb.status()
        return {chat: gr.update(
            label=t(lang, "chat_label"),
            examples=[{"text": q} for q in examples(status.get("cities") or [], lang)],
            placeholder=t(lang, "chat_placeholder", cities=cities_text(status, lang)))}

    page.on_refresh([chat], refresh)
    return tab


def rerender(page: Page, tab: ChatTab):
    """After a language switch: the conversation and evidence again, in the new language."""
    kb = page.bot.knowledge

    def again(lang, convo):
        last = convo[-1]["answer"] if convo else None
        return chat_update(convo, lang, kb.document), r.evidence_html(last, lang)

    return dict(fn=again, inputs=[page.lang, tab.turns], outputs=[tab.chat, tab.evidence],
                api_visibility="private")
