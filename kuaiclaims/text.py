"""Length-preserving normalisation and segmentation of article text.

Every function here keeps offsets: the normalised text has exactly the
length of the input, character for character, so a span found in it is a
span of the original. Never NFKC (it changes lengths).
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterator

import regex

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, ideographic space -> space,
# and the dashes and tildes that write ranges -> '-'. One char to one char.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2014: 0x2D, 0x2013: 0x2D, 0x2012: 0x2D,
              0x2015: 0x2D, 0x2212: 0x2D, 0x301C: 0x7E, 0xFE63: 0x2D, 0x2027: 0x2E,
              0x00B7: 0x00B7})
# Chinese punctuation that has an ASCII twin for matching. Quotes are kept
# apart: attribution needs to know which quotation marks were used.
_FOLD.update({ord("，"): ord(","), ord("；"): ord(";"), ord("："): ord(":"),
              ord("（"): ord("("), ord("）"): ord(")"), ord("！"): ord("!"),
              ord("？"): ord("?"), ord("％"): ord("%")})
# Traditional forms of the numeral characters (1269億元, 十一點八).
_FOLD.update({ord("億"): ord("亿"), ord("萬"): ord("万"), ord("兩"): ord("两"), ord("點"): ord("点")})
FOLD_TABLE = _FOLD


def fold(text: str) -> str:
    """Return ``text`` with full-width forms folded to ASCII, same length."""
    out = text.translate(FOLD_TABLE)
    # str.translate maps one code point to one code point here, so the
    # length cannot change; the assertion guards future table edits.
    assert len(out) == len(text)
    return out


_ASCII_LOWER = {cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)}

# Characters the pipeline's libraries cannot take or that carry no text: lone
# surrogates (spaCy cannot encode them) -> U+FFFD; NUL and other control
# characters except tab and line breaks -> space. One code point for one.
_UNSAFE = regex.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SAFE = {cp: 0xFFFD for cp in range(0xD800, 0xE000)}
_SAFE.update({cp: 0x20 for cp in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]})


def safe_text(text: str) -> str:
    """``text`` with lone surrogates and control characters replaced, same length.

    Offsets into the result are offsets into ``text``; the result is ``text``
    itself when there is nothing to replace.
    """
    if not _UNSAFE.search(text):
        return text
    out = text.translate(_SAFE)
    assert len(out) == len(text)
    return out


def fold_case(text: str) -> str:
    """Lower-case letters, keeping the length (and so every offset).

    ``str.lower`` is an order of magnitude faster than a translation table,
    and only ever changes the length by expanding a character (``İ``); when
    it does, only ASCII letters are lowered.
    """
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


# News pages put one paragraph on a line, so any line break ends a paragraph; pages scraped
# without their line breaks keep the indent, two ideographic spaces, which ends one too
# (……继续稳步增长。　　与此同时，……).
_LINE = regex.compile(r"[^\r\n\u3000]+(?:\u3000(?!\u3000)[^\r\n\u3000]*)*")
# A sentence ends at 。!? (a closing quote right after stays with it) or at
# a run of ellipses.
_SENT_END = regex.compile(r"[。!?！？]+[”」’\"']?|…{2,}[”」]?")
# Clause punctuation; a comma between digits ('1,234') is part of a number.
_CLAUSE_END = regex.compile(r"(?<!\d),|,(?!\d)|[，;；:：。!?！？]|——")

# Longest sentence and clause the later stages look at. Real news never comes
# near (the longest in 180 real articles: 291 and 244 characters); a text with
# no punctuation at all (a 100,000-character line) is cut into pieces this long
# so that the per-figure work around each number stays bounded: linear time.
MAX_SENTENCE = 2000
MAX_CLAUSE = 400


# A line cut inside a sentence by a hard wrap (发布业绩快报，2017 / 年全年实现营业收入): the line
# ends with a digit or a comma and the next one opens with what must follow a number
_WRAP_END = regex.compile(r"[\d，,、：:]\s{0,3}\Z")
_WRAP_START = regex.compile(r"[\s\u3000]{0,4}[年月日号%％亿万元]")


def _join_wrapped(text: str, paragraphs: list[Segment]) -> list[Segment]:
    """``paragraphs`` with each line a hard wrap cut off joined to the one before it."""
    out: list[Segment] = []
    for p in paragraphs:
        if out and _WRAP_END.search(text, max(out[-1].start, out[-1].end - 3), out[-1].end) \
                and _WRAP_START.match(text, p.start):
            out[-1] = Segment(out[-1].start, p.end)
        else:
            out.append(p)
    return out


def _pieces(start: int, end: int, size: int) -> Iterator[Segment]:
    """``[start, end)`` cut into consecutive pieces of at most ``size`` characters."""
    for lo in range(start, end, size):
        yield Segment(lo, min(end, lo + size))


class Layout:
    """Paragraphs, sentences and clauses of one text, found once, looked up by bisection."""

    def __init__(self, text: str):
        self.text = text
        self.paragraphs: list[Segment] = _join_wrapped(text, [
            Segment(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()])
        self.sentences: list[Segment] = []
        for p in self.paragraphs:
            pos = p.start
            for m in _SENT_END.finditer(text, p.start, p.end):
                if m.end() > pos:
                    self.sentences.extend(_pieces(pos, m.end(), MAX_SENTENCE))
                pos = m.end()
            if pos < p.end:
                self.sentences.extend(_pieces(pos, p.end, MAX_SENTENCE))
        self._para_starts = [p.start for p in self.paragraphs]
        self._sent_starts = [s.start for s in self.sentences]
        self._breaks = [m.start() for m in _CLAUSE_END.finditer(text)]
        self._clauses: dict[int, Segment] = {}

    @staticmethod
    def _find(starts: list[int], segs: list[Segment], pos: int) -> Segment | None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and segs[i].start <= pos < segs[i].end:
            return segs[i]
        return None

    def paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self._para_starts, pos) - 1

    def paragraph(self, pos: int) -> Segment:
        return self._find(self._para_starts, self.paragraphs, pos) or Segment(pos, pos)

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def sentence(self, pos: int) -> Segment:
        return self._find(self._sent_starts, self.sentences, pos) or Segment(pos, pos)

    def clause(self, pos: int) -> Segment:
        """The clause around ``pos``, never crossing its sentence nor longer than ``MAX_CLAUSE`` (looked up once per position)."""
        seg = self._clauses.get(pos)
        if seg is None:
            seg = self._clauses[pos] = self._clause(pos)
        return seg

    def _clause(self, pos: int) -> Segment:
        sent = self.sentence(pos)
        i = bisect.bisect_right(self._breaks, pos - 1) - 1  # last break before pos
        left = self._breaks[i] + 1 if i >= 0 else 0
        j = bisect.bisect_left(self._breaks, pos)
        right = self._breaks[j] if j < len(self._breaks) else len(self.text)
        lo, hi = max(left, sent.start), min(max(right, pos), sent.end)
        if hi - lo > MAX_CLAUSE:
            # no punctuation for MAX_CLAUSE characters: the fixed-size piece around pos
            k = min(max(0, pos - lo) // MAX_CLAUSE, (hi - lo - 1) // MAX_CLAUSE)
            lo = lo + k * MAX_CLAUSE
            hi = min(hi, lo + MAX_CLAUSE)
        return Segment(lo, hi)


@lru_cache(maxsize=1)
def _furniture_pattern():
    from .lexicons import read_lines
    return regex.compile("|".join(f"(?:{p})" for p in read_lines("furniture.txt")))


@lru_cache(maxsize=1)
def _list_header_pattern():
    from .lexicons import read_lines
    return regex.compile("|".join(f"(?:{p})" for p in read_lines("furniture_lists.txt")))


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Lines that are page furniture (navigation, disclaimers, share prompts), and the
    link lines under a ``相关阅读：`` header up to the next blank line."""
    pat, header = _furniture_pattern(), _list_header_pattern()
    spans = []
    in_list = False
    last_end = 0
    for m in _LINE.finditer(text):
        line = m.group()
        if in_list and _BLANK_BETWEEN.search(text, last_end, m.start()):
            in_list = False  # a blank line ends the list
        last_end = m.end()
        if not line.strip():
            continue
        if header.search(line):
            in_list = True
            spans.append((m.start(), m.end()))
        elif in_list or pat.search(line):
            spans.append((m.start(), m.end()))
    return spans


# a line break, optional blanks, and another line break: an empty line between two lines
_BLANK_BETWEEN = regex.compile(r"\n[ \t\u3000\r]*\n|\r[ \t\u3000]*\r")
