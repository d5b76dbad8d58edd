"""The admin tab: status with sources and audit log, uploads, reindex after a previewed plan,
removal of a document. Shown only when an admin token is set."""

from __future__ import annotations

import gradio as gr

from bot.web import admin as adm
from bot.web import rendering as r
from bot.web.admin import UploadRejected, read_upload, save_uploads, token_ok


def admin_tab(bot, settings, admin_token: str, table, overview) -> None:
    """Operators: index status, upload of texts, reindex after a previewed plan, removal."""
    from ingest.indexer import IngestBusyError

    def status_html():
        return r.status_html(adm.status_rows(bot.knowledge.status()))

    def documents():
        return gr.update(choices=[d["source"] for d in bot.knowledge.documents()], value=None)

    def login(token):
        if not token_ok(token, admin_token):
            return gr.update(visible=False), "Falsches Token.", "", gr.update()
        return gr.update(visible=True), "Angemeldet.", status_html(), documents()

    def checked(token):
        if not token_ok(token, admin_token):
            raise gr.Error("Nicht angemeldet.")

    def upload(token, files):
        checked(token)
        got, rejected = [], []
        for path in files or []:
            try:
                got.append(read_upload(path, settings.max_file_bytes))
            except UploadRejected as exc:
                rejected.append(str(exc))
        saved, refused = save_uploads(got, settings.store_dir, settings.max_file_bytes)
        adm.log_uploads(settings, saved)
        lines = [f"gespeichert: {n}" for n in saved]
        lines += [f"abgelehnt: {m}" for m in rejected + refused]
        lines.append("Jetzt „Neu indexieren“ drücken." if saved else "Nichts gespeichert.")
        return "\n".join(lines), None

    def preview(token):
        checked(token)
        plan = adm.reindex_plan(settings)
        return plan.text(), gr.update(visible=True)

    def run_reindex(token, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        checked(token)
        progress(0, desc="Indexiere …")

        def step(done: int, total: int, name: str) -> None:
            progress((done, max(total, 1)), desc=name or "fertig", unit="Dokumente")

        hide = gr.update(visible=False)
        try:
            summary = adm.reindex(settings, step)
        except IngestBusyError as exc:
            return f"Nicht gestartet: {exc}", status_html(), overview(), hide, documents()
        bot.refresh()
        return summary.text(), status_html(), overview(), hide, documents()

    def remove(token, source):
        checked(token)
        if not source:
            return "Bitte ein Dokument wählen.", status_html(), overview(), documents()
        try:
            gone = adm.remove_document(settings, source)
        except (IngestBusyError, ValueError) as exc:
            return f"Nicht entfernt: {exc}", status_html(), overview(), documents()
        bot.refresh()
        return "\n".join(f"entfernt: {n}" for n in gone), status_html(), overview(), documents()

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
    gr.on([login_btn.click, token.submit], login, token, [panel, login_msg, status, doc_pick],
          **private)
    upload_btn.click(upload, [token, files], [upload_msg, files], **private)
    reindex_btn.click(preview, token, [summary, confirm_btn], concurrency_limit=1, **private)
    confirm_btn.click(run_reindex, token, [summary, status, table, confirm_btn, doc_pick],
                      concurrency_limit=1, **private)
    remove_btn.click(remove, [token, doc_pick], [remove_msg, status, table, doc_pick],
                     concurrency_limit=1, **private)
