"""The chat tab: questions, answers with their sources, the document panel, feedback.

A conversation is a list of turns in gr.State: {"q", "answer", "history", "rating", "fid",
"note", "message", "refused"}; the chat's messages are always rendered from it, so a language
switch re-renders them. Every question, like and comment passes the Doorman (rate limit, one
running question per session); a refused question stays in the chat but is never follow-up
context, and each answer takes one vote per session (a second vote replaces the first).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import gradio as gr

from bot.limits import REFUSALS
from bot.model import Frame
from bot.web import evidence
from bot.web import rendering as r
from bot.web.admin import empty_store_html
from bot.web.doorman import Doorman, session_of
from bot.web.feedback import FeedbackStore
from bot.web.messages import t
from bot.web.page import Page, cities_text, examples

# Clicks on passage links in chat and evidence open the document panel; the chat follows the
# conversation in the page's own scroll area. Bound once on document: messages re-render often.
PANEL_JS = (Path(__file__).parent / "static" / "panel.js").read_text(encoding="utf-8")
RATING = {"up": "Like", "down": "Dislike"}
NOTES = {"up": "thanks_up", "down": "thanks_down", None: "thanks_none"}
# Numbers answers for the feedback table's (session, message) key: unique in the process, so a
# new conversation in the same browser session never takes over an earlier answer's vote.
MESSAGE_NUMBERS = itertools.count(1)


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


class ChatTab:
    """The chat tab: its components, and the handlers of its events."""

    def __init__(self, page: Page, feedback: FeedbackStore, doorman: Doorman):
        self.page, self.feedback, self.kb = page, feedback, page.bot.knowledge
        self.doorman = doorman
        self._layout(page)
        self._wire(page)

    def _layout(self, page: Page) -> None:
        labels = page.labels
        with labels.add(gr.Tab("Chat", id="chat"), label="tab_chat"):
            self.turns = gr.State([])
            self.rated = gr.State(None)  # index of the turn the comment box belongs to
            with gr.Row(elem_id="cb-chatrow", equal_height=False):
                with gr.Column(scale=3, elem_id="cb-chatcol"):
                    self.chat = gr.Chatbot(
                        label=t("de", "chat_label"), show_label=False, elem_id="cb-chat",
                        height="auto", autoscroll=False, render_markdown=True,
                        sanitize_html=True, latex_delimiters=[], buttons=[],
                        feedback_options=("Like", "Dislike"))
                    with gr.Row(visible=False, elem_id="cb-comment-row") as self.comment_row:
                        self.comment = labels.add(gr.Textbox(
                            elem_id="cb-comment", scale=5, max_lines=4,
                            max_length=page.settings.max_comment_chars), label="comment_label")
                        self.send_comment = labels.add(gr.Button(
                            elem_id="cb-send-comment", scale=1, min_width=120),
                            value="comment_send")
                    self.feedback_msg = gr.Markdown(elem_id="cb-feedback-msg")
                    with gr.Row(elem_id="cb-inputbar", equal_height=True):
                        self.question = labels.add(gr.Textbox(
                            scale=5, elem_id="cb-question", lines=1, max_lines=4,
                            max_length=page.settings.max_question_chars, submit_btn=False),
                            label="question_label", placeholder="question_placeholder")
                        self.send = labels.add(gr.Button(variant="primary", scale=1,
                                                         min_width=88, elem_id="cb-send"),
                                               value="send")
                    self.clear = labels.add(gr.Button(size="sm", elem_id="cb-clear"),
                                            value="new_chat")
                    self.evidence = evidence.build(page)
                with gr.Column(scale=2, elem_id="cb-docpanel", min_width=280):
                    self.back = labels.add(gr.Button(elem_id="cb-doc-back", size="sm"),
                                           value="doc_back")
                    self.doc = gr.HTML("", elem_id="cb-document", js_on_load=PANEL_JS)

    def _wire(self, page: Page) -> None:
        private = {"api_visibility": "private"}
        lang, turns, chat = page.lang, self.turns, self.chat
        ask = dict(fn=self.respond, inputs=[self.question, turns, lang],
                   outputs=[self.question, chat, turns, self.evidence], concurrency_limit=4,
                   **private)
        gr.on([self.question.submit, self.send.click], **ask)
        chat.example_select(pick_example, None, self.question, queue=False, **private).then(**ask)
        chat.like(self.on_like, [turns, lang],
                  [chat, turns, self.rated, self.comment_row, self.feedback_msg], **private)
        gr.on([self.send_comment.click, self.comment.submit], self.on_comment,
              [self.comment, turns, self.rated, lang],
              [self.comment, chat, turns, self.feedback_msg], **private)
        fresh = ([], None, gr.update(visible=False), "", "")
        reset = [turns, self.rated, self.comment_row, self.feedback_msg, self.doc]
        self.clear.click(lambda lg: ([], *fresh, r.evidence_html(None, lg)), lang,
                         [chat, *reset, self.evidence], queue=False, **private)
        self.clear.click(None, None, None, js="() => window.__cbClose?.()", **private)
        chat.clear(lambda lg: (*fresh, r.evidence_html(None, lg)), lang,
                   [*reset, self.evidence], queue=False, **private)
        self.doc.open(self.open_document, lang, self.doc, show_progress="hidden", **private)
        self.back.click(None, None, None, js="() => window.__cbClose()", **private)
        chat.select(evidence.for_message, [turns, lang], self.evidence, **private)
        page.on_refresh([chat], self.refresh)

    def respond(self, text, convo, lang, request: gr.Request):
        """Stream the answer to a question into the chat (or the Doorman's refusal); then keep
        it as a turn."""
        q, kb = (text or "").strip(), self.kb
        if not q:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        if notice := empty_store_html(self.page.settings):  # say how to fill it, as the CLI does
            yield "", [*messages(convo, lang, kb.document), {"role": "user",
                       "content": r.question_html(q[:200])},
                       {"role": "assistant", "content": notice}], gr.skip(), gr.skip()
            return
        history = [turn["q"] for turn in convo if not turn.get("refused")]
        shown_q = shown_question(q, self.page.settings.max_question_chars)
        shown = [*messages(convo, lang, kb.document),
                 {"role": "user", "content": r.question_html(shown_q)},
                 {"role": "assistant", "content": r.pending_html(lang)}]
        yield "", shown, gr.skip(), gr.skip()
        final = None
        with self.doorman.admit(request, q, lang) as refusal:
            frames = [Frame.final(refusal)] if refusal else self.page.bot.stream(q, history)
            for frame in frames:
                shown[-1] = {"role": "assistant", "content": r.partial_html(frame.text, lang)}
                final = frame.answer
                yield gr.skip(), shown, gr.skip(), gr.skip()
        # A refused question (too long, too many, busy) is shown, never follow-up context.
        convo = [*convo, {"q": shown_q, "answer": final, "history": history, "rating": None,
                          "fid": None, "note": None, "message": next(MESSAGE_NUMBERS),
                          "refused": final.reason in REFUSALS}]
        yield gr.skip(), chat_update(convo, lang, kb.document), convo, r.evidence_html(final, lang)

    def on_like(self, convo, lang, evt: gr.LikeData, request: gr.Request):
        """Store a thumbs up/down with its answer; confirm it on the message; offer a comment."""
        index = evt.index if isinstance(evt.index, int) else -1
        i = index // 2
        if index % 2 != 1 or not 0 <= i < len(convo):
            gr.Info(t(lang, "only_answers"))
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if refused := self.doorman.too_many(request, lang):
            # The browser already toggled the thumb: show the stored vote again.
            return (chat_update(convo, lang, self.kb.document), gr.skip(), gr.skip(), gr.skip(),
                    refused)
        turn, rating = dict(convo[i]), rating_of(evt.liked)
        # One vote per message and session: a second vote replaces the first.
        turn["fid"] = self.feedback.vote(turn["answer"], session_of(request), turn["message"],
                                         rating, history=turn["history"])
        turn |= {"rating": rating, "note": NOTES[rating]}
        convo = [*convo[:i], turn, *convo[i + 1:]]
        return (chat_update(convo, lang, self.kb.document), convo, i, gr.update(visible=True),
                t(lang, NOTES[rating]))

    def on_comment(self, text, convo, i, lang, request: gr.Request):
        """Attach a comment to the rated answer's feedback row (within the comment limit)."""
        text = (text or "").strip()
        if i is None or not 0 <= i < len(convo):
            return gr.skip(), gr.skip(), gr.skip(), t(lang, "comment_none")
        if not text:
            return gr.skip(), gr.skip(), gr.skip(), t(lang, "comment_empty")
        if problem := self.doorman.comment_problem(text, request, lang):
            return gr.skip(), gr.skip(), gr.skip(), problem
        turn = dict(convo[i])
        turn["fid"] = self.feedback.vote(turn["answer"], session_of(request), turn["message"],
                                         comment=text, history=turn["history"])
        turn["note"] = "thanks_comment"
        convo = [*convo[:i], turn, *convo[i + 1:]]
        return "", chat_update(convo, lang, self.kb.document), convo, t(lang, "thanks_comment")

    def open_document(self, lang, evt: gr.EventData):
        """The document a passage link names, its passage highlighted."""
        # panel.js triggers 'open' with {ref}; EventData exposes the payload as attributes.
        kb = self.kb
        found = r.resolve_ref(str(getattr(evt, "ref", "")), (d["source"] for d in kb.documents()))
        if not found:
            return r.document_html(None, lang=lang)
        return r.document_html(kb.document(found[0]), found[1], found[2], lang)

    def refresh(self, lang: str) -> dict:
        """Examples and placeholder from the covered cities, in lang."""
        status = self.kb.status()
        return {self.chat: gr.update(
            label=t(lang, "chat_label"),
            examples=[{"text": q} for q in examples(status.get("cities") or [], lang)],
            placeholder=t(lang, "chat_placeholder", cities=cities_text(status, lang)))}


def shown_question(q: str, limit: int) -> str:
    """The question as the chat keeps it: one far over the length limit is cut for display."""
    return q if len(q) <= limit else f"{q[:limit]} …"


def pick_example(evt: gr.SelectData):
    """The text of a clicked example question."""
    return evt.value.get("text", "") if isinstance(evt.value, dict) else str(evt.value)


def rerender(page: Page, tab: ChatTab):
    """After a language switch: the conversation and evidence again, in the new language."""
    kb = page.bot.knowledge

    def again(lang, convo):
        last = convo[-1]["answer"] if convo else None
        # The feedback line is cleared: the confirmation stays, translated, on its message.
        return chat_update(convo, lang, kb.document), r.evidence_html(last, lang), ""

    return dict(fn=again, inputs=[page.lang, tab.turns],
                outputs=[tab.chat, tab.evidence, tab.feedback_msg], api_visibility="private")
