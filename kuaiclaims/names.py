"""Companies, products and people: lexicon matches, names no lexicon knows, canonical names.

``find_entities`` is pure: text and lexicon in, ``Entity`` list out. Lexicon
names are matched on characters (``NameIndex``) so that jieba's segmentation
cannot split them. Names no lexicon knows come from rules over the jieba
pieces of the text (a ``Segmentation``: the tokenizer's, or one cut here):
where words begin and end, and which words jieba's dictionary does not know.

- People: an unknown word made of a surname and a one- or two-character
  given name (``胡玮炜``; a surname piece and the piece after it: ``张 / 洪峰``),
  kept when a title stands before it (``分析师``, ``记者 ``), a reporting verb,
  honorific or title after it (``表示``, ``先生``, ``书记``), a colon after it at
  a line's start, or, alone, when its given name is name-like
  (``data/name_chars.tsv``, derived from jieba's own model); transliterated
  names around a middle dot (``詹姆斯·卡梅隆``) or after a title (``总统奥巴马``);
  Latin names after a title or before a verb (``Alex Yao表示``) and in brackets
  after a name; the other names of a ``、`` list.
- Companies: a body and an organisation suffix (``云帆科技``, ``江海银行``,
  ``data/org_suffixes.tsv``), the body read backwards over the pieces that can
  be a name (unknown or rare words, lexicon companies, places); a lexicon
  company's branch (``光大银行北京分行``); the organisation before a title and a
  name (``宣明典居总经理傅军民``); Latin names after ``公司`` or before
  ``宣布``/``负责人``; the items of ``X、Y等公司``; the outlet of a ``来源：`` line.
- Products: ``《X》``; a brand and a model code (``驰远S7``); an unknown word
  and ``大模型``/``助手``/``App``/``AI`` (``帆语大模型``).
- Every name found by a rule is also tagged where it appears again, and a
  company's body alone (``云帆`` after ``云帆科技``).

Speed: the pieces are looked at through set operations run in C (the
distinct pieces of the text, those jieba does not know, those that are
suffixes or titles); Python only visits the few hits, and every look-around
is bounded to a few characters or pieces, so the work per text is linear.
"""
from __future__ import annotations

import bisect
import operator
import re
from functools import lru_cache
from itertools import accumulate, compress, count
from typing import Iterable, Iterator, Optional, Sequence

from rapidfuzz import fuzz, process

from .lexicons import EntityLexicon, read_lines, read_tsv
from .text import fold, fold_case
from .types import Entity


# -- what the tokenizer knows -------------------------------------------------

class Segmentation:
    """The jieba pieces of one text and the dictionary they came from.

    ``pieces`` concatenate to the text; ``freq`` is the tokenizer's jieba
    dictionary (word -> frequency, 0 for prefixes that are not words);
    ``unknown`` the indices of the pieces of two or more characters that the
    dictionary does not hold (``tokenizer.cut`` notes them as it cuts; they are
    looked up when not given). Offsets are character offsets.
    """

    __slots__ = ("pieces", "freq", "_unknown", "_ends", "_bounds")

    def __init__(self, pieces: Sequence[str], freq: dict, unknown: Optional[Sequence[int]] = None):
        self.pieces = pieces
        self.freq = freq
        self._unknown = unknown
        self._ends: Optional[list[int]] = None
        self._bounds: Optional[set] = None

    @classmethod
    def of(cls, text: str) -> "Segmentation":
        """Cut ``text`` with a private jieba tokenizer (jieba's own dictionary), for callers without a Doc."""
        from .tokenizer import cut

        tk = _fallback_jieba()
        pieces, unknown = cut(tk, text)
        return cls(pieces, tk.FREQ, unknown)

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = list(accumulate(map(len, self.pieces)))
        return self._ends

    def piece(self, i: int) -> tuple[int, int]:
        """``(start, end)`` of the piece holding character ``i``."""
        ends = self._ends if self._ends is not None else self.ends
        j = bisect.bisect_right(ends, i)
        if j >= len(ends):
            return (ends[-1], ends[-1]) if ends else (0, 0)
        return (ends[j - 1] if j else 0), ends[j]

    @property
    def bounds(self) -> set:
        """Every offset where a piece begins or ends (0 and the text's length included)."""
        if self._bounds is None:
            self._bounds = set(self.ends)
            self._bounds.add(0)
        return self._bounds

    def is_boundary(self, i: int) -> bool:
        """True when a piece begins (or the text ends) at ``i``."""
        bounds = self._bounds
        return i in (bounds if bounds is not None else self.bounds)

    def is_word(self, word: str) -> bool:
        """True when ``word`` is in the dictionary (jieba's words and the lexicon's names)."""
        return bool(self.freq.get(word))

    def frequency(self, word: str) -> int:
        return self.freq.get(word) or 0

    def unknown_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the pieces of two or more characters that the dictionary does not hold."""
        pieces, ends = self.pieces, self.ends
        if self._unknown is None:
            self._unknown = [i for i in compress(count(), map(_not, map(self.freq.get, pieces)))
                             if len(pieces[i]) > 1]
        return [(ends[i] - len(pieces[i]), ends[i]) for i in self._unknown]

    def spans_in(self, kinds: dict) -> list[tuple[int, int, str, int]]:
        """``(start, end, kind, index)`` of the pieces that are keys of ``kinds``, in text order.

        One ``map``/``compress`` pass in C over the pieces; Python sees only the hits.
        """
        pieces, ends = self.pieces, self.ends
        return [(ends[i] - len(pieces[i]), ends[i], kinds[pieces[i]], i)
                for i in compress(count(), map(kinds.__contains__, pieces))]


_not = operator.not_


@lru_cache(maxsize=1)
def _fallback_jieba():
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


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
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _kinds(groups: dict) -> dict[str, tuple[str, ...]]:
    """Word -> the groups it belongs to."""
    out: dict[str, tuple[str, ...]] = {}
    for kind, words in groups.items():
        for w in words:
            out[w] = out.get(w, ()) + (kind,)
    return out


def _words(name: str) -> list[str]:
    return [w for line in read_lines(name) for w in line.split()]


@lru_cache(maxsize=1)
def _tables() -> dict:
    titles = set(read_lines("titles.txt")) | set(read_lines("person_titles.txt"))
    verbs = set(read_lines("reporting_verbs.txt"))
    cues = set(read_lines("person_cues.txt"))
    table = {s: kind for s, kind in read_tsv("org_suffixes.tsv", 2)}
    suffixes = {s: kind for s, kind in table.items() if kind != "field"}
    fields = frozenset(s for s, kind in table.items() if kind == "field")
    right = (verbs | cues | set(_TITLES_AFTER) | {w for w in titles if len(w) >= 2}) - {"看来", "分析", "预计", "预测", "预期", "估计", "判断"}
    common = _common_surnames()
    return {
        "suffix_lasts": frozenset(w[-1] for w in suffixes),
        "name_firsts": frozenset(_surnames()[0] | {d[0] for d in _surnames()[1]}),
        "kinds": _kinds({"title": titles, "alone": common - _WORDY_SURNAMES, "known": read_lines("jieba_names.txt"),
                         "suffix": set(suffixes) | set(_SUFFIX_COMPOUNDS), "product": _PRODUCT_HEADS}),
        "titles": frozenset(titles),
        "title_lens": sorted({len(t) for t in titles}, reverse=True),
        "title_lasts": frozenset({t[-1] for t in titles} | set("员长师官")),
        "right_firsts": frozenset(w[0] for w in right),
        "right": frozenset(right),
        "right_lens": sorted({len(w) for w in right}, reverse=True),
        "suffix": suffixes,
        "fields": fields,
        "suffix_words": frozenset(suffixes),
        "org_stop": frozenset(read_lines("org_stop.txt")) | frozenset(_words("common_words.txt")),
        "common": frozenset(_words("common_words.txt")),
        # words for a person that no name opens with (高管中, 董事会): titles and anonymous heads
        "heads": frozenset(titles | set(read_lines("anonymous_heads.txt"))),
        "places": frozenset(_words("places.txt")),
        "translit": frozenset("".join(_words("translit_chars.txt"))),
        # surnames that stand alone as a piece before the given name (张 / 洪峰), but
        # not those that are also everyday words (于, 高, 金, 和, 向 ...)
        "alone": frozenset(common - _WORDY_SURNAMES),
        "common_surnames": common,
        # every surname as a piece of its own (黄 / 福华): where a cut-off name may start
        "surname_pieces": {w: "surname" for w in _surnames()[0] | _surnames()[1]},
        # a transliterated name right before a verb or honorific (马卡罗夫说, 雅各布表示)
        "translit_speaker": _translit_speaker(frozenset("".join(_words("translit_chars.txt"))), right),
    }


def _translit_speaker(translit: frozenset, right: set) -> "re.Pattern":
    chars = re.escape("".join(sorted(translit)))
    return re.compile(f"(?<![{chars}])[{chars}]{{3,6}}(?=(?:{_alt(_ADVERBS_BEFORE_VERB)})?(?:{_alt(right)}))")


# Characters that end a name read character by character: function words and
# the one-character verbs that follow names (张三称, 李四在).
_FUNC = frozenset("的了在是和与及或也都就将把被从向由以于对为等而且并让给跟同着过这那其该此各每称说去本前又才还已曾则即")
# Function words that never end a given name (a narrower set than _FUNC: 吴庆才 is a name).
_PURE_FUNC = frozenset("的了在是和与说称等也都就将把被从向由以于对为着过吗呢啊吧均亦皆仍又再还却便")
# A person's name does not end with these (places, buildings, bodies).
_PLACE_END = frozenset("路村桥城镇县街港寺站园楼厦场店馆局厅处队团社网股市省州区湾岛湖河滩卡盘")
# Titles that follow a name: 刘淇书记, 王五市长.
_TITLES_AFTER = ("董事长", "总裁", "首席执行官", "CEO", "教授", "研究员", "分析师", "总经理", "先生", "女士", "书记",
                 "市长", "省长", "主席", "部长", "局长", "院长", "校长", "行长", "总理", "总统", "主任", "老师", "导演")
# What follows a surname in a form of address, not a name: 张先生, 李某, 王总.
_ADDRESS = frozenset({"某", "总", "老", "氏", "家", "姐", "哥", "董", "工", "某某", "先生", "女士", "小姐", "太太",
                      "老师", "师傅", "同学", "阿姨", "大爷", "总裁", "经理", "主任", "院长", "行长", "局长",
                      "部长", "校长", "书记", "市长", "县长", "处长", "科长", "所长", "厂长", "队长", "教授",
                      "博士", "律师", "医生", "记者", "编辑"})
# Common surnames that are also everyday one-character words.
_WORDY_SURNAMES = frozenset("于高金石方白万向和余成任常安文时明全应师车连谷路包关宁司单解管曲甘左尚符华龙史牛齐乔"
                            "江田叶马林黄钱毛武康施严邢")
# Conjunctions jieba's HMM glues to the name after them (但 / 林洁 -> 但林洁).
_CONJUNCTIONS = frozenset("但而却并")
# Adverbs that follow a subject (李洋 / 则 / 为): never the last character of a split given name.
_ADVERBS = frozenset("则已")
# Function words that want an object after them: one before a verb belongs to the name (韩世同分析)
_PREPOSITIONS = frozenset("同与和对向从跟")  # not 在: 在 before a verb is progressive (岑韶 / 在接受)
_ASPECT = frozenset("着了")
# Characters that follow a noun to place it or make it plural (高管中, 高层们): no name's end after a word
_PLACE_WORDS = frozenset("中上下里内外们间")
_NUMERAL = frozenset("0123456789零一二三四五六七八九十百千万亿两几数多余")
_MEASURES = frozenset("吨星级亿万千百个家位种类件台辆座批层倍大")
_SEPARATORS = frozenset(" \t:|丨/")
# CJK ideographs (the unified block and extension A, the compatibility block); the standard
# library's ``re`` is used throughout: on these patterns it is several times faster than ``regex``
_HANC = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HANC}]")
_HAN_RUN = re.compile(f"[{_HANC}]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.+'\-]*")


def _is_han(ch: str) -> bool:
    """A CJK ideograph (the unified blocks, their extensions and the compatibility block)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _all_han(t: str, s: int, e: int) -> bool:
    return e > s and _HAN_RUN.fullmatch(t, s, e) is not None


# -- entry point --------------------------------------------------------------

def find_entities(text: str, lexicon: EntityLexicon, *, discover: bool = True,
                  ftext: Optional[str] = None, seg: Optional[Segmentation] = None) -> list[Entity]:
    """Every company, product and person in ``text``, in text order, without overlaps.

    Lexicon names win over names found by rules; a longer match wins over a
    shorter one that overlaps it. ``ftext`` is ``fold(text)`` when the caller
    already has it; ``seg`` the tokenizer's pieces of ``text`` (cut here when
    not given). A lexicon name of one or two Han characters must stand on word
    boundaries (``天合`` is not a name in ``全天合计``), and no lexicon name may end
    or begin two characters inside a longer word (``中国移动`` in ``移动互联网``).
    """
    if not text:
        return []
    ftext = fold(text) if ftext is None else ftext
    if seg is None:
        seg = Segmentation.of(text)
    key = fold_case(ftext)
    cands: list[tuple[int, int, int, str, str]] = []  # (priority, start, end, label, canonical)
    if lexicon.index is not None:
        by_name = lexicon.by_name
        bounds = seg.bounds
        for s, e in lexicon.index.finditer(key, bounds):
            if not (s in bounds and e in bounds) and _is_han(ftext[s]) and _cuts_a_word(ftext, seg, s, e):
                continue
            entry = by_name[key[s:e]]
            if entry.quoted and ftext[s:e] in entry.quoted and not (
                    s > 0 and ftext[s - 1] == "《" and ftext.startswith("》", e)):
                continue  # 财经 the magazine is written 《财经》; 新华财经, 财经评论员 are other words
            cands.append((0, s, e, entry.label, entry.canonical))
    if discover:
        cands.extend(_discover(ftext, lexicon, seg, cands))
    out = _resolve(text, cands)
    if "简称" in ftext:
        # 天弘余额宝货币市场基金（以下简称“天弘余额宝”）: the short name is the same entity wherever it stands
        extra = list(_defined_short_names(ftext, out))
        if extra:
            out = _resolve(text, cands + extra)
    return _without_descriptors(text, out)


def _resolve(text: str, cands: list) -> list[Entity]:
    """Lexicon names first (longest first), then rules where the lexicon left room."""
    cands = sorted(cands, key=lambda c: (c[0] > 0, -(c[2] - c[1]), c[0], c[1]))
    taken = bytearray(len(text))
    out = []
    for prio, s, e, label, canonical in cands:
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(Entity(text=text[s:e], start=s, end=e, label=label, canonical=canonical))
    out.sort(key=lambda x: x.start)
    return out


# a short name defined in brackets right after a name: （以下简称“天弘余额宝”）, (简称"蚂蚁")
_SHORT_NAME_DEF = re.compile(r"\s?[（(](?:以下|下文|下称)?(?:简称|称)[:：]?\s?[“\"「‘']?(?P<short>[^”\"」’'（()）,，。\s]{2,16})"
                             r"[”\"」’']?[)）]")


def _defined_short_names(t: str, ents: list[Entity]):
    for e in ents:
        m = _SHORT_NAME_DEF.match(t, e.end)
        if m is None:
            continue
        short = m.group("short")
        i = t.find(short)
        while i >= 0:
            yield (0, i, i + len(short), e.label, e.canonical)
            i = t.find(short, i + len(short))


_INDEX_AFTER = re.compile(r"\s?(?:\d{2,4}\s?)?[\u4e00-\u9fff]{0,4}?(?:指数|综指)(?!公司|有限|股份|编制|发布|显示)"
                          r"|\s?\d{3}(?:、|和|与|及)")


def _without_descriptors(text: str, ents: list[Entity]) -> list[Entity]:
    """Drop a company word that only describes the Latin name right after it (英国奢侈品电商Farfetch)."""
    drop = {i for i in range(len(ents) - 1)
            if ents[i].label == "COMPANY" and ents[i].end == ents[i + 1].start and ents[i + 1].label == "COMPANY"
            and text[ents[i + 1].start].isascii() and text[ents[i].start:ents[i].end].endswith(_ORG_BEFORE_LATIN)}
    # an index named after its publisher or exchange (标普500指数, 日经225指数, CBOE波动指数): no one speaks
    drop |= {i for i, e in enumerate(ents) if e.label == "COMPANY" and _INDEX_AFTER.match(text, e.end)
             and not (i + 1 < len(ents) and ents[i + 1].start < e.end + 8 and ents[i + 1].label == "COMPANY")}
    return [e for i, e in enumerate(ents) if i not in drop] if drop else ents


_SPLIT_CACHE: dict = {}


def _split_words(freq: dict):
    """A pattern of the suffixes and product words that the dictionary ``freq`` does not hold
    (so jieba cuts them into several pieces), or None."""
    key = id(freq)
    if key not in _SPLIT_CACHE:
        words = [w for w in list(_tables()["suffix_words"]) + list(_PRODUCT_HEADS)
                 if not freq.get(w) and not w.isascii()]
        if len(_SPLIT_CACHE) > 64:
            _SPLIT_CACHE.clear()
        _SPLIT_CACHE[key] = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) if words else None
    return _SPLIT_CACHE[key]


def _split_span(t: str, i: int, j: int, seg: Segmentation) -> Optional[tuple[int, int, int]]:
    """``(i, j, index)`` when the word ``t[i:j]`` begins a piece and ends one, or ends inside a
    piece jieba's HMM made up (恒曜 / 新材拟); else None."""
    if not seg.is_boundary(i):
        return None
    ends = seg.ends
    k = bisect.bisect_right(ends, i)  # the piece that starts at i
    if seg.is_boundary(j) or (ends[k] > j and not seg.is_word(seg.pieces[k])):
        return (i, j, k)
    return None


def _cuts_a_word(t: str, seg: Segmentation, s: int, e: int) -> bool:
    """A lexicon match that jieba's pieces contradict."""
    if seg.is_boundary(s) and seg.is_boundary(e):
        return False
    if e - s <= 2:
        return True
    ps, pe = seg.piece(e - 1)
    if pe - e >= 2 and seg.is_word(t[ps:pe]):
        return True  # 中国移动 / 互联网: the match ends two characters into 移动互联网
    if pe - e == 1 and pe - ps >= 3 and seg.is_word(t[ps:pe]):
        return True  # 财政部 in 财政部门, 北京大学 in 北京 / 大学生, 江西银行 in 江西 / 银行业
    ps, pe = seg.piece(s)
    return s - ps >= 2 and seg.is_word(t[ps:pe])


def _discover(t: str, lexicon: EntityLexicon, seg: Segmentation, known: list):
    """Candidates ``(priority, start, end, label, canonical)`` for names the lexicon does not know."""
    T = _tables()
    spots: dict[str, list] = {"title": [], "alone": [], "suffix": [], "product": [], "known": []}
    for s, e, kinds, i in seg.spans_in(T["kinds"]):
        for kind in kinds:
            spots[kind].append((s, e, i))
    # suffixes and product words jieba's dictionary lacks (茶饮, 大模型) come as several pieces:
    # one scan of the text with the standard library's ``re`` (fast on a short literal alternation)
    split = _split_words(seg.freq)
    if split is not None:
        added = False
        for m in split.finditer(t):
            span = _split_span(t, m.start(), m.end(), seg)
            if span is not None:
                spots["product" if m.group() in _PRODUCT_HEADS else "suffix"].append(span)
                added = True
        if added:
            spots["suffix"].sort()
            spots["product"].sort()
    unknown = seg.unknown_spans()
    out = list(_branches(t, known))
    out.extend(_channels(t, known, lexicon))
    out.extend(_placed(t, known, seg, lexicon))
    out.extend(_listed_names(t, seg, lexicon))
    out.extend(_short_names_in_lists(t, lexicon, known, seg))
    out.extend(_announcers(t, seg, lexicon))
    orgs = list(_companies(t, lexicon, seg, spots["suffix"], unknown))
    out.extend(orgs)
    people = _people(t, lexicon, seg, spots["title"], spots["alone"] + spots["known"], unknown)
    if orgs:
        # a name read without a cue that is part of a company's name in the text is that company's
        # (安鲜达 in 上海安鲜达物流科技有限公司), and so is one that opens like it (云帆云 after 云帆科技)
        org_names = [t[c[1]:c[2]] for c in orgs]
        people = [c for c in people if c[0] != _NO_CUE or not any(
            t[c[1]:c[2]] in o or o.startswith(t[c[1]:c[1] + 2]) for o in org_names)]
    out.extend(people)
    out.extend(_products(t, lexicon, seg, known, orgs, spots["product"]))
    named = list(_named_products(t, seg, lexicon)) + list(_fund_products(t, lexicon))
    out.extend(named)
    out.extend(_echoes(t, seg, people, orgs + named))
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


def _name_at(t: str, s: int, seg: Segmentation, piece_end: Optional[int] = None) -> Optional[int]:
    """End of a Chinese name (surname + one or two characters) that starts at ``s``, if one does.

    Read on jieba's pieces: the name is one piece (``胡玮炜``), or a surname
    piece and the piece after it (``张 / 洪峰``); a verb jieba glued to the name
    is left out (``陈昊称``, ``郑岳认 / 为``), a given name jieba split is joined
    (``刘以 / 秦``, ``石安 / 楠则``).
    """
    n = _surname_len(t, s)
    if not n:
        return None
    if piece_end is not None:
        ps, pe = s, piece_end  # a name that starts inside a piece (官林若溪)
    else:
        ps, pe = seg.piece(s)
    if ps != s:
        return None
    size = pe - s
    T = _tables()
    if size == n:  # the surname alone: the given name is the next piece
        qs, qe = seg.piece(pe)
        if qs == pe and 1 <= qe - qs <= 2 and _all_han(t, qs, qe) and t[qs] not in _FUNC:
            if qe - qs == 2 and ((t[qe - 1] in _FUNC and (t[qe - 1] in _PURE_FUNC or not _closes(t, qe)))
                                 or _right_cue(t, qe - 1, T)):
                return qe - 1  # 郑 / 岳认 / 为 (but 记者孙 / 文才）is a name)
            return qe
        return None
    if not (n < size <= n + 3 and _all_han(t, s, pe)):
        return None
    if size == n + 3:
        return pe - 1 if t[pe - 1] in _FUNC or _right_cue(t, pe - 1, T) else None
    if size == n + 2:
        if t[pe - 1] == t[s] and n == 1 and _addressed(t, pe):
            return pe - 1  # the surname again, as an address: 孙晶 / 孙女士, 王诚 / 王总
        if t[pe - 1] in _PREPOSITIONS and _right_cue(t, pe, T):
            return pe  # no object follows the preposition: it is the name's (韩世同分析认为)
        if (t[pe - 1] in _FUNC and (t[pe - 1] in _PURE_FUNC or not _closes(t, pe))) or _right_cue(t, pe - 1, T):
            return pe - 1  # jieba glued the verb: 陈昊称 (but 记者吴庆才） is a name)
        if pe < len(t) and t[pe] in _ASPECT and seg.is_boundary(pe + 1):
            return pe - 1  # a verb and its aspect particle: 张博抱 / 着
    if size == n + 1 and pe < len(t):
        # jieba split the given name: 刘以 / 秦 (then the name's end), 李焯 / 桃表示, 石安 / 楠则
        qs, qe = seg.piece(pe)
        if qe - qs == 1 and _is_han(t[qs]) and t[qs] in _FUNC and t[qe:qe + 2] in _HONORIFICS \
                and not seg.is_word(t[s:qe]):
            return qe  # the given name ends in a function character, an honorific follows: 朱有 / 为 / 博士
        if qe - qs == 1 and _is_han(t[qs]) and t[qs] not in _PURE_FUNC and t[qs] not in _ADVERBS and (
                qe >= len(t) or not _is_han(t[qe]) or t[qe] in _PURE_FUNC or _right_cue(t, qe, T)):
            return qe
        if qe - qs == 2 and _is_han(t[qs]) and t[qs] not in _FUNC and t[qs + 1] in _FUNC \
                and not seg.is_word(t[qs:qe]):
            return qs + 1
        if qe - qs >= 3 and _is_han(t[qs]) and t[qs] not in _FUNC and t[qs + 1:qe] in _ADDRESS:
            return qs + 1  # the given name's last character glued to an honorific: 李晓 / 林先生
    return pe


def _closes(t: str, i: int) -> bool:
    """``i`` ends the text or a bracket closes there: nothing follows for a glued verb to govern."""
    return i >= len(t) or t[i] in "）)】]"


# Honorifics right after a full name (never a verb's object): 朱有为博士, 王小为先生
_HONORIFICS = frozenset({"先生", "女士", "小姐", "博士"})


def _addressed(t: str, i: int) -> bool:
    """An honorific or a title right after ``i`` (t[i - 1] being a surname): 孙女士, 王总."""
    return any(t[i:i + k] in _ADDRESS for k in (2, 1))


def _name_ending_at(t: str, p: int, seg: Segmentation) -> Optional[int]:
    """Start of a Chinese name that ends at the piece boundary ``p`` and that jieba cut into a surname
    piece and a given name it rarely uses as a word (黄 / 福华, 娄 / 保民), or None."""
    qs, _ = seg.piece(p - 1)
    if qs > 0 and p - qs == 2 and _all_han(t, qs, p) and seg.frequency(t[qs:p]) < _RARE_GIVEN:
        rs, _ = seg.piece(qs - 1)
        if qs - rs in (1, 2) and _surname_len(t, rs) == qs - rs and t[rs] not in _FUNC \
                and t[rs] not in _CONJUNCTIONS:
            return rs
    return None


def _name_before(t: str, p: int, seg: Segmentation) -> Optional[int]:
    """Start of a Chinese name that ends at ``p`` (a piece boundary), if one does."""
    if p < 2 or not seg.is_boundary(p):
        return None
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


def _left_cue(t: str, s: int, T: dict) -> int:
    """Where the title or byline word right before ``s`` begins (``分析师``, ``记者 ``, ``作者：``), or -1."""
    i = s
    while i > 0 and s - i < 3 and t[i - 1] in _SEPARATORS:
        i -= 1
    if i == 0 or t[i - 1] not in T["title_lasts"]:
        return -1
    titles = T["titles"]
    for n in T["title_lens"]:
        if i - n >= 0 and t[i - n:i] in titles:
            return i - n
    # a job that ends like one: 调研员, 处处长, 设计师, 外交官
    if i == s and i >= 2 and t[i - 1] in "员长师官" and _is_han(t[i - 2]):
        return i - 2
    return -1


def _latin_title_before(t: str, s: int, T: dict) -> bool:
    """A Latin title, in any case, right before ``s``: CEO, ceo, CFO."""
    i = s
    while i > 0 and s - i < 6 and t[i - 1].isascii() and t[i - 1].isalpha():
        i -= 1
    return t[i:s].upper() in T["titles"]


# What a company's flash brief says after its name and a colon: 富满微：预计2021年净利…, 天沃科技：筹划…
FILING_BRIEF = re.compile(r"\s?(?:\d{4}年)?(?:度)?(?:预计|预盈|预亏|预增|预减|扭亏|净利|营收|营业收入|拟|筹划|公告|中标|发布|"
                          r"业绩|上半年|前三季度|一季度|年报|半年报|股东|控股股东)")


def _speaker_heads(t: str):
    """``(start, end, colon)`` of each two-to-four-character Han run that is a whole line's head before
    a colon: the speaker of an interview transcript (``金石开：``, ``【陈云波】：``)."""
    for colon in "：:":
        c = t.find(colon)
        while c >= 0:
            e = c - 1 if c > 0 and t[c - 1] == "】" else c
            for k in (2, 3, 4):
                s = e - k
                if s < 0 or not _is_han(t[s]):
                    break
                before = t[s - 1] if s > 0 else "\n"
                if (before in "\n。！？!?”\" \t" and e == c) or (before == "【" and e < c):
                    yield s, e, c
                    break
            c = t.find(colon, c + 1)


def _speaker_line(t: str, s: int, e: int) -> bool:
    """A name that opens a line or sentence and is followed by a colon: ``姜山：`` (an interview),
    not a company's flash brief (``富满微：预计…``)."""
    return e < len(t) and t[e] in ":：" and (s == 0 or t[s - 1] in "\n。!?”\" \t") \
        and not FILING_BRIEF.match(t, e + 1)


def _right_cue(t: str, e: int, T: dict, adverb: bool = True) -> bool:
    """A reporting verb, a person's verb or honorific, or a title right after ``e``, maybe after an
    adverb (王学武则表示, 宋双才同时表示, 周光全曾任)."""
    if adverb and e < len(t) and t[e] in _ADVERB_FIRSTS:
        for n in (3, 2, 1):
            if t[e:e + n] in _ADVERBS_BEFORE_VERB and _right_cue(t, e + n, T, adverb=False):
                return True
    if e >= len(t) or t[e] not in T["right_firsts"]:
        return False
    right = T["right"]
    for n in T["right_lens"]:
        if t[e:e + n] in right:
            return True
    return False


# Adverbs between a subject and its verb (则表示, 同时指出, 也称, 曾任)
_ADVERBS_BEFORE_VERB = frozenset({"则", "也", "还", "又", "就", "都", "便", "更", "亦", "即", "曾", "已", "并", "却", "均",
                                  "同时", "随即", "当即", "再次", "进一步", "首先", "此前", "曾经", "已经", "一直", "仍",
                                  "日前", "近日", "昨天", "昨日", "今天", "今日", "当天", "当日"})
_ADVERB_FIRSTS = frozenset(w[0] for w in _ADVERBS_BEFORE_VERB)


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
    name = t[s:e]
    known = lexicon.by_name.get(name) if _is_han(name[-1]) else lexicon.lookup(name)
    if known is not None and known.label != "PERSON":
        return None
    return (prio, s, e, "PERSON", known.canonical if known is not None else t[s:e])


class _People:
    """The people of one text, gathered by the rules of ``_people``."""

    def __init__(self, t: str, lexicon: EntityLexicon, seg: Segmentation):
        self.t, self.lexicon, self.seg = t, lexicon, seg
        self.T = _tables()
        self.found: dict[tuple[int, int], tuple] = {}
        self.titled: list[int] = []  # where the title of a name found after it begins

    def add(self, s: int, e: int, prio: int, *, shape_floor: float = -4.0, n: Optional[int] = None,
            after_org_ok: bool = True, titled: bool = False) -> bool:
        t, seg, T = self.t, self.seg, self.T
        if (s, e) in self.found or e - s < 2 or _not_a_person(t, s, e) or t[s:e] in T["common"]:
            return False
        if s > 0 and t[s - 1].isascii() and t[s - 1].isalpha() and _is_han(t[s]) and not _latin_title_before(t, s, T):
            return False  # glued to Latin letters that are no title: ST海润刚跌破
        n = _surname_len(t, s) if n is None else n
        if n and e - s >= 3 and t[s:s + 2] in T["heads"]:
            return False  # 高管中, 董事会: a word for a person, not a surname
        if n:
            given = t[s + n:e]
            if given in _ADDRESS or given in T["titles"] or "某" in given or given in _FUNC:
                return False
            if not after_org_ok and s > 0 and seg.is_word(t[s - 1:s + 1]):
                return False  # 现金红利, 真金白银: the surname belongs to the word before
            if t[s] in _FUNC and not (titled and len(given) == 2 and seg.frequency(given) < _RARE_GIVEN):
                # 和, 向, 于: more often a function word, unless a title stands before a full name whose
                # given name is no word (副秘书长于秀苏, not 总统曾敦促)
                shape_floor = max(shape_floor, 2.0)
            if e - s == 2 and seg.frequency(t[s:e]) >= 100:
                shape_floor = max(shape_floor, 1.5)  # a common word of the dictionary (荣幸, 官方)
            if _shape(t, s, e, n) < shape_floor:
                return False
        if e - s <= 3 and seg.frequency(t[s:e]) > 2000:
            return False  # a common word (高手, 王者), not a name
        if not after_org_ok and s > 0 and seg.is_boundary(s):
            ps, _ = seg.piece(s - 1)
            before = self.lexicon.lookup(t[ps:s])
            if before is not None and before.label != "PERSON":
                return False  # 新浪乐居: the end of an organisation's name
        cand = _person(t, s, e, self.lexicon, prio)
        if cand is not None:
            self.found[(s, e)] = cand
        return cand is not None

    def candidate(self, s: int, e: int, unknown: bool, han: bool = False, floor: float = -1.0) -> None:
        """Judge a surname-led name ``t[s:e]`` by its cues and its shape (``han``: known to be all Han)."""
        t, T = self.t, self.T
        n = _surname_len(t, s)
        if not n or not 1 <= e - s - n <= 2 or not (han or _all_han(t, s, e)):
            return
        title = _left_cue(t, s, T)
        if title >= 0:
            # a title's name may hold a shorter lexicon name (副秘书长肖长虹: 长虹)
            if self.add(s, e, 0 if e - s >= 3 else 2, shape_floor=-4.0, n=n, titled=True):
                self.titled.append(title)
            elif e - s == n + 1 and self._split_given(e) and self.add(s, e + 1, 0, n=n, titled=True):
                self.titled.append(title)  # jieba split the given name: 总经理王以 / 卓
        elif _right_cue(t, e, T) or _speaker_line(t, s, e):
            self.add(s, e, 2, shape_floor=-3.0, n=n, after_org_ok=False)
        elif not unknown:
            return  # a word of the dictionary needs a cue
        elif t[s] not in T["common_surnames"] and n == 1:
            # a rare surname: a full, name-like name in a name's place (翁振杰任, ，虞志敏。)
            if e - s == 3 and _shape(t, s, e, n) >= 1.0 and (_stands_alone(t, s, e) or _ends_a_phrase(t, e)):
                self.add(s, e, _NO_CUE, shape_floor=1.0, n=n, after_org_ok=False)
        elif e - s - n == 2:
            shape = _shape(t, s, e, n)
            if n == 1 and t[e - 1] in _PLACE_WORDS and self.seg.frequency(t[s:e - 1]) >= _RARE_GIVEN:
                return  # a word and a place or plural character: 高管中, 高层们
            if shape >= floor or shape >= floor - 1.5 and _ends_a_phrase(t, e):
                self.add(s, e, _NO_CUE, shape_floor=floor - 1.5, n=n, after_org_ok=False)
        elif _shape(t, s, e, n) >= 1.0 and (_stands_alone(t, s, e) or _ends_a_phrase(t, e)):
            self.add(s, e, _NO_CUE, shape_floor=1.0, n=n, after_org_ok=False)

    def _split_given(self, e: int) -> bool:
        """The one-character piece at ``e`` may end a given name jieba split off (王以 / 卓)."""
        t, seg = self.t, self.seg
        qs, qe = seg.piece(e)
        return qs == e and qe - qs == 1 and _is_han(t[qs]) and t[qs] not in _FUNC and t[qs] not in _PLACE_END


# Names read without a cue rank below the echoes of names found with one (安鲜达 the company).
_NO_CUE = 5
# A given name jieba's dictionary holds as a rare word (王 / 学武) is still read as a name.
_RARE_GIVEN = 50


def _people(t: str, lexicon: EntityLexicon, seg: Segmentation, titles: list, alone: list, unknown: list) -> list:
    P = _People(t, lexicon, seg)
    T = P.T
    firsts = T["name_firsts"]
    # unknown words that start with a surname: 胡玮炜, 陈昊称 (glued verb), 方予 / 衡称 (split)
    lasts = T["title_lasts"]
    for s, e in unknown:
        if e - s > 5:
            continue
        if t[s] in _CONJUNCTIONS and 3 <= e - s <= 4 and t[s + 1] in T["common_surnames"] and _all_han(t, s, e):
            P.candidate(s + 1, e, unknown=True, han=True)  # jieba glued a conjunction to the name: 但林洁
            continue
        end = _name_at(t, s, seg, piece_end=e) if t[s] in firsts else None
        if end is not None:
            # (jieba's HMM keeps Han and Latin apart: a piece that starts with a surname is all Han)
            P.candidate(s, end, unknown=end == e or not seg.is_word(t[s:end]), han=end <= e)
        elif t[s] in lasts and e - s >= 2 and t[s + 1] in firsts and _left_cue(t, s + 1, T) >= 0:
            # a title's last character glued to the name: 首席财务 / 官林若溪, 官伍 / 婕
            end = _name_at(t, s + 1, seg, piece_end=e)
            if end is not None:
                P.candidate(s + 1, end, unknown=True)
    # a surname standing alone before its given name (张 / 洪峰), and the full names jieba's
    # dictionary holds (周星驰, data/jieba_names.txt)
    for s, e, _ in alone:
        if e - s == 3:
            P.candidate(s, e, unknown=True, han=True, floor=0.0)
            continue
        end = _name_at(t, s, seg, piece_end=e)
        if end is not None and (s, end) not in P.found:
            P.candidate(s, end, unknown=seg.frequency(t[e:end]) < _RARE_GIVEN)
    # a title, then a name no rule above found: 总统奥巴马, 首席经济学家Mark Chen, 总裁张伟
    for s0, e0, _ in titles:
        s = e0
        while s < len(t) and s - e0 < 4 and t[s] in _SEPARATORS:
            s += 1
        if s >= len(t):
            continue
        if not _is_han(t[s]):
            continue  # Latin names: below
        end = _name_at(t, s, seg)
        if end is not None:
            # a transliteration that opens like a Chinese name: 梅赫曼帕拉斯特, not 梅赫曼
            longer = _translit_at(t, s, seg, T["translit"], least=4, most=8)
            if longer is not None and longer > end and not _holds_common_word(t, s, longer, seg):
                P.add(s, longer, 1, n=0)
            elif (s, end) not in P.found:
                P.candidate(s, end, unknown=True)
        else:
            # right after its title a two-character transliteration is a name too (主帅鲁滕)
            end = _translit_at(t, s, seg, T["translit"], least=2 if s == e0 else 3)
            if end is not None and not _holds_common_word(t, s, end, seg) and (
                    end - s > 2 or end == len(t) or t[end] not in _NUMERAL):  # 第一部长达约14分钟
                P.add(s, end, 1, n=0)
    # a name right before a reporting verb or a person's cue, whatever jieba made of it:
    # 黄 / 福华 / 介绍, 祝 / 国光 / 还 / 发现, 娄 / 保民 / 表示 (surnames that are also words, rare ones)
    # (read from the surname pieces, found in one pass over the pieces, not from every cue in the text)
    for s, e, _, i in seg.spans_in(T["surname_pieces"]):
        if i + 1 >= len(seg.pieces) or len(seg.pieces[i + 1]) != 2 or t[s] in _FUNC or t[s] in _CONJUNCTIONS:
            continue
        p = e + 2
        if p < len(t) and _is_han(t[p - 1]) and _right_cue(t, p, T) and seg.is_boundary(p):
            if _name_ending_at(t, p, seg) == s and (s, p) not in P.found and (s + 1, p) not in P.found:
                P.candidate(s, p, unknown=True)
    # an interview's speaker: a name alone at a line's start before a colon (金石开：, 【陈云波】：)
    for s, e, colon in _speaker_heads(t):
        n = _surname_len(t, s)
        if n and 1 <= e - s - n <= 2 and (s, e) not in P.found and not FILING_BRIEF.match(t, colon + 1):
            P.add(s, e, 2, shape_floor=-2.0, n=n, titled=True)
    # a transliterated name before a verb: 马卡罗夫说 (a place or a club that speaks is a lexicon name or
    # follows a place word; the run must be jieba's own pieces, not the end of a longer word)
    for m in T["translit_speaker"].finditer(t):
        s, e = m.span()
        if seg.is_boundary(s) and seg.is_boundary(e) and (s, e) not in P.found and not _holds_common_word(t, s, e, seg):
            P.add(s, e, 2, n=0)
    # transliterated names: 詹姆斯·卡梅隆
    for m in _DOT.finditer(t):
        span = _dotted_name(t, m.start(), T["translit"])
        if span is not None:
            s, e = span
            lo = max(0, s - 20)
            if (s, e) not in P.found and t[e - 1] not in _PLACE_END and t[e - 1] != "山" and not (
                    t.rfind("《", lo, s) > t.rfind("》", lo, s)):
                cand = _person(t, s, e, lexicon, 2)
                if cand is not None:
                    P.found[(s, e)] = cand
    # Latin names after a title or before a verb: 首席经济学家Mark Chen, Alex Yao表示
    for m in (_LATIN_NAME_RUN.finditer(t) if _HAS_LATIN_NAME.search(t) else ()):
        s, e = m.span()
        if _left_cue(t, s, T) >= 0:
            P.add(s, e, 1, n=0)  # 首席经济学家Mark Chen, 市场总监JohnKoller
        elif " " in m.group():
            after = _TEAM.match(t, e)
            if _right_cue(t, after.end() if after else e, T):
                P.add(s, e, 1, n=0)  # Alex Yao团队指出
    # a Latin name after a Latin title: Verdence Capital Advisors CEO Leo Kelly
    if "CEO" in t or "CFO" in t or "COO" in t or "CTO" in t:
        for m in _AFTER_LATIN_TITLE.finditer(t):
            P.add(m.start("name"), m.end("name"), 1, n=0)
    # the other names of a list: 张三、李四和王五
    for (s, e) in list(P.found):
        if _is_han(t[s]):
            _list_neighbours(t, s, e, seg, P, T["translit"])
    # a name's spelling in brackets, and a transliterated name before one: 苏帕蒂（Subodhi）
    for (s, e) in list(P.found):
        m = _LATIN_IN_BRACKETS.match(t, e)
        if m is not None:
            P.add(m.start("name"), m.end("name"), 2, n=0)
    for m in _BRACKET_OPEN.finditer(t):
        lm = _LATIN_IN_BRACKETS.match(t, m.start())
        if lm is None or _LATIN_ORG_WORD.search(lm.group("name")):
            continue
        s = _translit_before(t, m.start(), seg, T["translit"], least=2)
        if s is not None and P.add(s, m.start(), 2, n=0):
            P.add(lm.start("name"), lm.end("name"), 2, n=0)
    # a name found elsewhere, with a function word glued here (王欣 … 王欣曾对): the shorter name
    short = {t[s:e] for s, e in P.found}
    for (s, e) in [k for k in P.found if k[1] - k[0] == 3 and t[k[1] - 1] in _FUNC and t[k[0]:k[1] - 1] in short]:
        shorter = _person(t, s, e - 1, lexicon, P.found.pop((s, e))[0])
        if shorter is not None:
            P.found.setdefault((s, e - 1), shorter)
    orgs = [org for org in (_org_before_title(t, p, seg, lexicon) for p in P.titled) if org is not None]
    return list(P.found.values()) + orgs


_DOT = re.compile(r"[·•・]")
_HAS_LATIN_NAME = re.compile(r"[A-Z][a-z]")
_TEAM = re.compile(r"\s?(?:团队|等人|等)")
# a name's original spelling in brackets: 威廉姆斯（Harold Williams）
_LATIN_IN_BRACKETS = re.compile(r"\s?[（(](?P<name>[A-Za-z][A-Za-z .'\-]{1,40}?)[)）,，]")
# a Latin name: one to three capitalised words, maybe written together (JohnKoller)
_LATIN_NAME_RUN = re.compile(r"[A-Z](?<![A-Za-z][A-Z])(?<![A-Za-z] [A-Z])[a-z]+(?: ?[A-Z][a-z]+){0,2}(?![A-Za-z])(?! [A-Z])")
_BRACKET_OPEN = re.compile(r"[（(](?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][（(])(?=[A-Za-z])")
_LATIN_ORG_WORD = re.compile(r"(?i)\b(?:inc|ltd|llc|corp|co|group|holdings?|tech|technolog|capital|bank|"
                                r"securities|partners|labs?|ai|studio|games|media|motors?)")


def _translit_at(t: str, s: int, seg: Segmentation, translit: frozenset, least: int = 3,
                 most: int = 6) -> Optional[int]:
    """End of a transliterated name (``least`` to ``most`` characters of ``translit_chars.txt``) starting
    at ``s``: on jieba's boundaries, or before a verb jieba glued to its last character (帕拉斯 / 特说)."""
    e = s
    while e < len(t) and e - s <= most and t[e] in translit:
        e += 1
    if not least <= e - s <= most or (e < len(t) and t[e] in translit):
        return None
    if not (seg.is_boundary(s) and (seg.is_boundary(e) or _right_cue(t, e, _tables(), adverb=False))):
        return None
    return e


def _translit_before(t: str, p: int, seg: Segmentation, translit: frozenset, least: int = 3) -> Optional[int]:
    """Start of a transliterated name that ends at ``p``."""
    s = p
    while s > 0 and p - s < 7 and t[s - 1] in translit:
        s -= 1
    if not least <= p - s <= 6 or (s > 0 and t[s - 1] in translit):
        return None
    if not (seg.is_boundary(s) and seg.is_boundary(p)):
        return None
    return s


def _holds_common_word(t: str, s: int, e: int, seg: Segmentation) -> bool:
    """A piece of ``t[s:e]`` is an everyday word (谢谢 / 于), not part of a transliteration."""
    while s < e:
        ps, pe = seg.piece(s)
        if pe - ps >= 2 and seg.frequency(t[ps:pe]) > _RARE:
            return True
        s = pe
    return False


def _stands_alone(t: str, s: int, e: int) -> bool:
    """A two-character name with punctuation or the text's edge on one side (``，张捷永远``)."""
    before = t[s - 1] if s > 0 else "\n"
    after = t[e] if e < len(t) else "\n"
    return not _is_han(before) or not _is_han(after)


def _ends_a_phrase(t: str, e: int) -> bool:
    """Punctuation, the text's end or a function word right after ``e`` (``于海并``, ``吴飞面`` is not)."""
    return e >= len(t) or not _is_han(t[e]) or t[e] in _FUNC or t[e] in _PURE_FUNC


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


def _list_neighbours(t: str, s: int, e: int, seg: Segmentation, P: _People, translit: frozenset) -> None:
    """Names on either side of ``、`` next to a person (at most five each way)."""
    pos = e
    for _ in range(5):
        if pos >= len(t) or t[pos] != "、":
            break
        e2 = _name_at(t, pos + 1, seg) or _translit_at(t, pos + 1, seg, translit)
        if e2 is None:
            break
        P.add(pos + 1, e2, 3, shape_floor=-3.0)
        pos = e2
    pos = s
    for _ in range(5):
        if pos <= 0 or t[pos - 1] != "、":
            break
        s2 = _name_before(t, pos - 1, seg) or _translit_before(t, pos - 1, seg, translit)
        if s2 is None or (s2 > 0 and _is_han(t[s2 - 1]) and _left_cue(t, s2, P.T) < 0):
            break
        P.add(s2, pos - 1, 3, shape_floor=-3.0)
        pos = s2


# -- companies ----------------------------------------------------------------

# Words after which an organisation suffix is a generic noun, not a name's end.
_SUFFIX_AFTER_STOP = re.compile(r"指数|板块|行业|产业|领域|概念|类|股(?!份|价|东)|市场(?!部)|价格|化(?!工)|业务|人士|部门|"
                                   r"股份|股票|股权|债券|门店|赛道|品类|产品|设备|企业|厂商|品牌|"
                                   r"公司(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{0,2}(?:董事|总裁|首席))")
# Suffixes that are also common nouns after a verb or a modifier (回购股份, 装修公司): their body
# must be a word jieba does not know, a lexicon company or a Latin name.
_STRICT_SUFFIX = frozenset({"公司", "游戏", "机器人", "咖啡", "茶饮", "餐饮", "食品", "酒店", "零售", "电子", "材料",
                            "股份", "控股", "资本", "投资", "保险", "基金", "资管", "信托", "期货", "技术",
                            "建设", "文化", "教育", "健康", "网络", "信息", "动力", "工业", "实业"})
_RARE = 500  # a dictionary word used less often than this may be a name's body (江海银行)
_COMMON = 3000  # ... and one used more often than this is no name's word after a place (北京 / 地区)
# Legal forms: the name before them may hold common words (银川新华百货股份有限公司).
_LEGAL_HEAD = ("有限责任", "股份有限", "有限", "集团", "总")
# a legal form at or a few words after a suffix: the name is a registered one and may hold common
# words (凯奕投资咨询管理有限公司, 北京主题建筑设计咨询有限公司)
_LEGAL_AHEAD = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:有限责任公司|股份有限公司|有限公司)")
_LEGAL_FORMS = frozenset({"有限责任公司", "股份有限公司", "有限公司"})
# words that open an association's name though they stop a firm's (国际机器人联合会, 全国工商联)
_INST_OPENERS = frozenset({"国际", "全球", "世界", "全国", "中国"})
# one-character words jieba's HMM glues to the name after them: 据麦野 / 咖啡, 将云帆 / 科技, 药企康澜 / 生物
_GLUED_BEFORE = _FUNC | frozenset("据家企")
# words of jieba's dictionary made of a suffix and a title: 江海 / 银行行长 / 程立新 (the suffix's length)
_SUFFIX_COMPOUNDS = {"银行行长": 2, "公司总裁": 2}
# suffixes that are also verbs, and what follows the verb: 阿里巴巴投资Farfetch, 腾讯控股了两家公司
_VERB_SUFFIXES = frozenset({"投资", "控股", "入股"})
_OBJECT_AFTER = re.compile(r"\s?(?:[A-Za-z0-9]|了|约|近|超|逾|总额|金额|额度|于|该|这|旗下|其)")
# the head nouns a company's name is written with (EA公司, 携程商务公司)
_HEAD_NOUNS = frozenset({"公司", "集团"})


def _companies(t: str, lexicon: EntityLexicon, seg: Segmentation, suffix_spans: list, unknown: list):
    T = _tables()
    suffixes, stop, places = T["suffix"], T["org_stop"], T["places"]
    sw, lasts = T["suffix_words"], T["suffix_lasts"]
    spots: list = list(suffix_spans)
    # an unknown word that ends with a suffix (恒曜新材): the body and the suffix glued
    for s, e in unknown:
        if e - s >= 3 and t[e - 1] in lasts and _all_han(t, s, e):
            size = _glued_suffix(t[s:e], sw)
            if size:
                spots.append((s, e, -size))  # a negative third item: glued, and the suffix's length
    spots.sort()
    last_end, last_start, last_core, last_legal = 0, None, None, False
    for spot in spots:
        chained = False
        if spot[2] < 0:  # glued
            ps, q, size = spot
            p = q + size
            if ps < last_end or p - ps < 2 or not _body_ok(t, ps, p, stop):
                continue
            suffix = t[p:q]
            start, core = ps, None
        else:
            p, q, index = spot
            if t[p:q] in _SUFFIX_COMPOUNDS:
                q = p + _SUFFIX_COMPOUNDS[t[p:q]]
            suffix = t[p:q]
            if p < last_end:
                continue
            core = None
            if p == last_end and last_start is not None:
                if last_legal:
                    continue  # 河南天荣置业有限公司 / 建设: a legal form ends the name
                start, core = last_start, last_core  # 蓝鲸数科 + 科技: a suffix right after a name extends it
                chained = True
            elif suffix in _LEGAL_FORMS and last_start is not None and p - last_end <= 4 \
                    and _all_han(t, last_end, p) and not any(c in _FUNC for c in t[last_end:p]):
                start, core = last_start, last_core  # 凯奕投资咨询 + 管理 + 有限公司
            elif suffix in _LEGAL_FORMS and _place_in_brackets_before(t, p, places) is not None:
                # a local registered name: 携程旅游信息技术（上海）有限公司 (the body ends at the bracket)
                found = _org_body(t, p, seg, stop, places, suffixes, floor=last_end, kind=suffixes[suffix],
                                  strict=False, lexicon=lexicon, legal_form=True)
                if found is None:
                    continue
                start, core = found
                if start == last_end and last_start is not None and not last_legal:
                    start, core = last_start, last_core  # 携程旅游 + 信息技术（上海）有限公司
            else:
                if not _may_end_a_body(seg.pieces[index - 1] if index else "", seg, T, lexicon,
                                       suffix in _STRICT_SUFFIX, t[p - 2:p] if p >= 2 else "",
                                       legal=suffix in _LEGAL_FORMS) \
                        and not (suffix in _HEAD_NOUNS and _after_a_company(t, p, seg, lexicon)):
                    continue
                found = _org_body(t, p, seg, stop, places, suffixes, floor=last_end, kind=suffixes[suffix],
                                  strict=suffix in _STRICT_SUFFIX, lexicon=lexicon)
                if found is None:
                    continue
                start, core = found
            if _SUFFIX_AFTER_STOP.match(t, q) and not (chained and t.startswith(tuple(_HEAD_NOUNS), q)):
                continue  # (澳际教育 + 咨询 + 公司: the chain goes on to its head noun)
        if spot[2] < 0 and _SUFFIX_AFTER_STOP.match(t, q):
            continue
        kind = suffixes[suffix]
        if suffix in _VERB_SUFFIXES and _OBJECT_AFTER.match(t, q):
            continue  # 阿里巴巴投资Farfetch, 腾讯投资1.25亿美元: the verb, not a name's end
        name = t[start:q]
        known = lexicon.lookup(name)
        if known is not None:
            canonical = known.canonical if known.label == "COMPANY" else name
        elif core is not None and kind != "media":
            canonical = core.canonical  # 北京龙湖置业有限公司 -> 龙湖
        else:
            canonical = canonical_name(name, lexicon)
        # a lexicon company with more words (携程商务公司), a suffix that is itself a lexicon
        # name (潮汐财经: 财经) or a registered name (北京摩拜信息技术有限公司 around the product
        # 摩拜) must not lose to the shorter lexicon match inside it
        body = lexicon.lookup(t[start:p]) if spot[2] >= 0 else None
        # 星野科技 around the product 星野 (another company's app): a company of its own, which outranks
        # the product's name inside it
        product_body = body is not None and body.label == "PRODUCT"
        # a lexicon company and the head noun written with it (EA公司, 谷歌集团): the name as written
        headed = body is not None and body.label == "COMPANY" and suffix in _HEAD_NOUNS
        prio = 0 if (core is not None or lexicon.lookup(suffix) is not None or suffix in _LEGAL_FORMS
                     or product_body or headed) else 2
        if headed and known is None and core is None:
            canonical = body.canonical
        elif known is None and core is None and name.endswith(tuple(_HEAD_NOUNS)) and len(name) >= 4 \
                and not name.endswith(tuple(_LEGAL_FORMS)):
            canonical = canonical_name(name[:-2], lexicon)   # 云帆科技公司 is 云帆科技
        yield (prio, start, q, "COMPANY", canonical)
        last_end, last_start, last_core, last_legal = q, start, core, suffix in _LEGAL_FORMS
    yield from _latin_companies(t, lexicon)
    yield from _org_lists(t, lexicon)
    yield from _outlets(t, lexicon)


def _after_a_company(t: str, p: int, seg: Segmentation, lexicon: EntityLexicon) -> bool:
    """One two-character word between a lexicon company and ``p`` (携程 / 国旅 / 公司), a trade word or a
    rare one: a common word there is the sentence's (深交所 / 要求 / 公司, 摩拜 / 关联 / 公司)."""
    ws, _ = seg.piece(p - 1) if p > 0 else (p, p)
    if p - ws != 2 or ws == 0:
        return False
    T = _tables()
    w = t[ws:p]
    if not (w in T["fields"] or T["suffix"].get(w) == "trade" or seg.frequency(w) < _RARE):
        return False
    bs, _ = seg.piece(ws - 1)
    before = lexicon.lookup(t[bs:ws])
    return before is not None and before.label == "COMPANY"


def _may_end_a_body(w: str, seg: Segmentation, T: dict, lexicon: EntityLexicon, strict: bool, before: str,
                    legal: bool = False) -> bool:
    """A quick look at the piece ``w`` before a suffix: can it end a name's body? (most cannot: 发展 / 银行)"""
    if w in T["fields"]:
        return True  # 华东 金融 / 研究院
    if not w or w in T["org_stop"] or w[-1] in _FUNC:
        return False
    if legal and len(w) >= 2 and _all_han(w, 0, len(w)):
        return True  # a registered name's last word is often an everyday one: 上海星辰商务 / 有限公司
    if len(w) == 1:
        return before in ("有限", "股份")
    if not _is_han(w[0]) or _is_place(w, T["places"]) or w in T["suffix"] or w in T["fields"] or w in lexicon.by_name:
        return True
    f = seg.frequency(w)
    return f == 0 or (not strict and f < _RARE) or w in _LEGAL_HEAD


def _is_place(w: str, places: frozenset) -> bool:
    """A place of ``places.txt``, also with 省 or 市 written out (北京市, 江苏省)."""
    return w in places or (len(w) >= 3 and w[-1] in "省市" and w[:-1] in places)


def _glued_suffix(word: str, suffixes: frozenset) -> int:
    """Length of the suffix that ends ``word``, or 0."""
    for n in (3, 2, 1):
        if len(word) - n >= 2 and word[-n:] in suffixes:
            return n
    return 0


def _place_in_brackets_before(t: str, p: int, places: frozenset) -> Optional[int]:
    """Where ``（上海）`` opens, if a place in brackets ends right at ``p``."""
    if p < 4 or t[p - 1] not in "）)":
        return None
    for n in (2, 3, 4):
        o = p - n - 2
        if o >= 0 and t[o] in "（(" and _is_place(t[o + 1:p - 1], places):
            return o
    return None


def _org_body(t: str, p: int, seg: Segmentation, stop, places, suffixes, *, floor: int, kind: str,
              strict: bool, lexicon: EntityLexicon, legal_form: bool = False):
    """``(start, core)`` of the name whose suffix begins at ``p``, or None.

    Read backwards over at most four pieces (eight characters; six pieces and
    twelve before a legal form like ``有限公司``), stopping at a common word, a
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
    legal = legal_form
    if p > floor and not legal:
        ws, _ = seg.piece(p - 1)
        if t[ws:p] in _LEGAL_HEAD and t[p:p + 2] == "公司":
            p, legal = ws, True  # 股份 / 有限公司, 有限责任 / 公司
    legal = legal or _LEGAL_AHEAD.match(t, p) is not None
    fields = _tables()["fields"]
    max_chars, max_pieces = (12, 6) if legal else (8, 4)
    kinds = []  # (start, kind) from the suffix backwards
    core, core_at = None, 0
    s = p
    while s > floor and p - s < max_chars and len(kinds) < max_pieces:
        ws, _ = seg.piece(s - 1)
        if ws < floor:
            break
        w = t[ws:s]
        o = _place_in_brackets_before(t, s, places) if legal and w in "）)" else None
        if o is not None:
            max_chars += s - o   # 鑫视空间（北京）装饰艺术空间有限公司: read on past the place in brackets
            s = o
            continue
        if _LATIN_WORD.fullmatch(w):
            if kind not in ("head", "inst") or (kinds and not legal and lexicon.lookup(w) is None):
                break
            # a Latin name, maybe of several words: Eidos公司, Kestrel Robotics公司
            j = ws
            while j >= 2 and t[j - 1] == " " and _LATIN_WORD.fullmatch(t, _latin_start(t, j - 1), j - 1):
                j = _latin_start(t, j - 1)
            kinds.append((j, "name"))
            known = lexicon.lookup(t[j:s])
            if core is None and known is not None and known.label == "COMPANY":
                core, core_at = known, len(kinds)   # Valve游戏公司 is Valve's
            s = j
            break
        if (w[0] in _GLUED_BEFORE or w[0] in "日月年号" and ws > 0 and t[ws - 1].isdigit()) \
                and len(w) >= 3 and not seg.is_word(w) and _all_han(t, ws + 1, s):
            # jieba glued a function word or a date's last character to the name: 将云帆 / 科技, 2日澜汐 / 科技
            kinds.append((ws + 1, "name"))
            break
        if w in fields:
            kinds.append((ws, "trade"))  # 华东 金融 研究院
            s = ws
            continue
        if kind == "inst" and w in _INST_OPENERS:
            kinds.append((ws, "place"))  # 国际 / 机器人 / 联合会: a body's scope opens its name
            s = ws
            break
        if not _all_han(t, ws, s) or w in stop or w[-1] in _FUNC or w[0] in _FUNC:
            break
        if suffixes.get(w) in ("head", "inst") and not legal:
            break
        known = lexicon.lookup(w)
        if known is not None and known.label == "COMPANY":
            kinds.append((ws, "name"))
            if core is None:
                core, core_at = known, len(kinds)
        elif _is_place(w, places):
            kinds.append((ws, "place"))
        elif suffixes.get(w) in ("trade", "media") or w in fields:
            kinds.append((ws, "trade"))
        elif legal and kinds and kinds[-1][1] == "place" and seg.frequency(w) >= _RARE:
            break  # a place opens a registered name: 创立 / 上海 / 考瑞科技发展有限公司
        elif legal and len(w) == 1 and _is_han(w) and w not in _FUNC and ws > floor \
                and _is_place(t[seg.piece(ws - 1)[0]:ws], places):
            kinds.append((ws, "name"))   # a one-character word between a place and the name: 天津 / 爱 / 赛克车业
        elif len(w) >= 2 and (not seg.is_word(w) or legal or (
                not any(k != "trade" for _, k in kinds) and not strict and seg.frequency(w) < _RARE)):
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
    # a registered name that holds a lexicon company opens with it, or with a place before it:
    # 欢迎 / 长江实业地产投资有限公司, 支持会员单位 / 华谊兄弟传媒股份有限公司
    if legal and core is not None and len(kinds) > core_at:
        if kinds[core_at][1] == "place":
            core_at += 1
        ends = [k[0] for k in kinds]   # a piece of kinds[i] spans ends[i]:ends[i - 1]
        # (only common words: 贵安新区 / 摩拜出行科技有限公司 keeps its district)
        if any(seg.frequency(t[ws:we]) >= _RARE for ws, we in zip(ends[core_at:], ends[core_at - 1:])):
            del kinds[core_at:]
    # trade words and fillers at the far end belong to the sentence, not the name (生物医药: 生物)
    while kinds and kinds[-1][1] in ("trade", "filler"):
        kinds.pop()
    if not kinds:
        return None
    start = kinds[-1][0]
    if t[start] in _NUMERAL and start + 1 < p and t[start + 1] in _MEASURES:
        return None  # a quantity before a trade word (百吨航空, 五星级地产), not a name
    names = [k for _, k in kinds]
    if "name" not in names and not ("place" in names and (kind in ("inst", "media") or legal)):
        return None  # a place and trade words alone (义乌快递) name an industry, not a firm
    if strict and names[0] not in ("name", "filler") and not legal and "name" not in names[1:]:
        return None
    if p - start < 2 or p - start > max_chars + 2:
        return None
    if core is not None and names.count("name") > 1:
        core = None  # 中信红木: a new name around a lexicon one
    return start, core


def _body_ok(t: str, s: int, e: int, stop) -> bool:
    return _all_han(t, s, e) and t[s:e] not in stop and t[s] not in _FUNC and t[s] not in stop


def _latin_start(t: str, end: int) -> int:
    s = end
    while s > 0 and (t[s - 1].isascii() and (t[s - 1].isalnum() or t[s - 1] in "&.+'-")):
        s -= 1
    return s


# a Latin name (up to four words): Kestrel Robotics, OpenAI, HDS
_LATIN_RUN = re.compile(r"[A-Z](?<![A-Za-z0-9&.+\-][A-Z])[A-Za-z0-9&.+\-]*(?: [A-Z][A-Za-z0-9&.+\-]*){0,3}(?![A-Za-z])")
_AFTER_LATIN_TITLE = re.compile(r"(?<![A-Za-z])(?:CEO|CFO|COO|CTO) (?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?![A-Za-z])")
_LATIN_TITLE_TAIL = re.compile(r" (?:CEO|CFO|COO|CTO|CIO|CMO|President|Chairman|Founder)$")
# before it, a word for a company: 初创公司Kestrel Robotics, 减速器厂商HDS
_ORG_BEFORE_LATIN = ("公司", "企业", "厂商", "集团", "机构", "品牌", "供应商", "制造商", "开发商", "运营商", "平台",
                     "电商", "巨头", "零售商", "服务商", "车企", "药企", "券商", "投行", "独角兽")
# after it, what a company does or has: OpenAI宣布, Maxis负责人, SCEA市场总监
_ORG_AFTER_LATIN = re.compile(
    r"旗下|宣布|推出|发布|收购|公布|官方|方面|股价|市值|财报|首席|董事长|总裁|副总裁|CEO|负责人|创始人|发言人|"
    r"(?:市场|销售|营销|技术|产品|公关|区域|中国区)?总监|高管")


@lru_cache(maxsize=1)
def _generic_latin() -> frozenset:
    return frozenset(_words("generic_latin.txt"))


def _latin_companies(t: str, lexicon: EntityLexicon):
    """Latin names after a company word (初创公司Kestrel Robotics, 减速器厂商HDS) or, one word
    long, before what a company does (OpenAI宣布)."""
    for m in _LATIN_RUN.finditer(t):
        s, e = m.span()
        title = _LATIN_TITLE_TAIL.search(t, s, e)
        if title is not None:
            e = title.start()   # Verdence Capital Advisors CEO Leo Kelly: the firm ends before the title
        if t.endswith(_ORG_BEFORE_LATIN, max(0, s - 3), s):
            after = False
        elif " " not in m.group() and _ORG_AFTER_LATIN.match(t, e):
            after = True
        else:
            continue
        if e - s < 2 or (after and e - s <= 3 and t[s:e].isupper()) or t[s:e].lower() in _generic_latin() \
                or t[s:e].upper() in _tables()["titles"]:
            continue  # AI, VR, IPO: a word, not a name; CEO, CFO: a title
        if not after and t[e - 1].isdigit():
            continue  # …公司DOTA2项目: a product's name ends in its number
        known = lexicon.lookup(t[s:e])
        if known is not None and known.label != "COMPANY":
            continue
        yield (2, s, e, "COMPANY", known.canonical if known else canonical_name(t[s:e], lexicon))


# the end of a list whose items are companies: …、伟德等公司
_ORG_LIST_END = re.compile(r"等(?:多家|几家|数家)?(?:公司|企业|机构|银行|券商|厂商|车企|药企|巨头|金融机构|基金公司|保险公司)")
_ITEM = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9&]{2,12}$")


def _org_lists(t: str, lexicon: EntityLexicon):
    """The items of ``X、Y和Z等公司`` (at most eight, each 2-12 characters, read backwards)."""
    for m in _ORG_LIST_END.finditer(t):
        end = m.start()
        items = []
        for _ in range(8):
            start = end
            while start > 0 and end - start < 12 and t[start - 1] not in "、和及与,，。;；:：\n “”\"":
                start -= 1
            if end - start < 2 or not _ITEM.match(t, start, end):
                break
            items.append((start, end))
            if start == 0 or t[start - 1] not in "、和及与":
                break
            end = start - 1
        if len(items) < 2:
            continue
        stop = _tables()["org_stop"]
        for s, e in items:
            item = t[s:e]
            if any(c in _FUNC for c in item) or item in stop or item.endswith(("基金", "资管", "养老金", "机构")):
                continue  # 私募基金、养老金、保险资管等机构: kinds of investor, not names
            known = lexicon.lookup(item)
            if known is not None and known.label != "COMPANY":
                continue
            yield (3, s, e, "COMPANY", known.canonical if known else canonical_name(item, lexicon))


# A company's short name that is also an everyday word (民生, 光大, 广发) is one only beside its peers:
# 招行、浦发、民生、交行. The suffixes a short name drops, and the separators of a list.
_SHORT_FORM_SUFFIXES = ("银行", "证券", "保险", "人寿", "基金", "信托", "期货", "集团", "控股", "公司", "汽车", "电子", "资本",
                        "科技", "股份")
_LIST_SEPARATORS = "、和及与"
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _short_forms(lexicon: EntityLexicon) -> dict:
    """Short name -> {type: canonicals} for the lexicon's companies named short name + suffix
    (built once per lexicon and kept on it, like the fuzzy-match buckets)."""
    cached = getattr(lexicon, "_short_forms", None)
    if cached is not None:
        return cached
    out: dict = {}
    for entry in lexicon.entries:
        if entry.label != "COMPANY":
            continue
        for name in entry.names:
            for suffix in _SHORT_FORM_SUFFIXES:
                if name.endswith(suffix) and 2 <= len(name) - len(suffix) <= 3 and _all_han(name, 0, len(name)):
                    out.setdefault(name[:-len(suffix)], {}).setdefault(entry.type, set()).add(entry.canonical)
    object.__setattr__(lexicon, "_short_forms", out)
    return out


# A fund's kind, share class and the word 基金 that end a fund's name (易方达蓝筹精选混合, 鑫元货币B)
_FUND_KIND = re.compile(r"(?:货币市场|货币|混合|债券|股票|指数|灵活配置|偏股|纯债|短债)(?:型)?(?:证券投资基金|发起式基金|基金)?"
                        r"(?:[A-E](?![A-Za-z0-9]))?|(?:ETF联接|ETF|LOF|QDII)(?:基金)?(?:[A-E](?![A-Za-z0-9]))?")
_FUND_WORDS = ("货币", "混合", "债券", "股票", "指数", "配置", "偏股", "纯债", "短债", "ETF", "LOF", "QDII")
# how a fund's name ends (a product so named files its own reports: claims.py)
FUND_NAME_END = re.compile(r"(?:基金|货币|混合|债券|ETF|LOF|联接)[A-E]?$")
_FUND_NAME_REACH = 14
_FUND_TEAM_AFTER = re.compile(r"研究|团队|分析|首席|部|组")
_NOT_FUND_BODY = re.compile(r"旗下|跻身|成为|位居|位列|排名|进入|发行|买入|卖出|(?<![\d.])\d{1,12}(?:\.\d{1,6})?(?:[万亿]股?|股)")
_OTHER_FIRM_AFTER = re.compile(r"证券|银行|保险|信托|期货|集团|控股|公司|资管")


def _fund_products(t: str, lexicon: EntityLexicon):
    """A fund named after its manager's short name: 天弘余额宝货币市场基金, 鑫元货币B, 华夏上证50ETF."""
    if not any(w in t for w in _FUND_WORDS):
        return
    forms = _short_forms(lexicon)
    for m in _FUND_KIND.finditer(t):
        lo = m.start()
        while lo > 0 and m.start() - lo < _FUND_NAME_REACH and (_is_han(t[lo - 1]) or t[lo - 1].isalnum()) \
                and t[lo - 1] not in _FUNC:
            lo -= 1
        if _FUND_TEAM_AFTER.match(t, m.end()):
            continue  # 明明债券研究团队: a research team, not a fund
        for k in range(lo, m.start() - 1):
            n = next((n for n in (4, 3, 2) if k + n <= m.start() and "fund" in forms.get(t[k:k + n], {})), 0)
            if n and (_NOT_FUND_BODY.search(t, k + n, m.start()) or _OTHER_FIRM_AFTER.match(t, k + n)):
                break  # 易方达聚盈A跻身纯债, 长城证券5845万股股票: not one name
            if n:
                # (a bare kind right after the manager needs its share class: 鑫元货币B, not 华夏股票)
                if k + n == m.start() and not (m.group().startswith("货币") or m.group()[-1] in "ABCDE"):
                    break
                yield (0, k, m.end(), "PRODUCT", t[k:m.end()])
                break


def _short_names_in_lists(t: str, lexicon: EntityLexicon, known: list, seg: Segmentation):
    """Short names listed next to a lexicon company of the same kind: 广发、交行、浦发 (banks)."""
    forms = _short_forms(lexicon)
    taken = {(c[1], c[2]) for c in known}
    anchors = [(c[1], c[2], c[4]) for c in known if c[3] == "COMPANY"]
    while anchors:  # a name found becomes an anchor: 兴业、平安、工行
        s, e, canonical = anchors.pop()
        entry = lexicon.by_canonical.get(canonical)
        if entry is None or entry.type is None:
            continue
        for item in (_item_after(t, e), _item_before(t, s, seg, forms)):
            if item is None or item in taken:
                continue
            kinds = forms.get(t[item[0]:item[1]], {})
            same = kinds.get(entry.type, set())
            if len(same) == 1:
                taken.add(item)
                found = next(iter(same))
                anchors.append((item[0], item[1], found))
                yield (1, item[0], item[1], "COMPANY", found)   # a list context outranks a name guess


def _item_after(t: str, e: int) -> Optional[tuple[int, int]]:
    if e >= len(t) or t[e] not in _LIST_SEPARATORS:
        return None
    m = _LIST_ITEM.match(t, e + 1)
    if m is None:
        return None
    for end in range(m.end(), m.start() + 1, -1):  # the item ends at the next separator or a stop
        if end == len(t) or t[end] in _LIST_SEPARATORS or t[end] in "等，,。；;）)" or not _is_han(t[end]):
            return (m.start(), end)
    return None


def _item_before(t: str, s: int, seg: Segmentation, forms: dict) -> Optional[tuple[int, int]]:
    """The list item that ends at the separator before ``s``: a whole run of Han characters, or a short
    form on jieba's boundaries after a verb (蚕食 / 夏普 / 和 / 松下)."""
    if s < 3 or t[s - 1] not in _LIST_SEPARATORS:
        return None
    j = s - 1
    i = j
    while i > 0 and j - i < 4 and _is_han(t[i - 1]) and t[i - 1] not in _LIST_SEPARATORS:
        i -= 1
    if j - i >= 2 and not (i > 0 and _is_han(t[i - 1]) and t[i - 1] not in _LIST_SEPARATORS):
        return (i, j)
    for k in range(j - 2, i - 1, -1):
        if t[k:j] in forms and seg.is_boundary(k):
            return (k, j)
    return None


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
    if not seg.is_boundary(e):
        return None
    s, unknown, pieces = e, False, 0
    places = _tables()["places"]
    while s > 0 and pieces < 3 and e - s < 8:
        ws, _ = seg.piece(s - 1)
        w = t[ws:s]
        if len(w) < 2 or not _all_han(t, ws, s) or w[0] in _FUNC or w[-1] in _FUNC or w in _tables()["org_stop"]:
            break
        if not seg.is_word(w):
            unknown = True
        elif w not in places and (seg.frequency(w) >= 50 or w in _DEPARTMENT):
            break  # a common word; a rare one (宣明 in 宣明典居) may be part of the name
        s, pieces = ws, pieces + 1
    if not unknown or e - s < 2 or lexicon.lookup(t[s:e]) is not None:
        return None
    return (3, s, e, "COMPANY", canonical_name(t[s:e], lexicon))


_OUTLET = re.compile(r"(?:来源|来自|出处)\s?[:：]\s?(?P<name>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z]{2,10}?)(?=\s|$|[,，。|丨(（])", re.M)
_BYLINE_OUTLET = re.compile(
    r"(?:^|(?<=[\s|丨]))(?P<name>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8})\s{1,4}(?:文\s?[|丨/]\s?)?(?=(?:记者|作者|编辑)\s?[:：]?\s?[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])", re.M)
_BYLINE_REACH = 300  # characters from either end of a text where a byline may stand
_OUTLET_TAIL = re.compile(r"(?:APP|App|app|客户端|官网|网站|微信公众号|公众号|微博|记者|编辑|研究报告|研报|报告|研究|讯|消息)$")
_BYLINE_WORD_BEFORE = re.compile(r"(?:记者|作者|编辑|责编|文)[\s:：|丨/]*$")


def _outlets(t: str, lexicon: EntityLexicon):
    """The outlet of a ``来源：`` line or of a ``X  记者 Y`` byline."""
    matches = []
    if "来源" in t or "来自" in t or "出处" in t:
        matches += _OUTLET.finditer(t)
    # bylines stand at the top or the bottom of a page: look there only
    for lo, hi in ((0, min(len(t), _BYLINE_REACH)), (max(_BYLINE_REACH, len(t) - _BYLINE_REACH), len(t))):
        for word in ("记者", "作者", "编辑"):
            i = t.find(word, lo, hi)
            while i >= 0:
                m = _BYLINE_OUTLET.search(t, max(0, i - 16), i + len(word) + 8)
                if m is not None and m.end() == i:
                    matches.append(m)
                i = t.find(word, i + len(word), hi)
    for m in matches:
        if True:
            s, e = m.span("name")
            tail = _OUTLET_TAIL.search(t, s, e)
            if tail is not None and tail.start() - s >= 2:
                e = tail.start()  # 金融界APP -> 金融界
            name = t[s:e]
            known = lexicon.lookup(name)
            if (known is not None and known.label != "COMPANY") or name in _tables()["places"] \
                    or _BYLINE_WORD_BEFORE.search(t, max(0, s - 4), s):
                continue  # IP属地 北京 编辑: a place; 记者 欧阳晓娟  编辑: a person
            # a page's structure, not a guess: it outranks a shorter lexicon name inside (新华财经: 财经)
            yield (0, s, e, "COMPANY", known.canonical if known else name)


# -- products -----------------------------------------------------------------

_MODEL_CODE = re.compile(r"(?:[A-Z]{1,3}\d{1,3}[A-Za-z]{0,3}|\d{1,2}(?:\.\d)?\s?(?:Pro|Max|Plus|Ultra|Lite|Turbo|Mini|Flash))(?![A-Za-z0-9])")
_NOT_MODEL = re.compile(r"(?:Q[1-4]|H[12]|FY\d+|[A-Z]\d{3,})$")
_PRODUCT_HEADS = frozenset({"大模型", "App", "APP", "app", "AI", "助手", "智能体"})
_BOOK = re.compile(r"《(?P<name>[^《》\n]{1,30})》")
# titles of documents (laws, reports, notices), not products
_DOCUMENT = re.compile(r"(?:办法|报告|通知|意见|规定|条例|决定|方案|规划|计划|纲要|白皮书|蓝皮书|指引|细则|公告|榜|榜单|"
                       r"协议|合同|通知书|协议书|法|准则|标准|指南|征求意见稿|暂行办法|管理办法|实施意见|指导意见)(?:[(（].*)?$")
_MEDIA_CONTEXT = re.compile(r"(?:据|告诉|接受|向|对|援引|引述|综合)\s?\Z")
_MEDIA_AFTER = re.compile(r"\s?(?:报道|记者|获悉|了解到|独家|采访|发文|消息|杂志|报|称)")


def _products(t: str, lexicon: EntityLexicon, seg: Segmentation, known: list, orgs: list, heads: list):
    """Product names: ``《X》``, a brand and a model code, a name and ``大模型``/``App``."""
    for m in _BOOK.finditer(t):
        name = m.group("name")
        s, e = m.start("name"), m.end("name")
        if lexicon.lookup(name) is not None or _DOCUMENT.search(name):
            continue  # the lexicon pass tags it; a law, a report, a notice is not a product
        if _MEDIA_CONTEXT.search(t, max(0, m.start() - 4), m.start()) or _MEDIA_AFTER.match(t, m.end()):
            yield (2, s, e, "COMPANY", name)
        else:
            yield (3, s, e, "PRODUCT", name)
    # a brand (lexicon company or product, or a company found above) and a model code: 驰远S7, 理想L9
    # (a version of a known product keeps its canonical name: 可灵1.5Pro -> 可灵AI)
    brands = [(s, e, canonical if label == "PRODUCT" else None)
              for _, s, e, label, canonical in known if label in ("COMPANY", "PRODUCT")]
    brands += [(s, e, None) for _, s, e, _, _ in orgs]
    for s, e, canonical in brands:
        if e < len(t) and t[e].isascii():
            m = _MODEL_CODE.match(t, e)
            if m is not None and not _NOT_MODEL.search(m.group()):
                yield (0, s, m.end(), "PRODUCT", canonical or t[s:m.end()])
    bodies = set()
    for _, s, e, _, _ in orgs:
        ws, we = seg.piece(s)
        if ws == s and we < e and we - ws >= 2:
            bodies.add(t[ws:we])
    for body in list(bodies)[:_MAX_ECHOES]:
        i = t.find(body)
        while i >= 0:
            j = i + len(body)
            if j < len(t) and t[j].isascii():
                m = _MODEL_CODE.match(t, j)
                if m is not None and not _NOT_MODEL.search(m.group()):
                    yield (1, i, m.end(), "PRODUCT", t[i:m.end()])
            i = t.find(body, j)
    # an unknown word and a product word: 帆语大模型, 小鲸AI
    for p, q, _ in heads:
        if p < 2:
            continue
        ws, _ = seg.piece(p - 1)
        w = t[ws:p]
        if 2 <= len(w) <= 6 and not seg.is_word(w) and _all_han(t, ws, p) and w[0] not in _FUNC \
                and w[-1] not in _FUNC and w not in _tables()["org_stop"]:
            name = t[ws:q]
            known_p = lexicon.lookup(name)
            yield (2, ws, q, "PRODUCT", known_p.canonical if known_p else name)


# A product word right before a name no dictionary knows names it: 核心产品澜舒宁, 旗下的云帆云
_PRODUCT_BEFORE = re.compile(r"(?:(?:核心|主力|旗舰|明星|拳头|重磅|首款|新款|自研|王牌|创新)(?:产品|新药|药物|药品|车型|机型|手游|游戏)"
                             r"|旗下(?:的)?(?:产品|应用|App|APP)?)(?=[\u4e00-\u9fffA-Za-z])")


def _named_products(t: str, seg: Segmentation, lexicon: EntityLexicon):
    for m in _PRODUCT_BEFORE.finditer(t):
        s = m.end()
        if not seg.is_boundary(s):
            continue
        ps, pe = seg.piece(s)
        w = t[ps:pe]
        if not (2 <= len(w) <= 6) or seg.is_word(w) or lexicon.lookup(w) is not None or w in _tables()["org_stop"] \
                or not (_all_han(t, ps, pe) or _LATIN_WORD.fullmatch(w)) or w[-1] in _FUNC or w[0] in _FUNC:
            continue
        if _glued_suffix(w, _tables()["suffix_words"]) or t[pe:pe + 2] in _tables()["suffix"]:
            continue  # 旗下的云帆科技: a company
        if m.group().startswith("旗下") and pe < len(t) and _is_han(t[pe]) and t[pe] not in _FUNC:
            continue  # 旗下的易果 / 生鲜: the name goes on (a subsidiary, a brand): not read here
        yield (3, ps, pe, "PRODUCT", w)


# -- branches and echoes --------------------------------------------------------

_BRANCH = re.compile(r"[（(](?:中国|香港|上海|北京|深圳|广州|杭州|天津)[)）](?:[\u4e00-\u9fff]{0,8}?(?:有限责任公司|股份有限公司|有限公司))?|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{0,4}?(?:分行|支行|分公司|支公司|营业部|办事处|信用卡中心)")
_BRANCH_WORD = re.compile(r"分行|支行|分公司|支公司|营业部|办事处|信用卡中心|(?:中国|香港|上海|北京|深圳|广州|杭州|天津)[)）]")


# Lexicon kinds a place before makes another body: 杭州市统计局 is not 国家统计局.
_PLACE_CHANGES_IT = frozenset({"government", "association", "university", "research_institute", "exchange"})


def _placed(t: str, known: list, seg: Segmentation, lexicon: EntityLexicon):
    """A lexicon company with the place before it: 香港苏富比, 哈尔滨市福彩中心 (canonical: the company)."""
    places = _tables()["places"]
    for prio, s, e, label, canonical in known:
        if label != "COMPANY" or s < 2 or not seg.is_boundary(s):
            continue
        ps, _ = seg.piece(s - 1)
        entry = lexicon.lookup(t[s:e]) if _is_place(t[ps:s], places) else None
        if entry is not None:
            # 广州摩拜 is 摩拜's; 杭州市统计局 is its own body, not 国家统计局
            yield (0, ps, e, "COMPANY", canonical if entry.type not in _PLACE_CHANGES_IT else t[ps:e])


# A stock code in brackets right after a name: 金新农(002548), 中原环保（证券代码：000544）, 理想汽车(LI.US)
# (the exchange may come first, and a quote after: 兴民智通（SZ 002355，收盘价：5.63元）)
_STOCK_CODE = re.compile(r"[（(](?:(?:证券|股票)?代码\s?[:：]?\s?)?(?:(?:SZ|SH|BJ|sz|sh)\s?)?"
                         r"(?P<code>\d{6}(?:[.，,]\s?(?:SZ|SH|BJ))?|\d{4,5}[.，,]\s?HK"
                         r"|[A-Z]{1,5}\.(?:US|O|N))(?:[，,][^（()）\n]{0,20})?[)）]")


def _listed_names(t: str, seg: Segmentation, lexicon: EntityLexicon):
    """The name before a stock code: its last two pieces (赣锋 / 锂业), and rare pieces before them."""
    if "(" not in t and "（" not in t:
        return
    stop = _tables()["org_stop"]
    by_ticker = getattr(lexicon, "by_ticker", None) or {}
    for m in _STOCK_CODE.finditer(t):
        p = m.start()
        if p < 2 or not seg.is_boundary(p):
            continue
        s, n = p, 0
        while s > 0 and p - s < 8:
            ps, _ = seg.piece(s - 1)
            w = t[ps:s]
            if not (_all_han(t, ps, s) or w.isascii() and w.isalnum()) or w[-1] in _FUNC or w[0] in _FUNC \
                    or n >= 2 and w in stop:
                break
            if n >= 2 and len(w) == 1 and _is_han(w) and (ps == 0 or not (_is_han(t[ps - 1]) or t[ps - 1].isalnum())):
                s, n = ps, n + 1
                break  # one character that opens the clause: 兴 / 民智 / 通
            if n >= 2 and seg.frequency(w) >= _RARE:
                break  # 维持 / 万洲 / 国际: a common word before the name
            if w[0] in _SEPARATORS or w[0] == "丨":
                s = ps + 1 if len(w) > 1 else s  # 丨广电 / 计量: a separator glued on
                break
            s, n = ps, n + 1
        if p - s < 2:
            continue
        code = m.group("code").replace("，", ".").replace(",", ".").replace(" ", "")
        known = by_ticker.get(fold_case(code)) or by_ticker.get(fold_case(code.split(".")[0]))
        canonical = known.canonical if known is not None and known.label == "COMPANY" else canonical_name(t[s:p], lexicon)
        yield (1, s, p, "COMPANY", canonical)


# A clause that opens with a name and its announcement: 上海凤凰公告，…  步步高公告称，…  青鸟消防午间公告，…
_ANNOUNCER = re.compile(r"(?:^|(?<=[。\n，,：:；;\s]))(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)"
                        r"(?:\d{1,2}月\d{1,2}日)?(?:午间|晚间|早间|盘后|突发|近日|今日|昨日|曾|也|亦)?(?:发布|披露)?"
                        r"公告(?:称|，|,|显示|指出)")
_NOT_ANNOUNCERS = frozenset("据各一同该此本其这那每")
# A flash brief's company, alone at a sentence's start before a colon: 。安达维尔：2021年预盈…
_BRIEF_HEAD = re.compile(r"(?:^|(?<=[。\n；;]))(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)[：:]")


def _announcers(t: str, seg: Segmentation, lexicon: EntityLexicon):
    """The name that opens a clause and announces (``上海凤凰公告，``), or opens a flash brief of its
    filing (``安达维尔：2021年预盈…``): a listed company."""
    heads = [m.span("name") for m in _ANNOUNCER.finditer(t)] if "公告" in t else []
    if "：" in t or ":" in t:
        heads += [m.span("name") for m in _BRIEF_HEAD.finditer(t) if FILING_BRIEF.match(t, m.end())]
    suffixes = _tables()["suffix"]
    for s, e in heads:
        name = t[s:e]
        if name[0] in _NOT_ANNOUNCERS or name[-1] in "日月年" or not (seg.is_boundary(s) and seg.is_boundary(e)):
            continue
        if lexicon.lookup(name) is not None:
            continue  # the lexicon tags it already
        # every piece a word jieba does not know, a rare one, or an organisation word (天原 / 股份);
        # after a place one word may be common (上海 / 凤凰: a stock's short name)
        i, ok, common = s, True, 0
        head = t[s:seg.piece(s)[1]]
        # (after a place, or after a word jieba does not know: 科融 / 环境, a brand and its trade)
        in_place = _is_place(head, _tables()["places"])
        placed = in_place or (len(head) >= 2 and not seg.is_word(head))
        while i < e:
            ps, pe = seg.piece(i)
            w = t[ps:pe]
            # (a one-character first piece of a longer name: 安 / 达维尔)
            if seg.frequency(w) >= _RARE and w not in suffixes and not (ps == s and (placed or pe - ps == 1 < e - s - 1)):
                common += 1
                if not placed or common > 1 or w in _tables()["org_stop"] or pe < e \
                        or (in_place and seg.frequency(w) >= _COMMON):
                    ok = False
                    break
            i = pe
        if ok:
            yield (2, s, e, "COMPANY", canonical_name(name, lexicon))


# An outlet's channel in its dateline: 新浪房产讯, 网易科技讯, 搜狐财经消息
_CHANNEL = re.compile(r"(?:房产|财经|科技|娱乐|体育|汽车|彩票|游戏|教育|时尚|读书|健康|军事|新闻|家居|旅游|数码|证券|股票|基金)"
                      r"(?=讯|消息|报道|记者|频道)")


def _channels(t: str, known: list, lexicon: EntityLexicon):
    for prio, s, e, label, canonical in known:
        if label != "COMPANY":
            continue
        m = _CHANNEL.match(t, e)
        if m is not None:
            name = t[s:m.end()]
            entry = lexicon.lookup(name)
            yield (0, s, m.end(), "COMPANY", entry.canonical if entry is not None else name)


# A company's arm in a country or a city, written after its name: 渣打中国, 育碧上海 (not 苹果中国市场)
_ARM = re.compile(r"(?:中国|大中华区|亚太区|亚太|上海|北京|香港|深圳)(?![\u4e00-\u9fff]{0,1}(?:市场|区|地区|业务|工厂|"
                  r"用户|消费者|销量|收入|营收|份额|门店|手机|版|政府|公司|企业|境内|本土|大陆))")


_DATELINE_AHEAD = re.compile(r"\s?(?:\d|[一二三四五六七八九十]{1,3}月|电|讯|消息|报道)")
_ARM_VERB = re.compile(r"仍|正|研发|开发|推出|发布|宣布|负责|计划|透露|总裁|总经理|负责人|CEO|董事长")


def _branches(t: str, known: list):
    """A lexicon company's branch or local arm: 光大银行北京分行, 微软（中国）有限公司 (canonical: the company)."""
    for prio, s, e, label, canonical in known:
        if label != "COMPANY":
            continue
        arm = _ARM.match(t, e)
        if arm is not None and _DATELINE_AHEAD.match(t, arm.end()):
            arm = None   # 新华网上海2月19日电: an outlet's dateline, not its Shanghai arm
        if arm is not None and e - s >= 2 and (arm.end() >= len(t) or not _is_han(t[arm.end()])
                                              or t[arm.end()] in _FUNC or _right_cue(t, arm.end(), _tables())
                                              or _ARM_VERB.match(t, arm.end())):
            yield (0, s, arm.end(), "COMPANY", canonical)
            continue
        if not _BRANCH_WORD.search(t, e, e + 10):
            continue
        m = _BRANCH.match(t, e)
        if m is not None and not any(c in _FUNC for c in t[e:m.end()]):
            yield (0, s, m.end(), "COMPANY", canonical)


def _echoes(t: str, seg: Segmentation, people: list, orgs: list):
    seen = {(s, e) for _, s, e, _, _ in people} | {(s, e) for _, s, e, _, _ in orgs}
    for cand in _echo_spans(t, seg, people, orgs):
        if (cand[1], cand[2]) not in seen:
            yield cand


_MAX_ECHOES = 200


def _echo_spans(t: str, seg: Segmentation, people: list, orgs: list):
    """Later (and earlier) mentions of a name found once: 程一笑 … 程一笑; 云帆科技 … 云帆."""
    names: dict[str, tuple[str, str]] = {}
    for _, s, e, label, canonical in people:
        if e - s >= 2:
            names.setdefault(t[s:e], (label, canonical))
        last = _LATIN_SURNAME.search(t, s, e)
        if last is not None:
            names.setdefault(last.group(), (label, canonical))  # Klaas Knot … Knot表示
    for prio, s, e, label, canonical in orgs:
        names.setdefault(t[s:e], (label, canonical))
        ws, we = seg.piece(s)
        body = t[ws:we]
        if ws == s and we < e and we - ws >= 2 and _all_han(t, ws, we) and not seg.is_word(body) \
                and body not in _tables()["org_stop"]:
            names.setdefault(body, ("COMPANY", canonical))
    stop = _tables()["org_stop"]
    # each name costs a scan of the text: at most _MAX_ECHOES of them keep the work linear in the text
    for name, (label, canonical) in list(names.items())[:_MAX_ECHOES]:
        if name in stop:
            continue
        i = t.find(name)
        while i >= 0:
            j = i + len(name)
            if (seg.is_boundary(i) and seg.is_boundary(j)) or _glued_person(t, i, j, seg, label):
                yield (4, i, j, label, canonical)
            i = t.find(name, j)


# the last word of a Latin full name (two or more capitalised words), which later stands for it
_LATIN_SURNAME = re.compile(r"(?<=[A-Za-z] )[A-Z][a-z]{2,}$")


def _glued_person(t: str, i: int, j: int, seg: Segmentation, label: str) -> bool:
    """A known person's name glued to a following function word by jieba (陈昊称)."""
    if label != "PERSON" or not seg.is_boundary(i):
        return False
    _, pe = seg.piece(i)
    return pe == j + 1 and t[j] in _FUNC


# -- canonical names ------------------------------------------------------------

def canonical_name(name: str, lexicon: EntityLexicon, cutoff: float = 90.0) -> str:
    """The canonical name of ``name``: exact alias (or ticker), then a near variant, else the name itself.

    A near variant has a rapidfuzz ``ratio`` of at least ``cutoff`` with a
    lexicon name of four or more characters that starts with the same
    character (``中国国际金融股分有限公司`` -> ``中金公司``).
    """
    known = lexicon.lookup(name)
    if known is not None:
        return known.canonical
    key = fold_case(fold(name))
    by_ticker = getattr(lexicon, "by_ticker", None)
    if by_ticker and key in by_ticker:
        return by_ticker[key].canonical  # NVDA, 0700.HK
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
