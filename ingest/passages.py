"""A parsed text as LangChain documents: its chunks, and its sentences for sentence-level
evidence, each with the metadata a citation needs."""

from __future__ import annotations

import re
from functools import lru_cache

from langchain_core.documents import Document

from ingest.chunker import parse
from ingest.reader import SourceText
from knowledge.occupations import mentions, same
from knowledge.sentences import FIELD, LIST_ITEM, TABLE_ROW, sentence_spans
from knowledge.tables import headers, labelled

MIN_SENTENCE = 20  # shorter pieces ("Oder?", "Tja.") state nothing worth quoting, unless
# they are a line of a fact sheet: a list item, a field or a table row ("Urlaub: 30 Tage").
_WORD = re.compile(r"[^\W_]{2,}")
# What a sentence record embeds; a store written with another form is re-embedded by the next
# ingest (its texts unchanged): change it whenever window() changes.
DOCUMENT_FORM = "sentence-with-heading-row-labels"
# How a document's city and profession are read: a store read another way is read again by the
# next ingest, and only the documents whose metadata changes are embedded again.
READING = (
    "professions-roles-sections-labels-signatures-denials-titles-section-professions-transcripts"
    "-row-cells-table-rows-short-fields-dated-entries"
)


def window(heading: str, sentence: str) -> str:
    """The text embedded for a sentence: its heading and itself.

    Not the sentence before as well: that made the next sentence rank first for what its
    neighbour says (dev questions: the best sentence held the asked fact in 40 %, 54 %
    without it). A quote pointing back takes its neighbour at answer time instead.
    """
    return " ".join(x for x in (heading, sentence) if x)


def quotable(sentence: str) -> bool:
    """A sentence that can back an answer: long enough or a line of a fact sheet ("- ITIL 4
    Foundation", "Urlaub: 30 Tage", "2023 | 17"), and not a (rhetorical) question."""
    if sentence.rstrip("“”\"'»«").endswith("?"):
        return False
    if len(sentence) >= MIN_SENTENCE:
        return True
    structured = LIST_ITEM.match(sentence) or FIELD.match(sentence) or TABLE_ROW.search(sentence)
    return bool(structured) and _WORD.search(sentence) is not None


def section_profession(heading: str, parsed, text: str) -> str | None:
    """The occupation a section's heading names when it is not the document's own and the text
    names it again: a city text mostly on nurses has a section "Medizininformatik in
    Baesweiler", whose passages answer questions on Medizininformatiker ("Einschätzung der
    Beraterin" names who writes). The title and headline name the whole text."""
    if not heading or heading in (parsed.title, parsed.headline):
        return None
    # The heading's subject: among its first words, after a label ("Zum Vergleich: ..."); an
    # item of minutes ("TOP 6 Projekt Pflege-IT, Vergütung Pflegefachkräfte") is about more.
    subject = heading.split(": ", 1)[-1]
    lead = len(" ".join(subject.split()[:3]))
    named = [m.name for m in mentions(subject) if m.start < lead]
    own = parsed.profession
    if not named or (own and any(same(n, own) for n in named)):
        return None
    again = sum(same(name, named[0]) for name in _occupations_in(text))
    return named[0] if again >= 2 else None


@lru_cache(maxsize=1)
def _occupations_in(text: str) -> tuple[str, ...]:
    """The occupations a document names, read once for all its sections."""
    return tuple(m.name for m in mentions(text))


def to_documents(src: SourceText, max_chars: int) -> tuple[list[Document], object]:
    """Chunk documents and sentence documents for a source text, and the parse."""
    parsed = parse(
        src.text,
        max_chars,
        headings=getattr(src, "headings", None),
        meta=getattr(src, "meta", None),
    )
    common = {
        "source": src.source,
        "title": parsed.title,
        "city": parsed.city or "",
        "profession": getattr(parsed, "profession", None) or "",
    }
    docs: list[Document] = []
    under = headers(src.text)
    for i, c in enumerate(parsed.chunks):
        where = {"heading": c.heading, "paragraph": c.paragraph, "chunk": i}
        section = section_profession(c.heading, parsed, src.text)
        where["profession"] = section or common["profession"]
        docs.append(
            Document(
                page_content=c.text,
                metadata={**common, **where, "kind": "chunk", "start": c.start, "end": c.end},
            )
        )
        for s, e in sentence_spans(c.text, offset=c.start):
            sentence = src.text[s:e]
            if quotable(sentence):
                meta = {**common, **where, "kind": "sentence", "start": s, "end": e}
                meta["quote"] = sentence
                # A table row is embedded with its column names, quoted as it stands.
                said = labelled(under[s][1], sentence) if s in under else sentence
                docs.append(Document(page_content=window(c.heading, said), metadata=meta))
    return docs, parsed
