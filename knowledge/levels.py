"""Career levels and pay named in a text or a question, in general career words (German and
English), the same for reading the texts' figures and for reading questions."""

from __future__ import annotations

import re

# General career vocabulary for experience levels (not words of any one text).
LEAD = re.compile(
    r"teamleit|leitung|leiter|leitend|\bleite[nt]?\b|führungs|führungskraft|abteilungsleit|"
    r"bereichsleit|"
    r"head of|team lead|\blead\b",
    re.IGNORECASE,
)
ENTRY = re.compile(
    r"einstieg|einsteiger|berufsanf|anfang|anfäng|\bstart|junior|absolvent|nach dem studium|"
    r"frisch|trainee|berufsstart|ersten (?:jahr|berufsjahr)|entry|graduate|beginner",
    re.IGNORECASE,
)
EXPERIENCED = re.compile(
    r"erfahr|nach (?:ein paar|einigen|mehreren|wenigen|\d+|zwei|drei|fünf) jahren|senior|"
    r"berufsjahren|spezialis|fachkenntnis|zusatzqualifikation|experienced|experience",
    re.IGNORECASE,
)

# General words for pay (the glossary's salary/Gehalt).
PAY = re.compile(
    r"gehalt|gehält|verdien|lohn|löhn|bezahl|vergüt|einkommen|brutto|salar|\bpay|\bpaid\b|"
    r"\bearn|\bwage|\bincome",
    re.IGNORECASE,
)


def level_of(text: str) -> str | None:
    """The experience level a sentence speaks of, or None; lead beats entry beats experienced."""
    for name, pattern in (("lead", LEAD), ("entry", ENTRY), ("experienced", EXPERIENCED)):
        if pattern.search(text):
            return name
    return None
