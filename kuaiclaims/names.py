"""Companies, products and people: lexicon matches, names no lexicon knows, canonical names.

``find_entities`` is pure: text and lexicon in, ``Entity`` list out. Lexicon
names are matched on characters (``NameIndex``) so that jieba's segmentation
cannot split them. Names no lexicon knows come from rules, which read the
tokenizer's jieba pieces when the caller passes them (a ``Segmentation``):
where words begin and end, and which words jieba's dictionary does not know.

- People: a surname-led name after a title (``分析师张三``, ``记者 李四``) or
  before a reporting verb or honorific (``张三表示``, ``李四先生``); an unknown
  word of a surname and a one- or two-character given name whose characters
  are name-like (``data/name_chars.tsv``, derived from jieba's own model);
  transliterated names around a middle dot (``詹姆斯·卡梅隆``); Latin names
  next to a title or a verb; the other names of a ``、`` list; every other
  mention of a name found once.
- Companies: a body and an organisation suffix (``云帆科技``, ``江海银行``,
  ``data/org_suffixes.tsv``), the body read backwards over the pieces that
  can be a name (unknown or rare words, places); the body alone later in the
  text (``云帆``); a lexicon company's branch (``光大银行北京分行``); Latin
  names after ``公司``; the outlet of a ``来源：`` line; ``据《X》报道``.
- Products: ``《X》``; a brand and a model code (``驰远S7``); a name and
  ``大模型``/``助手``/``App``/``AI``.

Every loop is linear in the text: regular expressions with bounded repeats,
and look-behind limited to a few characters or pieces.
"""
from __future__ import annotations

import bisect
import operator
from functools import lru_cache
from itertools import accumulate, compress, count
from typing import Iterator, Optional, Sequence

import regex
from rapidfuzz import fuzz, process

from .lexicons import EntityLexicon, read_lines, read_tsv
from .text import fold, fold_case
from .types import Entity


# -- what the tokenizer knows -------------------------------------------------

class Segmentation:
    """The jieba pieces of one text and the dictionary they came from.

    ``pieces`` concatenate to the text; ``freq`` is the tokenizer's jieba
    dictionary (word -> frequency, 0 for prefixes that are not words).
    Offsets are character offsets.
    """

    __slots__ = ("pieces", "freq", "_ends")

    def __init__(self, pieces: Sequence[str], freq: dict):
        self.pieces = pieces
        self.freq = freq
        self._ends: Optional[list[int]] = None

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = list(accumulate(map(len, self.pieces)))
        return self._ends

    def piece(self, i: int) -> tuple[int, int]:
        """``(start, end)`` of the piece holding character ``i``."""
        ends = self.ends
        j = bisect.bisect_right(ends, i)
        if j >= len(ends):
            return (ends[-1], ends[-1]) if ends else (0, 0)
        return (ends[j - 1] if j else 0), ends[j]

    def is_boundary(self, i: int) -> bool:
        """True when a piece begins (or the text ends) at ``i``."""
        if i <= 0:
            return True
        ends = self.ends
        j = bisect.bisect_left(ends, i)
        return j >= len(ends) or ends[j] == i

    def is_word(self, word: str) -> bool:
        """True when ``word`` is in the dictionary (jieba's words and the lexicon's names)."""
        return self.freq.get(word, 0) > 0

    def frequency(self, word: str) -> int:
        return self.freq.get(word, 0) or 0

    def unknown_words(self) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every piece of two or more characters that is not in the dictionary."""
        pieces, ends = self.pieces, self.ends
        for i in compress(count(), map(operator.not_, map(self.freq.get, pieces))):
            p = pieces[i]
            if len(p) > 1:
                yield ends[i] - len(p), ends[i]

    def name_shaped(self, surnames: frozenset) -> Iterator[tuple[int, int, bool]]:
        """``(start, end, unknown)`` of pieces that may be a Chinese name, in text order.

        Unknown pieces of two or more characters; three-character pieces
        (``周星驰`` is in jieba's dictionary); a one-character surname piece
        with the piece after it (``张 / 洪峰``, ``傅 / 军民``). The scans run in C
        (``map``/``compress``); only their few hits reach Python.
        """
        pieces, ends = self.pieces, self.ends
        freq = self.freq
        hits = set(compress(count(), map(operator.not_, map(freq.get, pieces))))
        hits.update(compress(count(), map((3).__eq__, map(len, pieces))))
        alone = set(compress(count(), map(surnames.__contains__, pieces)))
        n = len(pieces)
        for i in sorted(hits | alone):
            p = pieces[i]
            if i in alone:
                if i + 1 < n and 1 <= len(pieces[i + 1]) <= 2:
                    yield ends[i] - 1, ends[i + 1], not freq.get(pieces[i + 1])
            elif len(p) > 1:
                yield ends[i] - len(p), ends[i], not freq.get(p)


# -- data ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset, frozenset]:
    single, double = set(), set()
    for line in read_lines("surnames.txt"):
        for s in line.split():
            (single if len(s) == 1 else double).add(s)
    return frozenset(single), frozenset(double)


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset:
    """The first 120 single surnames of ``surnames.txt`` (listed by frequency)."""
    out = []
    for line in read_lines("surnames.txt"):
        out.extend(s for s in line.split() if len(s) == 1)
    return frozenset(out[:120])


@lru_cache(maxsize=1)
def _name_chars() -> dict[str, tuple[float, float]]:
    """Character -> (mid, end) log-ratios of being a given-name character (see bench/name_chars.py)."""
    out = {}
    for line in read_lines("name_chars.tsv"):
        ch, mid, end = (line.split("\t") + ["", ""])[:3]
        out[ch] = (float(mid) if mid else _MISSING_SCORE, float(end) if end else _MISSING_SCORE)
    return out


_MISSING_SCORE = -3.0   # a character jieba's model saw, but never in a name
_UNSEEN = (0.0, 0.0)    # a character it never saw at all: rare, so as likely a name as not


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _words(name: str) -> list[str]:
    return [w for line in read_lines(name) for w in line.split()]


@lru_cache(maxsize=1)
def _tables() -> dict:
    titles = set(read_lines("titles.txt")) | set(read_lines("person_titles.txt"))
    verbs = set(read_lines("reporting_verbs.txt"))
    cues = set(read_lines("person_cues.txt"))
    suffixes = {s: kind for s, kind in read_tsv("org_suffixes.tsv", 2)}
    right = (verbs | cues | set(_TITLES_AFTER)) - {"看来", "分析", "预计", "预测", "预期", "估计", "判断"}
    return {
        "titles": frozenset(titles),
        "title_lens": sorted({len(t) for t in titles}, reverse=True),
        "title_re": regex.compile(rf"(?:{_alt(titles)})"),
        "right": frozenset(right),
        "right_lens": sorted({len(w) for w in right}, reverse=True),
        "right_re": regex.compile(rf"(?:{_alt(right)})"),
        "suffix": suffixes,
        "suffix_re": regex.compile(rf"(?:{_alt(suffixes)})"),
        "org_stop": frozenset(read_lines("org_stop.txt")),
        "places": frozenset(_words("places.txt")),
        "translit": frozenset("".join(_words("translit_chars.txt"))),
    }


# Characters that end a name read character by character: function words and
# the one-character verbs that follow names (张三称, 李四在).
_FUNC = frozenset("的了在是和与及或也都就将把被从向由以于对为等而且并让给跟同着过这那其该此各每称说去本前又才还已曾则即")
# A person's name does not end with these (places, buildings, bodies).
_PLACE_END = frozenset("路村桥城镇县街港寺站园楼厦场店馆局厅处队团社网股市省州区湾岛湖河")
# Function words that never end a given name (a narrower set than _FUNC: 吴庆才 is a name).
_PURE_FUNC = frozenset("的了在是和与说称等也都就将把被从向由以于对为着过吗呢啊吧")
# Titles that follow a name: 刘淇书记, 王五市长.
_TITLES_AFTER = ("董事长", "总裁", "首席执行官", "CEO", "教授", "研究员", "分析师", "总经理", "先生", "女士", "书记",
                 "市长", "省长", "主席", "部长", "局长", "院长", "校长", "行长", "总理", "总统", "主任", "老师", "导演")
# What follows a surname in a form of address, not a name: 张先生, 李某, 王总.
_ADDRESS = frozenset({"某", "总", "老", "氏", "家", "姐", "哥", "董", "工", "某某", "先生", "女士", "小姐", "太太",
                      "老师", "师傅", "同学", "阿姨", "大爷", "总裁", "经理", "主任", "院长", "行长", "局长",
                      "部长", "校长", "书记", "市长", "县长", "处长", "科长", "所长", "厂长", "队长", "教授",
                      "博士", "律师", "医生", "记者", "编辑"})
_NUMERAL = frozenset("0123456789零一二三四五六七八九十百千万亿两几数多余")
_SEPARATORS = frozenset(" \t:|丨/")
_HAN = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")
_LATIN_WORD = regex.compile(r"[A-Za-z][A-Za-z0-9&.+'\-]*")
# Words after which an organisation suffix is a generic noun, not a name's end.
_SUFFIX_AFTER_STOP = regex.compile(r"指数|板块|行业|产业|领域|概念|类|股(?!份)|市场|价格|化(?!工)|业务|人士|部门|"
                                   r"股份|股票|股权|债券|门店|赛道|品类|产品|设备|企业|厂商|品牌|公司(?!\p{Han}{0,2}(?:董事|总裁|首席))")
# Suffixes that are also common nouns after a verb (回购股份, 注册资本): their body must be unknown to jieba.
_STRICT_SUFFIX = frozenset({"公司", "游戏", "机器人", "咖啡", "茶饮", "餐饮", "食品", "酒店", "零售", "电子", "材料", "股份", "控股", "资本", "投资", "保险", "基金", "资管", "信托", "期货", "技术",
                            "建设", "文化", "教育", "健康", "零售", "网络", "信息", "动力", "工业", "实业"})
_RARE = 500  # a dictionary word used less often than this may be a name's body (江海银行)


def _is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def _all_han(t: str, s: int, e: int) -> bool:
    return e > s and _HAN_RUN.fullmatch(t, s, e) is not None


# -- entry point --------------------------------------------------------------

_MEDIA_CONTEXT = regex.compile(r"(?:据|告诉|接受|向|对|援引|引述|综合)\s?\Z")
_MEDIA_AFTER = regex.compile(r"\s?(?:报道|记者|获悉|了解到|独家|采访|发文|消息|杂志|报|称)")


def find_entities(text: str, lexicon: EntityLexicon, *, discover: bool = True,
                  ftext: Optional[str] = None, seg: Optional[Segmentation] = None) -> list[Entity]:
    """Every company, product and person in ``text``, in text order, without overlaps.

    Lexicon names win over names found by rules; a longer match wins over a
    shorter one that overlaps it. ``ftext`` is ``fold(text)`` when the caller
    already has it; ``seg`` the tokenizer's pieces of ``text`` (names found
    by rules are sharper with it, and a short lexicon name must then stand
    on word boundaries: ``天合`` is not a name in ``全天合计``).
    """
    if not text:
        return []
    ftext = fold(text) if ftext is None else ftext
    key = fold_case(ftext)
    cands: list[tuple[int, int, int, str, str]] = []  # (priority, start, end, label, canonical)
    if lexicon.index is not None:
        by_name = lexicon.by_name
        for s, e in lexicon.index.finditer(key):
            if seg is not None and e - s <= 2 and _is_han(ftext[s]) and not (
                    seg.is_boundary(s) and seg.is_boundary(e)):
                continue
            entry = by_name[key[s:e]]
            cands.append((0, s, e, entry.label, entry.canonical))
    if discover:
        cands.extend(_discover(ftext, lexicon, seg, cands))
    # lexicon names first (longest first), then rules where the lexicon left room
    cands.sort(key=lambda c: (c[0] > 0, -(c[2] - c[1]), c[0], c[1]))
    taken = bytearray(len(text))
    out = []
    for prio, s, e, label, canonical in cands:
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(Entity(text=text[s:e], start=s, end=e, label=label, canonical=canonical))
    out.sort(key=lambda x: x.start)
    return out


def _discover(t: str, lexicon: EntityLexicon, seg: Optional[Segmentation], known: list):
    """Candidates ``(priority, start, end, label, canonical)`` for names the lexicon does not know."""
    out = []
    out.extend(_branches(t, known))
    orgs = list(_companies(t, lexicon, seg))
    out.extend(orgs)
    people = _people(t, lexicon, seg)
    out.extend(people)
    out.extend(_products(t, lexicon, seg, known, orgs))
    out.extend(_echoes(t, seg, people, orgs))
    return out


# -- people -------------------------------------------------------------------

def _surname_len(t: str, s: int) -> int:
    single, double = _surnames()
    if t[s:s + 2] in double:
        return 2
    return 1 if s < len(t) and t[s] in single else 0


def _shape(t: str, s: int, e: int, n: int) -> float:
    """How name-like the given name ``t[s+n:e]`` is: the lower of its characters' log-ratios."""
    chars = _name_chars()
    given = t[s + n:e]
    if len(given) == 1:
        return chars.get(given, _UNSEEN)[1]
    if len(given) == 2:
        return min(chars.get(given[0], _UNSEEN)[0], chars.get(given[1], _UNSEEN)[1])
    return _MISSING_SCORE


def _name_at(t: str, s: int, seg: Optional[Segmentation]) -> Optional[int]:
    """End of a Chinese name (surname + one or two characters) that starts at ``s``, if one does."""
    n = _surname_len(t, s)
    if not n:
        return None
    if seg is not None:
        ps, pe = seg.piece(s)
        if ps == s:
            size = pe - s
            if size == n:  # the surname alone: the given name is the next piece
                qs, qe = seg.piece(pe)
                if qs == pe and 1 <= qe - qs <= 2 and _all_han(t, qs, qe) and t[qs] not in _FUNC:
                    if qe - qs == 2 and (t[qe - 1] in _FUNC or _right_cue(t, qe - 1, _tables())):
                        return qe - 1  # 郑 / 岳认 / 为
                    return qe
                return None
            if n < size <= n + 3 and _all_han(t, s, pe):
                if size == n + 3:
                    return pe - 1 if t[pe - 1] in _FUNC or _right_cue(t, pe - 1, _tables()) else None
                if size == n + 2 and (t[pe - 1] in _FUNC or _right_cue(t, pe - 1, _tables())):
                    return pe - 1  # jieba glued the verb: 郑岳认 / 为, 陈昊称
                if size == n + 1 and pe < len(t):
                    # jieba split the given name: 刘以 / 秦 (then the name's end), 李焯 / 桃表示, 石安 / 楠则
                    qs, qe = seg.piece(pe)
                    if qe - qs == 1 and _is_han(t[qs]) and t[qs] not in _PURE_FUNC and (
                            qe >= len(t) or not _is_han(t[qe]) or t[qe] in _PURE_FUNC or _right_cue(t, qe, _tables())):
                        return qe
                    if qe - qs == 2 and _is_han(t[qs]) and t[qs] not in _FUNC and t[qs + 1] in _FUNC \
                            and not seg.is_word(t[qs:qe]):
                        return qs + 1
                return pe
            return None
    e = s + n
    while e < len(t) and e - s < n + 2 and _is_han(t[e]) and t[e] not in _FUNC:
        e += 1
    return e if e > s + n else None


def _name_before(t: str, p: int, seg: Optional[Segmentation]) -> Optional[int]:
    """Start of a Chinese name that ends at ``p``, if one does."""
    if p < 2:
        return None
    if seg is not None:
        if not seg.is_boundary(p):
            return None  # the cue is inside a word (声明中称): not after a name
        qs, _ = seg.piece(p - 1)
        size = p - qs
        if 2 <= size <= 4 and _all_han(t, qs, p):
            n = _surname_len(t, qs)
            if n and n < size <= n + 2:
                return qs
        if 1 <= size <= 2 and qs > 0 and _all_han(t, qs, p):
            rs, _ = seg.piece(qs - 1)
            n = qs - rs
            if n in (1, 2) and _surname_len(t, rs) == n:
                return rs
            if n == 2 and t[rs] in _FUNC and _surname_len(t, rs + 1) == 1:
                return rs + 1  # jieba glued the surname to a function word: 但梁 / 大伟
        return None
    for k in (3, 2):
        s = p - k
        if s >= 0 and _all_han(t, s, p) and _surname_len(t, s) and not any(c in _FUNC for c in t[s + 1:p]):
            if k == 3 and _surname_len(t, s + 1) and not _surname_len(t, s):
                continue
            return s
    return None


def _left_cue(t: str, s: int, T: dict) -> bool:
    """A title or byline word right before ``s`` (``分析师``, ``记者 ``, ``作者：``)."""
    i = s
    while i > 0 and s - i < 3 and t[i - 1] in _SEPARATORS:
        i -= 1
    titles = T["titles"]
    for n in T["title_lens"]:
        if i - n >= 0 and t[i - n:i] in titles:
            return True
    # a job that ends like one: 调研员, 处处长, 设计师, 外交官
    return i == s and i >= 2 and t[i - 1] in "员长师官" and _is_han(t[i - 2])


def _speaker_line(t: str, s: int, e: int) -> bool:
    """A name that opens a line or sentence and is followed by a colon: ``姜山：`` (an interview)."""
    return e < len(t) and t[e] in ":：" and (s == 0 or t[s - 1] in "\n。!?”\" \t")


def _right_cue(t: str, e: int, T: dict) -> bool:
    right = T["right"]
    for n in T["right_lens"]:
        if t[e:e + n] in right:
            return True
    return False


def _not_a_person(t: str, s: int, e: int) -> bool:
    """Context that rules out a person: a number before, a place-like last character, a dot, a title."""
    if s > 0 and (t[s - 1] in _NUMERAL or t[s - 1] in "·•・-"):
        return True
    if e < len(t) and t[e] in "·•・":
        return True
    if t[e - 1] in _PLACE_END:
        return True
    lo = max(0, s - 20)
    return t.rfind("《", lo, s) > t.rfind("》", lo, s)


def _person(t: str, s: int, e: int, lexicon: EntityLexicon, prio: int):
    known = lexicon.lookup(t[s:e])
    if known is not None and known.label != "PERSON":
        return None
    return (prio, s, e, "PERSON", known.canonical if known is not None else t[s:e])


def _people(t: str, lexicon: EntityLexicon, seg: Optional[Segmentation]) -> list:
    T = _tables()
    found: dict[tuple[int, int], tuple] = {}
    titled: list[int] = []  # where a title that a name follows begins

    def add(s, e, prio, shape_floor=-4.0, n=None, after_org_ok=True):
        if (s, e) in found or e - s < 2 or _not_a_person(t, s, e):
            return False
        n = _surname_len(t, s) if n is None else n
        if n:
            given = t[s + n:e]
            if given in _ADDRESS or given in T["titles"] or given[-1] == "某":
                return False
            shape = _shape(t, s, e, n)
            if t[s] in _FUNC:
                shape_floor = max(shape_floor, 2.0)  # 和, 向, 于: more often a function word
            if seg is not None and e - s == 2 and seg.frequency(t[s:e]) >= 100:
                shape_floor = max(shape_floor, 1.5)  # a common word of the dictionary (荣幸, 官方)
            if shape < shape_floor:
                return False
        if seg is not None and seg.frequency(t[s:e]) > 2000:
            return False  # a common word (高手, 王者), not a name
        if not after_org_ok and seg is not None and s > 0 and seg.is_boundary(s):
            ps, _ = seg.piece(s - 1)
            before = lexicon.lookup(t[ps:s])
            if before is not None and before.label != "PERSON":
                return False  # 新浪乐居: the end of an organisation's name
        cand = _person(t, s, e, lexicon, prio)
        if cand is not None:
            found[(s, e)] = cand
        return cand is not None

    # a title, then a name: 分析师张三, 记者 李四, 首席经济学家Mark Chen
    for m in T["title_re"].finditer(t):
        s = m.end()
        while s < len(t) and s - m.end() < 4 and t[s] in _SEPARATORS:
            s += 1
        if s >= len(t):
            continue
        if _is_han(t[s]):
            e = _name_at(t, s, seg)
            if e is None:
                e = _translit_at(t, s, seg, T["translit"])  # 总统奥巴马, 主教练贝雷塔
                if e is not None:
                    add(s, e, 1, n=0)
            # a title's name may hold a shorter lexicon name (副秘书长肖长虹: 长虹)
            elif add(s, e, 0 if e - s >= 3 else 1) and seg is not None:
                titled.append(m.start())
        else:
            lm = _LATIN_NAME.match(t, s)
            if lm is not None:
                add(s, lm.end(), 1, n=0)
    # a name, then a reporting verb, an honorific or a title: 张三表示, 李四先生
    for m in T["right_re"].finditer(t):
        p = m.start()
        if p > 0 and _is_han(t[p - 1]):
            s = _name_before(t, p, seg)
            if s is not None:
                add(s, p, 2, shape_floor=-1.0, after_org_ok=False)
            else:
                s = _translit_before(t, p, seg, T["translit"])  # 亚历山德罗说
                if s is not None:
                    add(s, p, 2, n=0, after_org_ok=False)
    # a word made of a surname and a name-like given name: 胡玮炜, 周星驰, 张 / 洪峰
    if seg is not None:
        common = _common_surnames()
        for s, e, unknown in seg.name_shaped(common):
            if (s, e) in found or not _is_han(t[s]):
                continue
            n = _surname_len(t, s)
            if not n:
                continue
            if not unknown:
                if e - s != n + 2 or seg.frequency(t[s:e]) > 200:
                    continue  # of the dictionary's words, only full names (周星驰)
                if not (_left_cue(t, s, T) or _right_cue(t, e, T)) and _shape(t, s, e, n) < 2.5:
                    continue
            better = _name_at(t, s, seg) if seg.is_boundary(s) else None
            if better is not None and better > e:
                e = better  # 方予 / 衡称: the given name runs into the next piece
            if e - s > n + 2 or (e - s == n + 2 and t[e - 1] in _FUNC):
                if e - s <= n + 3 and t[e - 1] in _FUNC:
                    e -= 1
                else:
                    continue
            if not _all_han(t, s, e):
                continue
            given = e - s - n
            if _left_cue(t, s, T):
                add(s, e, 2, shape_floor=-1.0, n=n)
            elif _right_cue(t, e, T) or _speaker_line(t, s, e):
                add(s, e, 2, shape_floor=-1.0, n=n, after_org_ok=False)
            elif given == 2 and (n == 2 or t[s] in common):
                add(s, e, 3, shape_floor=0.8, n=n, after_org_ok=False)
            elif given == 1 and t[s] in common and seg.is_boundary(s) and _stands_alone(t, s, e):
                add(s, e, 3, shape_floor=2.0, n=n, after_org_ok=False)
    # transliterated names: 詹姆斯·卡梅隆
    for m in _DOT.finditer(t):
        span = _dotted_name(t, m.start(), T["translit"])
        if span is not None:
            s, e = span
            lo = max(0, s - 20)
            if (s, e) not in found and t[e - 1] not in _PLACE_END and t[e - 1] != "山" and not (
                    t.rfind("《", lo, s) > t.rfind("》", lo, s)):
                cand = _person(t, s, e, lexicon, 2)
                if cand is not None:
                    found[(s, e)] = cand
    # Latin names before a verb: Alex Yao表示
    for m in _LATIN_PERSON.finditer(t):
        after = _TEAM.match(t, m.end())
        if _right_cue(t, after.end() if after else m.end(), T):
            add(m.start(), m.end(), 1, n=0)
    # the other names of a list: 张三、李四和王五
    for (s, e) in list(found):
        if not _is_han(t[s]):
            continue
        _list_neighbours(t, s, e, seg, add, T["translit"])
    # a name's spelling in brackets, and a transliterated name before one: 苏帕蒂（Subodhi）
    for (s, e) in list(found):
        m = _LATIN_IN_BRACKETS.match(t, e)
        if m is not None:
            add(m.start("name"), m.end("name"), 2, n=0)
    for m in _BRACKET_OPEN.finditer(t):
        lm = _LATIN_IN_BRACKETS.match(t, m.start())
        if lm is None or _LATIN_ORG_WORD.search(lm.group("name")):
            continue
        s = _translit_before(t, m.start(), seg, T["translit"], least=2)
        if s is not None and add(s, m.start(), 2, n=0):
            add(lm.start("name"), lm.end("name"), 2, n=0)
    orgs = []
    if seg is not None:
        for p in titled:
            org = _org_before_title(t, p, seg, lexicon)
            if org is not None:
                orgs.append(org)
    return list(found.values()) + orgs


_DOT = regex.compile(r"[·•・]")
_TEAM = regex.compile(r"\s?(?:团队|等人|等)")
_LATIN_NAME = regex.compile(r"[A-Z][a-z]+(?: ?[A-Z][a-z]+){0,2}(?![A-Za-z])(?! [A-Z])")
# a name's original spelling in brackets: 威廉姆斯（Harold Williams）
_LATIN_IN_BRACKETS = regex.compile(r"\s?[（(](?P<name>[A-Za-z][A-Za-z .'\-]{1,40}?)[)）,，]")
_LATIN_PERSON = regex.compile(r"(?<![A-Za-z] ?)[A-Z][a-z]+ [A-Z][a-z]+(?![A-Za-z])(?! [A-Z])")


_BRACKET_OPEN = regex.compile(r"(?<=\p{Han})[（(](?=[A-Za-z])")
_LATIN_ORG_WORD = regex.compile(r"(?i)\b(?:inc|ltd|llc|corp|co|group|holdings?|tech|technolog|capital|bank|"
                                r"securities|partners|labs?|ai|studio|games|media|motors?)")


def _translit_at(t: str, s: int, seg: Optional[Segmentation], translit: frozenset) -> Optional[int]:
    """End of a transliterated name (3-6 characters of ``translit_chars.txt``) starting at ``s``."""
    e = s
    while e < len(t) and e - s < 7 and t[e] in translit:
        e += 1
    if not 3 <= e - s <= 6 or (e < len(t) and t[e] in translit):
        return None
    if seg is not None and not (seg.is_boundary(s) and seg.is_boundary(e)):
        return None
    return e


def _translit_before(t: str, p: int, seg: Optional[Segmentation], translit: frozenset, least: int = 3) -> Optional[int]:
    """Start of a transliterated name that ends at ``p``."""
    s = p
    while s > 0 and p - s < 7 and t[s - 1] in translit:
        s -= 1
    if not least <= p - s <= 6 or (s > 0 and t[s - 1] in translit):
        return None
    if seg is not None and not (seg.is_boundary(s) and seg.is_boundary(p)):
        return None
    return s


def _stands_alone(t: str, s: int, e: int) -> bool:
    """A two-character name with punctuation or the text's edge on one side (``，张捷永远``)."""
    before = t[s - 1] if s > 0 else "\n"
    after = t[e] if e < len(t) else "\n"
    return not _is_han(before) or not _is_han(after)


def _dotted_name(t: str, dot: int, translit: frozenset) -> Optional[tuple[int, int]]:
    """``(start, end)`` of a name like ``克里斯托弗·诺兰`` around the dot at ``dot``."""
    s = dot
    while s > 0 and dot - s < 8 and t[s - 1] in translit:
        s -= 1
    if s == dot or (s > 0 and t[s - 1] in "·•・"):
        return None  # the start of a longer name is handled at its first dot
    e = dot
    for _ in range(3):  # at most four parts
        j = e + 1
        while j < len(t) and j - e <= 8 and t[j] in translit:
            j += 1
        if j == e + 1:
            break
        e = j
        if e >= len(t) or t[e] not in "·•・":
            break
    if e == dot or e - s < 3:
        return None
    return s, e


def _list_neighbours(t: str, s: int, e: int, seg, add, translit) -> None:
    """Names on either side of ``、`` next to a person (at most five each way)."""
    pos = e
    for _ in range(5):
        if pos >= len(t) or t[pos] != "、":
            break
        e2 = _name_at(t, pos + 1, seg) or _translit_at(t, pos + 1, seg, translit)
        if e2 is None or (e2 < len(t) and _is_han(t[e2]) and t[e2] not in "和与及等"):
            break
        add(pos + 1, e2, 3, shape_floor=-1.0)
        pos = e2
    pos = s
    for _ in range(5):
        if pos <= 0 or t[pos - 1] != "、":
            break
        s2 = _name_before(t, pos - 1, seg) or _translit_before(t, pos - 1, seg, translit)
        if s2 is None or (s2 > 0 and _is_han(t[s2 - 1]) and not _left_cue(t, s2, _tables())):
            break
        add(s2, pos - 1, 3, shape_floor=-1.0)
        pos = s2


# -- companies ----------------------------------------------------------------

def _companies(t: str, lexicon: EntityLexicon, seg: Optional[Segmentation]):
    T = _tables()
    suffixes, stop, places = T["suffix"], T["org_stop"], T["places"]
    last_end, last_start = 0, None
    for m in T["suffix_re"].finditer(t):
        p, q = m.span()
        suffix = m.group()
        kind = suffixes[suffix]
        if seg is not None and not seg.is_boundary(q):
            continue  # 科技股, 银行业: the suffix is part of a longer word
        if _SUFFIX_AFTER_STOP.match(t, q):
            continue
        core = None
        if p == last_end and last_start is not None:
            start = last_start  # 蓝鲸数科 + 科技: a suffix after a name just found extends it
        elif seg is not None and not seg.is_boundary(p):
            ps, pe = seg.piece(p)
            if pe != q or seg.is_word(t[ps:pe]) or pe - ps > 8:
                continue  # 房地产, 金融科技: a dictionary word that ends with a suffix
            # the body and the suffix are one unknown word (恒曜新材): take it whole
            start = ps if ps >= last_end and p - ps >= 2 and _body_ok(t, ps, p, stop) else None
        else:
            found = _org_body(t, p, seg, stop, places, suffixes, floor=last_end, kind=kind,
                              strict=suffix in _STRICT_SUFFIX, lexicon=lexicon)
            start, core = found if found is not None else (None, None)
        if start is None:
            continue
        name = t[start:q]
        known = lexicon.lookup(name)
        if known is not None:
            canonical = known.canonical if known.label == "COMPANY" else name
        elif core is not None and kind != "media":
            canonical = core.canonical  # 北京龙湖置业有限公司 -> 龙湖
        else:
            canonical = canonical_name(name, lexicon)
        # a lexicon company with more words (携程商务公司), or a suffix that is itself a lexicon
        # name (潮汐财经: 财经), must not lose to the shorter lexicon match inside it
        prio = 0 if core is not None or lexicon.lookup(suffix) is not None else 2
        yield (prio, start, q, "COMPANY", canonical)
        last_end, last_start = q, start
    yield from _latin_companies(t, lexicon)
    yield from _outlets(t, lexicon, seg)


_LEGAL = frozenset({"有限公司", "有限责任公司", "股份有限公司", "集团公司", "总公司"})


def _org_body(t: str, p: int, seg: Optional[Segmentation], stop, places, suffixes, *, floor: int, kind: str,
              strict: bool, lexicon: EntityLexicon):
    """``(start, core)`` of the name whose suffix begins at ``p``, or None.

    Read backwards over at most four pieces (eight characters; six pieces and
    twelve for a legal form like ``有限公司``), stopping at a common word, a
    function word, a stop word or an institution (``大学`` in
    ``清远大学房地产研究所``). The piece next to the suffix may be a rare word of
    the dictionary (``江海银行``; not for ``strict`` suffixes like ``公司``:
    ``装修公司``); pieces further out must be words jieba does not know,
    lexicon names, places or trade words; one common word may stand between a
    lexicon company and the suffix (``携程商务公司``). The body must hold a
    name, or be a place before a trade word (``华东财经大学``) or before an
    institution a place can name (``广州商业银行``, ``东京商品交易所``).
    ``core`` is the lexicon company inside the body, if there is one.
    """
    legal = t[p:p + 7].startswith(tuple(_LEGAL))
    max_chars, max_pieces = (12, 6) if legal else (8, 4)
    kinds = []  # (start, kind) from the suffix backwards
    core = None
    s = p
    while s > floor and p - s < max_chars and len(kinds) < max_pieces:
        if seg is not None:
            ws, _ = seg.piece(s - 1)
            if ws < floor:
                break
        else:
            ws = s - 1
            while ws > floor and s - ws < 4 and _is_han(t[ws - 1]) and t[ws - 1] not in _FUNC:
                ws -= 1
        w = t[ws:s]
        if _LATIN_WORD.fullmatch(w):
            if kind not in ("head", "inst") or (kinds and not legal):
                break
            # a Latin name, maybe of several words: Eidos公司, Kestrel Robotics公司
            j = ws
            while j >= 2 and t[j - 1] == " " and _LATIN_WORD.fullmatch(t, _latin_start(t, j - 1), j - 1):
                j = _latin_start(t, j - 1)
            kinds.append((j, "name"))
            s = j
            break
        if not _all_han(t, ws, s) or w in stop or w[-1] in _FUNC or w[0] in _FUNC:
            break
        if suffixes.get(w) in ("head", "inst") and not legal:
            break
        if seg is None:
            kinds.append((ws, "name"))
            s = ws
            continue
        known = lexicon.lookup(w)
        if known is not None and known.label == "COMPANY":
            kinds.append((ws, "name"))
            core = known if core is None else core
        elif w in places:
            kinds.append((ws, "place"))
        elif suffixes.get(w) in ("trade", "media"):
            kinds.append((ws, "trade"))
        elif len(w) >= 2 and (not seg.is_word(w) or legal or (
                not kinds and not strict and seg.frequency(w) < _RARE)):
            kinds.append((ws, "name"))
        elif not kinds and len(w) == 2 and ws > floor:
            # one common word after a lexicon company: 携程 商务 公司
            bs, _ = seg.piece(ws - 1)
            before = lexicon.lookup(t[bs:ws]) if bs >= floor else None
            if before is None or before.label != "COMPANY":
                break
            kinds.append((ws, "filler"))
        else:
            break
        s = ws
    # trade words and fillers at the far end belong to the sentence, not the name (生物医药: 生物)
    while kinds and kinds[-1][1] in ("trade", "filler"):
        kinds.pop()
    if not kinds:
        return None
    start = kinds[-1][0]
    names = [k for _, k in kinds]
    if "name" not in names and not ("place" in names and ("trade" in names or kind == "inst")):
        return None
    if strict and names[0] not in ("name", "filler") and not legal:
        return None
    if p - start < 2 or p - start > max_chars + 2:
        return None
    if core is not None and len([k for k in names if k == "name"]) > 1:
        core = None  # 中信红木: a new name around a lexicon one
    return start, core


def _body_ok(t: str, s: int, e: int, stop) -> bool:
    return _all_han(t, s, e) and t[s:e] not in stop and t[s] not in _FUNC and t[s] not in stop


def _latin_start(t: str, end: int) -> int:
    s = end
    while s > 0 and (t[s - 1].isascii() and (t[s - 1].isalnum() or t[s - 1] in "&.+'-")):
        s -= 1
    return s


_LATIN_ORG = regex.compile(
    r"(?:公司|企业|厂商|集团|机构|初创公司|创业公司|品牌|供应商|制造商|开发商|运营商|平台|研究机构|调研机构|咨询公司)"
    r"(?P<name>[A-Z][A-Za-z0-9&.+\-]*(?: [A-Z][A-Za-z0-9&.+\-]*){0,3})(?![A-Za-z])")


# a Latin name, then what a company does or has: OpenAI宣布, Maxis负责人, SCEA市场总监
_LATIN_ORG_AFTER = regex.compile(
    r"(?<![A-Za-z0-9&.\-])(?P<name>[A-Z][A-Za-z0-9&.\-]{1,24})"
    r"(?=旗下|宣布|推出|发布|收购|公布|官方|方面|股价|市值|财报|首席|董事长|总裁|副总裁|CEO|负责人|创始人|发言人|"
    r"(?:市场|销售|营销|技术|产品|公关|区域|中国区)?总监|高管)")
# a list that ends with what its items are: bet365、伟德等公司
_ORG_LIST = regex.compile(
    r"(?P<items>(?:[\p{Han}A-Za-z0-9&]{2,12}[、和及与]){1,8}[\p{Han}A-Za-z0-9&]{2,12})"
    r"等(?:多家|几家|数家)?(?:公司|企业|机构|银行|券商|厂商|车企|药企|巨头|平台|金融机构|基金公司|保险公司)")
_LIST_SPLIT = regex.compile(r"[、和及与]")
_GENERIC_LATIN = frozenset("app apps saas paas iaas aigc agi llm gpu cpu npu asic fpga ipo esg etf reits kol "
                           "mcn ota api sdk crm erp b2b b2c c2c o2o pc ios android wifi 5g 6g ai".split())


def _latin_companies(t: str, lexicon: EntityLexicon):
    """Latin names after a company word (初创公司Kestrel Robotics, 减速器厂商HDS) or before
    what a company does (OpenAI宣布), and the items of ``X、Y等公司``."""
    for pat in (_LATIN_ORG, _LATIN_ORG_AFTER):
        for m in pat.finditer(t):
            s, e = m.span("name")
            if e - s < 2 or (e - s <= 3 and t[s:e].isupper()) or t[s:e].lower() in _GENERIC_LATIN:
                continue  # AI, VR, IPO: a word, not a name
            known = lexicon.lookup(t[s:e])
            if known is not None and known.label != "COMPANY":
                continue
            yield (2, s, e, "COMPANY", known.canonical if known else t[s:e])
    for m in _ORG_LIST.finditer(t):
        pos = m.start("items")
        for item in _LIST_SPLIT.split(m.group("items")):
            s, e = pos, pos + len(item)
            pos = e + 1
            if any(c in _FUNC for c in item) or len(item) < 2:
                continue
            known = lexicon.lookup(item)
            if known is not None and known.label != "COMPANY":
                continue
            yield (3, s, e, "COMPANY", known.canonical if known else canonical_name(item, lexicon))


_DEPARTMENT = frozenset("营销 销售 市场 创意 策划 技术 财务 产品 品牌 公关 研究 运营 投资 研发 设计 工程 项目 业务 "
                        "区域 大区 中国区 亚太区 战略 法务 客户 信贷 零售 风控 董事会 监事会 执行".split())


def _org_before_title(t: str, p: int, seg: Segmentation, lexicon: EntityLexicon):
    """The organisation before a title that a name follows: 宣明典居总经理傅军民 -> 宣明典居.

    Departments (营销, 市场) are skipped; the name is one to three pieces
    jieba does not know (at least one) or places, eight characters at most.
    """
    e = p
    if e > 0 and seg.is_boundary(e):
        ws, _ = seg.piece(e - 1)
        if t[ws:e] in _DEPARTMENT:
            e = ws
    s, unknown, pieces = e, False, 0
    places = _tables()["places"]
    while s > 0 and pieces < 3 and e - s < 8:
        ws, _ = seg.piece(s - 1)
        w = t[ws:s]
        if len(w) < 2 or not _all_han(t, ws, s) or w[0] in _FUNC or w[-1] in _FUNC:
            break
        if not seg.is_word(w):
            unknown = True
        elif w not in places:
            break
        s, pieces = ws, pieces + 1
    if not unknown or e - s < 2 or lexicon.lookup(t[s:e]) is not None:
        return None
    return (3, s, e, "COMPANY", canonical_name(t[s:e], lexicon))


_OUTLET = regex.compile(r"(?:来源|来自|出处)\s?[:：]\s?(?P<name>[\p{Han}A-Za-z]{2,10}?)(?=\s|$|[,，。|丨(（])", regex.M)
_BYLINE_OUTLET = regex.compile(r"^\s*(?P<name>\p{Han}{2,8})\s{1,4}(?=(?:记者|作者|文\s?[|丨/]|编辑)\s?[:：]?\s?\p{Han})", regex.M)
_OUTLET_TAIL = regex.compile(r"(?:APP|App|app|客户端|官网|网站|微信公众号|公众号|微博)$")


def _outlets(t: str, lexicon: EntityLexicon, seg: Optional[Segmentation]):
    """The outlet of a ``来源：`` line or of a ``X  记者 Y`` byline."""
    for pat in (_OUTLET, _BYLINE_OUTLET):
        for m in pat.finditer(t):
            s, e = m.span("name")
            tail = _OUTLET_TAIL.search(t, s, e)
            if tail is not None and tail.start() - s >= 2:
                e = tail.start()  # 金融界APP -> 金融界
            name = t[s:e]
            known = lexicon.lookup(name)
            if known is not None and known.label != "COMPANY":
                continue
            yield (1, s, e, "COMPANY", known.canonical if known else name)


# -- products -----------------------------------------------------------------

_MODEL_CODE = regex.compile(r"(?:[A-Z]{1,3}\d{1,3}[A-Za-z]{0,3}|\d{1,2}(?:\.\d)?\s?(?:Pro|Max|Plus|Ultra|Lite|Turbo|Mini|Flash))(?![A-Za-z0-9])")
_NOT_MODEL = regex.compile(r"(?:Q[1-4]|H[12]|FY\d+|[A-Z]\d{3,})$")
_PRODUCT_HEAD = regex.compile(r"大模型|App|APP|app|AI(?![A-Za-z])|助手|智能体")


def _products(t: str, lexicon: EntityLexicon, seg: Optional[Segmentation], known: list, orgs: list):
    """Product names: ``《X》``, a brand and a model code, a name and ``大模型``/``App``."""
    for m in _BOOK.finditer(t):
        name = m.group("name")
        s, e = m.start("name"), m.end("name")
        if lexicon.lookup(name) is not None:
            continue  # the lexicon pass tags it
        if _MEDIA_CONTEXT.search(t, max(0, m.start() - 4), m.start()) or _MEDIA_AFTER.match(t, m.end()):
            yield (2, s, e, "COMPANY", name)
        else:
            yield (3, s, e, "PRODUCT", name)
    # a brand (lexicon company or product, or a company found above) and a model code: 驰远S7, 理想L9
    # (a version of a known product keeps its canonical name: 可灵1.5Pro -> 可灵AI)
    brands = [(s, e, canonical if label == "PRODUCT" else None)
              for _, s, e, label, canonical in known if label in ("COMPANY", "PRODUCT")]
    brands += [(s, e, None) for _, s, e, _, _ in orgs]
    bodies = {}
    for _, s, e, _, _ in orgs:
        if seg is not None:
            ws, we = seg.piece(s)
            if we < e and we - ws >= 2:
                bodies[t[ws:we]] = t[s:e]
    for s, e, canonical in brands:
        m = _MODEL_CODE.match(t, e)
        if m is not None and not _NOT_MODEL.search(m.group()):
            yield (0, s, m.end(), "PRODUCT", canonical or t[s:m.end()])
    for body in bodies:
        i = t.find(body)
        while i >= 0:
            m = _MODEL_CODE.match(t, i + len(body))
            if m is not None and not _NOT_MODEL.search(m.group()):
                yield (1, i, m.end(), "PRODUCT", t[i:m.end()])
            i = t.find(body, i + 1)
    # a name and a product word: 帆语大模型, 小鲸AI
    if seg is not None:
        for m in _PRODUCT_HEAD.finditer(t):
            p = m.start()
            if not seg.is_boundary(p) or p < 2:
                continue
            ws, _ = seg.piece(p - 1)
            w = t[ws:p]
            if 2 <= len(w) <= 6 and _all_han(t, ws, p) and not seg.is_word(w) and w[0] not in _FUNC \
                    and w[-1] not in _FUNC:
                name = t[ws:m.end()]
                known_p = lexicon.lookup(name)
                yield (2, ws, m.end(), "PRODUCT", known_p.canonical if known_p else name)


_BOOK = regex.compile(r"《(?P<name>[^《》\n]{1,30})》")


# -- branches and echoes --------------------------------------------------------

_BRANCH = regex.compile(r"[（(]中国[)）]|\p{Han}{0,4}?(?:分行|支行|分公司|支公司|营业部|办事处|信用卡中心)")


def _branches(t: str, known: list):
    """A lexicon company's branch: 光大银行北京分行 (canonical: the company)."""
    for prio, s, e, label, canonical in known:
        if label != "COMPANY":
            continue
        m = _BRANCH.match(t, e)
        if m is not None and not any(c in _FUNC for c in t[e:m.end()]):
            yield (0, s, m.end(), "COMPANY", canonical)


def _echoes(t: str, seg: Optional[Segmentation], people: list, orgs: list):
    """Later (and earlier) mentions of a name found once: 程一笑 … 程一笑; 云帆科技 … 云帆."""
    names: dict[str, tuple[str, str]] = {}
    for _, s, e, label, canonical in people:
        if e - s >= 2:
            names.setdefault(t[s:e], (label, canonical))
    for prio, s, e, label, canonical in orgs:
        names.setdefault(t[s:e], ("COMPANY", canonical))
        if seg is not None:
            ws, we = seg.piece(s)
            body = t[ws:we]
            if ws == s and we < e and we - ws >= 2 and _all_han(t, ws, we) and not seg.is_word(body):
                names.setdefault(body, ("COMPANY", canonical))
    for name, (label, canonical) in names.items():
        i = t.find(name)
        while i >= 0:
            j = i + len(name)
            if seg is None or (seg.is_boundary(i) and seg.is_boundary(j)) or _glued_person(t, i, j, seg, label):
                yield (4, i, j, label, canonical)
            i = t.find(name, j)


def _glued_person(t: str, i: int, j: int, seg: Segmentation, label: str) -> bool:
    """A known person's name glued to a following function word by jieba (陈昊称)."""
    if label != "PERSON" or not seg.is_boundary(i):
        return False
    _, pe = seg.piece(i)
    return pe == j + 1 and t[j] in _FUNC


# -- canonical names ------------------------------------------------------------

def canonical_name(name: str, lexicon: EntityLexicon, cutoff: float = 90.0) -> str:
    """The canonical name of ``name``: exact alias, then a near variant, else the name itself."""
    known = lexicon.lookup(name)
    if known is not None:
        return known.canonical
    key = fold_case(fold(name))
    cache = _fuzzy_cache(lexicon)
    hit = cache.get(key, _MISSING)
    if hit is _MISSING:
        hit = _nearest_name(key, lexicon, cutoff)
        if len(cache) > 50_000:  # unknown names are open-ended: keep memory flat over archives
            cache.clear()
        cache[key] = hit
    return lexicon.by_name[hit].canonical if hit is not None else name


_MISSING = object()


def _nearest_name(key: str, lexicon: EntityLexicon, cutoff: float) -> Optional[str]:
    # fuzz.ratio = 2*matches/(len_a+len_b); at 90 a name can only match names
    # whose length lies within [0.818, 1.222] of its own. Near variants are
    # sought among names with the same first character (a different first
    # character is a different name far more often than a typo), so only a
    # handful of candidates are compared instead of the whole lexicon.
    buckets = _fuzzy_buckets(lexicon)
    lo, hi = int(len(key) * cutoff / (200 - cutoff)), int(len(key) * (200 - cutoff) / cutoff) + 1
    choices = [k for n in range(max(lo, 4), hi + 1) for k in buckets.get((key[:1], n), ())]
    if not choices:
        return None
    hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return hit[0] if hit is not None else None


def _fuzzy_buckets(lexicon: EntityLexicon) -> dict[tuple[str, int], list[str]]:
    cached = getattr(lexicon, "_fuzzy", None)
    if cached is None:
        cached = {}
        for k in lexicon.by_name:
            if len(k) >= 4:
                cached.setdefault((k[0], len(k)), []).append(k)
        object.__setattr__(lexicon, "_fuzzy", cached)
    return cached


def _fuzzy_cache(lexicon: EntityLexicon) -> dict:
    cached = getattr(lexicon, "_fuzzy_hits", None)
    if cached is None:
        cached = {}
        object.__setattr__(lexicon, "_fuzzy_hits", cached)
    return cached


def entry_for(entity: Optional[Entity], lexicon: EntityLexicon):
    """The lexicon entry behind an entity, if any."""
    if entity is None:
        return None
    return lexicon.by_canonical.get(entity.canonical) or lexicon.lookup(entity.text)
