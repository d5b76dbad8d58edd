"""Plain text out of .html files: the page's main text (trafilatura), with the headings and
prose it left out put back, list items marked and table rows as cells."""

from __future__ import annotations

import re

from ingest.formats import Blocks, Extracted, FormatError, decode

# A <summary> heads its <details> (an FAQ accordion's question) as a heading does its section.
_HTML_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "summary")
_HTML_BLOCKS = (*_HTML_HEADINGS, "p", "li", "td", "div")
LIST_ITEM_MARK = re.compile(r"^(?:•|\d{1,3}\.) ")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# trafilatura's elements that hold blocks of their own when it nests them in a paragraph.
_NESTED = ("list", "table", "p", "quote")


def from_html(data: bytes) -> Extracted:
    """Main text of a web page (trafilatura), headings as their own blocks, title from the page."""
    import trafilatura
    from lxml import etree, html

    text, encoding = decode(data)
    # lxml refuses a str that still declares its byte encoding (XHTML): it is decoded already.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        page = html.fromstring(text)
    except (etree.ParserError, ValueError):
        raise FormatError("not an HTML page (no markup found)") from None
    if _caption_figures(page):
        text = html.tostring(page, encoding="unicode")
    meta: dict[str, str] = {}
    for path in ("//title", "//h1"):
        found = [" ".join(e.text_content().split()) for e in page.xpath(path)]
        if found and found[0]:
            meta["title"] = found[0]
            break
    xml = trafilatura.extract(
        text, output_format="xml", include_tables=True, include_comments=False, favor_recall=True
    )
    found: list[tuple[str, bool]] = []
    if xml:
        _walk(etree.fromstring(xml.encode("utf-8")).find("main"), found)
    body = page.find("body") if page.find("body") is not None else page
    elements = [e for e in body.iter(*_HTML_BLOCKS, "dd") if e.text_content().strip()]
    # On a page too small for it, trafilatura falls back to one run of text: take the elements.
    if len(found) <= 1 < len(elements):
        found = [
            (("• " if e.tag == "li" else "") + _text_of(e), e.tag in _HTML_HEADINGS)
            for e in elements
            if e.tag != "div" or not len(e)
        ]
    blocks = Blocks()
    for text, heading in _headed(found, elements):
        blocks.add(text, heading)
    return blocks.result(encoding, meta)


def _caption_figures(page) -> bool:
    """A key figure's caption put in front of the figure's own text, as its label ("Einstiegs-
    gehalt …: 46.800 Euro brutto im Jahr"): trafilatura drops captions, and a figure apart from
    the words saying what it counts is no fact. A photo's caption stays out."""
    changed = False
    for figure in page.iter("figure"):
        caption, shown = figure.find("figcaption"), figure.find("p")
        label = " ".join(caption.text_content().split()).rstrip(".:") if caption is not None else ""
        if not label or shown is None or not shown.text_content().strip():
            continue
        shown.text = f"{label}: {shown.text or ''}"
        figure.remove(caption)
        changed = True
    return changed


# A paragraph of this many words that trafilatura left out is text, not navigation: put back.
_PROSE_WORDS = 12
_PROSE_TAGS = ("p", "li", "td", "dd", "blockquote")


def _headed(found: list[tuple[str, bool]], elements: list) -> list[tuple[str, bool]]:
    """The blocks with what trafilatura left out put back before the next block it kept: short
    headings (h2 "Verdienst"), which tell what a section is about, and whole paragraphs of text
    outside the part it took for the page's main content (a job portal's introduction above
    its job cards): a city text is all content."""
    flat = [" ".join(LIST_ITEM_MARK.sub("", text, count=1).split()) for text, _ in found]
    at: dict[str, list[int]] = {}
    for i, text in enumerate(flat):
        at.setdefault(text, []).append(i)
    kept = "\n".join(flat)
    have = {flat[i] for i, (_, heading) in enumerate(found) if heading}
    before: dict[int, list[tuple[str, bool]]] = {}
    pending: list[tuple[str, bool]] = []
    # Between the first and the last element it kept, and in what the page marks as its main
    # part, lies the content: what it left out there is content too (a career page's job
    # cards with their pay and duties).
    texts = [" ".join(_text_of(e).split()) for e in elements]
    kept_at = [n for n, text in enumerate(texts) if text in at]
    inside = range(kept_at[0], kept_at[-1] + 1) if kept_at else range(0)
    for n, (e, text) in enumerate(zip(elements, texts, strict=True)):
        if pending and pending[-1][1] and e.tag in _HTML_HEADINGS:
            pending.pop()  # a heading with nothing under it before the next one heads nothing
        if text in at and (e.tag not in _HTML_HEADINGS or text in have):
            # A text that repeats ("Ihre Aufgaben" in each job ad): its next kept occurrence.
            i = at[text].pop(0) if len(at[text]) > 1 else at[text][0]
            if pending:
                before.setdefault(i, []).extend(pending)
            pending = []
        elif e.tag in _HTML_HEADINGS and (e.tag != "summary" or text not in kept):
            pending.append((text, True))  # a summary run into a kept block is there already
        elif _dropped_prose(e, text, kept):
            pending.append((text, False))
        elif (n in inside or _in_main(e)) and _dropped_item(e, text, kept):
            words = " ".join(" ".join(e.itertext()).split())  # "Standort: X" "Vollzeit" apart
            pending.append((("• " if e.tag == "li" else "") + words, False))
    out: list[tuple[str, bool]] = []
    for i, block in enumerate(found):
        out.extend(before.get(i, []))
        out.append(block)
    out.extend(b for b in pending if not b[1])
    return out


def _text_of(element) -> str:
    """An element's text; a definition's with its term, as a table row ("Gehalt | 52.000 €")."""
    text = element.text_content()
    if element.tag == "dd":
        term = element.getprevious()
        while term is not None and term.tag != "dt":
            term = term.getprevious()
        if term is not None and term.text_content().strip():
            return f"{' '.join(term.text_content().split())} | {text}"
    return text


def _leaf(element) -> bool:
    """A text element with no block elements inside it."""
    return not any(child.tag in _HTML_BLOCKS for child in element.iterdescendants())


def _dropped_prose(element, text: str, kept: str) -> bool:
    """A text element without block children, long enough to be prose, that is in no kept
    block; or a definition (a key fact in a page's sidebar: "Gehalt | 52.000 € p.a.")."""
    if element.tag == "dd":
        return text not in kept
    if element.tag not in _PROSE_TAGS or len(text.split()) < _PROSE_WORDS:
        return False
    return _leaf(element) and text not in kept


_ITEM_TAGS = ("p", "li", "blockquote")
_OUTSIDE = ("nav", "footer", "form", "button", "aside")  # not content, wherever they stand


def _in_main(element) -> bool:
    return any(a.tag in ("main", "article") for a in element.iterancestors())


def _dropped_item(element, text: str, kept: str) -> bool:
    """A short text element left out inside the content: no block children, not mostly link
    text, not in navigation, a form or a footer."""
    if element.tag not in _ITEM_TAGS or not text or text in kept or not _leaf(element):
        return False
    if any(a.tag in _OUTSIDE for a in element.iterancestors()):
        return False
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return linked * 2 < len(text)


def _walk(element, blocks: list[tuple[str, bool]]) -> None:
    """Blocks of trafilatura's XML: head, p, list items, table rows, in document order."""
    if element is None:
        return
    for child in element:
        _block(child, blocks)


def _block(child, blocks: list[tuple[str, bool]]) -> None:
    tag = child.tag
    if tag == "head":
        blocks.append(("".join(child.itertext()), True))
    elif tag == "list":
        ordered = child.get("rend") == "ol"
        for n, item in enumerate(child, start=1):
            if item.tag != "item":
                _block(item, blocks)
                continue
            # An item keeps a marker, as in a text file: the chunker keeps a list together.
            marker = f"{n}. " if ordered else "• "
            nested = [c for c in item if c.tag == "list"]
            own = [item.text or ""]
            for c in item:
                own += ["" if c.tag == "list" else "".join(c.itertext()), c.tail or ""]
            blocks.append((marker + "".join(own if nested else item.itertext()).strip(), False))
            for sub in nested:  # "Im Krankenhaus" and its own items, not one run of them
                _block(sub, blocks)
    elif tag in ("p", "item", "quote", "code") and any(c.tag in _NESTED for c in child):
        _split(child, blocks)
    elif tag in ("p", "item", "quote", "code"):
        blocks.append(("".join(child.itertext()), False))
    elif tag == "row":
        cells = [" ".join("".join(c.itertext()).split()) for c in child]
        blocks.append((" | ".join(c for c in cells if c), False))
    else:
        _walk(child, blocks)


def _split(element, blocks: list[tuple[str, bool]]) -> None:
    """A paragraph that holds a list or table (a card of a page built from divs): its text
    before, the nested blocks, its text after; not one run ("45.600 € im JahrMit ...")."""
    run = [element.text or ""]
    for child in element:
        if child.tag in _NESTED:
            blocks.append(("".join(run), False))
            run = []
            _block(child, blocks)
        else:
            run.append("".join(child.itertext()))
        run.append(child.tail or "")
    blocks.append(("".join(run), False))
