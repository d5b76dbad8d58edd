"""The admin tab: status with sources and audit log, uploads, reindex after a previewed plan,
removal of a document. Shown only when an admin token is set."""

from __future__ import annotations

import gradio as gr

from bot.web import admin as adm
from bot.web import rendering as r
from bot.web.admin import UploadRejected, read_upload, save_uploads, token_ok


class AdminHandlers:
    """The tab's event handlers; each checks the token before it acts."""

    def __init__(self, bot, settings, admin_token: str, overview):
        self.bot, self.settings, self.token, self.overview = bot, settings, admin_token, overview

    def checked(self, token) -> None:
        if not token_ok(token, self.token):
            raise gr.Error("Nicht angemeldet.")

    def status_html(self) -> str:
        return r.status_html(adm.status_rows(self.bot.knowledge.status()))

    def documents(self):
        return gr.update(choices=[d["source"] for d in self.bot.knowledge.documents()],
                         value=None)

    def login(self, token):
        if not token_ok(token, self.token):
            return gr.update(visible=False), "Falsches Token.", "", gr.update()
        return gr.update(visible=True), "Angemeldet.", self.status_html(), self.documents()

    def upload(self, token, files):
        self.checked(token)
        got, rejected = [], []
        for path in files or []:
            try:
                got.append(read_upload(path, self.settings.max_file_bytes))
            except UploadRejected as exc:
                rejected.append(str(exc))
        store, limit = self.settings.store_dir, self.settings.max_file_bytes
        saved, refused = save_uploads(got, store, limit)
        adm.log_uploads(self.settings, saved)
        lines = [f"gespeichert: {n}" for n in saved]
        lines += [f"abgelehnt: {m}" for m in rejected + refused]
        lines.append("Jetzt „Neu indexieren“ drücken." if saved else "Nichts gespeichert.")
        return "\n".join(lines), None

    def preview(self, token):
        """The plan, by document; the confirm button appears with it."""
        self.checked(token)
        return adm.reindex_plan(self.settings).text(), gr.update(visible=True)

    def reindex(self, token, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        from ingest.indexer import IngestBusyError

        self.checked(token)
        progress(0, desc="Indexiere …")

        def step(done: int, total: int, name: str) -> None:
            progress((done, max(total, 1)), desc=name or "fertig", unit="Dokumente")

        hide = gr.update(visible=False)
        try:
            text = adm.reindex(self.settings, step).text()
        except IngestBusyError as exc:
            text = f"Nicht gestartet: {exc}"
        self.bot.refresh()
        return text, self.status_html(), self.overview(), hide, self.documents()

    def remove(self, token, source):
        from ingest.indexer import IngestBusyError

        self.checked(token)
        if not source:
            text = "Bitte ein Dokument wählen."
        else:
            try:
                text = "\n".join(f"entfernt: {n}"
                                 for n in adm.remove_document(self.settings, source))
            except (IngestBusyError, ValueError) as exc:
                text = f"Nicht entfernt: {exc}"
            self.bot.refresh()
        return text, self.status_html(), self.overview(), self.documents()


def admin_tab(bot, settings, admin_token: str, table, overview) -> None:
    """Operators: index status, upload of texts, reindex after a previewed plan, removal."""
    h = AdminHandlers(bot, settings, admin_token, overview)
    with gr.Tab("Admin", id="admin"):
        token = gr.Textbox(label="Admin-Token", type="password", elem_id="cb-token")
        login_btn = gr.Button("Anmelden", elem_id="cb-login")
        login_msg = gr.Markdown()
        with gr.Column(visible=False) as panel:
            status = gr.HTML(elem_id="cb-status")
            files = gr.File(label="Neue Texte hochladen (.txt, .md; UTF-8)", file_count="multiple",
                            file_types=[".txt", ".md"], elem_id="cb-upload")
            upload_btn = gr.Button("Hochladen", elem_id="cb-upload-btn")
            upload_msg = gr.Textbox(label="Upload", interactive=False, lines=2,
                                    elem_id="cb-upload-msg")
            reindex_btn = gr.Button("Neu indexieren …", variant="primary", elem_id="cb-reindex")
            confirm_btn = gr.Button("Plan bestätigen und indexieren", variant="stop",
                                    visible=False, elem_id="cb-reindex-confirm")
            summary = gr.Textbox(label="Plan / Ergebnis", interactive=False, lines=3,
                                 elem_id="cb-summary")
            doc_pick = gr.Dropdown(label="Dokument entfernen", choices=[], elem_id="cb-remove")
            remove_btn = gr.Button("Dokument entfernen", variant="stop", elem_id="cb-remove-btn")
            remove_msg = gr.Textbox(label="Entfernt", interactive=False, elem_id="cb-remove-msg")
    private = {"api_visibility": "private"}
    gr.on([login_btn.click, token.submit], h.login, token, [panel, login_msg, status, doc_pick],
          **private)
    upload_btn.click(h.upload, [token, files], [upload_msg, files], **private)
    reindex_btn.click(h.preview, token, [summary, confirm_btn], concurrency_limit=1, **private)
    confirm_btn.click(h.reindex, token, [summary, status, table, confirm_btn, doc_pick],
                      concurrency_limit=1, **private)
    remove_btn.click(h.remove, [token, doc_pick], [remove_msg, status, table, doc_pick],
                     concurrency_limit=1, **private)
