"""The bot's own sentences in German and English; quotes from the texts stay as written."""

from __future__ import annotations

LEVEL = {
    "de": {
        "entry": "zum Berufseinstieg",
        "experienced": "mit Berufserfahrung",
        "lead": "in Leitungsfunktion",
        "unspecified": "(Stufe nicht angegeben)",
    },
    "en": {
        "entry": "at entry level",
        "experienced": "with experience",
        "lead": "in a lead role",
        "unspecified": "(level not stated)",
    },
}
PERIOD = {
    "de": {"month": "im Monat", "year": "im Jahr"},
    "en": {"month": "a month", "year": "a year"},
}
INTENT_LABEL = {
    "de": {
        "training": "Weiterbildung",
        "tasks": "Aufgaben",
        "skills": "Anforderungen",
        "market": "Arbeitsmarkt und Arbeitgeber",
        "conditions": "Arbeitsbedingungen",
        "overview": "dem Beruf",  # after "Zu": dative
        "salary": "Gehalt",
        "comparison": "Gehalt",
        "offtopic": "der Frage",
    },
    "en": {
        "training": "further training",
        "tasks": "tasks",
        "skills": "skills",
        "market": "the job market and employers",
        "conditions": "working conditions",
        "overview": "the job",
        "salary": "pay",
        "comparison": "pay",
        "offtopic": "the question",
    },
}

# The German words of each topic, added to the evidence search of a question on it: the texts
# are German, and a question in English or in other words still names its topic this way.
TOPIC_WORDS = {
    "training": "Weiterbildung Fortbildung Kurse Qualifizierung",
    "tasks": "Aufgaben Tätigkeiten Arbeitsalltag",
    "skills": "Anforderungen Fähigkeiten Kompetenzen Kenntnisse",
    "market": "Arbeitsmarkt Arbeitgeber Stellen Nachfrage",
    "conditions": "Arbeitsbedingungen Arbeitszeit",
    "salary": "Gehalt Verdienst",
    "comparison": "Gehalt Verdienst",
}

PHRASES = {
    "de": {
        "salary": "In {city} verdienen {profession} {level} {range} {period} {cite}.",
        "no_salary": "Der Text zu {city} nennt kein Gehalt für {profession}.",
        "no_level": "Für {profession} {level} nennt der Text zu {city} keine Zahl; er nennt:",
        "rank_head": "{profession} {level}, Städte nach Gehalt {period}, {order} "
        "(Mitte der Spanne):",
        "order_desc": "vom höchsten zum niedrigsten",
        "order_asc": "vom niedrigsten zum höchsten",
        "rank_other_period": "Nicht mitverglichen, weil {period} angegeben: {items}.",
        "rank_missing": "Keine Zahl {level} in den Texten zu: {cities}.",
        "rank_more": "… und weitere Städte: fragen Sie nach einer Stadt, um ihre Zahlen zu sehen.",
        "and_more": "{names} und weiteren Städten",
        "quote_lead": "Zu {topic} in {cities} sagt der Text:",
        "quote_lead_cities": "Zu {topic} in {cities} sagen die Texte:",
        "quote_lead_named": "Zu {topic} in {cities} nennt der Text {names}:",
        "overview_more": "Fragen Sie auch nach Weiterbildung, Aufgaben, Anforderungen oder dem "
        "Arbeitsmarkt.",
        "empty": "Bitte stellen Sie eine Frage.",
        "too_long": "Die Frage ist zu lang ({length} Zeichen, höchstens {limit}). "
        "Bitte kürzer fragen.",
        "injection": "Anweisungen an den Bot kann ich nicht befolgen; ich antworte nur aus "
        "den Texten.",
        "uncovered": "Zu {cities} habe ich keine Texte.",
        "profession": "Zu {asked} habe ich keine Texte; meine Texte behandeln {covered}.",
        "offtopic": "Dazu steht nichts in meinen Texten.",
        "nothing": "Darauf geben die Texte keine Antwort.",
        "covers": "Ich beantworte Fragen zum Beruf {professions} in {cities}: Gehalt, "
        "Weiterbildung, Aufgaben, Anforderungen und Arbeitsmarkt.",
        "empty_store": "Die Wissensbasis ist leer. Füllen Sie sie mit: careerbot ingest "
        "--source ORDNER",
        "unavailable": "Die Wissensbasis ist gerade nicht erreichbar ({error}). Bitte gleich "
        "noch einmal versuchen.",
    },
    "en": {
        "salary": "In {city}, {profession} earn {range} {period} {level} {cite}.",
        "no_salary": "The text on {city} gives no pay for {profession}.",
        "no_level": "The text on {city} gives no figure for {profession} {level}; it gives:",
        "rank_head": "{profession} {level}: cities by pay {period}, {order} (middle of the "
        "range):",
        "order_desc": "highest first",
        "order_asc": "lowest first",
        "rank_other_period": "Not compared, because stated {period}: {items}.",
        "rank_missing": "No figure {level} in the texts on: {cities}.",
        "rank_more": "… and more cities: ask about one city to see its figures.",
        "and_more": "{names} and more cities",
        "quote_lead": "On {topic} in {cities}, the text says{note}:",
        "quote_lead_cities": "On {topic} in {cities}, the texts say{note}:",
        "quote_lead_named": "On {topic} in {cities}, the text names {names}{note}:",
        "quoted_in": " (quoted in German)",
        "overview_more": "You can also ask about further training, tasks, skills or the job "
        "market.",
        "empty": "Please ask a question.",
        "too_long": "The question is too long ({length} characters, at most {limit}). "
        "Please ask a shorter one.",
        "injection": "I cannot follow instructions aimed at the bot; I only answer from the texts.",
        "uncovered": "I have no texts on {cities}.",
        "profession": "I have no texts on {asked}; my texts cover {covered}.",
        "offtopic": "My texts say nothing about that.",
        "nothing": "The texts do not answer that.",
        "covers": "I answer questions about working as {professions} in {cities}: pay, "
        "further training, tasks, skills and the job market.",
        "empty_store": "The knowledge base is empty. Fill it with: careerbot ingest "
        "--source FOLDER",
        "unavailable": "The knowledge base cannot be reached right now ({error}). Please try "
        "again in a moment.",
    },
}


def phrase(language: str, key: str, **values) -> str:
    """A template sentence in the given language, filled with values."""
    return PHRASES.get(language, PHRASES["de"])[key].format(**values)


def listed(names: tuple[str, ...] | list[str], language: str, limit: int = 12) -> str:
    """Names joined by commas; past limit, the first ones and "more" (a refusal in a store of
    400 cities names a dozen; no count: an answer states no number the texts do not)."""
    if len(names) <= limit:
        return ", ".join(names) or "-"
    return phrase(language, "and_more", names=", ".join(names[:limit]))


def euros(amount: int, language: str) -> str:
    """'3.200 €' in German, '€3,200' in English."""
    if language == "en":
        return f"€{amount:,}"
    return f"{amount:,} €".replace(",", ".")


def fmt_range(low: int, high: int | None, language: str) -> str:
    """A stated range, an open floor ('ab 3.100 €') or a single figure."""
    if high is None:
        return f"{'from' if language == 'en' else 'ab'} {euros(low, language)}"
    if high == low:
        return f"{'about' if language == 'en' else 'rund'} {euros(low, language)}"
    word = "to" if language == "en" else "bis"
    return f"{euros(low, language)} {word} {euros(high, language)}"


def period_words(period: str, language: str) -> str:
    """'im Monat' / 'a year' for a fact's period."""
    return PERIOD.get(language, PERIOD["de"]).get(period, "")


def level_words(level: str | None, language: str) -> str:
    """How a level is said in a sentence ('' for none)."""
    return LEVEL.get(language, LEVEL["de"]).get(level or "", "")
