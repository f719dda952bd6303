"""SpanIndex and GrowingSpans answer exactly what the linear scans they replaced answered."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuaiclaims.attribution import Frame, frame_at
from kuaiclaims.spans import GrowingSpans, SpanIndex
from kuaiclaims.types import AUTHOR

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=25).map(sorted)


def _disjoint(sorted_spans):
    out, last = [], -1
    for s, e in sorted_spans:
        if s >= last and e > s:
            out.append((s, e))
            last = e
    return out


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(-2, 80))
def test_spans_covers_equals_scan(items, pos):
    idx = SpanIndex(items)
    assert idx.covers(pos) == any(s <= pos < e for s, e in items)
    assert idx.covers_open_start(pos) == any(s < pos <= e for s, e in items)
    covering = [x for x in items if x[0] <= pos < x[1]]
    assert idx.last_covering(pos) == (covering[-1] if covering else None)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(-2, 80), st.integers(0, 5))
def test_spans_first_starting_in_equals_scan(items, lo, width):
    idx = SpanIndex(items)
    assert idx.first_starting_in(lo, lo + width) == next((x for x in items if lo <= x[0] <= lo + width), None)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(-2, 80))
def test_spans_last_ending_by_equals_scan_on_disjoint_spans(items, pos):
    items = _disjoint(items)
    before = [x for x in items if x[1] <= pos]
    assert SpanIndex(items).last_ending_by(pos) == (before[-1] if before else None)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(-2, 80))
def test_spans_last_covering_equals_frame_at(items, pos):
    frames = sorted((Frame(s, e, AUTHOR, "journalist") for s, e in items), key=lambda f: (f.start, -f.end))
    assert SpanIndex(frames).last_covering(pos) == frame_at(frames, pos)


@pytest.mark.parametrize("items", [[(5, 6), (1, 2)]], ids=["unsorted"])
def test_spans_rejects_unsorted_items(items):
    with pytest.raises(ValueError):
        SpanIndex(items)


@pytest.mark.parametrize("items", [[(5, 6), (1, 2)]], ids=["unsorted"])
def test_spans_of_sorts_plain_spans(items):
    assert SpanIndex.of(items).items == [(1, 2), (5, 6)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=25),
       st.lists(st.integers(-2, 80), max_size=10))
def test_spans_growing_spans_cover_equals_scan_after_each_add(items, probes):
    grown = GrowingSpans(80)
    for k, (s, e) in enumerate(items):
        grown.add(s, e)
        for pos in probes:
            assert grown.covers(pos) == any(a <= pos < b for a, b in items[:k + 1])
