"""Instructions aimed at the bot rather than questions about the texts."""

from __future__ import annotations

import re

# General prompt-injection phrasing in German and English; each alternative is a fixed word
# sequence, so matching is linear in the input.
_PHRASES = (
    r"\bignor\w* (?:all|the|any|previous|above|prior|your|deine|alle|vorherig\w*|die|jegliche)\b",
    r"\bvergiss (?:alle|deine|die|alles)\b",
    r"\bsystem[- ]?prompt",
    r"\byou are now\b",
    r"\bdu bist (?:jetzt|nun)\b",
    r"\bpretend\b",
    r"\bact as\b",
    r"\bdisregard\b",
    r"\bjailbreak",
    r"\bneue (?:regeln|anweisung)",
    r"\bnew instructions\b",
    r"\boverride\b",
    r"\bsag(?:e)?,? dass\b",
    r"\bsay that\b",
    r"\bantworte\w*(?: ab jetzt| nur| noch| immer)+ mit\b",
    r"\bvon (?:jetzt|nun) an\b",  # "from now on"; a bare "ab jetzt" asks about the present
    r"\b(?:answer|respond|reply)(?: only| just| always)+ with\b",
    r"\bonly (?:answer|respond|reply) with\b",
    r"\bgib (?:mir )?deine (?:anweisungen|regeln)\b",
    r"\bdeveloper mode\b",
    r"\bentwicklermodus\b",
    r"\bforget (?:the|all|your|everything|previous)\b",
    r"\b(?:just )?(?:invent|make up|fabricate|erfinde|erfinden|ausdenken)\b",
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
