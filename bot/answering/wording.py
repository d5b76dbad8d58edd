"""What the question's own words ask for, against the sentences that would answer it."""

from __future__ import annotations

import re

# General question words asking for an amount: a count, a sum, a duration.
QUANTITY = re.compile(
    r"\b(?:wie\s*viele?|wie\s+hoch|wie\s+lange?|was\s+kostet|how\s+many|how\s+much|how\s+long|"
    r"how\s+high)\b",
    re.IGNORECASE,
)
# A figure, or a number written as a word (German and English).
NUMBER = re.compile(
    r"\d|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
    r"hundert|tausend|halbe[nms]?|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
    r"hundred|half)",
    re.IGNORECASE,
)


def unmet_quantity(question: str, texts: list[str]) -> float:
    """1 when the question asks how many, how much or how long and none of texts holds a
    number: "Wie viele Urlaubstage …?" answered by a sentence on working from home."""
    asked = QUANTITY.search(question[:500]) is not None
    return float(asked and not any(NUMBER.search(t) for t in texts))
