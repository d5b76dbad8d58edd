"""The overview tab: salary figures per city as chart and table, each opening its sentence."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from bot.web import rendering as r
from bot.web.page import Page

# Clicks on a value (table link or chart bar) open its document beside the table.
OPEN_IN_PLACE_JS = """
element.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href^="#cb:"]');
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


@dataclass
class OverviewTab:
    """What a reindex refreshes: the table and how to render it."""

    table: gr.HTML
    page: Page

    def html(self, lang: str) -> str:
        """The overview in lang, from the store as it is now."""
        return r.overview_html(self.page.bot.knowledge.salary_facts(), lang)


def build(page: Page) -> OverviewTab:
    """The overview tab inside the current gr.Tabs."""
    kb = page.bot.knowledge
    with page.labels.add(gr.Tab("Übersicht", id="overview"), label="tab_overview") as tab:
        page.labels.add(gr.Markdown(), value="overview_intro")
        with gr.Row(equal_height=False):
            table = gr.HTML(elem_id="cb-overview", js_on_load=OPEN_IN_PLACE_JS)
            doc = gr.HTML("", elem_id="cb-overview-doc", js_on_load=SCROLL_JS)
    ui = OverviewTab(table, page)

    def open_document(lang, evt: gr.EventData):
        # The js above triggers 'open' with {ref}; EventData exposes the payload as attributes.
        found = r.resolve_ref(str(getattr(evt, "ref", "")), (d["source"] for d in kb.documents()))
        return r.document_html(kb.document(found[0]), found[1], found[2], lang) if found \
            else gr.skip()

    private = {"api_visibility": "private"}
    table.open(open_document, page.lang, doc, show_progress="hidden", **private)
    tab.select(ui.html, page.lang, table, **private)
    page.on_refresh([table], lambda lang: {table: ui.html(lang)})
    return ui
