"""What must hold for any input: the checks shared by the property tests and the fuzzer (bench/fuzz.py).

``check_article(text, article)`` raises ``AssertionError`` with a readable
message when a result breaks the contract: a span whose offsets do not give
its text, a value that is not a finite number, an unknown label, a result
that does not serialise to strict JSON.
"""
from __future__ import annotations

import json
import math
from decimal import Decimal

from kuaiclaims.types import LABELS, QUALIFIERS, QUOTE_KINDS, SOURCE_TYPES, SPEAKER_KINDS, Article


def spans(article: Article):
    """Every span-bearing object of an article: entities, quantities, claims and their nested spans."""
    yield from article.entities
    yield from article.quantities
    for c in article.claims:
        yield c
        yield from (x for x in (c.value, c.change, c.subject) if x is not None)
        if c.speaker.start is not None or c.speaker.end is not None:
            yield c.speaker


def _finite(v, what: str) -> None:
    if v is None:
        return
    assert not isinstance(v, bool) and isinstance(v, (int, float, Decimal)), f"{what} is {type(v).__name__}"
    if isinstance(v, Decimal):
        assert v.is_finite(), f"{what} is {v}"
    elif isinstance(v, float):
        assert math.isfinite(v), f"{what} is {v}"


def check_article(text: str, article: Article) -> None:
    """Assert every invariant of the contract on ``article``, the result of analysing ``text``."""
    assert isinstance(article, Article)
    assert article.text == text, "Article.text is not the input"
    for sp in spans(article):
        assert isinstance(sp.start, int) and isinstance(sp.end, int), f"offsets of {sp!r}"
        assert 0 <= sp.start <= sp.end <= len(text), f"offsets {sp.start}:{sp.end} outside 0:{len(text)}"
        assert text[sp.start:sp.end] == sp.text, f"text[{sp.start}:{sp.end}] == {text[sp.start:sp.end]!r} != {sp.text!r}"
    for e in article.entities:
        assert e.label in LABELS and isinstance(e.canonical, str) and e.canonical, f"entity {e!r}"
    for q in article.quantities + tuple(x for c in article.claims for x in (c.value, c.change) if x is not None):
        _finite(q.value, f"value of {q.text!r}")
        _finite(q.upper, f"upper of {q.text!r}")
        assert q.qualifier is None or q.qualifier in QUALIFIERS, f"qualifier {q.qualifier!r}"
        assert isinstance(q.unit, str) and q.unit, f"unit of {q.text!r}"
    for c in article.claims:
        assert c.value is not None or c.change is not None, f"claim without a figure {c.text!r}"
        assert c.speaker.kind in SPEAKER_KINDS and c.source_type in SOURCE_TYPES and c.quote in QUOTE_KINDS
    starts = [e.start for e in article.entities]
    assert starts == sorted(starts), "entities out of text order"
    starts = [q.start for q in article.quantities]
    assert starts == sorted(starts), "quantities out of text order"
    json.dumps(article.to_dict(), allow_nan=False)   # strict JSON: no NaN, no inf
