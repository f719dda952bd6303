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
        "name_title": regex.compile(rf"(?P<name>[\p{{Han}}]{{2,3}})(?P<title>董事长|总裁|首席执行官|CEO|教授|研究员|分析师|总经理)(?![\p{{Han}}]{{0,1}}[的])"),
        "latin_person": regex.compile(
            rf"(?<![A-Za-z])(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)(?=\s?(?:团队|等人|等)?(?:{_alt(verbs)}))"),
        "org_suffix": regex.compile(rf"(?P<body>[\p{{Han}}A-Za-z]{{2,6}}?)(?P<suffix>{org_suffix})(?![\p{{Han}}]{{0,0}}[化])"),
        "book": regex.compile(r"《(?P<name>[^《》\n]{1,30})》"),
        "stop": stop,
    }


_MEDIA_CONTEXT = regex.compile(r"(?:据|告诉|接受|向|对|援引|引述|综合)\s?\Z")
_MEDIA_AFTER = regex.compile(r"\s?(?:报道|记者|获悉|了解到|独家|采访|发文|消息|杂志|报|称)")


def find_entities(text: str, lexicon: EntityLexicon, *, discover: bool = True) -> list[Entity]:
    """Every company, product and person in ``text``, in text order, without overlaps.

    Lexicon names win over names found by rules; a longer match wins over a
    shorter one that overlaps it.
    """
    if not text:
        return []
    ftext = fold(text)
    key = fold_case(ftext)
    cands: list[tuple[int, int, int, str, str]] = []  # (priority, start, end, label, canonical)
    if lexicon.pattern is not None:
        for m in lexicon.pattern.finditer(key):
            e = lexicon.by_name.get(m.group())
            if e is not None:
                cands.append((0, m.start(), m.end(), e.label, e.canonical))
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
        if name[0].isascii() or name[:2] in double or name[0] in single:
            known = lexicon.lookup(name)
            yield (1, s, e, "PERSON", known.canonical if known and known.label == "PERSON" else name)
    for m in pats["name_title"].finditer(ftext):
        name = m.group("name")
        if (name[:2] in double or name[0] in single) and lexicon.lookup(name) is None:
            yield (2, m.start("name"), m.end("name"), "PERSON", name)
    for m in pats["latin_person"].finditer(ftext):
        yield (1, m.start("name"), m.end("name"), "PERSON", m.group("name"))
    stop = pats["stop"]
    for m in pats["org_suffix"].finditer(ftext):
        body = m.group("body")
        # trim a leading function word: 以及生数科技 -> 生数科技
        cut = max((i + 1 for i, ch in enumerate(body) if ch in stop), default=0)
        body = body[cut:]
        if len(body) < 2:
            continue
        s, e = m.start("body") + cut, m.end()
        name = ftext[s:e]
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


def canonical_name(name: str, lexicon: EntityLexicon, cutoff: float = 90.0) -> str:
    """The canonical name of ``name``: exact alias, then a near variant, else the name itself."""
    known = lexicon.lookup(name)
    if known is not None:
        return known.canonical
    choices = _fuzzy_choices(lexicon)
    if not choices:
        return name
    hit = process.extractOne(fold_case(fold(name)), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if hit is not None:
        return lexicon.by_name[hit[0]].canonical
    return name


def _fuzzy_choices(lexicon: EntityLexicon) -> list[str]:
    cached = getattr(lexicon, "_fuzzy", None)
    if cached is None:
        cached = [k for k in lexicon.by_name if len(k) >= 4]
        object.__setattr__(lexicon, "_fuzzy", cached)
    return cached


def entry_for(entity: Optional[Entity], lexicon: EntityLexicon):
    """The lexicon entry behind an entity, if any."""
    if entity is None:
        return None
    return lexicon.by_canonical.get(entity.canonical) or lexicon.lookup(entity.text)
