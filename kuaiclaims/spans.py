"""Interval look-ups in logarithmic time: which frame, quote or name covers a position.

The later stages ask, for every figure, "which attribution frame covers
this character?", "is it inside a quotation?", "does a name or a period
cover it?". Scanning every frame or span for every figure is quadratic in
the length of the article; ``SpanIndex`` answers by bisection over the
starts plus a running maximum of the ends. Offsets are characters.
"""
from __future__ import annotations

import bisect
from typing import Generic, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")


def _bounds(item) -> tuple[int, int]:
    if isinstance(item, tuple):
        return item[0], item[1]
    return item.start, item.end


class SpanIndex(Generic[T]):
    """Items with a start and an end (objects with ``.start``/``.end``, or ``(start, end)`` tuples),
    kept in the order given, which must be sorted by start."""

    def __init__(self, items: Iterable[T]):
        self.items: list[T] = list(items)
        bounds = [_bounds(x) for x in self.items]
        self.starts = [s for s, _ in bounds]
        self.ends = [e for _, e in bounds]
        if any(a > b for a, b in zip(self.starts, self.starts[1:])):
            raise ValueError("SpanIndex needs items sorted by start")
        self._reach = []          # _reach[i]: the furthest end among items[:i + 1]
        far = -1
        for e in self.ends:
            far = max(far, e)
            self._reach.append(far)

    @classmethod
    def of(cls, spans) -> "SpanIndex":
        """``spans`` itself when already an index, else an index of them sorted."""
        return spans if isinstance(spans, SpanIndex) else cls(sorted(spans, key=_bounds))

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def last_covering(self, pos: int) -> Optional[T]:
        """The last item (in the given order) with ``start <= pos < end``, or ``None``."""
        j = bisect.bisect_right(self.starts, pos) - 1
        while j >= 0 and self._reach[j] > pos:
            if self.ends[j] > pos:
                return self.items[j]
            j -= 1
        return None

    def covers_open_start(self, pos: int) -> bool:
        """Is there an item with ``start < pos <= end``?"""
        j = bisect.bisect_left(self.starts, pos) - 1
        return j >= 0 and self._reach[j] >= pos

    def covers(self, pos: int) -> bool:
        """Is there an item with ``start <= pos < end``?"""
        j = bisect.bisect_right(self.starts, pos) - 1
        return j >= 0 and self._reach[j] > pos

    def first_starting_in(self, lo: int, hi: int) -> Optional[T]:
        """The first item with ``lo <= start <= hi``, or ``None``."""
        j = bisect.bisect_left(self.starts, lo)
        if j < len(self.items) and self.starts[j] <= hi:
            return self.items[j]
        return None

    def last_ending_by(self, pos: int) -> Optional[T]:
        """For items that do not overlap: the last one with ``end <= pos``, or ``None``."""
        j = bisect.bisect_right(self.starts, pos) - 1
        while j >= 0 and self.ends[j] > pos:
            j -= 1
        return self.items[j] if j >= 0 else None


class GrowingSpans:
    """Spans added one by one in any order over a text of ``size`` characters: "does any cover
    ``pos``?" in logarithmic time (a Fenwick tree of the furthest end by start)."""

    def __init__(self, size: int):
        self._tree = [-1] * (size + 2)

    def add(self, start: int, end: int) -> None:
        i = max(0, start) + 1
        while i < len(self._tree):
            if self._tree[i] < end:
                self._tree[i] = end
            i += i & -i

    def covers(self, pos: int) -> bool:
        """Is there a span with ``start <= pos < end``?"""
        if pos < 0:
            return False
        i, far = min(pos + 1, len(self._tree) - 1), -1
        while i > 0:
            far = max(far, self._tree[i])
            i -= i & -i
        return far > pos
