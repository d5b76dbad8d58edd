"""Instructions aimed at the bot rather than questions about the texts."""

from __future__ import annotations

import re

# General prompt-injection phrasing in German and English; each alternative is a fixed word
# sequence, so matching is linear in the input.
_PHRASES = (
    r"\bignor\w* (?:(?:ab jetzt|ab sofort|von nun an|bitte|einfach|just|now) )?"
    r"(?:all|the|any|previous|above|prior|your|deine|alle|vorherig\w*|jegliche|die|den|das|der|dem)\b",
    r"\bvergiss (?:alle|deine|die|alles|den|das)\b",
    r"\bsystem[- ]?prompt",
    r"\byou are now\b",
    r"\bdu bist (?:ab )?(?:jetzt|nun|sofort)\b",
    r"\btu so,? als\b",  # "pretend"
    r"\bab (?:jetzt|sofort) (?:antwortest|darfst|bist|sollst|wirst)\b",
    r"\bpretend\b",
    r"\bact as\b",
    r"\bdisregard\b",
    r"\bjailbreak",
    r"\bneue (?:regeln?|anweisung\w*)\b",
    r"\bnew instructions?\b",
    r"\b(?:hidden|secret|versteckt\w*|geheim\w*) (?:instructions|anweisungen|regeln|prompt)",
    r"\bsystemanweisung",
    # A role marker or tag, as if the text came from the system: "SYSTEM:", "<system>".
    r"(?:^|\n)\s*system(?:[- ]?\w+)?\s*:",
    r"</?(?:system|context|instructions?)>",
    r"\boverride\b",
    r"\bsag(?:e)?,? dass\b",
    r"\bsay that\b",
    # Asked to assert a figure it is handed, or to leave out the quotes every answer carries.
    r"\b(?:confirm|bestätig\w*) (?:this|the|that|these|diese\w*|die|den|das) (?:new |neue\w* )?"
    r"(?:number|figure|amount|salary|value|zahl|angabe|betrag|wert|gehalt)",
    r"\bwithout (?:quoting|citing|citations?|sources?|references?)\b",
    r"\bohne (?:zu )?(?:zitier\w*|zitate?|quellen\w*|belege?)\b",
    r"\bantworte\w*(?: ab jetzt| nur| noch| immer)+ (?:mit|ohne)\b",
    r"\bvon (?:jetzt|nun) an\b",  # "from now on"; a bare "ab jetzt" asks about the present
    r"\b(?:answer|respond|reply)(?: only| just| always)+ with\b",
    r"\bonly (?:answer|respond|reply) with\b",
    r"\bgib (?:mir )?deine (?:anweisungen|regeln)\b",
    r"\bdeveloper mode\b",
    r"\bentwicklermodus\b",
    r"\bforget (?:the|all|your|everything|previous)\b",
    r"\b(?:just )?(?:invent|make up|fabricate|erfinde|erfinden|ausdenken)\b",
    r"\bdenk (?:dir|euch)\b",  # "denk dir was aus": make something up
    r"\bfrom now on\b",
    r"\badmin\w*[- ]?(?:mode|modus)\b",
    # Asking for everything at once ("print the full text of all documents"), not for a text.
    r"\b(?:print|reveal|dump|output|gib|zeig\w*) (?:me |mir )?(?:the |your |den |die |deine )?"
    r"(?:(?:all|alle|full|whole|entire|ganzen|vollst\w*) )+(?:the |die |deine |your )?"
    r"(?:text|texte|documents|dokumente|instructions|anweisungen)\b",
)
INJECTION = re.compile(
    "|".join(_PHRASES),
    re.IGNORECASE,
)


def is_injection(text: str) -> bool:
    """Whether text tries to instruct the bot."""
    return INJECTION.search(text) is not None
