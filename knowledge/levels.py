"""Career levels and pay named in a text or a question, in general career words (German and
English), the same for reading the texts' figures and for reading questions."""

from __future__ import annotations

import re

# General career vocabulary for experience levels (not words of any one text). A career changer
# ("Quereinsteiger") is no entry level; "seit vier Jahren" in the job is experience.
# "leit..." at a word start or after a unit: not "berufsbegleitend", "Weiterleitung", "Anleitung".
LEAD = re.compile(
    r"(?:\b|team|abteilungs|bereichs|gruppen|projekt|stations|it-)leit(?:ung|er|end)|"
    r"\bleite[nt]?\b|führungs|führungskraft|head of|team ?leads?|\bleads?\b",
    re.IGNORECASE,
)
ENTRY = re.compile(
    r"(?<!quer)einstieg|(?<!quer)einsteiger|berufsanf|anfang|anfäng|angefangen|anfing|\bstart|junior|"
    r"absolvent|"
    r"nach dem studium|frisch|trainee|berufsstart|ersten (?:jahr|berufsjahr)|entry|graduate|"
    r"beginner",
    re.IGNORECASE,
)
_SOME = (
    r"(?:ein paar|einigen|mehreren|wenigen|a few|several|some|many|\d+|zwei|drei|vier|fünf|"
    r"sechs|sieben|acht|zehn|two|three|four|five|six|seven|eight|ten)"
)
EXPERIENCED = re.compile(
    rf"erfahr|(?:nach|seit) (?:knapp |gut |über |fast )?{_SOME} jahren|senior|berufsjahren|"
    rf"spezialis|fachkenntnis|zusatzqualifikation|experienced|experience|"
    rf"(?:after|for) {_SOME} years|(?:mehr als|über|more than|over) {_SOME} (?:jahre|years)",
    re.IGNORECASE,
)

# "Senior" names experience in some texts and a lead role in others ("Senior bzw.
# Teamleitung: 5.200 €", "Senior specialist or team lead"): where a text labels figures with
# it, its label says which are meant.
SENIOR = re.compile(r"\bsenior", re.IGNORECASE)

# General words for pay (the glossary's salary/Gehalt).
PAY = re.compile(
    r"gehalt|gehält|verdien|lohn(?!en\b|t\b|ens|end)|löhn|bezahl|vergüt|einkommen|brutto|salar|"
    r"\bpay|\bpaid\b|\bearn|\bwage|\bincome",  # not "lohnt sich" (is worth it)
    re.IGNORECASE,
)


# General words for a price or a fee: a figure that costs is no pay ("Der Lehrgang kostet 2.480
# Euro", "a course fee of €900").
COST = re.compile(r"\bkoste[nt]?\b|gebühr|\bpreis|\bcosts?\b|\bfees?\b|\bprice", re.IGNORECASE)


# General words for a payment beside the salary: the figure right after one is not the salary
# ("a relocation allowance of up to €2,500", "eine Umzugspauschale von 1.500 EUR", "a relocation
# package of up to €3,000"), and a question naming one asks about it, not the salary.
EXTRA = re.compile(
    r"zulage|pauschale|zuschuss|prämie|bonus|\bboni\b|sonderzahlung|allowance|stipend|grant|"
    r"subsid|relocation|umzug|weihnachtsgeld|urlaubsgeld|13\.\s*(?:monats)?gehalt|13th",
    re.IGNORECASE,
)

# General words for people still learning the trade (students working beside their studies,
# interns, apprentices): their pay is none of the profession's levels, so a question on it is
# asked of the texts' sentences, which may or may not speak of it.
LEARNER = re.compile(
    r"werkstudent|studentische|studierende|hilfskr[aä]ft|praktikant|praktikum|\bazubis?\b|"
    r"auszubildend|ausbildungsvergütung|\bintern(?:s|ships?)?\b|apprentice|working students?|"
    r"student (?:assistant|job|worker)s?",
    re.IGNORECASE,
)


# General words for how pay is set (a collective agreement, a pay scale): a question naming one
# asks which scheme applies, which the salary figures alone do not say.
PAY_SCHEME = re.compile(
    r"tarif|\btv-?[öo]e?d\b|\btv-l\b|"
    r"collective\s+(?:wage\s+|pay\s+|bargaining\s+|labou?r\s+)?agreement|pay\s+scales?\b|"
    r"union\s+(?:contract|agreement)",
    re.IGNORECASE,
)


def level_of(text: str) -> str | None:
    """The experience level a sentence speaks of, or None; lead beats entry beats experienced."""
    for name, pattern in (("lead", LEAD), ("entry", ENTRY), ("experienced", EXPERIENCED)):
        if pattern.search(text):
            return name
    return None


# The whole words (and phrases) a level pattern matches in: "Berufserfahrung", "team leads".
_LEVEL_WORDS = tuple(
    re.compile(rf"[\w-]*(?:{p.pattern})[\w-]*", re.IGNORECASE) for p in (LEAD, ENTRY, EXPERIENCED)
)


def without_levels(text: str) -> str:
    """text with the words of its levels left out, whole ("and for team leads?", "Und mit
    Berufserfahrung?" -> "and for ?", "Und mit ?")."""
    for words in _LEVEL_WORDS:
        text = words.sub(" ", text)
    return text


def nearest_level(text: str) -> str | None:
    """The level whose word stands last in text (the one nearest what follows it)."""
    found = [
        (m.end(), name)
        for name, pattern in (("lead", LEAD), ("entry", ENTRY), ("experienced", EXPERIENCED))
        for m in pattern.finditer(text)
    ]
    return max(found)[1] if found else None
