"""Article metadata from header and byline lines: outlet, author, editor, date, time.

Only the first lines of an article are read (bylines live there), plus
``责编``/``编辑`` lines anywhere, which pages often put at the end.
"""
from __future__ import annotations

from typing import Optional

import regex

from .text import fold
from .types import Metadata

_HEAD_CHARS = 600
_DATE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s?[-/.年]\s?(?P<m>\d{1,2})\s?[-/.月]\s?(?P<d>\d{1,2})日?"
                      r"(?:\s*(?P<t>\d{1,2}:\d{2}(?::\d{2})?))?")
_NAME = r"[\p{Han}·]{2,4}|[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)?"
_AUTHOR = regex.compile(
    rf"^\s*(?:文|作者|记者|撰文|来源[:：]\s*\S+\s+作者)\s*(?:[|｜/:：]\s*)?(?:(?P<outlet>《[^》]{{1,12}}》|[\p{{Han}}A-Za-z0-9]{{2,10}}?)(?:实习生|记者|特约记者|研究员|作者)\s*)?(?P<name>{_NAME})(?:\s|$|[,，、])",
    regex.M)
_EDITOR = regex.compile(rf"(?:责任编辑|责编|编辑)\s*[|｜/:：]?\s*(?P<name>{_NAME})")
_OUTLET = regex.compile(r"(?:来源|出处|稿源)\s*[:：|]\s*(?P<o>[^\s|｜,，]{2,20})|^\s*文\s*[|｜/]\s*(?P<o2>《[^》]{1,12}》)", regex.M)


_LINE = regex.compile(r"[^\n]+")
# words of a header or byline line; a date in a line with one of them is the publication date
_HEADER_WORDS = regex.compile(r"时间|日期|发布|发表|更新|来源|编辑|责编|作者|记者|文\s*[|｜/]|原标题")
# a date that is part of the story: 截至2020年10月31日, 于2024年3月1日
_NOT_NAMES = ("发现", "获悉", "了解", "注意", "查阅", "采访", "调查", "统计", "梳理", "测算", "观察", "走访", "表示", "报道")
_SENTENCE_MARK = regex.compile(r"[。,;!?]")
_STORY_DATE = regex.compile(r"(?:截至|截止|至|于|在|从|到|自|起|前|后)\s*\Z")


def _publication_date(head: str):
    """The first date written on a header line: a line with a header word, or a short line of
    its own (``2025-03-27 14:00``); never a date inside a sentence of the story."""
    for line in _LINE.finditer(head):
        s = line.group()
        short = len(s.strip()) <= 40 and not _SENTENCE_MARK.search(s)
        keyword = _HEADER_WORDS.search(s) is not None
        if not (short or keyword):
            continue
        for m in _DATE.finditer(head, line.start(), line.end()):
            if not _STORY_DATE.search(head, max(line.start(), m.start() - 3), m.start()):
                return m
    return None


def parse_metadata(text: str) -> Metadata:
    """Read outlet, author, editor, publication date and time from the article's header lines."""
    if not text:
        return Metadata()
    head = fold(text[:_HEAD_CHARS])
    date = time = None
    m = _publication_date(head)
    if m:
        try:
            import datetime as dt
            date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
            time = m.group("t")
        except ValueError:
            date = None
    author = outlet = None
    am = _AUTHOR.search(head)
    if am and am.group("name").endswith(_NOT_NAMES):
        am = None  # 记者查阅发现: a verb, not a byline
    if am:
        author = am.group("name")
        if am.group("outlet"):
            outlet = am.group("outlet").strip("《》")
    om = _OUTLET.search(head)
    if om and outlet is None:
        outlet = (om.group("o") or om.group("o2") or "").strip("《》") or None
    editor = None
    em = _EDITOR.search(head)
    if em is None:
        tail = fold(text[-_HEAD_CHARS:])
        em = _EDITOR.search(tail)
    if em:
        editor = em.group("name")
    return Metadata(outlet=outlet, author=author, editor=editor, published=date, time=time)
