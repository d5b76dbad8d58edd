"""Every word the page shows, in German and English: one catalogue, looked up with t()."""

from __future__ import annotations

LANGUAGES = ("de", "en")
DEFAULT = "de"

CATALOGUE: dict[str, dict[str, str]] = {
    "de": {
        "title": "careerbot – Medizininformatik im Ruhrgebiet",
        "tagline": "Antworten zum Beruf Medizininformatiker – nur aus den hinterlegten Texten, "
                   "mit Quellenangabe.",
        "covers": "Deckt ab: {cities} · {documents} Dokumente · Stand: {date}",
        "covers_empty": "Noch keine Texte im Index.",
        "switch": "English",
        "tab_chat": "Chat",
        "tab_overview": "Übersicht",
        "tab_admin": "Admin",
        "question_label": "Ihre Frage",
        "question_placeholder": "z. B. „Was verdient man als Einsteiger in {city}?“",
        "send": "Fragen",
        "new_chat": "Neues Gespräch",
        "chat_label": "Gespräch mit careerbot",
        "chat_placeholder": "**Fragen Sie careerbot** nach Gehalt, Weiterbildung, Aufgaben, "
                            "Anforderungen oder Arbeitsmarkt in {cities}.",
        "ex_pay": "Was verdient man als Einsteiger in {city}?",
        "ex_training": "Welche Weiterbildung gibt es in {city}?",
        "ex_tasks": "Welche Aufgaben hat ein Medizininformatiker in {city}?",
        "ex_skills": "Welche Anforderungen stellen Arbeitgeber in {city}?",
        "ex_market": "Wie ist der Arbeitsmarkt in {city}?",
        "ex_compare": "Welche Stadt zahlt Einsteigern am meisten?",
        "sources": "Quellen",
        "open": "Im Dokument zeigen",
        "not_stated": "keine Angabe",
        "pending": "careerbot antwortet …",
        "comment_label": "Kommentar zu Ihrer Bewertung (optional)",
        "comment_send": "Kommentar senden",
        "thanks_up": "Danke! Bewertung gespeichert: hilfreich.",
        "thanks_down": "Danke! Bewertung gespeichert: nicht hilfreich.",
        "thanks_none": "Bewertung zurückgenommen.",
        "thanks_comment": "Kommentar gespeichert – danke!",
        "comment_empty": "Bitte zuerst einen Kommentar eingeben.",
        "comment_none": "Bitte zuerst eine Antwort bewerten.",
        "only_answers": "Nur Antworten des Bots können bewertet werden.",
        "comment_too_long": "Der Kommentar ist zu lang ({length} Zeichen, höchstens {limit}). "
                            "Bitte kürzen.",
        "rate_limited": "Zu viele Anfragen – bitte in {wait} s noch einmal versuchen.",
        "busy": "Ihre vorige Frage wird noch beantwortet – bitte einen Moment warten.",
        "doc_title": "Dokument",
        "doc_back": "Zurück zum Gespräch",
        "doc_missing": "Dokument nicht (mehr) im Index.",
        "evidence": "Evidenz für Beratende",
        "evidence_none": "Noch keine Antwort.",
        "evidence_question": "Frage",
        "evidence_resolved": "gesucht",
        "evidence_status": "Status",
        "evidence_reason": "Grund",
        "evidence_nothing": "Keine Passagen gefunden.",
        "col_city": "Stadt",
        "col_document": "Dokument",
        "col_vector": "Vektor",
        "col_keyword": "Stichwort",
        "col_cited": "Zitiert",
        "col_passage": "Passage",
        "cited": "zitiert",
        "same_source": "gleiche Quelle",
        "status_answered": "beantwortet",
        "status_no_answer": "keine Antwort",
        "overview_intro": "Gehaltsangaben je Stadt laut den Texten – ein Klick auf einen Wert "
                          "zeigt den Satz im Dokument.",
        "overview_empty": "Noch keine Gehaltsangaben im Index.",
        "col_level": "Stufe",
        "col_salary": "Gehalt",
        "col_period": "Zeitraum",
        "col_source": "Quelle",
        "level_entry": "Einstieg",
        "level_experienced": "Mit Erfahrung",
        "level_unspecified": "Ohne Stufe",
        "period_month": "pro Monat",
        "period_year": "pro Jahr",
        "chart_label": "Gehaltsspannen je Stadt, € pro Monat",
        "chart_legend": "€ pro Monat",
        "chart_year_note": "Jahresangaben stehen nur in der Tabelle.",
        "from": "ab",
        "admin_token": "Admin-Token",
        "admin_login": "Anmelden",
        "admin_wrong": "Falsches Token.",
        "admin_ok": "Angemeldet.",
        "admin_denied": "Nicht angemeldet.",
        "admin_locked": "Zu viele Fehlversuche – bitte in {wait} s erneut versuchen.",
        "admin_status": "Index",
        "admin_upload": "Neue Texte hochladen (.txt, .md; UTF-8)",
        "admin_upload_btn": "Hochladen",
        "admin_upload_result": "Upload",
        "admin_saved": "gespeichert: {name}",
        "admin_rejected": "abgelehnt: {reason}",
        "admin_then_reindex": "Jetzt „Neu indexieren“ drücken.",
        "admin_nothing_saved": "Nichts gespeichert.",
        "admin_reindex": "Neu indexieren",
        "admin_plan": "Plan der Neuindexierung",
        "admin_confirm": "Ja, neu indexieren",
        "admin_cancel": "Abbrechen",
        "admin_cancelled": "Abgebrochen – nichts geändert.",
        "admin_result": "Ergebnis",
        "admin_busy": "Nicht gestartet: {error}",
        "admin_running": "Indexiere …",
        "admin_done": "fertig",
        "admin_unit": "Dokumente",
        "plan_add": "neu",
        "plan_check": "prüfen (neu eingelesen, wenn geändert)",
        "plan_remove": "wird entfernt",
        "plan_none": "(keine)",
        "plan_sources": "Quellen",
        "status_documents": "Dokumente",
        "status_chunks": "Abschnitte",
        "status_cities": "Städte",
        "status_facts": "Gehaltsangaben",
        "status_model": "Modell",
        "status_last_ingest": "Letzte Indexierung",
        "status_sources": "Quellen",
    },
    "en": {
        "title": "careerbot – medical informatics in the Ruhr area",
        "tagline": "Answers about working as a medical informatics specialist – only from the "
                   "stored texts, with sources.",
        "covers": "Covers: {cities} · {documents} documents · as of {date}",
        "covers_empty": "No texts indexed yet.",
        "switch": "Deutsch",
        "tab_chat": "Chat",
        "tab_overview": "Overview",
        "tab_admin": "Admin",
        "question_label": "Your question",
        "question_placeholder": "e.g. “What does an entry-level job pay in {city}?”",
        "send": "Ask",
        "new_chat": "New conversation",
        "chat_label": "Conversation with careerbot",
        "chat_placeholder": "**Ask careerbot** about pay, training, tasks, skills or the job "
                            "market in {cities}.",
        "ex_pay": "What does an entry-level job pay in {city}?",
        "ex_training": "What training is there in {city}?",
        "ex_tasks": "What are the tasks of a medical informatics specialist in {city}?",
        "ex_skills": "What skills do employers in {city} expect?",
        "ex_market": "How is the job market in {city}?",
        "ex_compare": "Which city pays beginners the most?",
        "sources": "Sources",
        "open": "Show in document",
        "not_stated": "not stated",
        "pending": "careerbot is answering …",
        "comment_label": "Comment on your rating (optional)",
        "comment_send": "Send comment",
        "thanks_up": "Thank you! Rating saved: helpful.",
        "thanks_down": "Thank you! Rating saved: not helpful.",
        "thanks_none": "Rating withdrawn.",
        "thanks_comment": "Comment saved – thank you!",
        "comment_empty": "Please type a comment first.",
        "comment_none": "Please rate an answer first.",
        "only_answers": "Only the bot's answers can be rated.",
        "comment_too_long": "The comment is too long ({length} characters, at most {limit}). "
                            "Please shorten it.",
        "rate_limited": "Too many requests – please try again in {wait} s.",
        "busy": "Your previous question is still being answered – please wait a moment.",
        "doc_title": "Document",
        "doc_back": "Back to the conversation",
        "doc_missing": "Document no longer in the index.",
        "evidence": "Evidence for advisors",
        "evidence_none": "No answer yet.",
        "evidence_question": "Question",
        "evidence_resolved": "searched",
        "evidence_status": "Status",
        "evidence_reason": "Reason",
        "evidence_nothing": "No passages found.",
        "col_city": "City",
        "col_document": "Document",
        "col_vector": "Vector",
        "col_keyword": "Keyword",
        "col_cited": "Cited",
        "col_passage": "Passage",
        "cited": "cited",
        "same_source": "same source",
        "status_answered": "answered",
        "status_no_answer": "no answer",
        "overview_intro": "Salary figures per city as the texts state them – click a value to "
                          "see its sentence in the document.",
        "overview_empty": "No salary figures indexed yet.",
        "col_level": "Level",
        "col_salary": "Salary",
        "col_period": "Period",
        "col_source": "Source",
        "level_entry": "Entry level",
        "level_experienced": "Experienced",
        "level_unspecified": "No level",
        "period_month": "per month",
        "period_year": "per year",
        "chart_label": "Salary ranges per city, € per month",
        "chart_legend": "€ per month",
        "chart_year_note": "Yearly figures are in the table only.",
        "from": "from",
        "admin_token": "Admin token",
        "admin_login": "Log in",
        "admin_wrong": "Wrong token.",
        "admin_ok": "Logged in.",
        "admin_denied": "Not logged in.",
        "admin_locked": "Too many failed attempts – please try again in {wait} s.",
        "admin_status": "Index",
        "admin_upload": "Upload new texts (.txt, .md; UTF-8)",
        "admin_upload_btn": "Upload",
        "admin_upload_result": "Upload",
        "admin_saved": "saved: {name}",
        "admin_rejected": "rejected: {reason}",
        "admin_then_reindex": "Now press “Reindex”.",
        "admin_nothing_saved": "Nothing saved.",
        "admin_reindex": "Reindex",
        "admin_plan": "Reindex plan",
        "admin_confirm": "Yes, reindex",
        "admin_cancel": "Cancel",
        "admin_cancelled": "Cancelled – nothing changed.",
        "admin_result": "Result",
        "admin_busy": "Not started: {error}",
        "admin_running": "Indexing …",
        "admin_done": "done",
        "admin_unit": "documents",
        "plan_add": "new",
        "plan_check": "check (re-read if changed)",
        "plan_remove": "to be removed",
        "plan_none": "(none)",
        "plan_sources": "Sources",
        "status_documents": "Documents",
        "status_chunks": "Chunks",
        "status_cities": "Cities",
        "status_facts": "Salary figures",
        "status_model": "Model",
        "status_last_ingest": "Last ingest",
        "status_sources": "Sources",
    },
}


def language(value: str | None) -> str:
    """A supported page language: 'de' or 'en' (German when unsure)."""
    return value if value in LANGUAGES else DEFAULT


def t(lang: str, key: str, **values: object) -> str:
    """The text for key in lang, placeholders filled; a missing key is a bug, so it raises."""
    text = CATALOGUE[language(lang)][key]
    return text.format(**values) if values else text


def number(lang: str, value: int) -> str:
    """An integer with thousands separators as lang writes them: 20.000 or 20,000."""
    text = f"{value:,}"
    return text.replace(",", ".") if language(lang) == "de" else text


def preferred(accept_language: str | None) -> str:
    """The page language an Accept-Language header asks for: English if it ranks English above
    German, else German."""
    best: dict[str, float] = {}
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        code = tag.split("-")[0].strip().lower()
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if code in LANGUAGES and code not in best:
            best[code] = weight - i * 1e-6  # equal weights: the earlier one wins
    if not best:
        return DEFAULT
    return max(best, key=best.get)
