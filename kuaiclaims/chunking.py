"""Huge articles in pieces: split below the pipeline's ``max_length``, shift offsets back, merge.

spaCy refuses a text longer than ``nlp.max_length`` (a million characters by
default). ``pieces`` cuts such a text at paragraph boundaries (else after a
sentence end, else anywhere) into consecutive pieces no longer than the
limit; each piece is analysed on its own; ``shift`` moves every span of a
piece's results back to offsets of the whole text; ``merge`` joins the
pieces' results into one ``Article``. Attributions do not cross a piece
boundary. All offsets are characters. Pure functions.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence, TypeVar

from .text import Segment
from .types import Article, Claim, Entity, Quantity, Speaker

T = TypeVar("T", Entity, Quantity, Speaker, Claim)

_SENTENCE_ENDS = "。！？!?…"


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end a piece that starts at ``lo`` and may reach ``hi`` (``lo < hi``)."""
    para = max(text.rfind("\n", lo, hi), text.rfind("\r", lo, hi))
    if para >= lo:
        return para + 1
    sent = max(text.rfind(ch, lo, hi) for ch in _SENTENCE_ENDS)
    if sent >= lo:
        return sent + 1
    return hi


def pieces(text: str, limit: int) -> list[Segment]:
    """Consecutive segments that cover ``text``, each at most ``limit`` characters long.

    A piece ends after the last line break within reach, else after the last
    sentence end (``。！？``), else at ``limit`` characters.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    out = []
    pos, n = 0, len(text)
    while n - pos > limit:
        end = _cut(text, pos, pos + limit)
        out.append(Segment(pos, end))
        pos = end
    if pos < n or not out:
        out.append(Segment(pos, n))
    return out


def _span(obj, delta: int, source: Optional[str]):
    start, end = obj.start + delta, obj.end + delta
    text = source[start:end] if source is not None else obj.text
    return replace(obj, start=start, end=end, text=text)


def shift(obj: T, delta: int, source: Optional[str] = None) -> T:
    """``obj`` with every offset moved by ``delta``, nested spans included.

    With ``source`` (the whole text), span texts are taken from it, so
    ``source[start:end] == span.text`` holds for every span of the result.
    """
    if isinstance(obj, Claim):
        return replace(
            _span(obj, delta, source),
            value=None if obj.value is None else shift(obj.value, delta, source),
            change=None if obj.change is None else shift(obj.change, delta, source),
            subject=None if obj.subject is None else shift(obj.subject, delta, source),
            speaker=shift(obj.speaker, delta, source))
    if isinstance(obj, Speaker):
        if obj.start is None or obj.end is None:
            return obj
        return _span(obj, delta, source)
    if isinstance(obj, (Entity, Quantity)):
        return _span(obj, delta, source)
    raise TypeError(f"shift expects an Entity, Quantity, Speaker or Claim, got {type(obj).__name__}")


def merge(text: str, parts: Sequence[tuple[int, Article]]) -> Article:
    """One ``Article`` over ``text`` from ``(offset, article of the piece at that offset)`` pairs, in order.

    Metadata comes from the first piece (the header), the editor from the last
    when the first has none (``parse_metadata`` reads a page's tail for it);
    entities, quantities and claims are concatenated in text order with their
    offsets shifted and their texts taken from ``text``.
    """
    if not parts:
        return Article(text=text)
    meta = parts[0][1].metadata
    if meta.editor is None and parts[-1][1].metadata.editor is not None:
        meta = replace(meta, editor=parts[-1][1].metadata.editor)
    ents, qs, cls = [], [], []
    for delta, art in parts:
        ents.extend(shift(e, delta, text) for e in art.entities)
        qs.extend(shift(q, delta, text) for q in art.quantities)
        cls.extend(shift(c, delta, text) for c in art.claims)
    return Article(text=text, metadata=meta, entities=tuple(ents), quantities=tuple(qs), claims=tuple(cls))
