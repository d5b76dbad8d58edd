"""The bot's own sentences in German and English; quotes from the texts stay German."""

from __future__ import annotations

LEVEL = {
    "de": {
        "entry": "Berufseinstieg",
        "experienced": "mit Erfahrung",
        "unspecified": "ohne Angabe der Stufe",
    },
    "en": {"entry": "entry level", "experienced": "experienced", "unspecified": "level not stated"},
}

PHRASES = {
    "de": {
        "salary": "{city} ({level}): {range} {cite}.",
        "no_salary": "Der Text zu {city} nennt kein Gehalt.",
        "no_level": "Für die Stufe „{level}“ nennt der Text zu {city} keine Zahl; "
        "er nennt nur diese:",
        "rank_desc": "Städte nach Gehalt ({level}), vom höchsten zum niedrigsten "
        "(Mitte der Spanne):",
        "rank_asc": "Städte nach Gehalt ({level}), vom niedrigsten zum höchsten "
        "(Mitte der Spanne):",
        "rank_missing": "Keine Zahl für „{level}“ in den Texten zu: {cities}.",
        "quote_lead": "Das sagen die Texte dazu ({cities}):",
        "overview_more": "Fragen Sie auch nach Weiterbildung, Aufgaben, Anforderungen oder dem "
        "Arbeitsmarkt.",
        "empty": "Bitte stellen Sie eine Frage.",
        "too_long": "Die Frage ist zu lang ({length} Zeichen, höchstens {limit}). "
        "Bitte kürzer fragen.",
        "injection": "Anweisungen an den Bot kann ich nicht befolgen; ich antworte nur aus "
        "den Texten.",
        "uncovered": "Zu {cities} habe ich keine Texte.",
        "offtopic": "Dazu steht nichts in meinen Texten.",
        "nothing": "Darauf geben die Texte keine Antwort.",
        "covers": "Ich beantworte Fragen zum Beruf Medizininformatiker in {cities}: Gehalt, "
        "Weiterbildung, Aufgaben, Anforderungen und Arbeitsmarkt.",
        "unavailable": "Die Wissensbasis ist gerade nicht erreichbar ({error}). Bitte gleich "
        "noch einmal versuchen.",
    },
    "en": {
        "salary": "{city} ({level}): {range} {cite}.",
        "no_salary": "The text on {city} gives no salary.",
        "no_level": "The text on {city} gives no figure for “{level}”; it only gives this:",
        "rank_desc": "Cities by pay ({level}), highest first (middle of the range):",
        "rank_asc": "Cities by pay ({level}), lowest first (middle of the range):",
        "rank_missing": "No figure for “{level}” in the texts on: {cities}.",
        "quote_lead": "What the texts say ({cities}), quoted in German:",
        "overview_more": "You can also ask about further training, tasks, skills or the job "
        "market.",
        "empty": "Please ask a question.",
        "too_long": "The question is too long ({length} characters, at most {limit}). "
        "Please ask a shorter one.",
        "injection": "I cannot follow instructions aimed at the bot; I only answer from the texts.",
        "uncovered": "I have no texts on {cities}.",
        "offtopic": "My texts say nothing about that.",
        "nothing": "The texts do not answer that.",
        "covers": "I answer questions about working as a Medizininformatiker (medical "
        "informatics specialist) in {cities}: pay, further training, tasks, skills and the "
        "job market.",
        "unavailable": "The knowledge base cannot be reached right now ({error}). Please try "
        "again in a moment.",
    },
}


def phrase(language: str, key: str, **values) -> str:
    """A template sentence in the given language, filled with values."""
    return PHRASES.get(language, PHRASES["de"])[key].format(**values)


def fmt_range(low: int, high: int, language: str) -> str:
    """'3.200 € bis 3.600 €' (German digit grouping in both languages, as the texts write it)."""
    word = "bis" if language == "de" else "to"
    return f"{low:,} € {word} {high:,} €".replace(",", ".")
