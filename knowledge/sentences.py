"""Sentence spans in German text, shared by chunking (ingest) and quoting (answers)."""

from __future__ import annotations

import threading
from functools import lru_cache

_local = threading.local()


def _segmenter():
    # pysbd segmenters keep state while segmenting: one per thread.
    seg = getattr(_local, "segmenter", None)
    if seg is None:
        import pysbd

        seg = _local.segmenter = pysbd.Segmenter(language="de", clean=False, char_span=True)
    return seg


@lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _segmenter().segment(text):
        # pysbd's spans drift on repeated sentences; locate each one from the running position.
        sent = piece.sent.strip()
        if not sent:
            continue
        start = text.find(sent, pos)
        if start < 0:
            continue
        spans.append((start, start + len(sent)))
        pos = start + len(sent)
    return tuple(spans) or ((0, len(text)),)


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, shifted by offset, without surrounding spaces."""
    if not text.strip():
        return []
    return [(offset + s, offset + e) for s, e in _spans(text)]
