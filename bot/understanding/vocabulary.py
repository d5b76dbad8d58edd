"""The small bilingual domain vocabulary: how questions name topics, and the German words the
texts use for them. Cues are folded (lower case, umlauts spelled out); a cue of five letters or
more matches inside German compounds, a shorter one only at the start of a word."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A topic: cue words in questions, German search words, and core words a quote needs."""

    label: str
    cues: tuple[str, ...]
    expansion: str
    core: str


def _cues(text: str) -> tuple[str, ...]:
    return tuple(c.replace("_", " ") for c in text.split())


TOPICS: dict[str, Topic] = {
    "salary": Topic(
        "Gehalt",
        _cues(
            "gehalt gehaelt verdien loehne bezahl zahlt zahlen verguet einkommen euro brutto "
            "salar pay paid earn wage income money"
        ),
        "Gehalt Einstiegsgehalt Einstiegsgehälter verdienen €",
        "Gehalt verdienen",
    ),
    "training": Topic(
        "Weiterbildung",
        _cues(
            "weiterbild fortbild schulung zertifi kurs lernen qualifizier hochschul universit "
            "train course educat certif learn study studium further"
        ),
        "Weiterbildung Fortbildung Fortbildungen Hochschule Universität Institute Zertifikat",
        "Weiterbildung Fortbildung Fortbildungen Hochschule Institute Zertifikat Kurs "
        "Qualifikation",
    ),
    "tasks": Topic(
        "Aufgaben",
        _cues(
            "aufgabe alltag taetigkeit macht machen arbeitet what_do role task daily duties duty "
            "day-to-day work_on working_on tun"
        ),
        "Aufgaben Alltag Arbeitsalltag Schnittstellen Patientenakten Patientendaten Systeme "
        "Systemmigrationen",
        "Aufgaben Aufgabe Alltag Arbeitsalltag",
    ),
    "skills": Topic(
        "Anforderungen",
        _cues(
            "anforderung faehigkeit kompetenz kenntnis voraussetzung braucht_man mitbringen "
            "kennen skill requirement need_to should_i_know standard hl7 qualities ability "
            "wissen"
        ),
        "Anforderungen Kenntnisse Kommunikation Kommunikationsgeschick Hartnäckigkeit HL7 Geduld "
        "verlangt gefragt Fachkenntnisse Standard",
        "Anforderungen Kenntnisse Kommunikationsgeschick Hartnäckigkeit HL7 Geduld verlangt "
        "Fachkenntnisse Empathie",
    ),
    "market": Topic(
        "Arbeitsmarkt",
        _cues(
            "arbeitsmarkt arbeitgeber stellen nachfrage chance klinik jobsicher entwickler "
            "employer market demand hiring hire compan opportunit prospect secur sicher "
            "developer jobs"
        ),
        "Arbeitsmarkt Nachfrage Kliniken Klinikum Stadtklinikum Arbeitgeber "
        "Gesundheitsdienstleister Jobsicherheit Klinikverbünde",
        "Arbeitsmarkt Nachfrage Kliniken Klinikum Stadtklinikum Arbeitgeber "
        "Gesundheitsdienstleister Jobsicherheit Klinikverbünde Entwicklerjobs Arbeitslosigkeit",
    ),
}

# English (and colloquial German) words -> the German words the texts use.
TRANSLATIONS = {
    "developer": "Entwickler Entwicklerjobs",
    "employer": "Arbeitgeber Kliniken",
    "employers": "Arbeitgeber Kliniken",
    "hospital": "Klinik Klinikum Krankenhaus",
    "hospitals": "Kliniken Krankenhäuser",
    "clinic": "Klinik Klinikum",
    "security": "Sicherheit Jobsicherheit",
    "secure": "Jobsicherheit",
    "data": "Daten",
    "protection": "Datenschutz",
    "privacy": "Datenschutz",
    "interoperability": "Interoperabilität",
    "interface": "Schnittstelle Schnittstellen",
    "interfaces": "Schnittstellen",
    "exchange": "Datenaustausch",
    "standard": "Standard HL7",
    "ai": "KI",
    "university": "Universität Hochschule",
    "college": "Hochschule",
    "patient": "Patienten Patientendaten",
    "records": "Patientenakten",
    "communication": "Kommunikation Kommunikationsgeschick",
    "persistence": "Hartnäckigkeit",
    "patience": "Geduld",
    "demand": "Nachfrage",
    "research": "Forschung",
    "home": "Homeoffice",
    "remote": "Homeoffice",
    "beginners": "Berufseinsteiger Einstieg",
    "beginner": "Berufseinsteiger Einstieg",
    "experienced": "Erfahrung Spezialwissen",
    "experience": "Erfahrung",
}

DOMAIN = _cues(
    "medizininformat medical_informatic health_it gesundheits-it beruf job arbeit work career "
    "karriere stadt city digitalisier"
)
ENTRY = _cues(
    "einstieg einsteig berufsanf anfaeng junior beginner entry starting start graduate "
    "absolvent first_job neuling newcomer"
)
EXPERIENCED = _cues(
    "erfahr senior spezialwissen nach_ein_paar_jahren experienced experience after_a_few_years "
    "specialist later"
)
EN_WORDS = frozenset(
    "the what which how does do is are pay job jobs city where there and can i you training "
    "salary earn entry level tasks skills about tell me of a an for with who many should know "
    "get much have need secure hires best most".split()
)
DE_WORDS = frozenset(
    "was wie welche welcher gibt es man verdient und dort der die das ist ich für mit kann wo "
    "gehalt einstieg weiterbildung stadt beruf bei als im den dem ein eine braucht sind wer "
    "viel".split()
)
