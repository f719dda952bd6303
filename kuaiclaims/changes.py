"""Is a quantity a change, which way, and against what basis? Pure functions.

``classify_change`` looks at the words around a quantity inside its clause:
``同比增长11.8%`` is a change (+, yoy); ``降至65港元`` is a value (the level
reached); ``涨幅0.09%`` and ``增速17.3%`` name a rate of change; ``收窄57.2%``
(a loss that narrows) is negative.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from .lexicons import read_tsv


@dataclass(frozen=True)
class ChangeInfo:
    role: str                # "value" or "change"
    sign: int = 1            # -1 for a decrease
    basis: Optional[str] = None
    cue: Optional[str] = None


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_DIGIT = regex.compile(r"\d")
# a digit that is no date (2024年, 3月)
_FIGURE = regex.compile(r"\d(?![\d.]*\s?[年月日号季])")


@lru_cache(maxsize=1)
def _tables():
    rows = read_tsv("changes.tsv", 3)
    verbs = {w: (1 if d == "+" else -1) for w, d, k in rows if k == "verb"}
    rates = {w: (1 if d == "+" else -1) for w, d, k in rows if k == "rate"}
    filler = r"(?:了|达|约|近|超|超过|逾|高达|达到|为|仅|只有|分别|再|又|共|合计|累计|\s){0,8}"
    t = {
        "verbs": verbs,
        "rates": rates,
        # anchored at the figure and matched right to left (REVERSE), so the clause is not scanned
        # the verb right before the quantity (增长11.8%, 减少了650万元)
        "verb_before": regex.compile(rf"(?P<v>{_alt(verbs)}){filler}\Z", regex.REVERSE),
        # a level reached: 降至, 增长到, 提升为
        "target": regex.compile(rf"(?:{_alt(verbs)})?(?:至|到)(?:了)?{filler}\Z", regex.REVERSE),
        "rate_before": regex.compile(rf"(?P<r>{_alt(rates)}){filler}(?:(?:是|在){filler})?\Z", regex.REVERSE),  # one way to split
        "rate_in_clause": regex.compile(rf"(?P<r>{_alt(rates)})"),
        "verb_in_clause": regex.compile(rf"(?P<v>{_alt(verbs)})(?!至|到)"),
        "after": regex.compile(rf"\s?的?(?:同比|环比)?(?P<w>{_alt(list(verbs) + list(rates))})(?!至|到|为)"),
        "yoy": regex.compile(r"同比|较上年同期|较去年同期|比上年同期|较上年|比上年|较去年|比去年|与上年同期相比|同期相比"),
        "qoq": regex.compile(r"环比|较上季度|较上一季度|比上季度|较前一季度|较上月|比上月|较上个月|较前一月"),
    }
    t["change_head"] = regex.compile(
        rf"(?:其中)?(?:{t['yoy'].pattern}|{t['qoq'].pattern})?(?:{_alt(verbs)}|{_alt(rates)})")
    return t


def classify_change(text: str, start: int, end: int, clause_start: int, clause_end: int,
                    unit: str = "") -> ChangeInfo:
    """Decide whether the quantity ``text[start:end]`` is a change or a value.

    ``text`` should be folded (``kuaiclaims.text.fold``); the clause bounds
    limit how far the words around may be looked for.
    """
    t = _tables()
    left = text[clause_start:start]
    basis = _basis(text, clause_start, start)
    m = t["target"].search(left)
    if m and m.group().strip():
        # 下滑至2024年17.3% under 增速 stays a rate; 降至65港元 is a level
        r = t["rate_in_clause"].search(left)
        if r and unit in ("%", "pp"):
            return ChangeInfo("change", t["rates"][r.group("r")], basis, r.group("r"))
        return ChangeInfo("value", basis=None)
    # a transitive verb and its object before the figure: 减少碳排放1500万吨, 降低成本20%
    m = _VERB_OBJECT.search(left)
    if m and m.group("v") in t["verbs"]:
        return ChangeInfo("change", t["verbs"][m.group("v")], basis, m.group("v"))
    # the later items of a list after one verb share it: 分别升值4.4%、5.7%和3.6%
    head = _before_list(left)
    m = t["verb_before"].search(head)
    if m:
        return ChangeInfo("change", t["verbs"][m.group("v")], basis, m.group("v"))
    m = t["rate_before"].search(head)
    if m:
        return ChangeInfo("change", t["rates"][m.group("r")], basis, m.group("r"))
    m = t["after"].match(text, end, clause_end)
    # 4.075亿减少了650万元: a verb followed by its own figure is not this one's
    if m and not _DIGIT.search(text, m.end(), clause_end):
        w = m.group("w")
        sign = t["verbs"].get(w, t["rates"].get(w, 1))
        return ChangeInfo("change", sign, basis or _basis(text, end, clause_end), w)
    if unit in ("%", "pp"):
        r = None
        for r in t["rate_in_clause"].finditer(left):
            pass
        if r:
            return ChangeInfo("change", t["rates"][r.group("r")], basis, r.group("r"))
        v = None
        for v in t["verb_in_clause"].finditer(left):
            pass
        # 下调…预测幅度7%: the verb governs the clause's only percentage
        if v and not _FIGURE.search(left, v.end()):
            return ChangeInfo("change", t["verbs"][v.group("v")], basis, v.group("v"))
    return ChangeInfo("value")


# one earlier item of a list of figures, and its separator: 4.4%、 or 5.7%和 (read right to left)
_LIST_ITEM = regex.compile(r"[-+]?\d[\d.,]{0,14}\s?[^\d\s、和及与，。；,;:：]{0,6}?\s?[、和及与]\s?\Z", regex.REVERSE)
_MAX_LIST = 8


# change verbs that take an object before their figure (减少碳排放1500万吨): claims.py reads the object as the metric
TRANSITIVE_CHANGE_VERBS = ("增加", "减少", "降低", "提高", "削减")
_VERB_OBJECT = regex.compile(rf"(?P<v>{'|'.join(TRANSITIVE_CHANGE_VERBS)})\p{{Han}}{{2,4}}?(?:约|近|超|逾)?\Z", regex.REVERSE)


def _before_list(left: str) -> str:
    """``left`` without the earlier items of a list of figures that ends it (``升值4.4%、5.7%和`` -> ``升值``)."""
    head = left
    for _ in range(_MAX_LIST):
        m = _LIST_ITEM.search(head)
        if m is None:
            break
        head = head[:m.start()]
    return head


def _basis(text: str, lo: int, hi: int) -> Optional[str]:
    t = _tables()
    seg = text[lo:hi]
    if t["qoq"].search(seg):
        return "qoq"
    if t["yoy"].search(seg):
        return "yoy"
    return None


def is_change_clause(text: str, clause_start: int, clause_end: int) -> bool:
    """Does the clause open with a change (``同比增长72.5%``), so that it
    continues the figure of the clause before it?"""
    t = _tables()
    head = text[clause_start:clause_end].lstrip()
    return bool(t["change_head"].match(head))
