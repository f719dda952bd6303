"""Numerals, units and qualifiers: pure functions, no pipeline needed.

``parse_number`` reads Arabic, Chinese and mixed numerals exactly (in
``Decimal``); ``find_quantities`` finds every quantity in a text and
normalises it (value, upper, unit, qualifier); ``parse_quantity`` does the
same for one expression. Offsets are character offsets into the input.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from functools import lru_cache
from typing import Iterable, Optional

import regex

from .lexicons import read_tsv
from .text import fold
from .types import Quantity

# -- numerals -----------------------------------------------------------------

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3,
             "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8, "兆": 10 ** 12}
_MAG_CHARS = "".join(CN_SMALL) + "".join(CN_BIG)
_CN_CHARS = "".join(CN_DIGITS) + _MAG_CHARS

_ARABIC = regex.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")

# Numerals are read exactly up to this many characters (no real figure comes
# near); a longer run of digits is no numeral. The context is wide enough that
# nothing is rounded, and any arithmetic trouble is a ValueError, never inf.
MAX_NUMERAL = 1000
_EXACT = Context(prec=4 * MAX_NUMERAL, traps=[InvalidOperation, Overflow, DivisionByZero])


def _to_number(d: Decimal) -> int | float:
    """An exact Decimal as ``int`` when integral, else ``float`` (converted once)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def parse_number(s: str) -> Decimal:
    """Parse a numeral: ``1269亿``, ``4.075亿``, ``两千万``, ``一千二百六十九亿``,
    ``1,234.5万``, ``１２．５``, ``十一点八``, ``千万``, ``1.5万亿``.

    Returns an exact ``Decimal``. Raises ``ValueError`` when ``s`` is not a
    numeral or is longer than ``MAX_NUMERAL`` characters.
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_number expects str, got {type(s).__name__}")
    return _parse_number(s)


@lru_cache(maxsize=8192)
def _parse_number(s: str) -> Decimal:
    # cached: articles repeat the same few numerals (一, 两, 10, 100) thousands of times
    t = fold(s).strip().replace(" ", "")
    if not t:
        raise ValueError("empty numeral")
    if len(t) > MAX_NUMERAL:
        raise ValueError(f"numeral longer than {MAX_NUMERAL} characters")
    try:
        with localcontext(_EXACT):
            return _read_numeral(t, s)
    except ArithmeticError:
        raise ValueError(f"not a numeral: {s!r}") from None


def _read_numeral(t: str, s: str) -> Decimal:
    total = Decimal(0)      # what the big units (万, 亿) have closed
    section = Decimal(0)    # below the last big unit
    current: Optional[Decimal] = None  # the digit or Arabic number just read
    last_big = None
    i, n = 0, len(t)
    seen = False
    while i < n:
        ch = t[i]
        m = _ARABIC.match(t, i)
        if m:
            if current is not None:
                raise ValueError(f"two numbers in a row in {s!r}")
            current = Decimal(m.group().replace(",", ""))
            i = m.end()
            seen = True
            continue
        if ch in CN_DIGITS:
            d = Decimal(CN_DIGITS[ch])
            # 二〇二四: digits written one after another
            current = d if current is None or ch in "零〇○" and current == 0 else (
                current * 10 + d if t[i - 1] in CN_DIGITS else d)
            i += 1
            seen = True
            continue
        if ch == "点" and i + 1 < n and (t[i + 1] in CN_DIGITS or t[i + 1].isdigit()):
            j = i + 1
            frac = ""
            while j < n and (t[j] in CN_DIGITS or t[j].isdigit()):
                frac += str(CN_DIGITS.get(t[j], t[j]))
                j += 1
            current = (current or Decimal(0)) + Decimal("0." + frac)
            i = j
            continue
        if ch in CN_SMALL:
            section += (current if current is not None else Decimal(1)) * CN_SMALL[ch]
            current = None
            i += 1
            seen = True
            continue
        if ch in CN_BIG:
            unit = CN_BIG[ch]
            section += current if current is not None else Decimal(0)
            current = None
            if section == 0 and total == 0:
                section = Decimal(1)  # 万亿 / 亿 on its own
            if last_big is not None and unit > last_big:
                total = (total + section) * unit   # 1.5万亿: the 万 is scaled by 亿
            else:
                total += section * unit            # 三亿五千万
            section = Decimal(0)
            last_big = unit if last_big is None else max(last_big, unit)
            i += 1
            seen = True
            continue
        raise ValueError(f"not a numeral: {s!r}")
    if not seen:
        raise ValueError(f"not a numeral: {s!r}")
    return total + section + (current if current is not None else Decimal(0))


# -- tables -------------------------------------------------------------------


@dataclass(frozen=True)
class UnitInfo:
    unit: str
    kind: str  # currency percent pp multiple bp point time measure classifier noun


@lru_cache(maxsize=1)
def unit_table() -> dict[str, UnitInfo]:
    return {surface: UnitInfo(unit, kind) for surface, unit, kind in read_tsv("units.tsv", 3)}


@lru_cache(maxsize=1)
def qualifier_table() -> dict[str, tuple[str, str]]:
    return {surface: (q, pos) for surface, q, pos in read_tsv("qualifiers.tsv", 3)}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _patterns():
    units = unit_table()
    quals = qualifier_table()
    pre = [w for w, (_, pos) in quals.items() if pos == "pre"]
    post = [w for w, (_, pos) in quals.items() if pos == "post"]
    measure_units = [w for w, u in units.items() if u.kind in ("measure", "classifier")]
    return {
        # a number core; vague forms first (数千, 几十, 上万, 十几)
        "core": regex.compile(
            r"(?P<vague>(?:数|几|上)(?:十|百|千|万|亿)+|(?:[一二三四五六七八九]?十|百|千)几(?:[十百千万亿]*))"
            # (a space may stand before the magnitude: 25.90 亿, as some portals print figures)
            r"|(?P<ar>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<more>多|余)?"
            r"(?:[ ]?(?P<mag>(?:[十百万亿]|千(?!伏|瓦|克|米|帕|赫|卡|焦))+))?"
            rf"|(?P<cn>[{_CN_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+)?)(?P<cnmore>多|余)?"
        ),
        "unit": regex.compile(rf"[ ]?(?P<more>多|余)?(?P<unit>{_alternation(units)})"),
        "per": regex.compile(rf"(?:/|每)(?P<per>{_alternation(measure_units)}|股|吨|盎司|桶|平方米|平米)"),
        "noun": regex.compile(rf"(?P<noun>{_alternation(w for w, u in units.items() if u.kind == 'noun')})"),
        "post": regex.compile(rf"(?P<post>{_alternation(post)})"),
        "pre": regex.compile(rf"(?P<pre>{_alternation(pre)})\Z"),
        "cur_pre": regex.compile(r"(?P<cur>人民币|RMB|US\$|HK\$|\$|¥|￥)\s?\Z"),
        "move_before": regex.compile(
            r"(?:增长|增加|上涨|上升|提升|提高|下降|减少|下滑|下跌|回落|涨|跌|增|降|升|扩大|缩小|收窄|从|由)"
            r"(?:了)?(?:约|近|超|超过)?\s?\Z"),
        "range_sep": regex.compile(r"\s?(?:-|~|至|到)\s?(?=[\d零〇一二两三四五六七八九十百千])"),
    }


# Non-claims masked before quantities are looked for.
_MASKS = regex.compile(
    r"""
    (?:https?://|www\.)[^\s\u3000<>"'，。]+                       # addresses
  | (?<![A-Za-z0-9._+-])[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+  # e-mail (ASCII: \w would rescan every Han run)
  | \d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?  # ISO dates
  | \d{1,2}:\d{2}(?::\d{2})?                                        # clock times
  | (?:[12]\d{3}|[二〇一九零]{4})\s?年(?:\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?月(?:份)?(?:\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?[日号])?)?  # 2024年3月25日
  | (?<![\d.个])(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?月(?:份)?(?:\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?[日号])?(?![\d])   # 3月25日, 9月
  | (?<![\d.])\d{1,2}\s?[日号](?![\d])                              # 25日
  | (?:第)?[一二三四1-4]\s?季度 | [前后][一二三]季度 | (?<![A-Za-z])[QH][1-4](?![\d])
  | [上下]半年 | \d{2}(?:年代|后)                                     # 80后, 90年代
  | (?<![\d.])\d{1,3}\s?周年 | (?<![\d.])\d{2,4}种股票(?:价格)?指数          # 30周年纪念日, 标准普尔500种股票指数: names
  | (?<![\d.])\d{2}\s?年(?=\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?月|\s?(?:第?[一二三四1-4]季度|[上下]半年|前[一二三]季度|Q[1-4]|H[12])
        |年?(?:底|初|末)(?!薪|价|线|部|层|蕴|牌|气|盘|仓|步|衷|心|创|级|始|次|期|尾|端)
        |\s?(?:整体|全年|业绩|营收|营业|净利|年报|年度)|\s?\d[\d.]{0,8}\s?[亿万]?元)  # 17年12月, 18年一季度, 19年底, 17年整体营业利润, 18年33.58亿元: a year
  | (?:(?<![\d.])\d{1,2}(?:\.\d)?|[一二三五七十两半]{1,2})\s?(?:个月|年|天|周)期(?!间|限|内|末|初|满|望|待|盼)  # 10年期国债: a tenor
  | (?:今年|年内|全年|本年|去年|上年|当年)?(?:前|头)(?:\d{1,2}|[一二三四五六七八九十两]{1,2})\s?个?月(?:份)?   # 前5个月: a period
  | 每(?:十|百|千|万|亿|百万|千万)(?:份|股|人|元|户|次)                         # 每万份收益: a unit of measure
  | (?:标普|标准普尔|纳斯达克|日经|富时|恒生|沪深|中证|上证|深证|科创|创业板|罗素|斯托克)\s?\d{2,4}(?![\d.%])  # 标普500, 沪深300: index names
  | 第(?:\d{1,3}|[一二三四五六七八九十百]{1,5})(?:届|次(?=会议|全体|常务|代表))                  # 第十四届, 第三十二次会议: ordinals of bodies
  | (?<![\d.])(?:近|过去|最近)?\d{1,3}\s?(?:多)?年来                                     # 20年来: since when, a period
  | 未来\s?\d{1,2}(?:\s?(?:到|至|-)\s?\d{1,2})?\s?(?:个)?(?:年|个月|月)                     # 未来5到10年: a period ahead
  | (?:百亿|千亿|万亿)补贴 | (?<!\d)[01]元购                                               # 百亿补贴, 0元购: a programme's name
  | (?<![\d.])1\s?(?:元人民币|美元|港元|欧元|日元|英镑)(?=\s?(?:约合|约等于|合|兑|=))           # 1元人民币约合15.6日元: the base of a rate
  | (?:上午|下午|晚上|凌晨|早上|中午|傍晚)\s?\d{1,2}\s?[点时](?:\d{1,2}分|半)?
  | \d{1,2}时\d{1,2}分
  | [(（]\s?\d{4,6}(?:\.[A-Z]{2})?\s?[)）]                           # (600519), (01024.HK)
  | [(（]\s?\d+(?:\.\d+)?\s?[,，]\s?[-+]?\d+(?:\.\d+)?\s?[,，]\s?[-+]?\d+(?:\.\d+)?%\s?[)）]   # 民生银行(5.600,0.01,0.18%): a quote box
  | \d{4,6}\.(?:SH|SZ|BJ|HK|sh|sz|hk)
  | (?:代码|股票代码|证券代码|编号|电话|热线|传真|邮编|QQ|微信号)[:：]?\s?[\d-]{4,}
  | \d{3,4}-\d{7,8} | (?<!\d)1[3-9]\d{9}(?!\d) | 400-?\d{3}-?\d{4}
  | (?<!\d)(?<!\d\.)\d+(?:\.\d+)+\s?(?:版本|版)|(?<!\d)\d+\s?(?:版本|版|代|号线|号|系列)(?![\p{Han}]*[元%])
    """,
    regex.VERBOSE,
)
# Before a number: a Latin letter makes it part of a model name (Veo 2, GPT-4, H20).
_MODEL_LEFT = regex.compile(r"[A-Za-z][A-Za-z]*[ -]?\Z")
_PERCENT_AFTER_FIGURE = regex.compile(r"\s?[%％]")
# After a number: Latin letters that are no unit (4o, 1.5Pro, 5G).
_ASCII_UNITS = ("GWh", "MWh", "kWh", "GW", "MW", "kW", "GB", "TB", "PB", "MB", "nm", "km", "mAh", "TEU", "pct")
_MODEL_RIGHT = regex.compile(r"[A-Za-z]")
_INDEX_CONTEXT = regex.compile(r"指数|报收|收于|收报|点位|大盘|沪指|深成指|深证成指|创业板指|恒指|恒生|纳指|道指|标普|日经|上证|科创50|沪深300|富时|DAX|斯托克")
_POINT_VERB = regex.compile(r"(?:上涨|下跌|涨|跌|收于|报收于?|收报|报|收涨|收跌|回落|反弹|拉升|下挫|失守|站上|突破|跌破|升破)\s?\Z")
_NUMBER_CONTEXT = regex.compile(r"汇率|中间价|兑|指数|PMI|市盈率|市净率|PE|PB|ROE|收益率|评分|得分|分值|系数|比率|杠杆率")
# A money word right before a figure with a magnitude and no unit (净利润23.78亿, 营收为3亿)
_MONEY_BEFORE = regex.compile(r"(?:营收|营业收入|收入|利润|净利|净利润|营业额|销售额|成交额|市值|估值|融资|投资|资产|负债|"
                              r"现金流|现金|存款|贷款|资产规模|管理规模|基金规模|金额|预算|薪酬|罚款|亏损)(?:总额|总计|合计)?"
                              r"(?:为|达|达到|约|约为|仅|则为|高达|共|超|超过|近)?\s?\Z")
_BARE_NUMBER_LEFT = regex.compile(r"(?:报|收于|收报|升破|跌破|升至|跌至|降至|回升至|为|达|至|在|破|上破|下破|触及)\s?\Z")
_RANK = regex.compile(
    r"(?P<pre>全球|全国|国内|行业|市场|世界|全网)?第(?P<n>[一二三四五六七八九十两]{1,3}|\d{1,3})(?P<big>大)?"
    r"(?=名|位|大|的|和|与|及|或|至|到|[,，。;；、)）”」\s]|$)(?!大股东)"
)
_TOP = regex.compile(r"(?:前|TOP|Top|top)\s?(?P<n>[一二三四五六七八九十两]{1,3}|\d{1,3})\s?(?P<cl>名|位|强|大)")
# the denominator is read from the start of its run only (the same matches): read from every
# position of a run of numerals, it was quadratic in the run's length when 分之 came later
_FRACTION = regex.compile(
    rf"(?P<den>(?<![{_CN_CHARS}])[{_CN_CHARS}]+|(?<!\d)\d+)分之(?P<num>[{_CN_CHARS}点]+|\d+(?:\.\d+)?)")
_HALF = regex.compile(r"一半|半数|过半")
_ENUMERATION = regex.compile(r"[,，、:：]")
_LINE_START = regex.compile(r"(?:^|[\n。；;])[\s\u3000]{0,3}(?:其|再)?\Z")
# first place written as a word after a verb of standing: 位居首位, 排名榜首, 登上榜首
_FIRST_PLACE = regex.compile(r"(?:位居|位列|排名|排在|居于|名列|登上|登顶|占据|稳居|高居)(?:行业|全国|全球|世界|国内|亚洲|市场|榜单)?(?P<w>首位|榜首)")
# 七成, 约六成, 两到三成; not 成为/成本/一成不变 (成 starting a word)
_TENTHS = regex.compile(r"(?:(?P<lo>[一二两三四五六七八九])(?:到|至|-|~))?(?P<n>[一二两三四五六七八九]|\d)(?:\.(?P<d>\d))?成"
                        r"(?P<more>多)?(?!为|功|本|交|长|立|果|绩|员|熟|型|品|分|就|效|都|批|套|全|因|形|像|色|败|事|真|亲|名|材|不变)")

# 几乎占到巴西总人口的30%: the qualifier governs the share verb
_APPROX_SHARE = regex.compile(r"(?P<q>几乎|约|大约|接近|将近|近)占(?:到|了|据)?[^,，。;；]{0,10}的\Z")
_SMALL_CN_OK_KINDS = {"currency", "percent", "pp", "multiple", "bp", "measure"}


@dataclass(frozen=True)
class Mention:
    """A quantity found in text, before any claim is built around it."""

    quantity: Quantity
    kind: str           # the unit kind: currency, percent, pp, ..., count, rank, ratio, number
    has_magnitude: bool = False


def _q(text: str, start: int, end: int, value, upper=None, unit="number", qualifier=None, counted=None) -> Quantity:
    return Quantity(text=text[start:end], start=start, end=end,
                    value=None if value is None else _to_number(Decimal(value)),
                    upper=None if upper is None else _to_number(Decimal(upper)),
                    unit=unit, qualifier=qualifier, counted=counted)


def _finite(d: Decimal) -> bool:
    return d.is_finite() and abs(d) < Decimal("1e300")


_CURRENCY_PREFIX = {"人民币": "CNY", "RMB": "CNY", "¥": "CNY", "￥": "CNY", "US$": "USD", "$": "USD",
                    "HK$": "HKD"}


def _prefix(ftext: str, start: int) -> tuple[int, Optional[str], Optional[str]]:
    """Qualifier and currency prefix left of a number: (new start, qualifier, currency)."""
    pats = _patterns()
    quals = qualifier_table()
    lo = max(0, start - 8)
    currency = None
    m = pats["cur_pre"].search(ftext, lo, start)
    if m:
        currency = _CURRENCY_PREFIX[m.group("cur")]
        start = m.start()
        lo = max(0, start - 8)
    qualifier = None
    m = pats["pre"].search(ftext, lo, start)
    if m:
        word = m.group("pre")
        before = ftext[m.start() - 1] if m.start() > 0 else ""
        # 跌破/升破 are moves, not bounds; 经过 is no 过
        if not (word == "破" and before in "跌升涨击攻冲"):
            qualifier = quals[word][0]
            start = m.start()
            if currency is None:
                m2 = pats["cur_pre"].search(ftext, max(0, start - 8), start)
                if m2:
                    currency = _CURRENCY_PREFIX[m2.group("cur")]
                    start = m2.start()
    return start, qualifier, currency


def _read_core(ftext: str, m) -> tuple[Optional[Decimal], bool, bool, bool, bool]:
    """(value, has_magnitude, is_chinese, vague, more) of a core match."""
    if m.group("vague"):
        v = m.group("vague")
        digits = v.lstrip("数几上").replace("几", "")
        try:
            return parse_number(digits), True, True, True, False
        except ValueError:
            return None, False, True, True, False
    if m.group("ar") is not None:
        mag = m.group("mag") or ""
        try:
            val = parse_number(m.group("ar").replace(",", "") + mag)
        except ValueError:
            return None, False, False, False, False
        if m.group("more") and mag:
            pass
        return val, bool(mag), False, False, bool(m.group("more"))
    cn = m.group("cn")
    try:
        val = parse_number(cn)
    except ValueError:
        return None, False, True, False, False
    return val, any(c in CN_BIG or c in "千百" for c in cn), True, False, bool(m.group("cnmore"))


def _unit_at(ftext: str, pos: int, text: str):
    """The unit right after ``pos``: (UnitInfo, end, more) or (None, pos, False)."""
    pats = _patterns()
    m = pats["unit"].match(ftext, pos)
    if not m:
        return None, pos, False
    surface = m.group("unit")
    info = unit_table()[surface]
    end = m.end()
    # an ASCII unit must end at a word boundary (GB, not GBP)
    if surface.isascii() and surface[-1].isalpha() and end < len(ftext) and ftext[end].isascii() and ftext[end].isalnum():
        return None, pos, False
    if info.kind == "currency":
        pm = pats["per"].match(ftext, end)
        if pm:
            return UnitInfo(f"{info.unit}/{pm.group('per')}", "currency"), pm.end(), bool(m.group("more"))
    return info, end, bool(m.group("more"))


def find_quantities(text: str, exclude: Iterable[tuple[int, int]] = (), *,
                    ftext: Optional[str] = None) -> list[Mention]:
    """Find and normalise every quantity in ``text``.

    ``exclude`` lists character spans (entity names such as ``万科`` or
    ``百度``) in which no number may start. Dates, clock times, codes,
    versions and model numbers are never quantities. Returned in text order,
    without overlaps.
    """
    if not text:
        return []
    ftext = fold(text) if ftext is None else ftext
    blocked = bytearray(len(text))
    for m in _MASKS.finditer(ftext):
        blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for s, e in exclude:
        blocked[max(0, s):max(0, e)] = b"\x01" * (max(0, e) - max(0, s))

    found: list[Mention] = []
    taken = bytearray(len(text))

    def add(mention: Mention) -> None:
        q = mention.quantity
        if any(taken[q.start:q.end]):
            return
        taken[q.start:q.end] = b"\x01" * (q.end - q.start)
        found.append(mention)

    # Special forms first: they would otherwise be read as plain numbers.
    for m in _FRACTION.finditer(ftext):
        if blocked[m.start()]:
            continue
        try:
            den, num = parse_number(m.group("den")), parse_number(m.group("num"))
        except ValueError:
            continue
        if den == 0 or not (_finite(den) and _finite(num)):
            continue
        start, qual, _ = _prefix_ratio(ftext, m.start())
        if m.group("den") in ("百",):
            add(Mention(_q(text, start, m.end(), num, unit="%", qualifier=qual), "percent"))
        else:
            add(Mention(_q(text, start, m.end(), num / den, unit="ratio", qualifier=qual), "ratio"))
    for m in _HALF.finditer(ftext):
        if blocked[m.start()]:
            continue
        start, qual, _ = _prefix_ratio(ftext, m.start())
        if m.group() == "过半":
            qual = "gt"
        add(Mention(_q(text, start, m.end(), Decimal("0.5"), unit="ratio", qualifier=qual), "ratio"))
    for m in _TENTHS.finditer(ftext):
        if blocked[m.start()] or (m.start() > 0 and ftext[m.start() - 1] in "第"):
            continue
        n = Decimal(CN_DIGITS.get(m.group("n"), m.group("n") if m.group("n").isdigit() else 0))
        if m.group("d"):
            n += Decimal("0." + m.group("d"))
        start, qual, _ = _prefix(ftext, m.start())
        end = m.end()
        if m.group("more"):
            qual = qual or "gt"
        pm = _patterns()["post"].match(ftext, end)
        if pm:
            qual = qualifier_table()[pm.group("post")][0]
            end = pm.end()
        lo = Decimal(CN_DIGITS[m.group("lo")]) * 10 if m.group("lo") else None
        if lo is not None:
            add(Mention(_q(text, start, end, lo, n * 10, unit="%", qualifier=qual), "percent"))  # 两到三成
        else:
            add(Mention(_q(text, start, end, n * 10, unit="%", qualifier=qual), "percent"))
    for m in _RANK.finditer(ftext):
        if blocked[m.start("n")]:
            continue
        if _ENUMERATION.match(ftext, m.end()) and _LINE_START.search(ftext, max(0, m.start() - 4), m.start()):
            continue  # 　　第二，百度将拥有…: "secondly", an enumeration, no rank
        try:
            n = parse_number(m.group("n"))
        except ValueError:
            continue
        start = m.start("n") - 1  # the 第
        add(Mention(_q(text, start, m.end("big") if m.group("big") else m.end("n"), n, unit="rank"), "rank"))
    for m in _FIRST_PLACE.finditer(ftext):
        if not blocked[m.start("w")]:
            add(Mention(_q(text, m.start("w"), m.end("w"), 1, unit="rank"), "rank"))  # 位居首位, 登上榜首
    for m in _TOP.finditer(ftext):
        if blocked[m.start("n")]:
            continue
        if m.group("cl") == "大" and ftext.startswith("股东", m.end()):
            continue
        try:
            n = parse_number(m.group("n"))
        except ValueError:
            continue
        add(Mention(_q(text, m.start(), m.end(), n, unit="rank", qualifier="le"), "rank"))

    pats = _patterns()
    pos = 0
    core = pats["core"]
    while True:
        m = core.search(ftext, pos)
        if not m:
            break
        pos = m.end()
        if blocked[m.start()] or taken[m.start()]:
            continue
        mention = _read_quantity(text, ftext, m, blocked)
        if mention is not None:
            add(mention)
            pos = max(pos, mention.quantity.end)
    for mention in [mm for mm in found if mm.quantity.start > 0 and ftext[mm.quantity.start - 1] in _LIST_SEPS]:
        items = _list_items_before(text, ftext, mention, blocked, taken)
        pair = _approximate_pair(text, mention, items)
        if pair is not None:
            found[found.index(mention)] = pair   # 5、6年: five or six years, one figure
            taken[pair.quantity.start:pair.quantity.end] = b"\x01" * (pair.quantity.end - pair.quantity.start)
            continue
        for item in items:
            add(item)
    found.sort(key=lambda mm: mm.quantity.start)
    return found


def _approximate_pair(text: str, mention: Mention, items: list[Mention]) -> Optional[Mention]:
    """Two neighbouring small whole numbers joined by 、 (``5、6年``, ``增长3、4个百分点``) are one
    approximate figure, a range, not a list."""
    if len(items) != 1:
        return None
    q, first = mention.quantity, items[0].quantity
    second = _LEAD_DIGITS.match(text, q.start)
    if text[first.end:q.start].strip() != "、" or not first.text.isdigit() or not 0 < int(first.text) < 10 \
            or second is None or second.group() != str(int(first.text) + 1) \
            or "分别" in text[max(0, first.start - 12):first.start]:
        return None
    return Mention(_q(text, first.start, q.end, first.value, q.value, unit=q.unit, qualifier="approx",
                      counted=q.counted), mention.kind, mention.has_magnitude)


_LIST_SEPS = frozenset("、和及与 ")
# A bare figure and a list separator right before another figure (7.3、14.6、8.6、12.2亿件), read right to left
_BARE_ITEM = regex.compile(r"(?<![\d.,])(?P<n>\d+(?:\.\d+)?)\s?[、和及与]\s?\Z", regex.REVERSE)
_LEAD_DIGITS = regex.compile(r"\d+(?:\.\d+)?")
_MAX_ITEMS = 12


def _list_items_before(text: str, ftext: str, mention: Mention, blocked, taken) -> list[Mention]:
    """The bare figures listed before ``mention`` that share its unit and magnitude:
    ``营收分别为1.2、3.4和5.6亿元`` -> 1.2亿元, 3.4亿元."""
    q = mention.quantity
    lead = _LEAD_DIGITS.match(ftext, q.start)
    if lead is None or q.value is None or q.upper is not None or mention.kind in ("rank", "number"):
        return []
    base = Decimal(lead.group())
    if base == 0:
        return []
    scale = Decimal(str(q.value)) / base
    out, pos = [], q.start
    for _ in range(_MAX_ITEMS):
        m = _BARE_ITEM.search(ftext, max(0, pos - 24), pos)
        if m is None or blocked[m.start("n")] or any(taken[m.start("n"):m.end("n")]):
            break
        n = Decimal(m.group("n"))
        out.append(Mention(_q(text, m.start("n"), m.end("n"), n * scale, unit=q.unit, counted=q.counted),
                           mention.kind, mention.has_magnitude))
        pos = m.start("n")
    return out


# 不到腾讯的五分之一: the qualifier stands before ``X的``
_RATIO_QUALIFIER = regex.compile(r"(?P<q>不到|不足|超过|约|近|接近|将近|几乎|仅|只有)[^\s,，。;；:：、]{1,8}的\Z")
_CURRENCY_BEFORE = regex.compile(r"(?:US\$|HK\$|\$|RMB|USD|HKD|CNY)\s?\Z")


def _prefix_ratio(ftext: str, start: int) -> tuple[int, Optional[str], None]:
    """Qualifier of a ratio; may stand before a ``X的`` (不到腾讯的五分之一)."""
    new_start, qual, _ = _prefix(ftext, start)
    if qual:
        return new_start, qual, None
    m = _RATIO_QUALIFIER.search(ftext, max(0, start - 12), start)
    if m and m.group("q") in qualifier_table():
        return m.start(), qualifier_table()[m.group("q")][0], None
    return start, None, None


_PERCENT_AT = regex.compile(r"\d+(?:\.\d+)?\s?%")
_PLAIN_DIGITS = "一二两三四五六七八九"


def digit_pair(cn: str) -> Optional[tuple]:
    """Chinese digits written side by side without 〇: ``三四`` (3 to 4), ``一两``,
    ``两三百`` (200 to 300), ``五六千万`` are ranges; any other run of plain
    digits (``一一``, ``二三四``) is no number, returned as ``()``. ``None`` for other numerals."""
    if len(cn) < 2 or cn[0] not in _PLAIN_DIGITS or cn[1] not in _PLAIN_DIGITS:
        return None
    rest = cn[2:]
    if rest and any(c not in "十百千万亿" for c in rest):
        return () if all(c in _PLAIN_DIGITS for c in cn) else None
    lo, hi = CN_DIGITS[cn[0]], CN_DIGITS[cn[1]]
    if hi != lo + 1 or cn.startswith("一二"):
        return ()
    scale = parse_number("一" + rest) if rest else Decimal(1)
    return Decimal(lo) * scale, Decimal(hi) * scale


def _read_quantity(text: str, ftext: str, m, blocked: bytearray) -> Optional[Mention]:
    start, end = m.start(), m.end()
    # part of a model name or code: Veo 2, GPT-4o, H20, 5G
    if m.group("ar") is not None:
        if start > 0 and (ftext[start - 1] == "." or (ftext[start - 1].isascii() and ftext[start - 1].isalpha())):
            if not _ascii_currency_before(ftext, start):
                return None
        ml = _MODEL_LEFT.search(ftext, max(0, start - 12), start)
        if ml and ml.group().endswith(" ") and _PERCENT_AFTER_FIGURE.match(ftext, m.end()):
            ml = None   # Dufry 6.1%的股份: a name, a space, then a share, no model number
        if ml and not _ascii_currency_before(ftext, start):
            left = ml.group().strip(" -")
            if left not in ("US", "HK", "RMB", "USD", "HKD", "CNY", "RMB", "EUR", "TOP", "Top", "top"):
                return None
        if end < len(ftext) and _MODEL_RIGHT.match(ftext, end) and not any(
                ftext.startswith(u, end) or ftext.startswith(" " + u, end) for u in _ASCII_UNITS):
            return None
    pair = digit_pair(m.group("cn") or "")
    if pair == ():
        return None  # 唯一一款, 统一一下: repeated digits are words, not numbers
    value, has_mag, chinese, vague, more = _read_core(ftext, m)
    if value is None or not _finite(value):
        return None
    cn_text = m.group("cn") or ""
    if chinese and cn_text and all(c in _MAG_CHARS for c in cn_text) and len(cn_text) == 1:
        return None  # 亿, 万, 千 on their own are words, not numbers
    info, uend, umore = _unit_at(ftext, end, text)
    more = more or umore
    if info is not None:
        end = uend
    if info is not None and info.kind == "time":
        if info.unit == "year" and (end < len(ftext) and ftext[end] in "月度初底末中代级内前后间"):
            return None
        if chinese and value < 10 and not vague:
            return None  # 三年, 两周: incidental durations
    if info is not None and info.kind == "point":
        left = ftext[max(0, start - 20):start]
        if chinese or not (_POINT_VERB.search(left) or _INDEX_CONTEXT.search(left)):
            info, end = None, m.end()
    if info is not None and info.kind in ("classifier", "noun") and chinese and value < 10 and not vague and not has_mag:
        return None  # 一位, 两款, 三家: incidental counts
    if info is None and chinese and not vague and (value < 10000 or len(cn_text) < 2):
        return None
    upper = None
    if pair:
        value, upper = pair  # 三四家: three or four
    # a range: 3秒-6秒, 8.38%-12%, 1个-2个百分点, 1000至2000万元
    rm = _patterns()["range_sep"].match(ftext, end)
    if rm and rm.group().strip() in ("至", "到"):
        mv = _patterns()["move_before"].search(ftext, max(0, start - 8), start)
        # 上涨3亿至2447亿港元, 从95港元降至65港元: a move, not a range; but a change by
        # one percentage to another (同比下降45%至57%, 增长30%到40%) is a range of changes
        pct_range = (mv is not None and info is not None and info.unit == "%" and not mv.group().startswith(("从", "由"))
                     and _PERCENT_AT.match(ftext, rm.end()) is not None)
        if mv is not None and not pct_range:
            rm = None
    if rm and rm.end() < len(ftext) and not blocked[rm.end()]:
        m2 = _patterns()["core"].match(ftext, rm.end())
        if m2 and m2.group("vague") is None:
            v2, mag2, ch2, _, _ = _read_core(ftext, m2)
            info2, uend2, _ = _unit_at(ftext, m2.end(), text)
            compatible = v2 is not None and _finite(v2) and (
                (info2 is not None and (info is None or info.unit == info2.unit
                                        or (info.kind == "classifier" and info2.kind != "currency")))
                or (info2 is None and info is None and (mag2 or has_mag)))
            if compatible and ch2 == chinese:
                if info is None and not has_mag and mag2 and m.group("ar"):
                    value = parse_number(m.group("ar") + (m2.group("mag") or ""))
                    has_mag = True
                upper = v2
                if info2 is not None:
                    info, end = info2, uend2
                else:
                    end = m2.end()
    counted = None
    unit = kind = None
    if info is not None:
        unit, kind = info.unit, info.kind
        if kind in ("classifier", "noun"):
            counted = ftext[m.end():end].strip(" 多余") or None
            unit, kind = "count", "count"
            if info.kind == "noun":
                end = m.end()  # the counted noun is not part of the quantity
    else:
        nm = _patterns()["noun"].match(ftext, end)
        if nm:
            counted = nm.group("noun")
            unit = kind = "count"
        elif has_mag or vague:
            unit = kind = "count"
        else:
            left = ftext[max(0, start - 12):start]
            if "." in m.group("ar" if m.group("ar") else "cn") and _NUMBER_CONTEXT.search(left) and _BARE_NUMBER_LEFT.search(left):
                unit = kind = "number"
            elif _NUMBER_CONTEXT.search(left) and _BARE_NUMBER_LEFT.search(left):
                unit = kind = "number"
            else:
                return None
    qstart, qualifier, currency = _prefix(ftext, start)
    if qualifier is None and kind == "percent":
        am = _APPROX_SHARE.search(ftext, max(0, start - 16), start)
        if am:
            qualifier = qualifier_table()[am.group("q")][0]
    if currency and kind == "count" and (has_mag or info is None):
        unit, kind = currency, "currency"   # 人民币1269亿 written without 元
    elif kind == "count" and has_mag and info is None and counted is None \
            and _MONEY_BEFORE.search(ftext, max(0, qstart - 10), qstart):
        unit, kind = "CNY", "currency"      # 营业利润为25.90亿: a sum of money written without 元
    elif currency and kind == "currency" and unit != currency and "/" not in unit:
        pass  # 人民币…美元: the suffix wins
    pm = _patterns()["post"].match(ftext, end)
    if pm and not (pm.group("post") == "上下" and ftext.startswith("上下游", end)):
        qualifier = qualifier_table()[pm.group("post")][0]
        end = pm.end()
    if qualifier is None and (vague or more):
        qualifier = "gt"
    if kind == "percent" and value > 10 ** 6:
        return None
    return Mention(_q(text, qstart, end, value, upper, unit, qualifier, counted), kind, has_mag)


def _ascii_currency_before(ftext: str, start: int) -> bool:
    return bool(_CURRENCY_BEFORE.search(ftext[max(0, start - 5):start]))


def parse_quantity(s: str) -> Optional[Quantity]:
    """Normalise one quantity expression: ``parse_quantity("超1亿元")`` ->
    ``Quantity(value=100000000, unit="CNY", qualifier="gt")``.

    Returns the longest quantity found in ``s`` (offsets relative to ``s``),
    or ``None`` when ``s`` holds none.
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_quantity expects str, got {type(s).__name__}")
    found = find_quantities(s)
    if not found:
        return None
    return max(found, key=lambda mm: mm.quantity.end - mm.quantity.start).quantity
