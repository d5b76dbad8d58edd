"""The admin tab's page: login with the token, status, uploads, reindex with plan and confirm.

The checks and the work live in bot.web.admin; this module is layout and wiring only. Every
action checks the token again through bot.web.login (throttled per client); a login hands the
browser the upload pass that bot.web.edge asks of Gradio's upload route.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from bot.web import admin, edge
from bot.web import rendering as r
from bot.web.login import AdminLogin
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
        names = lambda sources: sorted(Path(s).name for s in sources)  # noqa: E731
        return [("plan_add", names(plan.added)), ("plan_check", names(plan.updated)),
                ("plan_remove", names(plan.removed))]
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


class AdminTab:
    """The admin tab: a token form; status, uploads and reindex appear after a valid token."""

    def __init__(self, page: Page, admin_token: str, overview, head: gr.HTML):
        self.page, self.overview, self.head = page, overview, head
        self.settings, self.bot = page.settings, page.bot
        self.gate = AdminLogin(admin_token, page.settings)  # one log line per refusal
        self._layout(page.labels)
        self._wire(page.lang)

    def _layout(self, labels) -> None:
        with labels.add(gr.Tab("Admin", id="admin"), label="tab_admin"):
            self.token = labels.add(gr.Textbox(type="password", elem_id="cb-token"),
                                    label="admin_token")
            self.login_btn = labels.add(gr.Button(elem_id="cb-login"), value="admin_login")
            self.login_msg = gr.Markdown(elem_id="cb-login-msg")
            self.upload_pass = gr.Textbox(visible=False)  # becomes a cookie (edge.py)
            with gr.Column(visible=False) as self.panel:
                self.status = gr.HTML(elem_id="cb-status")
                self.files = labels.add(gr.File(file_count="multiple", elem_id="cb-upload",
                                                file_types=list(SUPPORTED)), label="admin_upload")
                self.upload_btn = labels.add(gr.Button(elem_id="cb-upload-btn"),
                                             value="admin_upload_btn")
                self.upload_msg = labels.add(
                    gr.Textbox(interactive=False, lines=2, elem_id="cb-upload-msg"),
                    label="admin_upload_result")
                self.reindex_btn = labels.add(gr.Button(variant="primary", elem_id="cb-reindex"),
                                              value="admin_reindex")
                with gr.Column(visible=False, elem_id="cb-plan-box") as self.plan_box:
                    self.plan = gr.HTML(elem_id="cb-plan")
                    with gr.Row():
                        self.confirm = labels.add(gr.Button(variant="primary",
                                                            elem_id="cb-confirm"),
                                                  value="admin_confirm")
                        self.cancel = labels.add(gr.Button(elem_id="cb-cancel"),
                                                 value="admin_cancel")
                self.summary = labels.add(gr.Textbox(interactive=False, lines=3,
                                                     elem_id="cb-summary"), label="admin_result")
                with gr.Row():  # removing a document is its own, explicit action
                    self.doc = labels.add(gr.Dropdown(choices=[], elem_id="cb-remove-doc"),
                                          label="admin_remove_label")
                    self.remove_btn = labels.add(gr.Button(variant="stop",
                                                           elem_id="cb-remove"),
                                                 value="admin_remove_btn")

    def _wire(self, lang) -> None:
        private = {"api_visibility": "private"}
        token = self.token
        gr.on([self.login_btn.click, token.submit], self.login, [token, lang],
              [self.panel, self.login_msg, self.status, self.upload_pass], **private
              ).then(None, self.upload_pass, None, js=edge.SET_PASS_JS, **private)
        self.upload_btn.click(self.upload, [token, self.files, lang],
                              [self.upload_msg, self.files], **private)
        self.reindex_btn.click(self.show_plan, [token, lang],
                               [self.plan_box, self.plan, self.summary], **private)
        self.cancel.click(lambda lg: (gr.update(visible=False), t(lg, "admin_cancelled")), lang,
                          [self.plan_box, self.summary], **private)
        self.confirm.click(self.run, [token, lang], [self.plan_box, self.summary, self.status,
                                                     self.overview.table, self.head],
                           concurrency_limit=1, **private)
        gr.on([self.login_btn.click, self.confirm.click], self.choices, token, self.doc,
              **private)
        self.remove_btn.click(self.remove, [token, self.doc, lang],
                              [self.summary, self.status, self.doc, self.overview.table,
                               self.head], concurrency_limit=1, **private)

    def choices(self, given):
        """The removal choice after a login or reindex; nothing for a wrong token (the login
        itself counts and answers the attempt)."""
        return self.documents() if admin.token_ok(given, self.gate.expected) else gr.skip()

    def documents(self):
        """The stored documents, for the removal choice (name shown, source kept)."""
        docs = self.bot.knowledge.documents()
        return gr.update(choices=[(Path(d["source"]).name, d["source"]) for d in docs], value=None)

    def remove(self, given, source, lang, request: gr.Request):
        """Remove the chosen document from the store (logged in the audit log)."""
        self.allowed(given, lang, request, "remove")
        if not source:
            return t(lang, "admin_remove_none"), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        removed = admin.remove_document(self.settings, source)
        self.bot.refresh()
        message = t(lang, "admin_removed", name=", ".join(Path(s).name for s in removed) or "-")
        return (message, self.status_html(lang), self.documents(), self.overview.html(lang),
                header(self.bot, lang))

    def status_html(self, lang: str) -> str:
        """The index status and the folders a reindex reads."""
        paths = admin.ingest_paths(list(self.settings.sources), self.settings.store_dir)
        status = {**self.bot.knowledge.status(), "sources": [str(p) for p in paths]}
        return r.status_html(status, lang)

    def allowed(self, given, lang, request, action: str) -> None:
        """Every admin action checks the token again: the hidden panel is no protection."""
        if refused := self.gate.refusal(given, request, action, lang):
            raise gr.Error(refused, print_exception=False)

    def login(self, given, lang, request: gr.Request):
        """Show the panel for the right token, and hand the browser its upload pass."""
        if refused := self.gate.refusal(given, request, "login", lang):
            return gr.update(visible=False), refused, "", ""
        return (gr.update(visible=True), t(lang, "admin_ok"), self.status_html(lang),
                edge.PASSES.issue())

    def upload(self, given, paths, lang, request: gr.Request):
        """Check and store uploaded texts; say what was saved and what was refused, and why."""
        self.allowed(given, lang, request, "upload")
        got, rejected = [], []
        for path in paths or []:
            try:
                got.append(admin.read_upload(path, self.settings.max_file_bytes))
            except admin.UploadRejected as exc:
                rejected.append(str(exc))
        saved, refused = admin.save_uploads(got, self.settings.store_dir,
                                            self.settings.max_file_bytes)
        lines = [t(lang, "admin_saved", name=n) for n in saved]
        lines += [t(lang, "admin_rejected", reason=m) for m in rejected + refused]
        lines.append(t(lang, "admin_then_reindex" if saved else "admin_nothing_saved"))
        return "\n".join(lines), None

    def show_plan(self, given, lang, request: gr.Request):
        """What a reindex would do, with confirm and cancel."""
        self.allowed(given, lang, request, "plan")
        groups = [(t(lang, key), names)
                  for key, names in reindex_plan(self.settings, self.bot.knowledge)]
        return gr.update(visible=True), r.plan_html(groups, lang), ""

    def run(self, given, lang, request: gr.Request,
            progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        """The confirmed reindex, with progress; then status, overview and header anew."""
        from ingest.indexer import IngestBusyError

        self.allowed(given, lang, request, "reindex")
        progress(0, desc=t(lang, "admin_running"))

        def step(done: int, total: int, name: str, embedded: int = 0) -> None:
            progress((done, max(total, 1)), desc=name or t(lang, "admin_done"),
                     unit=t(lang, "admin_unit"))

        try:
            text = admin.reindex(self.settings, step).text()
        except IngestBusyError as exc:
            text = t(lang, "admin_busy", error=exc)
        self.bot.refresh()
        return (gr.update(visible=False), text, self.status_html(lang),
                self.overview.html(lang), header(self.bot, lang))
