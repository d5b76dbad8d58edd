"""The admin tab's page: login with the token, status, uploads, reindex with plan and confirm.

The checks and the work live in bot.web.admin; this module is layout and wiring only.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from bot.web import admin
from bot.web import rendering as r
from bot.web.messages import t
from bot.web.page import Page, header
from ingest.reader import SUPPORTED, discover, source_name


def reindex_plan(settings, kb) -> list[tuple[str, list[str]]]:
    """What a reindex would do, as (catalogue key, document names) groups.

    Uses the operators' admin.reindex_plan when bot.web.admin provides it; until then, what the
    file lists alone tell (which files are new, which are gone, which are checked for changes).
    """
    if hasattr(admin, "reindex_plan"):
        plan = admin.reindex_plan(settings)
        return [(key, list(names)) for key, names in plan.items()]
    paths = admin.ingest_paths(list(settings.sources), settings.store_dir)
    files, _ = discover(paths)
    found = {source_name(p) for p in files if p.suffix.lower() in SUPPORTED}
    stored = {d["source"] for d in kb.documents()}
    # A missing source folder removes nothing (the indexer's rule), so only present ones count.
    roots = [str(p.resolve()) for p in paths if p.exists()]
    gone = {s for s in stored - found if any(s.startswith(root) for root in roots)}

    def names(sources):
        return sorted(Path(s).name for s in sources)

    return [("plan_add", names(found - stored)), ("plan_check", names(found & stored)),
            ("plan_remove", names(gone))]


def build(page: Page, admin_token: str, overview, head: gr.HTML) -> None:
    """The admin tab inside the current gr.Tabs; its panel appears only after a valid token."""
    settings, bot, labels = page.settings, page.bot, page.labels
    with labels.add(gr.Tab("Admin", id="admin"), label="tab_admin"):
        token = labels.add(gr.Textbox(type="password", elem_id="cb-token", label="Admin-Token"),
                           label="admin_token")
        login_btn = labels.add(gr.Button(elem_id="cb-login"), value="admin_login")
        login_msg = gr.Markdown(elem_id="cb-login-msg")
        with gr.Column(visible=False) as panel:
            status = gr.HTML(elem_id="cb-status")
            files = labels.add(gr.File(file_count="multiple", file_types=list(SUPPORTED),
                                       elem_id="cb-upload"), label="admin_upload")
            upload_btn = labels.add(gr.Button(elem_id="cb-upload-btn"), value="admin_upload_btn")
            upload_msg = labels.add(
                gr.Textbox(interactive=False, lines=2, elem_id="cb-upload-msg"),
                label="admin_upload_result")
            reindex_btn = labels.add(gr.Button(variant="primary", elem_id="cb-reindex"),
                                     value="admin_reindex")
            with gr.Column(visible=False, elem_id="cb-plan-box") as plan_box:
                plan = gr.HTML(elem_id="cb-plan")
                with gr.Row():
                    confirm = labels.add(gr.Button(variant="primary", elem_id="cb-confirm"),
                                         value="admin_confirm")
                    cancel = labels.add(gr.Button(elem_id="cb-cancel"), value="admin_cancel")
            summary = labels.add(gr.Textbox(interactive=False, lines=3, elem_id="cb-summary"),
                                 label="admin_result")

    def status_html(lang):
        paths = admin.ingest_paths(list(settings.sources), settings.store_dir)
        return r.status_html({**bot.knowledge.status(), "sources": [str(p) for p in paths]}, lang)

    def allowed(given, lang):
        if not admin.token_ok(given, admin_token):
            raise gr.Error(t(lang, "admin_denied"))

    def login(given, lang):
        if not admin.token_ok(given, admin_token):
            return gr.update(visible=False), t(lang, "admin_wrong"), ""
        return gr.update(visible=True), t(lang, "admin_ok"), status_html(lang)

    def upload(given, paths, lang):
        allowed(given, lang)
        got, rejected = [], []
        for path in paths or []:
            try:
                got.append(admin.read_upload(path, settings.max_file_bytes))
            except admin.UploadRejected as exc:
                rejected.append(str(exc))
        saved, refused = admin.save_uploads(got, settings.store_dir, settings.max_file_bytes)
        lines = [t(lang, "admin_saved", name=n) for n in saved]
        lines += [t(lang, "admin_rejected", reason=m) for m in rejected + refused]
        lines.append(t(lang, "admin_then_reindex" if saved else "admin_nothing_saved"))
        return "\n".join(lines), None

    def show_plan(given, lang):
        allowed(given, lang)
        groups = [(t(lang, key), names) for key, names in reindex_plan(settings, bot.knowledge)]
        return gr.update(visible=True), r.plan_html(groups, lang), ""

    def run(given, lang, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        allowed(given, lang)
        progress(0, desc=t(lang, "admin_running"))

        def step(done: int, total: int, name: str) -> None:
            progress((done, max(total, 1)), desc=name or t(lang, "admin_done"),
                     unit=t(lang, "admin_unit"))

        from ingest.indexer import IngestBusyError

        try:
            text = admin.reindex(settings, step).text()
        except IngestBusyError as exc:
            text = t(lang, "admin_busy", error=exc)
        bot.refresh()
        return (gr.update(visible=False), text, status_html(lang), overview.html(lang),
                header(bot, lang))

    private = {"api_visibility": "private"}
    gr.on([login_btn.click, token.submit], login, [token, page.lang], [panel, login_msg, status],
          **private)
    upload_btn.click(upload, [token, files, page.lang], [upload_msg, files], **private)
    reindex_btn.click(show_plan, [token, page.lang], [plan_box, plan, summary], **private)
    cancel.click(lambda lang: (gr.update(visible=False), t(lang, "admin_cancelled")), page.lang,
                 [plan_box, summary], **private)
    confirm.click(run, [token, page.lang], [plan_box, summary, status, overview.table, head],
                  concurrency_limit=1, **private)
