"""Evidence guard for LLM answers: citations, numbers and coverage checked against the passages."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.model import Citation, Passage
from ingest.amounts import KILO
from knowledge.sentences import sentence_spans

LEAD_IN_CHARS = 80

_MARKER = re.compile(r"\[\s*(\d+(?:\s*(?:[,;]|[-–])\s*\d+)*)\s*\]")
_KILO = re.compile(rf"\s?{KILO}$")
_NUMBER = re.compile(rf"\d+(?:[.,\u00a0\u202f\u2009]\d+)*(?:\s?{KILO}(?!\w))?")
_GROUP_SEP = re.compile(r"[.,\u00a0\u202f\u2009]")
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"\w{4,}")
# Phrases that turn a passage sentence into an order to the model rather than a fact about a city.
_INSTRUCTION = re.compile(
    r"\b(?:ignor\w*|disregard|forget|vergiss|vergessen\s+sie)\b.{0,40}"
    r"\b(?:above|previous|prior|instructions?|rules?|oben|vorherige\w*|anweisung\w*|regeln)\b"
    r"|\b(?:system\s*prompt|you\s+are\s+now|du\s+bist\s+(?:jetzt|nun)"
    r"|(?:new|neue)\s+(?:rules?|instructions?|regeln|anweisung\w*))\b"
    r"|\b(?:say|tell\s+(?:the\s+user|them)|answer|respond|reply),?\s+(?:that|with|only|always)\b"
    r"|\b(?:sag\w*|antworte\w*|behaupte\w*),?\s+(?:dass|immer|nur|stets|mit)\b"
    r"|\bsay\s+(?:\w+\s+){0,3}(?:is|are|ist|sind)\b"
    r"|<\s*/?\s*(?:passages?|question|system|instructions?|rules?)\b",
    re.IGNORECASE | re.DOTALL,
)


def markers(text: str) -> list[int]:
    """Passage numbers cited as [n], [n, m] or [n-m], in order of appearance."""
    out: list[int] = []
    for m in _MARKER.finditer(text):
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part.strip())]
            lo, hi = bounds[0], bounds[-1]
            # a reversed or huge range is a typo, not a citation of dozens of passages
            out.extend(range(lo, hi + 1) if 0 <= hi - lo <= 10 else [lo, hi])
    return out


def strip_markers(text: str) -> str:
    """Text without its [n] citation markers."""
    return _MARKER.sub("", text)


def looks_like_instruction(sentence: str) -> bool:
    """True for sentences that order the reader around ("ignore the above", "say that")."""
    return bool(_INSTRUCTION.search(sentence))


def number_values(token: str) -> frozenset[Decimal]:
    """Every value a written number may mean: 3.200 / 3,200 / 3200 -> 3200, 3,5 -> 3.5;
    "47k", "47 TEUR" -> 47000."""
    kilo = _KILO.search(token)
    if kilo:  # "47k", "55 TEUR": thousands
        return frozenset(v * 1000 for v in number_values(token[: kilo.start()].rstrip()))
    parts = _GROUP_SEP.split(token)
    seps = _GROUP_SEP.findall(token)
    if not seps:
        return frozenset({Decimal(token)})
    values: set[Decimal] = set()
    if all(len(p) == 3 for p in parts[1:]) and len(set(seps)) == 1:
        values.add(Decimal("".join(parts)))  # all separators group thousands
    decimal_sep = seps[-1]
    if decimal_sep in ".," and all(len(p) == 3 for p in parts[1:-1]):
        if len(seps) == 1 or (len(set(seps[:-1])) == 1 and seps[0] != decimal_sep):
            values.add(Decimal("".join(parts[:-1]) + "." + parts[-1]))
    if not values:  # dates, versions: each digit group stands for itself
        values.update(Decimal(p) for p in parts)
    return frozenset(values)


def numbers(text: str) -> list[tuple[str, frozenset[Decimal]]]:
    """(as written, possible values) for each number in text, citation markers ignored."""
    text = _LIST_MARK.sub("", strip_markers(text))
    return [(m.group(0), number_values(m.group(0))) for m in _NUMBER.finditer(text)]


def evidence_values(passage: Passage) -> set[Decimal]:
    """Values of the numbers a passage states; none if any of its sentences gives orders."""
    values: set[Decimal] = set()
    for s, e in sentence_spans(passage.text):
        sentence = passage.text[s:e]
        if looks_like_instruction(sentence):
            # a passage that talks to the model is planted text: none of its figures count
            return set()
        for _, vals in numbers(sentence):
            values |= vals
    return values


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer; a bare "[n]" after the full stop belongs to the sentence before."""
    out: list[str] = []
    for line in text.splitlines():
        line = _LIST_MARK.sub("", line).strip()
        for s, e in sentence_spans(line):
            piece = line[s:e].strip()
            if out and not re.sub(r"[\s.,;:!?)]", "", strip_markers(piece)):
                out[-1] = f"{out[-1]} {piece}"
            elif piece:
                out.append(piece)
    return out


def check(text: str, passages: list[Passage]) -> tuple[bool, str]:
    """(ok, reason): every [n] exists, every sentence is cited, every number is in its sources."""
    sentences = answer_sentences(text)
    if not sentences:
        return False, "empty answer"
    k = len(passages)
    unknown = sorted({n for n in markers(text) if not 1 <= n <= k})
    if unknown:
        return False, f"unknown citation [{unknown[0]}] (only [1]..[{k}] exist)"
    if not markers(text):
        return False, "no citations"
    evidence: dict[int, set[Decimal]] = {}
    for i, sentence in enumerate(sentences):
        cited = markers(sentence)
        if not cited:
            lead_in = i == 0 and len(sentence) <= LEAD_IN_CHARS and not re.search(r"\d", sentence)
            if lead_in:
                continue
            return False, f"uncited sentence: {sentence[:120]!r}"
        for written, vals in numbers(sentence):
            found = False
            for n in cited:
                if n not in evidence:
                    evidence[n] = evidence_values(passages[n - 1])
                if vals & evidence[n]:
                    found = True
                    break
            if not found:
                refs = "".join(f"[{n}]" for n in dict.fromkeys(cited))
                planted = [n for n in cited if looks_like_instruction(passages[n - 1].text)]
                why = f" (passage [{planted[0]}] gives instructions)" if planted else ""
                return False, f"number {written} not in cited passage {refs}{why}"
    return True, ""


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def citations(text: str, passages: list[Passage]) -> list[Citation]:
    """One verbatim quote per cited passage: the sentences that best back the claims citing it."""
    claims: dict[int, list[str]] = {}
    for sentence in answer_sentences(text):
        for n in dict.fromkeys(markers(sentence)):
            if 1 <= n <= len(passages):
                claims.setdefault(n, []).append(strip_markers(sentence))
    out = []
    for n in sorted(claims):
        p = passages[n - 1]
        s, e = _quote_span(p.text, " ".join(claims[n]))
        out.append(Citation(n, p.source, p.title, p.city, p.text[s:e], p.start + s, p.start + e))
    return out


def _quote_span(text: str, claim: str) -> tuple[int, int]:
    """Span of text: the best word-overlap sentence plus every sentence holding a claimed number."""
    spans = sentence_spans(text)
    if not spans:
        return 0, len(text)
    claim_words = _words(claim)
    claim_values = set().union(*(v for _, v in numbers(claim)))
    picked = set()
    best, best_score = 0, -1
    for i, (s, e) in enumerate(spans):
        sentence = text[s:e]
        values = set().union(*(v for _, v in numbers(sentence)))
        if values & claim_values and not looks_like_instruction(sentence):
            picked.add(i)
        score = len(_words(sentence) & claim_words)
        if score > best_score:
            best, best_score = i, score
    if best_score <= 0 and not picked:
        return 0, len(text)
    picked.add(best)
    return spans[min(picked)][0], spans[max(picked)][1]
