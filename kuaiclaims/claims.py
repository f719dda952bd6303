"""Claim assembly: pair changes with values, and find metric, subject and period.

Pure functions over the results of the earlier stages. Data flows one way:
quantities (with their change role) and attribution frames in, ``Claim``s out.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Optional, Sequence

import regex

from .attribution import Frame, market_cue_in, resolve_deferred
from .changes import TRANSITIVE_CHANGE_VERBS, ChangeInfo, classify_change, is_change_clause
from .lexicons import EntityLexicon, read_lines
from .names import FUND_NAME_END, entry_for
from .numbers import Mention
from .periods import PeriodMention
from .spans import SpanIndex
from .text import Layout, Segment
from .types import AUTHOR, Claim, Entity, Quantity, Speaker


@dataclass(frozen=True)
class RoledQuantity:
    """A quantity with its role in a claim (value or change), signed when a change."""

    quantity: Quantity
    kind: str
    info: ChangeInfo


def assign_roles(ftext: str, layout: Layout, mentions: Sequence[Mention]) -> list[RoledQuantity]:
    """Decide value or change for each quantity and sign the changes."""
    out = []
    for m in mentions:
        q = m.quantity
        clause = layout.clause(q.start)
        info = classify_change(ftext, q.start, q.end, clause.start, max(clause.end, q.end), q.unit)
        if info.role == "change" and info.sign < 0:
            q = replace(q, value=_neg(q.value), upper=_neg(q.upper))
        out.append(RoledQuantity(q, m.kind, info))
    return out


def _neg(v):
    return None if v is None else -v


@lru_cache(maxsize=1)
def _metric_pattern() -> re.Pattern:
    heads = read_lines("metrics.txt")
    # A plain list of words, so the standard ``re``: it skips ahead to the words' first
    # characters and finds the same matches three times faster than ``regex`` does.
    return re.compile("|".join(re.escape(h) for h in sorted(set(heads), key=len, reverse=True)))


_DIGIT = regex.compile(r"\d")
_TO_LEVEL = regex.compile(r"\s?(?:至|到|达|达到|为)\s?")
_SHARE_OF = regex.compile(r"占(?:到|了|据)?(?P<x>[^,，。;；的]{1,12})的?(?:比例|比重|份额)?(?:约|近|超|达)?\s?\Z")
_BEFORE_COMPARISON = regex.compile(r"(?:^\s*|显示|称|表示|其|该)(?P<x>[\p{Han}A-Za-z]{2,10}?)(?:较|比|相比|同比|环比)")
_NOUN_AFTER = regex.compile(r"(?:的)?(?P<x>[\p{Han}A-Za-z]{2,6}?)(?:的(?P<y>[\p{Han}]{2,4}))?(?=[,，。;；)）]|$)")
_NO_CLAUSE_BREAK = regex.compile(r"[^,，。;；:：]*")
_OWNER_DE = regex.compile(r"[^,，。;；]{0,10}的")
_VENUE_BEFORE = regex.compile(r"在(?:其|官方|其官方|自家)?\Z")
_COMPARATOR_END = regex.compile(r"(?:是|为|相当于|不到|不足|超过|高于|低于|仅为|约为)$")

# An outlet's dateline after a name (东方财富网23日讯, 挖贝网 5月6日消息, 新浪科技讯): the name is the outlet
# telling the news, not whose figures they are.
_DATELINE_AFTER = regex.compile(r"(?:网|APP|客户端)?\s?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:讯|电|消息)")
# ... and the name on a page's source line (文章来源：光大证券研究报告)
_SOURCE_LINE_BEFORE = regex.compile(r"(?:来源|来自|出处)\s?[:：]\s?\Z")
_METRIC_STOP = set("的和与及、在对为是将把被从向由以于等或也都而且并让给跟了着过这那该此各每达至到约近超占仅有已")
_METRIC_STOP_WORDS = ("其中", "以及", "方面", "此外", "同时", "其")
_METRIC_TRIM = regex.compile(
    r"^(?:其中|此外|同时|另外|而|但|并|且|其|据|根据|按照|按|预计|预期|预测|估计|分别|依次|(?:该|本)?(?:公司|集团)|全年|当季|本季|单季|累计|合计|总计|共|期内|报告期内|同期|不等)+|(?:同比|环比|分别|约|达到|达|为|是|至|仅|有|已|共|则|也)+$")


def find_metric(ftext: str, lo: int, hi: int, blocked: "SpanIndex | Sequence[tuple[int, int]]") -> Optional[str]:
    """The metric phrase that ends nearest before ``hi`` in ``ftext[lo:hi]``.

    A head noun from the metric lexicon (``净利润``) widened left over its
    modifiers (``经调整``) up to an entity or a period (the ``blocked``
    spans) or a function word.
    """
    blocked = SpanIndex.of(blocked)
    m = None
    for h in _metric_pattern().finditer(ftext, lo, hi):
        if not blocked.covers(h.start()):
            m = h   # (not a head inside a name: 中国东方资产等149家机构)
    if m is None:
        return None
    start = m.start()
    while start > lo:
        ch = ftext[start - 1]
        if ch in _METRIC_STOP or not (ch.isalnum() or ch in "-"):
            break
        if ftext.endswith(_METRIC_STOP_WORDS, lo, start) and not ftext.startswith("其他", start - 1):
            break
        if blocked.covers_open_start(start):
            break
        start -= 1
        if m.end() - start >= 14:
            # cut off mid-phrase (告期内公司…): drop the torn words up to a boundary
            torn = _TORN_PREFIX.match(ftext, start, m.start())
            if torn:
                start = torn.end()
            break
    if start > lo and ftext[start - 1:start + 1] in _TORN_WORDS:
        start += 1   # 给予上报单位…: 予 belongs to the word before the phrase
    phrase = _VERB_BEFORE_OBJECT.sub("", _METRIC_TRIM.sub("", ftext[start:m.end()]))
    return phrase or m.group()


# two-character words whose first character stops a metric phrase: the second must not open it
_TORN_WORDS = frozenset({"给予", "对于", "由于", "关于", "以及", "为了", "等于", "至于", "在于", "对比", "及其", "我国"})


_TORN_PREFIX = regex.compile(r"[^的内中]{0,6}[的内中]")


def assemble_claims(text: str, ftext: str, layout: Layout, roled: Sequence[RoledQuantity],
                    entities: Sequence[Entity], frames: Sequence[Frame], periods: Sequence[PeriodMention],
                    quotes, lexicon: EntityLexicon,
                    word_at: Optional[Callable[[int], Optional[str]]] = None) -> list[Claim]:
    """Build claims: one per value, with the change of the same figure paired to it.

    ``word_at(pos)`` gives the token (jieba's word) that starts at ``pos``, if
    any: the noun counted by ``144个分公司`` is the word after the classifier.
    """
    subjects = [e for e in entities if _can_be_subject(e, lexicon) and not _DATELINE_AFTER.match(ftext, e.end)
                and not _SOURCE_LINE_BEFORE.search(ftext, max(0, e.start - 6), e.start)]
    subject_starts = [e.start for e in subjects]
    main = _headline_subject(ftext, layout, subjects) or _main_subject(subjects)
    period_starts = [p.start for p in periods]
    blocked = SpanIndex(sorted([(e.start, e.end) for e in entities] + [(p.start, p.end) for p in periods]))
    frame_index = SpanIndex(frames)      # frame_index.last_covering(pos) == frame_at(frames, pos)
    entity_index = SpanIndex(sorted((e.start, e.end) for e in entities if e.label in ("COMPANY", "PERSON")))
    quote_index = SpanIndex(quotes)

    filers = [(f.start, f.speaker.name) for f in frames if f.speaker.kind == "document" and f.speaker.name]
    filer_starts = [start for start, _ in filers]
    groups: list[list[RoledQuantity]] = []
    for rq in roled:
        if groups and _pairs_with(ftext, layout, groups[-1], rq):
            groups[-1].append(rq)
        else:
            groups.append([rq])

    claims = []
    last_subject: dict[int, Entity] = {}
    last_period: dict[int, str] = {}
    for group in groups:
        value = next((g for g in group if g.info.role == "value"), None)
        change = next((g for g in group if g.info.role == "change"), None)
        first = group[0].quantity
        last = group[-1].quantity
        clause = layout.clause(first.start)
        sent = layout.sentence(first.start)
        para_i = layout.paragraph_index(first.start)
        span = Segment(min(clause.start, first.start), max(layout.clause(last.start).end, last.end))

        # currency carried by the value to its change: 上涨3亿至2447亿港元
        if change and value and change.quantity.unit == "count" and value.quantity.unit not in ("count",) \
                and change.kind == "count" and value.kind == "currency":
            change = replace(change, quantity=replace(change.quantity, unit=value.quantity.unit))

        anchor = (change or value).quantity if (change and change.quantity.start < first.end) else first
        metric = (_metric_right_after(ftext, last.end)
                  or find_metric(ftext, clause.start, anchor.start, blocked)
                  or (_share_metric(ftext, clause.start, first.start) if group[0].kind == "percent" else None)
                  or find_metric(ftext, sent.start, anchor.start, blocked)
                  or _metric_after(ftext, first.end, clause.end, blocked))
        if metric is None and change is not None and value is None:
            # a clause of its own that names what moved (俄罗斯卢布升值3.7%) does not carry the last metric
            own = noun_phrase_before(ftext, clause.start, anchor.start, blocked) if group[0].kind != "rank" else None
            metric = own if own and len(own) >= 2 and _opens_clause(ftext, clause.start, own, anchor.start) \
                else _carried_metric(claims, layout, first.start)
        if metric is None and word_at is not None and value is not None and value.quantity.counted:
            metric = _counted_noun(word_at, value.quantity.end)
        if metric is None:
            metric = (_share_metric(ftext, clause.start, first.start) if group[0].kind == "percent" else None) or _phrase_before_change(
                ftext, clause.start, anchor.start, blocked) or (noun_phrase_before(
                ftext, clause.start, anchor.start, blocked) if group[0].kind != "rank" else None) or _noun_after(
                ftext, last.end, clause.end)
        if metric is None and value is not None and claims and _JOINED_FIGURES.fullmatch(
                ftext, (claims[-1].value or claims[-1].change).end, first.start):
            metric = claims[-1].metric   # 增持金额不低于5000万元、不超过1亿元: the second bound
        if metric in _RATE_WORDS or (metric and metric.endswith(_RATE_WORDS) and len(metric) <= 4):
            prior = _carried_metric(claims, layout, first.start)
            if prior and prior.endswith(_RATE_WORDS):
                metric = prior            # the second rate of the same series
            elif prior and prior not in _RATE_WORDS:
                metric = prior + metric   # 总电商GMV…同比增速 -> 总电商GMV同比增速

        frame = frame_index.last_covering(first.start)
        para = layout.paragraph(first.start)
        subject = _subject(subjects, subject_starts, clause, sent, para, first.start, frame, ftext, group[0].kind)
        if subject is None:
            # the subject of the paragraph before carries only into a paragraph that names no one and has
            # no source of its own before the figure (过去三年，总电商GMV… after a paragraph on 快手)
            carry = (frame is None or frame.start < para.start) and entity_index.first_starting_in(para.start, first.start - 1) is None
            subject = (last_subject.get(para_i)
                       or (carry and (_previous_paragraph_subject(subjects, subject_starts, layout, para_i)
                                      or last_subject.get(para_i - 1)))
                       or main)
        if subject is not None:
            last_subject[para_i] = subject
        period = _period(periods, period_starts, sent, first.start, para_i, last_period)
        if period is not None:
            last_period[para_i] = period

        speaker, source, cue = AUTHOR, "journalist", None
        if frame is not None and frame.start < sent.start and (
                _PRICE_LINE.search(ftext, sent.start, sent.end) if frame.speaker.kind == "document" else
                frame.source_type not in _MARKET_REPORTERS
                and market_cue_in(ftext, max(sent.start, first.start - _MARKET_REACH), min(sent.end, last.end + 6))):
            # a market line after a filing or someone's words: prices are market data (a data firm, a
            # broker or an outlet reporting prices goes on: 据百川资讯监测，…价格…涨幅…)
            frame = None
        if frame is not None:
            # a filing that names no one (公告显示，…) is the filer named last (中原环保发布公告称 … 公告显示)
            company = _glued_company(subject, subjects, subject_starts) or _company_of(subject, lexicon)
            if company is None and frame.speaker.kind == "document":
                k = bisect.bisect_left(filer_starts, frame.start) - 1
                company = filers[k][1] if k >= 0 else None
            if company is None and frame.deferred and frame.speaker.kind == "organization":
                # 公司表示 in a paragraph that names no one: the company named last, here or in the paragraph before
                floor = layout.paragraphs[max(0, para_i - 1)].start
                k = bisect.bisect_left(subject_starts, frame.start) - 1
                company = _company_of(subjects[k], lexicon) if k >= 0 and subjects[k].start >= floor else None
            speaker = resolve_deferred(frame, company or (main.canonical if main else None))
            source, cue = frame.source_type, frame.cue
        elif group[0].kind not in _NOT_PRICES:
            # a price or a move, with a market word near it (截至收盘…报753.5元, 市值接近9500亿元)
            mc = market_cue_in(ftext, max(sent.start, first.start - _MARKET_REACH), min(sent.end, last.end + 6))
            if mc is not None:
                source, cue = "market_data", mc
        if metric is None and source == "market_data" and group[0].kind in ("percent", "currency"):
            metric = "股价"
        if metric is None and group[0].kind == "rank":
            metric = "排名"
        quote = "none"
        if speaker.kind != "author":
            inside = quote_index.covers(first.start)
            quote = "direct" if inside else "indirect"
        basis = (change.info.basis if change else None)
        claims.append(Claim(
            text=text[span.start:span.end], start=span.start, end=span.end,
            value=value.quantity if value else None, change=change.quantity if change else None,
            metric=metric, subject=subject, period=period, basis=basis,
            speaker=speaker, source_type=source, cue=cue, quote=quote))
    return distribute_respectively(ftext, layout, claims, subjects)


_RESPECTIVELY = regex.compile(r"分别")
_COORDINATOR = regex.compile(r"\s?(?:和|与|及|以及|、|,)\s?")


def distribute_respectively(ftext: str, layout: Layout, claims: list[Claim],
                            subjects: Sequence[Entity]) -> list[Claim]:
    """``vivo和苹果分别以1080万台和980万台位列第四和第五``: the n coordinated subjects before
    ``分别`` own the n figures after it, in order."""
    out = list(claims)
    last_run: tuple = (None, [])   # the subjects an earlier 分别 of the same sentence distributed
    for m in _RESPECTIVELY.finditer(ftext):
        sent = layout.sentence(m.start())
        # the figures of the clause 分别 opens (…分别升值4.4%、5.7%和3.6%，俄罗斯卢布升值3.7%: not the last)
        stop = _CLAUSE_END.search(ftext, m.end(), sent.end)
        end = stop.start() if stop else sent.end
        idx = [i for i, c in enumerate(out) if m.end() <= (c.value or c.change).start < end]
        if not idx:
            continue
        names = [e for e in subjects if sent.start <= e.start and e.end <= m.start()]
        run = _coordinated_run(ftext, [(e.start, e.end, e) for e in names], m.start())
        if len(run) < 2 and last_run[0] == sent.start and len(last_run[1]) == len(idx):
            run = last_run[1]   # 顺丰、韵达分别完成件量7.3、14.6亿件，同比增速分别为60.4%、64.9%
        if len(run) >= 2:
            last_run = (sent.start, run)
            for group in _figure_series(out, idx, len(run)):
                for i, e in zip(group, run):
                    old = out[i]
                    sp = old.speaker
                    if sp.kind == "document" and old.subject is not None and sp.name == old.subject.canonical:
                        # 各家公告显示，顺丰、韵达分别完成…: each company's own filing
                        sp = replace(sp, name=e.canonical, organization=e.canonical)
                    out[i] = replace(old, subject=e, speaker=sp)
        # 上证指数、深证成指分别下挫0.99%、0.65%: the coordinated metrics too
        heads, lo = [], sent.start
        for h in _metric_pattern().finditer(ftext, sent.start, m.start()):
            phrase = find_metric(ftext, lo, h.end(), ()) or h.group()   # 指数 widened to 上证指数
            heads.append((h.end() - len(phrase), h.end(), phrase))
            lo = h.end()
        subject_run = len(run)
        run = _coordinated_run(ftext, heads, m.start())
        if len(run) < 2 and subject_run < 2 and not names:
            run = _bare_items(ftext, sent.start, m.start())   # 英镑、欧元和日元分别升值: no metric word
        if len(run) >= 2:
            for group in _figure_series(out, idx, len(run)):
                for i, head in zip(group, run):
                    out[i] = replace(out[i], metric=head)
    return out


_CLAUSE_OPEN = regex.compile(r"(?:其中|而|但|此外|同时|另外)?\s?")
_RUN_ADVERB = regex.compile(r"(?:则|也|均|都|亦)\s?\Z")
_BARE_ITEM = regex.compile(r"(?:[A-Za-z]|(?![和与及])\p{Han}){2,6}")
_CLAUSE_END = regex.compile(r"[，；;。！？!?]|,(?!\d)")


def _bare_items(ftext: str, lo: int, before: int) -> list:
    """The short words joined by 和/与/、 that make up the whole clause before ``before``
    (英镑、欧元和日元 | 分别升值), or []."""
    start = max(ftext.rfind(p, lo, before) for p in "，,；;：:") + 1
    start = max(start, lo)
    a = _RUN_ADVERB.search(ftext, start, before)
    end = a.start() if a else before
    start = _CLAUSE_OPEN.match(ftext, start, end).end()
    items, i = [], start
    while i < end:
        w = _BARE_ITEM.match(ftext, i, end)
        if w is None:
            return []
        items.append(w.group())
        i = w.end()
        if i < end:
            c = _COORDINATOR.match(ftext, i, end)
            if c is None or c.end() == i:
                return []
            i = c.end()
    return items if len(items) >= 2 else []


def _coordinated_run(ftext: str, spans: list, before: int) -> list:
    """The items of ``spans`` (start, end, item) joined by 和/与/、 whose last one ends a few
    characters before ``before``, in text order."""
    run: list = []
    last_start = None
    for s, e, item in reversed(spans):
        if not run:
            if before - e > 8:
                break
        elif not _COORDINATOR.fullmatch(ftext, e, last_start):
            break
        run.append(item)
        last_start = s
    run.reverse()
    return run


def _figure_series(claims: list[Claim], idx: list[int], n: int):
    """Consecutive runs of ``n`` claims with the same unit (1080万台和980万台 | 第四和第五)."""
    k = 0
    while k + n <= len(idx):
        group = idx[k:k + n]
        units = {(claims[i].value or claims[i].change).unit for i in group}
        if len(units) == 1:
            yield group
            k += n
        else:
            k += 1


# Figures that are never prices, and how far before a figure a market word still governs it.
_NOT_PRICES = ("count", "time", "measure", "rank", "classifier", "noun")
_MARKET_REACH = 40

# Words that make a sentence a price line even inside a paragraph a filing speaks.
_PRICE_LINE = regex.compile(r"收盘|股价|报收|收报|成交额")
_MARKET_REPORTERS = frozenset({"third_party_data", "analyst_report", "media_report"})


def _pairs_with(ftext: str, layout: Layout, group: list[RoledQuantity], rq: RoledQuantity) -> bool:
    """Does ``rq`` belong to the same figure as the group before it?"""
    if len(group) >= 2:
        return False
    prev = group[-1]
    if prev.info.role == rq.info.role:
        return False
    pq, q = prev.quantity, rq.quantity
    if layout.sentence_index(pq.start) != layout.sentence_index(q.start):
        return False
    between = ftext[pq.end:q.start]
    if _DIGIT.search(between):
        return False
    if ftext.startswith(_LIST_MARKS, q.end) or ftext.endswith(_LIST_MARKS, 0, pq.start):
        return False  # 7.3、…、12.2亿件，同比增速分别为60.4%、…: two lists, item by item, not one figure
    # 同比增长11.8%至人民币1269亿元 / 上涨3亿至2447亿港元
    if prev.info.role == "change" and _TO_LEVEL.fullmatch(between):
        return True
    # 经调整净利润人民币177亿元，同比增长72.5%
    if prev.info.role == "value" and rq.info.role == "change":
        clause = layout.clause(q.start)
        if layout.clause(pq.start).end <= clause.start and is_change_clause(ftext, clause.start, clause.end):
            gap = ftext[layout.clause(pq.start).end:clause.start]
            return len(gap) <= 2
    return False


_LIST_MARKS = ("、",)
_RATE_WORDS = ("增速", "增幅", "涨幅", "跌幅", "降幅", "增长率", "同比增速", "环比增速")


def _share_metric(ftext: str, lo: int, pos: int) -> Optional[str]:
    """``占巴西总人口的30%`` -> ``占巴西总人口比例``."""
    m = _SHARE_OF.search(ftext, lo, pos)
    return f"占{m.group('x')}比例" if m else None


def _phrase_before_change(ftext: str, lo: int, pos: int, blocked) -> Optional[str]:
    """``其综合效果较1.5版本提升近200%`` -> ``综合效果``: the words before the comparison."""
    seg = ftext[lo:pos]
    m = _BEFORE_COMPARISON.search(seg)
    if m:
        s = lo + m.start("x")
        if not SpanIndex.of(blocked).covers(s):
            return m.group("x")
    return None


@lru_cache(maxsize=1)
def _value_lead():
    """What stands between a metric and its figure: 为, 达到, 约为, 同比增长, 比上年下降…"""
    from .changes import _tables as change_tables
    t = change_tables()
    words = ["为", "达到", "达", "约为", "约", "是", "突破", "超过", "逾", "近", "共", "合计", "累计", "仅", "已",
             "已经", "分别为", "分别", "高达", "录得", "实现", "有", "在", "了", "首次", "再次", "同比", "环比"]
    words += list(t["verbs"]) + list(t["rates"])
    alt = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    # matched right to left from the figure (REVERSE): anchored at the end, no scan of the clause
    return regex.compile(rf"(?:{alt}|{t['yoy'].pattern}|{t['qoq'].pattern}|\s){{1,8}}\Z", regex.REVERSE)


def noun_phrase_before(ftext: str, lo: int, pos: int, blocked, max_len: int = 12) -> Optional[str]:
    """The noun phrase right before a figure when no metric word names it:
    ``全年出生人口954万人`` -> ``出生人口``, ``电价约为0.35元`` -> ``电价``.

    Skips the copula or change words before the figure, then reads back over
    letters to a function word, punctuation, an entity or a period.
    """
    m = _value_lead().search(ftext, lo, pos)
    if m and m.group().strip() in ("了", "过"):
        return None  # 经历了20多个: a verb before the figure, no noun
    j = m.start() if m else pos
    i = j
    while i > lo and j - i < max_len:
        ch = ftext[i - 1]
        if ch in _METRIC_STOP or not (ch.isalnum() or ch == "-") or blocked.covers(i - 1):
            break
        i -= 1
    if i > lo and ftext[i - 1] in "该本" and ftext.startswith("行", i):
        i += 1  # 该行个人客户数: the bank itself, not part of the metric
    if i > lo and ftext[i - 1:i + 1] in _TORN_WORDS:
        i += 1  # 我国新能源汽车: 国 belongs to the word before the phrase
    phrase = _VERB_BEFORE_OBJECT.sub("", _METRIC_TRIM.sub("", ftext[i:j]))
    # 整车能耗较上一代平台降低12.5%: the comparison is not the thing; 墨西哥比索可能会再下跌: nor the adverbs
    phrase = _ADVERB_TAIL.sub("", _COMPARISON_TAIL.sub("", phrase))
    if len(phrase) < 2 or phrase.isdigit() or _TIME_PHRASE.search(phrase):
        return None
    if phrase.endswith(_figure_verbs()):
        verbless = _phrase_with_verb(phrase)
        return (_METRIC_TRIM.sub("", verbless) or None) if verbless else None
    return phrase


# a transitive change verb before its object: the object is what changes (减少碳排放1500万吨 -> 碳排放)
_VERB_BEFORE_OBJECT = regex.compile(rf"^\p{{Han}}{{0,8}}?(?:{'|'.join(TRANSITIVE_CHANGE_VERBS)})(?=\p{{Han}}{{2}})")
_COMPARISON_TAIL = regex.compile(r"(?:较|相较于?|与[\p{Han}A-Za-z0-9]{1,10}?相比)[\p{Han}A-Za-z0-9.\-]*$")
_ADVERB_TAIL = regex.compile(r"(?:(?:很|极|更|最)?可能会?|将会|将|再|又|还|仍|也|则|微|大幅|小幅|继续|进一步|一度|曾|刚刚|刚)+$")
# a time span is when, not what (短短两天内, 过去一年以来)
_TIME_PHRASE = regex.compile(r"(?:[天日周月年]|小时|分钟|季度)(?:内|以来|期间|之内|之间|之后|以后|之前|以前)$")

# Modals and adverbs before a verb: 拟投资, 将交付, 已签约 are actions, not things measured.
_MODALS = frozenset("拟将已共再又还曾均需可要会能应仍并也都")


def _phrase_with_verb(phrase: str) -> Optional[str]:
    """A phrase that ends in a figure verb: the whole phrase when the verb is also a noun after a
    modifier (开发投资), the modifier alone for the others (上证指数报收 -> 上证指数), None for an action."""
    verb = next(v for v in _figure_verbs() if phrase.endswith(v))
    rest = phrase[:-len(verb)]
    if len(rest) < 2 or rest.endswith(_figure_verbs()):
        return None
    if rest[-1] in _MODALS:
        if verb in _noun_verbs():
            return None   # 拟投资, 已交付: an action
        rest = rest.rstrip("".join(_MODALS))   # 月租金还能 / 谈到: the thing before the adverbs
        return rest if len(rest) >= 2 and len(verb) >= 2 else None
    if verb in _noun_verbs():
        return phrase
    # a one-character verb may be the end of a word (平均回报, 市场占): no metric then
    return rest if len(verb) >= 2 else None


@lru_cache(maxsize=1)
def _figure_verbs() -> tuple[str, ...]:
    # longest first, so that 收报 is found before 报
    return tuple(sorted((line.split()[0] for line in read_lines("figure_verbs.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def _noun_verbs() -> frozenset:
    return frozenset(line.split()[0] for line in read_lines("figure_verbs.txt") if line.split()[1:] == ["noun"])


def _counted_noun(word_at: Callable[[int], Optional[str]], pos: int) -> Optional[str]:
    """``144个分公司``: the word right after a count's classifier, when it is a noun-like word."""
    word = word_at(pos)
    if not word or len(word) < 2 or not all(_HAN_OR_LATIN.match(c) for c in word):
        return None
    if word.endswith(_figure_verbs()) or word[0] in _METRIC_STOP or word in _COUNT_WORD_STOP:
        return None
    return word


_HAN_OR_LATIN = regex.compile(r"[\p{Han}A-Za-z]")
# words that follow a count without being what it counts
_COUNT_WORD_STOP = frozenset(("以上", "以下", "左右", "之间", "以内", "上下", "不等", "之多", "同比", "环比", "其中"))


def _noun_after(ftext: str, pos: int, hi: int) -> Optional[str]:
    """``20多个版本的迭代``: a count's metric may follow it."""
    m = _NOUN_AFTER.match(ftext[pos:hi])
    if not m or m.group("x")[0] in _METRIC_STOP or "第" in m.group("x"):
        return None   # 第四和第五: the next figure of a list, not a noun
    return (m.group("x") + (m.group("y") or "")) or None


def _metric_right_after(ftext: str, pos: int) -> Optional[str]:
    """``1亿元收入``, ``500万用户``: a metric noun glued to the quantity names it."""
    m = _metric_pattern().match(ftext, pos)
    return m.group() if m else None


def _metric_after(ftext: str, lo: int, hi: int, blocked) -> Optional[str]:
    m = _metric_pattern().search(ftext, lo, min(hi, lo + 8))
    return m.group() if m else None


# Two figures of one measure side by side: 不低于1.5亿元且不超过3亿元, 12万元左右,现在报6万元 is not
_JOINED_FIGURES = regex.compile(r"\s?(?:、|且|和|与|及|或|至|到|，且|,且)\s?")


def _opens_clause(ftext: str, lo: int, phrase: str, pos: int) -> bool:
    """Does ``phrase`` (found before ``pos``) open the clause that starts at ``lo``?"""
    i = ftext.rfind(phrase, lo, pos)
    return i >= 0 and not ftext[lo:i].strip()


def _carried_metric(claims: Sequence[Claim], layout: Layout, pos: int) -> Optional[str]:
    if claims and layout.sentence_index(claims[-1].start) == layout.sentence_index(pos):
        return claims[-1].metric
    return None


# Kinds of organisation that report other parties' figures rather than own them.
_REPORTING_KINDS = ("media", "data_firm", "broker", "rating_agency", "consultancy", "government", "exchange",
                    "research_institute", "university", "association")
# 《2020年中国生鲜电商行业研究报告》: a publication, not whose figure it is
_PUBLICATION_END = ("报告", "白皮书", "蓝皮书", "研究", "榜单", "指数", "调查", "统计公报", "公报",
                    "合同", "协议", "公告", "方案", "规划", "办法", "通知", "意见", "条例", "计划书")


def _can_be_subject(e: Entity, lexicon: EntityLexicon) -> bool:
    if e.label == "PERSON":
        return False
    if e.label == "PRODUCT" and e.text.endswith(_PUBLICATION_END):
        return False
    entry = entry_for(e, lexicon)
    if entry is not None:
        return not (entry.label == "COMPANY" and entry.type in _REPORTING_KINDS)
    from .attribution import org_type_by_suffix
    return org_type_by_suffix(e.text) not in _REPORTING_KINDS


def _headline_subject(ftext: str, layout: Layout, subjects: Sequence[Entity]) -> Optional[Entity]:
    """The first subject named in the headline: the first short line without a full stop."""
    from .text import furniture_spans
    head = layout.paragraphs[:4]
    furniture = None
    for para in head:
        line = ftext[para.start:para.end]
        if "。" in line or len(line.strip()) > 60:
            continue
        if furniture is None:
            # only when a line could be the headline, and only over the lines looked at
            # (a line is furniture or not by itself and the lines before it)
            furniture = {s for s, _ in furniture_spans(ftext[:min(2000, head[-1].end)])}
        if para.start in furniture:
            continue
        for e in subjects:
            if para.start <= e.start < para.end:
                return e
        return None
    return None


_MAIN_MENTIONS = 2


def _main_subject(subjects: Sequence[Entity]) -> Optional[Entity]:
    counts: dict[str, int] = {}
    first: dict[str, Entity] = {}
    for e in subjects:
        if e.label == "COMPANY":
            counts[e.canonical] = counts.get(e.canonical, 0) + 1
            first.setdefault(e.canonical, e)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    second = max((n for k, n in counts.items() if k != best), default=0)
    # a company named once in passing (尤其苹果公司…拉动) is not what the article is about, nor is one
    # of many in a market round-up (博通 twice among 通用电气, 京东, 网易 …)
    if counts[best] < _MAIN_MENTIONS or counts[best] < 2 * second:
        return None
    return first[best]


def _own_figures(frame) -> bool:
    """A company on its own filing, or announcing its own figures (快手公布的日活跃用户数量是3亿): the
    speaker may then be the figure's subject."""
    if frame.source_type == "financial_report":
        return True
    return frame.source_type == "company_statement" and frame.speaker.kind == "organization" \
        and frame.cue in _ANNOUNCING_VERBS


_ANNOUNCING_VERBS = frozenset({"公布", "披露", "宣布", "透露", "表示", "称", "发布", "介绍"})


def _subject(subjects, starts, clause, sent, para, pos, frame, ftext, kind) -> Optional[Entity]:
    """Whose figure: the clause's first entity, else the nearest before it in the
    sentence, else in the paragraph. Speakers, enumerations (``小米、Freepik等数千家``)
    and comparators (``是百度研发开支的约一半``) are not subjects."""
    # (a filer's own figures: 富满微：预计2021年净利… is 富满微's)
    speaker_span = (frame.speaker.start, frame.speaker.end) if frame and frame.speaker.start is not None \
        and not _own_figures(frame) else None

    def ok(e: Entity) -> bool:
        if speaker_span is not None and e.start >= speaker_span[0] and e.end <= speaker_span[1]:
            return False
        rest = ftext[e.end:pos]
        if rest.rstrip().endswith("等") and _NO_CLAUSE_BREAK.fullmatch(rest):
            return False  # an example in a list before 等
        if _OWNER_DE.match(ftext[e.end:e.end + 11]) \
                and _COMPARATOR_END.search(ftext[max(0, e.start - 4):e.start]):
            return False  # a comparator: 是百度研发开支的约一半, 不到腾讯的五分之一
        if ftext.startswith("上", e.end) and _VENUE_BEFORE.search(ftext, max(0, e.start - 5), e.start):
            return False  # a channel: 在官方微博上表示
        return True

    i = bisect.bisect_left(starts, pos) - 1
    lo_i = bisect.bisect_left(starts, clause.start)
    if i >= lo_i and not ftext[subjects[i].end:pos].strip() and ok(subjects[i]) \
            and subjects[i].start > clause.start and ftext[subjects[i].start - 1] in "、和及与":
        return subjects[i]  # 并购了A公司100%股权、B公司49%股权: each item's own name, right before its figure
    if "其" in ftext[clause.start:pos] and not any(subjects[j].start >= clause.start for j in range(lo_i, i + 1)):
        # 但其在视频呈现效果上…: 其 points back to the sentence's first subject
        k = bisect.bisect_left(starts, sent.start)
        while k <= i:
            if ok(subjects[k]):
                return subjects[k]
            k += 1
    for j in range(lo_i, i + 1):
        if subjects[j].start >= clause.start and ok(subjects[j]):
            # 快手首部AI短剧《山海奇镜》…: a company followed by a product is about the product
            for k in range(j + 1, i + 1):
                if subjects[j].label == "COMPANY" and subjects[k].label == "PRODUCT" and ok(subjects[k]):
                    return subjects[k]
            return subjects[j]
    while i >= 0 and subjects[i].start >= para.start:
        e = subjects[i]
        if ok(e) and (e.end <= clause.start or e.start >= clause.start):
            return e
        i -= 1
    return None


def _previous_paragraph_subject(subjects, starts, layout: Layout, para_i: int) -> Optional[Entity]:
    """The last subject named in the paragraph before (``从历年财报可以看出，快手…`` then ``过去三年，…``)."""
    if para_i <= 0:
        return None
    prev = layout.paragraphs[para_i - 1]
    i = bisect.bisect_left(starts, prev.end) - 1
    if i >= 0 and subjects[i].start >= prev.start:
        return subjects[i]
    return None


def _period(periods, starts, sent, pos, para_i, last_period) -> Optional[str]:
    i = bisect.bisect_left(starts, pos) - 1
    if i >= 0 and periods[i].start >= sent.start:
        return periods[i].resolved
    return last_period.get(para_i)


def _glued_company(subject: Optional[Entity], subjects: Sequence[Entity], starts: list[int]) -> Optional[str]:
    """The company written right before a product, as its owner here (天弘 + 余额宝: 天弘's fund)."""
    if subject is None or subject.label != "PRODUCT":
        return None
    k = bisect.bisect_left(starts, subject.start) - 1
    if k >= 0 and subjects[k].label == "COMPANY" and subjects[k].end == subject.start:
        return subjects[k].canonical
    return None


def _company_of(subject: Optional[Entity], lexicon: EntityLexicon) -> Optional[str]:
    if subject is None:
        return None
    if subject.label == "COMPANY" or (subject.label == "PRODUCT" and FUND_NAME_END.search(subject.canonical)):
        return subject.canonical   # (a fund files its own reports: 天弘余额宝货币市场基金)
    entry = entry_for(subject, lexicon)
    if entry is not None and entry.organization:
        owner = lexicon.by_canonical.get(entry.organization) or lexicon.lookup(entry.organization)
        return owner.canonical if owner else entry.organization
    return None
