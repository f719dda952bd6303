"""Periods: find ``2024年四季度``, ``截至2025年2月``, ``今年2月``, ``去年同期``, and
resolve the relative ones against the article's date. Pure functions."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional

import regex

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}
_Q = r"(?:第?[一二三四1-4]季度|[一二三四1-4]季|Q[1-4]|[上下]半年|前三季度|前[二两三]季度|全年|年初|年末|年底|年中)"
_M = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?:\d{1,2}[日号])?(?:末|底|初)?"
# (checked after the match: a nested alternation in PERIOD would cost it regex's fast scan)
_NO_MONTH = regex.compile(r"(?:0|1[3-9]|[2-9]\d)月")
PERIOD = regex.compile(
    rf"""
    (?P<until>截至|截止|截止到|截至到)?
    (?:
        (?P<year>(?:19|20)\d{{2}})\s?年(?:度)?(?P<ysub>{_M}|{_Q})?
      | (?P<rel>今年|去年|前年|明年|上年|本年|当年)(?P<rsub>同期|{_M}|{_Q})?
      | (?P<relq>上季度|本季度|上一季度|上个季度|上月|上个月|本月|当月|上周|本周)
      | (?P<bq>第?[一二三四1-4]季度|Q[1-4]|[上下]半年|前三季度)
      | (?P<bm>{_M})
      | (?P<ddate>(?:19|20)\d{{2}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})
    )
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True)
class PeriodMention:
    text: str
    start: int
    end: int
    resolved: str


def _year_of(published: Optional[_dt.date], offset: int) -> Optional[int]:
    return published.year + offset if published else None


_TARGET_BEFORE = regex.compile(r"(?<!截)(?:至|到)\s?$|[-~～—]\s?$")


def find_periods(text: str, published: Optional[_dt.date] = None) -> list[PeriodMention]:
    """Every period expression in ``text`` with its resolved form.

    A bare quarter or month (``四季度``, ``2月``) takes the year last written
    before it in the text, unless that year lies after the publication year (a
    target: ``到2025年``); else the publication year, or the year before when
    the month or quarter has not begun by the publication date.
    """
    out = []
    last_year: Optional[int] = None
    for m in PERIOD.finditer(text):
        if m.group("bm") and ((m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum())
                              or _NO_MONTH.match(m.group("bm"))):
            continue  # H100月租金, A13月, 13月: a model's number, not a month
        surface = m.group()
        until = m.group("until") or ""
        if m.group("year"):
            year = int(m.group("year"))
            # the end of a range or a target (2020年至2025年, 到2030年) is no year the text is in
            target = _TARGET_BEFORE.search(text, max(0, m.start() - 3), m.start()) is not None
            if (published is None and not target) or (published is not None and year <= published.year):
                last_year = year
            resolved = surface
        elif m.group("rel"):
            off = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}[m.group("rel")]
            y = _year_of(published, off)
            sub = m.group("rsub") or ""
            if y is None:
                resolved = surface
            elif sub == "同期":
                resolved = f"{until}{y}年同期"
            else:
                resolved = f"{until}{y}年{sub}"
                last_year = y
        elif m.group("relq"):
            resolved = _relative_span(m.group("relq"), published) or surface
        elif m.group("bq") or m.group("bm"):
            y = last_year
            if y is None and published is not None:
                y = published.year
                # a month or quarter that has not begun by the publication date is last year's
                if _first_month(m.group("bq"), m.group("bm")) > published.month:
                    y -= 1
            resolved = f"{until}{y}年{(m.group('bq') or m.group('bm'))}" if y else surface
        else:
            resolved = surface
        out.append(PeriodMention(surface, m.start(), m.end(), resolved))
    return out


_CN_MONTH = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _first_month(quarter: Optional[str], month: Optional[str]) -> int:
    """The first calendar month of ``四季度`` / ``Q4`` / ``10月`` / ``十一月`` (1 when unreadable)."""
    if quarter:
        if "前" in quarter or "半年" in quarter:
            return 1  # 前三季度, 上半年: spans that start in January
        digit = next((c for c in quarter if c in "1234一二三四"), None)
        if digit is None:
            return 1
        q = int(digit) if digit.isdigit() else _CN_MONTH[digit]
        return 3 * (q - 1) + 1
    if month:
        digits = "".join(c for c in month if c.isdigit())
        if digits:
            return int(digits)
        cn = month.replace("月", "").replace("份", "")
        if cn.startswith("十") and len(cn) == 2:
            return 10 + _CN_MONTH.get(cn[1], 0)
        return _CN_MONTH.get(cn, 1)
    return 1


def _relative_span(word: str, published: Optional[_dt.date]) -> Optional[str]:
    if not published:
        return None
    q = (published.month - 1) // 3 + 1
    if word in ("上季度", "上一季度", "上个季度"):
        y, q = (published.year, q - 1) if q > 1 else (published.year - 1, 4)
        return f"{y}年{'一二三四'[q - 1]}季度"
    if word == "本季度":
        return f"{published.year}年{'一二三四'[q - 1]}季度"
    if word in ("上月", "上个月"):
        y, mth = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return f"{y}年{mth}月"
    if word in ("本月", "当月"):
        return f"{published.year}年{published.month}月"
    return None


def parse_date(value) -> Optional[_dt.date]:
    """``datetime.date``, ``datetime.datetime`` or an ISO string -> ``date``; ``None`` stays ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        m = regex.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        raise ValueError(f"published must be an ISO date (YYYY-MM-DD), got {value!r}")
    raise TypeError(f"published must be a date or an ISO string, got {type(value).__name__}")
