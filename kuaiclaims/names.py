"""Companies, products and people: lexicon matches, names no lexicon knows, canonical names.

``find_entities`` is pure: text and lexicon in, ``Entity`` list out.
Lexicon names are matched on characters (one compiled trie pattern) so
that jieba's segmentation cannot split them; unknown names come from
rules: a title next to a surname-led name, organisation suffixes, Latin
names next to a reporting verb, ``《X》`` for shows and outlets.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex
from rapidfuzz import fuzz, process

from .lexicons import EntityLexicon, read_lines
from .text import fold, fold_case
from .types import Entity


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset, frozenset]:
    single, double = set(), set()
    for line in read_lines("surnames.txt"):
        for s in line.split():
            (single if len(s) == 1 else double).add(s)
    return frozenset(single), frozenset(double)


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _patterns():
    titles = read_lines("titles.txt")
    verbs = read_lines("reporting_verbs.txt")
    org_suffix = ("科技|集团|股份|银行|证券|资本|有限公司|有限责任公司|控股|基金|研究院|研究所|传媒|医药|"
                  "物流|地产|实业|资管|保险|信托|期货|咨询|制药|电器|重工|航空|食品|酒业|影业|创投")
    stop = "的和与及、在对为是将把被从向由以于等或也都而且并让给跟同了着过这那其该此各每"
    return {
        "title_name": regex.compile(
            rf"(?P<title>{_alt(titles)})(?P<name>[\p{{Han}}]{{2,3}}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
            rf"(?=[,，。:：;；、)）”」\s]|$|{_alt(verbs)}|在|也|则|曾|对|向|还|就|认为|坦言|团队)"),
        # title first, the 2-3 Han characters of the name read backwards (_names_before_titles)
        "name_title": regex.compile(r"(?:董事长|总裁|首席执行官|CEO|教授|研究员|分析师|总经理)(?![\p{Han}]{0,1}[的])"),
        "latin_person": regex.compile(
            rf"(?<![A-Za-z])(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)(?=\s?(?:团队|等人|等)?(?:{_alt(verbs)}))"),
        # suffix first, body read backwards (see _org_names): a lazy body before
        # an alternation of suffixes is tried at every Han character
        "org_suffix": regex.compile(rf"(?:{org_suffix})(?!化)"),
        "book": regex.compile(r"《(?P<name>[^《》\n]{1,30})》"),
        "stop": stop,
        "title_set": frozenset(titles),
    }


_MEDIA_CONTEXT = regex.compile(r"(?:据|告诉|接受|向|对|援引|引述|综合)\s?\Z")
_MEDIA_AFTER = regex.compile(r"\s?(?:报道|记者|获悉|了解到|独家|采访|发文|消息|杂志|报|称)")


def find_entities(text: str, lexicon: EntityLexicon, *, discover: bool = True,
                  ftext: Optional[str] = None) -> list[Entity]:
    """Every company, product and person in ``text``, in text order, without overlaps.

    Lexicon names win over names found by rules; a longer match wins over a
    shorter one that overlaps it. ``ftext`` is ``fold(text)`` when the caller
    already has it.
    """
    if not text:
        return []
    ftext = fold(text) if ftext is None else ftext
    key = fold_case(ftext)
    cands: list[tuple[int, int, int, str, str]] = []  # (priority, start, end, label, canonical)
    if lexicon.index is not None:
        by_name = lexicon.by_name
        for s, e in lexicon.index.finditer(key):
            entry = by_name[key[s:e]]
            cands.append((0, s, e, entry.label, entry.canonical))
    if discover:
        cands.extend(_discover(text, ftext, lexicon))
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


def _discover(text: str, ftext: str, lexicon: EntityLexicon):
    pats = _patterns()
    single, double = _surnames()
    for m in pats["title_name"].finditer(ftext):
        name = m.group("name")
        s, e = m.start("name"), m.end("name")
        if len(name) == 3 and name[-1] in _AFTER_NAME:
            name, e = name[:2], e - 1  # 首席财务官李蔓在说明会上: 在 opens the next phrase
        if name[1:] in pats["title_set"] or name[-2:] in pats["title_set"]:
            continue  # 负责人向记者透露: 向 + a title is no name
        if name[0].isascii() or name[:2] in double or name[0] in single:
            known = lexicon.lookup(name)
            yield (1, s, e, "PERSON", known.canonical if known and known.label == "PERSON" else name)
    for s, e in _names_before_titles(ftext, pats["name_title"]):
        name = ftext[s:e]
        if (name[:2] in double or name[0] in single) and lexicon.lookup(name) is None:
            yield (2, s, e, "PERSON", name)
    for m in pats["latin_person"].finditer(ftext):
        yield (1, m.start("name"), m.end("name"), "PERSON", m.group("name"))
    for s, p, e in _org_names(ftext, pats["org_suffix"], pats["stop"]):
        name, body = ftext[s:e], ftext[s:p]
        known = lexicon.lookup(name) or lexicon.lookup(body)
        yield (2, s, e, "COMPANY", known.canonical if known and known.label == "COMPANY" else canonical_name(name, lexicon))
    for m in pats["book"].finditer(ftext):
        name = m.group("name")
        s, e = m.start("name"), m.end("name")
        known = lexicon.lookup(name)
        if known is not None:
            continue  # the lexicon pass tags it
        if _MEDIA_CONTEXT.search(ftext, max(0, m.start() - 4), m.start()) or _MEDIA_AFTER.match(ftext, m.end()):
            yield (2, s, e, "COMPANY", name)
        else:
            yield (3, s, e, "PRODUCT", name)


_HAN = regex.compile(r"\p{Han}")
# Characters that follow a two-character name far more often than they end a three-character one.
_AFTER_NAME = frozenset("在也则曾对向还就称说表指等和与")


def _names_before_titles(ftext: str, titles):
    """``(start, end)`` of the 2-3 Han characters right before each title (``张三董事长``)."""
    last_end = 0
    for m in titles.finditer(ftext):
        p = m.start()
        s = p
        while s > max(last_end, p - 3) and _HAN.match(ftext, s - 1):
            s -= 1
        if p - s >= 2:
            last_end = m.end()
            yield s, p


_BODY_CHAR = regex.compile(r"[\p{Han}A-Za-z]")


def _org_names(ftext: str, suffixes, stop: str):
    """``(start, suffix_start, end)`` of names made of a 2-6 character body and an organisation suffix.

    The body is read backwards from each suffix over Han and Latin letters
    (at most 6, not into the previous name), then trimmed after its last
    function word: ``以及生数科技`` -> ``生数科技``.
    """
    last_end = 0
    for m in suffixes.finditer(ftext):
        p = m.start()
        s = p
        floor = max(last_end, p - 6)
        while s > floor and _BODY_CHAR.match(ftext, s - 1):
            s -= 1
        if p - s < 2:
            continue
        last_end = m.end()
        cut = max((i + 1 for i in range(s, p) if ftext[i] in stop), default=s)
        if p - cut >= 2:
            yield cut, p, m.end()


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
