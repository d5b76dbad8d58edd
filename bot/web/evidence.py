"""The advisors' view under the chat: retrieved passages, scores, what was cited."""

from __future__ import annotations

import gradio as gr

from bot.web import rendering as r
from bot.web.page import Page


def build(page: Page) -> gr.HTML:
    """A closed accordion (one click away) holding the evidence of the latest or chosen answer."""
    with page.labels.add(gr.Accordion("Evidenz", open=False, elem_id="cb-evidence-acc"),
                         label="evidence"):
        return gr.HTML(r.evidence_html(None), elem_id="cb-evidence")


def for_message(turns: list[dict], lang: str, evt: gr.SelectData):
    """Evidence of the answer clicked in the chat (or of the answer to a clicked question)."""
    index = evt.index if isinstance(evt.index, int) else -1
    i = index // 2
    if not 0 <= i < len(turns):
        return gr.skip()
    return r.evidence_html(turns[i]["answer"], lang)
