"""Who says so: quotes, reporting cues, speakers, source types and scope.

Pure functions over a text, its ``Layout`` and its entities. The result is
a list of ``Frame``s: a stretch of text, the speaker who asserts it and the
kind of source. A claim takes the frame that covers it and starts last
(a new cue ends the reach of the one before); outside every frame the
journalist speaks. The scope rules (spec section 4):

- a verb cue (``程一笑表示``) reaches to the end of its sentence, over a
  quote it opens, and over the quoted sentences that follow it;
- a quote whose speaker comes after it (``“…。”程一笑指出。``) is the speaker's;
- a document, data or media cue (``财报显示，`` ``QuestMobile数据显示``
  ``据路透社报道``) and ``据…电话会，`` reach to the end of the paragraph;
- pronouns and definite references (``他表示``, ``在他看来``,
  ``这名从业者同时表示``) resolve to the last person or anonymous speaker;
- ``收盘``, ``股价``, ``市值`` make an unattributed claim market data.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

import regex

from .lexicons import EntityLexicon, read_lines, read_tsv
from .names import FILING_BRIEF, entry_for
from .spans import GrowingSpans, SpanIndex
from .text import Layout, Segment
from .types import AUTHOR, Entity, Speaker

QUOTE_PAIRS = {"“": "”", "「": "」", "‘": "’", "『": "』", "\"": "\"", "'": "'"}


@dataclass(frozen=True)
class Quote:
    start: int          # the opening mark
    end: int            # after the closing mark (or the paragraph end when unbalanced)
    closed: bool = True


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    role: str                      # verb, setting, document, data, media, market, analyst, statement
    source_type: Optional[str] = None


@dataclass(frozen=True)
class Frame:
    start: int
    end: int
    speaker: Speaker
    source_type: str
    cue: Optional[str] = None
    deferred: bool = False         # the speaker's name comes from the claim's subject


@lru_cache(maxsize=1)
def _tables():
    verbs = read_lines("reporting_verbs.txt")
    verb_alt = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True) if v != "看来")
    src = [(regex.compile(p), st, role) for p, st, role in read_tsv("source_cues.tsv", 3)]
    anon = read_lines("anonymous_heads.txt")
    anon_alt = "|".join(regex.escape(a) for a in sorted(anon, key=len, reverse=True))
    titles = read_lines("titles.txt")
    title_alt = "|".join(regex.escape(t) for t in sorted(titles, key=len, reverse=True))
    return {
        # a reporting verb followed by its content: punctuation, a quote, or an addressee and then punctuation
        # the verb alone: whether it reports is decided by _verb_takes_content
        # (words and literals only, so the standard ``re``: it finds the same matches
        # three times faster than ``regex``, skipping ahead to the verbs' first characters)
        "verb": re.compile(rf"(?P<v>{verb_alt})(?!明|法|服|为|号|作|之|师|员|人士)"),  # not 分析师, 分析人士
        # 在他看来, 在清远大学房地产研究所所长贺骁看来: whoever stands between 在 and 看来
        "in_view": regex.compile(r"在(?P<who>[^,，。;；:：“”「」\"\n]{1,30}?)看来"),
        "sources": src,
        "anonymous": regex.compile(
            rf"(?P<d>(?:一位|一名|一家|某家|某位|某|多位|多名|几位|部分|不少|有|相关|接近[^,，。]{{1,10}}的|知情|业内|消息|内部|匿名)"
            rf"[^,，。:：“”]{{0,20}}?(?:{anon_alt})|知情人士|业内人士|消息人士|知情者|分析人士)"),
        "pronoun": regex.compile(r"(?P<p>他们|她们|他|她|其|该人士|该负责人|该高管|该分析师|该从业者|这名[\p{Han}]{1,5}|这位[\p{Han}]{1,5}|该[\p{Han}]{1,4}人士|对方)"),
        "title": regex.compile(rf"(?:{title_alt})"),
        "expert_title": regex.compile(r"教授|研究员|经济学家|学者|院长|所长|研究中心主任|专家|独立分析"),
        "analyst_title": regex.compile(r"分析师|策略师|首席经济学家|研究所所长|研究主管"),
        "official_title": regex.compile(r"局长|部长|司长|发言人|行长|主席|主任"),
        # titles only a government has: no organisation needs to be named (财政大臣苏纳克, 美国财长耶伦)
        "state_title": regex.compile(r"大臣|财长|总理|首相|总统|国务卿|议员|市长|省长|州长|外长|防长|商务部长|财政部长"),
    }


_PRONOUN_END = regex.compile(r"(?:他|她|其|人士|从业者|者|们)$")
# a quote followed by its own speaker: “…”某某表示
_OWN_SPEAKER_AFTER = regex.compile(r"\s*[^,，。]{1,20}?(?:表示|指出|称|说|提到|透露|强调|坦言)")
_PRONOUN_AFTER = regex.compile(r"\s*(?:他|她|其)(?:同时|还|也|则|进一步)?(?:表示|指出|称|说|认为|提到|透露|强调|坦言)")
_QUOTE_OPEN = regex.compile("[" + regex.escape("".join(QUOTE_PAIRS)) + "]")


def find_quotes(text: str, layout: Layout) -> list[Quote]:
    """Quotations, paired per paragraph; a quote that never closes ends with its paragraph."""
    quotes = []
    for para in layout.paragraphs:
        i = para.start
        while True:
            m = _QUOTE_OPEN.search(text, i, para.end)
            if m is None:
                break
            i = m.start()
            ch = text[i]
            if ch == "'" and i > para.start and text[i - 1].isalnum():
                i += 1  # an apostrophe (it's), not a quotation mark
                continue
            j = text.find(QUOTE_PAIRS[ch], i + 1, para.end)
            if j < 0:
                quotes.append(Quote(i, para.end, closed=False))
                break
            quotes.append(Quote(i, j + 1))
            i = j + 1
    return quotes


# Words before 预期/预计/预测 that make it a noun: 高于市场预期, 不及预期, 符合预期, 超预期
_EXPECTATION_BEFORE = ("市场", "于", "及", "合", "超", "出")


def find_reporting_cues(ftext: str, layout: Layout) -> list[Cue]:
    """Reporting verbs and source cues (``数据显示``, ``财报显示``, ``据…报道``, ``收盘``)."""
    t = _tables()
    cues = []
    for m in t["verb"].finditer(ftext):
        if m.group("v").startswith("预") and ftext.endswith(_EXPECTATION_BEFORE, max(0, m.start() - 2), m.start()):
            continue  # 高于市场预期, 不及预期, 符合预期: an expectation, no one speaking
        cues.append(Cue(m.start("v"), m.end("v"), m.group("v"), "verb"))
    for m in t["in_view"].finditer(ftext):
        cues.append(Cue(m.start(), m.end(), m.group(), "verb"))
    for pat, st, role in t["sources"]:
        for m in pat.finditer(ftext):
            cues.append(Cue(m.start(), m.end(), m.group(), role, st))
    cues.sort(key=lambda c: (c.start, -c.end))
    return cues


_BOOK_TITLE = regex.compile(r"《[^《》\n]{1,60}》")


def _outside_titles(ftext: str, entities: Sequence[Entity]) -> list[Entity]:
    """Entities that are not a word inside a longer 《title》: in 《2025中国移动互联网春季大报告》显示
    the speaker is not 中国移动. A title that is the name itself (《财经》) stays."""
    inner = [(m.start() + 1, m.end() - 1) for m in _BOOK_TITLE.finditer(ftext)]
    if not inner:
        return list(entities)
    starts = [s for s, _ in inner]
    out = []
    for e in entities:
        i = bisect.bisect_right(starts, e.start) - 1
        if i >= 0 and inner[i][0] <= e.start and e.end <= inner[i][1] and (e.start, e.end) != inner[i]:
            continue
        out.append(e)
    return out


class _Context:
    def __init__(self, text, ftext, layout, entities, lexicon, quotes):
        self.text, self.ftext, self.layout = text, ftext, layout
        entities = _outside_titles(ftext, entities)
        self.entities, self.lexicon, self.quotes = entities, lexicon, quotes
        self.starts = [e.start for e in entities]
        self.quote_index = SpanIndex(quotes)   # quotes are sorted and never overlap
        self.reach: dict = {}                  # (paragraph start, owner) -> end of its carry-over chain
        self.report: tuple[int, Optional[Frame]] = (0, None)   # frames looked at, last named report
        self.first_mention: dict[str, Entity] = {}
        for e in entities:
            if e.label == "PERSON":
                self.first_mention.setdefault(e.canonical, e)

    def entities_in(self, lo: int, hi: int) -> list[Entity]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.entities) and self.entities[i].start < hi:
            if self.entities[i].end <= hi:
                out.append(self.entities[i])
            i += 1
        return out

    def org_type(self, e: Entity) -> Optional[str]:
        entry = entry_for(e, self.lexicon)
        if entry is not None:
            return entry.type if entry.label == "COMPANY" else None
        return org_type_by_suffix(e.text) if e.label == "COMPANY" else None

    def quote_at(self, pos: int) -> Optional[Quote]:
        return self.quote_index.last_covering(pos)

    def quote_ending_by(self, pos: int, para: Segment) -> Optional[Quote]:
        """The closed quote of ``para`` that ends right before ``pos`` (only spaces between)."""
        q = self.quote_index.last_ending_by(pos)
        if q is not None and q.closed and q.start >= para.start and self.ftext[q.end:pos].strip() == "":
            return q
        return None


ORG_SOURCE = {
    "data_firm": "third_party_data", "consultancy": "third_party_data", "research_institute": "third_party_data",
    "association": "third_party_data", "university": "expert", "exchange": "third_party_data",
    "broker": "analyst_report", "bank": "analyst_report", "rating_agency": "analyst_report", "fund": "analyst_report",
    "government": "government", "media": "media_report",
}


@lru_cache(maxsize=1)
def _suffix_types() -> tuple[tuple[str, str], ...]:
    rows = read_tsv("org_suffix_types.tsv", 2)
    return tuple(sorted(((s, t) for s, t in rows), key=lambda r: -len(r[0])))


def org_type_by_suffix(name: str) -> Optional[str]:
    """The kind of an organisation no lexicon knows, from the end of its name (``…研究院`` -> research_institute)."""
    for suffix, kind in _suffix_types():
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


_TITLE_REACH = 12  # characters before a name where its title may name an institution


def _source_for_person(ctx: _Context, e: Entity, title: Optional[str], org: Optional[Entity]) -> str:
    t = _tables()
    entry = entry_for(e, ctx.lexicon)
    role = entry.type if entry is not None and entry.label == "PERSON" else None
    title = title or (entry.title if entry is not None else None) or ""
    org_type = ctx.org_type(org) if org is not None else None
    if org is None:
        # 研究中心主任助理鲍勤: the institution named in the title, no entity for it
        before = ctx.ftext[max(0, e.start - _TITLE_REACH):e.start]
        org_type = next((kind for suffix, kind in _suffix_types()
                         if kind in ("research_institute", "university") and suffix in before), None)
    if org_type in ("research_institute", "university") and role != "analyst":
        return "expert"  # a researcher or scholar speaks for no party, whatever the title
    if role in ("analyst",) or t["analyst_title"].search(title) or org_type in ("broker", "rating_agency"):
        return "analyst_report"
    if role == "official" or org_type == "government" or (org is None and t["state_title"].search(title)):
        return "government"
    if role in ("economist", "scholar", "investor") or t["expert_title"].search(title):
        return "expert"  # (an investor on the market or on others' shares comments: 但斌 on 茅台)
    if org_type in ORG_SOURCE:
        return ORG_SOURCE[org_type]
    if role in ("executive", "founder") or title or org is not None:
        return "company_statement"
    return "expert"


def _person_speaker(ctx: _Context, person: Entity, region_start: int,
                    first: bool = False) -> tuple[Speaker, Optional[Entity]]:
    t = _tables()
    orgs = [e for e in ctx.entities_in(region_start, person.start) if e.label == "COMPANY"]
    org = orgs[-1] if orgs else None
    between = ctx.ftext[(org.end if org else region_start):person.start]
    tm = None
    for tm in t["title"].finditer(between):
        pass
    title = tm.group() if tm else None
    entry = entry_for(person, ctx.lexicon)
    if title is None and entry is not None:
        title = entry.title
    if title is None and org is None and entry is None and not first:
        # a later mention (Knot … Klaas Knot): the title and organisation of the first one
        earlier = ctx.first_mention.get(person.canonical)
        if earlier is not None and earlier.start < person.start:
            prior, org = _person_speaker(ctx, earlier, max(0, earlier.start - _FIRST_MENTION_REACH), first=True)
            title = prior.title
    org_name = org.canonical if org else (entry.organization if entry is not None else None)
    sp = Speaker(kind="person", text=person.text, start=person.start, end=person.end,
                 name=person.canonical, title=title, organization=org_name)
    return sp, org


_FIRST_MENTION_REACH = 30  # characters before a person's first mention where the title and organisation stand


def _find_speaker(ctx: _Context, lo: int, hi: int, history: list[Frame]) -> Optional[tuple[Speaker, str]]:
    """The speaker named in ``text[lo:hi]`` (the words before a reporting verb) and its source type."""
    t = _tables()
    ents = ctx.entities_in(lo, hi)
    persons = [e for e in ents if e.label == "PERSON"]
    if persons:
        sp, org = _person_speaker(ctx, persons[-1], lo)
        return sp, _source_for_person(ctx, persons[-1], sp.title, org)
    region = ctx.ftext[lo:hi]
    am = None
    for am in t["anonymous"].finditer(region):
        pass
    if am:
        d = am.group("d")
        s = lo + am.start("d")
        orgs = [e for e in ents if e.label == "COMPANY" and e.start < s]
        d = ctx.text[s:s + len(d)]   # as written (the match ran on the folded text)
        if orgs and orgs[-1].end == s and _OFFICIAL_OF_ORG.fullmatch(d):
            # 乘联会有关负责人表示: the body speaks through an unnamed official
            org = orgs[-1]
            sp = Speaker(kind="organization", text=org.text, start=org.start, end=org.end,
                         name=org.canonical, organization=org.canonical)
            return sp, ORG_SOURCE.get(ctx.org_type(org) or "", "company_statement")
        return Speaker(kind="anonymous", text=d, start=s, end=s + len(d), title=d,
                       organization=orgs[-1].canonical if orgs else None), "anonymous_source"
    pm = t["pronoun"].match(region.lstrip(" 而但同时另外此外并且还也则"))
    if pm is None:
        pm = t["pronoun"].search(region) if len(region) <= 8 else None
    if pm is not None:
        return _antecedent(ctx, lo, history)
    orgs = [e for e in ents if e.label == "COMPANY"]
    if orgs:
        org = orgs[-1]
        otype = ctx.org_type(org)
        sp = Speaker(kind="organization", text=org.text, start=org.start, end=org.end,
                     name=org.canonical, organization=org.canonical)
        return sp, ORG_SOURCE.get(otype or "", "company_statement")
    prods = [e for e in ents if e.label == "PRODUCT"]
    if prods and not ctx.ftext[prods[-1].end:hi].strip(" 也还则同时此前"):
        # 抖音公布…: an app that announces speaks for its company, under its own name
        p = prods[-1]
        return Speaker(kind="organization", text=p.text, start=p.start, end=p.end, name=p.canonical,
                       organization=p.canonical), "company_statement"
    dm = _THE_COMPANY.search(region)
    if dm is not None:
        # 公司表示, 该公司预计: the company the figure is about speaks (named from the claim's subject)
        s = lo + dm.start()
        return Speaker(kind="organization", text=ctx.text[s:s + len(dm.group())], start=s,
                       end=s + len(dm.group())), "company_statement"
    return None


# the company of the story, named by a definite noun before a reporting verb
_THE_COMPANY = regex.compile(r"(?:^|(?<=[，,。\s]))(?:该|本)?(?:公司|集团)(?:方面|管理层|高层)?\s?(?:此前|之前|也|还|则|同时|进一步)?\s?\Z")


# who forecasts, written without a name: analysts and economists at large, or the body named last (该机构)
_FORECASTERS = regex.compile(r"(?P<who>分析师|经济学家|策略师|分析人士)(?:们)?(?:普遍|大多|多数|此前|目前)?\s?\Z")
_DEFINITE_ORG = regex.compile(r"(?:该|这家|此)(?:机构|公司|银行|行|券商|集团|企业)\s?\Z")


def _forecaster(ctx: _Context, lo: int, hi: int, para: Segment) -> Optional[tuple[Speaker, str]]:
    """The speaker of ``X对Y的预测``: a name, an analyst at large, or the body a definite phrase refers to."""
    region = ctx.ftext[lo:hi].rstrip()
    ents = [e for e in ctx.entities_in(lo, hi) if e.label in ("PERSON", "COMPANY")]
    if ents and not ctx.ftext[ents[-1].end:hi].strip(" 的"):
        return _find_speaker(ctx, lo, hi, [])
    m = _FORECASTERS.search(region)
    if m is not None:
        s = lo + m.start("who")
        who = ctx.text[s:s + len(m.group("who"))]
        source = "expert" if who == "经济学家" else "analyst_report"
        return Speaker(kind="anonymous", text=who, start=s, end=s + len(who), title=who), source
    if _DEFINITE_ORG.search(region):
        orgs = [e for e in ctx.entities_in(para.start, lo) if e.label == "COMPANY"]
        if orgs:
            org = orgs[-1]
            return (Speaker(kind="organization", text=org.text, start=org.start, end=org.end, name=org.canonical,
                            organization=org.canonical), ORG_SOURCE.get(ctx.org_type(org) or "", "company_statement"))
    return None


# a name that modifies the noun after it is no one who could be 他 (特朗普政府, 马斯克家族)
_NAME_AS_MODIFIER = regex.compile(r"(?:政府|团队|家族|时代|任内|当局|政权|内阁|主义|效应|概念股)")


def _antecedent(ctx: _Context, pos: int, history: Sequence[Frame]) -> Optional[tuple[Speaker, str]]:
    """Who ``他``/``她``/``这名从业者`` before ``pos`` refers to: the last speaker, unless a
    person named later (in this paragraph or the one before) stands closer."""
    last = next((f for f in reversed(history) if f.speaker.kind in ("person", "anonymous")), None)
    para_i = ctx.layout.paragraph_index(pos)
    floor = ctx.layout.paragraphs[max(0, para_i - 1)].start if para_i >= 0 else 0
    named = [e for e in ctx.entities_in(floor, pos) if e.label == "PERSON"
             and not _NAME_AS_MODIFIER.match(ctx.ftext, e.end)]
    person = named[-1] if named else None
    if person is not None and (last is None or last.speaker.start is None or person.start > last.speaker.start):
        if last is not None and last.speaker.name == person.canonical:
            return last.speaker, last.source_type
        sp, org = _person_speaker(ctx, person, ctx.layout.sentence(person.start).start)
        return sp, _source_for_person(ctx, person, sp.title, org)
    return (last.speaker, last.source_type) if last is not None else None


def _setting_in(cues: Sequence[Cue], lo: int, hi: int) -> Optional[Cue]:
    for c in cues:
        if c.role == "setting" and lo <= c.start < hi:
            return c
    return None


def build_frames(text: str, ftext: str, layout: Layout, entities: Sequence[Entity],
                 lexicon: EntityLexicon, quotes: Optional[Sequence[Quote]] = None) -> list[Frame]:
    """Attribution frames of one article, in order of their start (``quotes`` from ``find_quotes``)."""
    quotes = list(find_quotes(text, layout) if quotes is None else quotes)
    ctx = _Context(text, ftext, layout, list(entities), lexicon, quotes)
    cues = find_reporting_cues(ftext, layout)
    frames: list[Frame] = []
    call_names: set[str] = set()   # speakers of earnings-call frames so far
    seen = 0
    covered = GrowingSpans(len(ftext))   # the frames before the last one, for "already attributed?"
    added = 0
    by_sentence: dict[int, list[Cue]] = {}
    for c in cues:
        by_sentence.setdefault(layout.sentence_index(c.start), []).append(c)

    for si, sent in enumerate(layout.sentences):
        scues = by_sentence.get(si, [])
        para = layout.paragraph(sent.start)
        for c in scues:
            if ctx.quote_at(c.start) is not None and c.role == "verb":
                continue  # a verb inside a quotation belongs to the quoted speech
            clause = layout.clause(c.start)
            if c.role == "verb":
                lo = clause.start
                if not _verb_takes_content(ftext, c, ctx):
                    continue
                # 程一笑在财报电话会上表示: the speaker may stand before a 在…上 phrase in the same clause
                if c.text.startswith("在"):
                    found = _find_speaker(ctx, c.start + 1, c.end - 2, frames)  # 在他看来
                else:
                    # 驰远汽车在官方微博上表示: the channel (微博) is not the speaker
                    occ = _OCCASION_BEFORE.search(ftext, max(lo, c.start - 26), c.start)
                    found = _find_speaker(ctx, lo, occ.start() if occ else c.start, frames)
                if found is None:
                    continue
                speaker, source = found
                if speaker.kind == "organization" and speaker.name is None and any(
                        f.start <= c.start < f.end for f in frames[-3:]):
                    continue  # 永辉超市公告，公司预计… (a call, a filing): whoever speaks goes on
                if speaker.kind == "anonymous" and any(
                        x.role == "media" and clause.start <= x.start < c.start for x in scues):
                    continue  # 36氪援引多位投资人的说法称: the outlet reports what the unnamed said
                setting = _setting_in(scues, sent.start, c.end) or _setting_in(scues, c.end, clause.end)
                if setting is not None and speaker.kind in ("person", "organization"):
                    if setting.source_type == "earnings_call" and source in ("company_statement", "expert"):
                        source = "earnings_call"
                call_names.update(f.speaker.name for f in frames[seen:] if f.source_type == "earnings_call")
                seen = len(frames)
                if setting is None and source in ("company_statement", "expert") and speaker.name \
                        and speaker.name in call_names:
                    source = "earnings_call"   # the same executive, later in the same call
                end = sent.end
                if speaker.kind == "organization" and c.text in _RELEASE_VERBS and _CONTENT_FOLLOWS.match(ftext, c.end):
                    end = _paragraph_reach(ctx, para)  # 海关总署公布，…。…。: a release reaches its paragraph
                elif _CONTENT_FOLLOWS.match(ftext, c.end):
                    # 韵达还强调，…。…。: speech set off by punctuation goes on to the paragraph's end
                    # (a later cue in the paragraph opens a frame of its own)
                    end = para.end
                q = ctx.quote_index.first_starting_in(c.end, c.end + 3)
                if q is not None:
                    end = max(end, q.end)
                end = _extend_over_quotes(ctx, end, para)
                start = speaker.start if speaker.start is not None and speaker.start >= sent.start else c.start
                frames.append(Frame(start, end, speaker, source, c.text,
                                    deferred=speaker.kind == "organization" and speaker.name is None))
                # a quote right before the speaker: “…。”程一笑指出。
                prev = ctx.quote_ending_by(lo, para)
                if prev is not None and lo - prev.end > 1:
                    prev = None
                if prev is None and speaker.start is not None:
                    prev = ctx.quote_ending_by(speaker.start, para)
                for f in frames[added:-1]:
                    covered.add(f.start, f.end)
                added = len(frames) - 1
                if prev is not None and not covered.covers(prev.start):
                    frames.append(Frame(prev.start, prev.end, speaker, source, c.text))
            elif c.role in ("document", "data", "media"):
                if c.role == "data" and ftext[max(0, c.start - 2):c.start] in ("内部", "官方", "公司"):
                    continue  # 内部评测显示: the company speaks (a statement cue)
                if c.role == "data" and any(x.role == "document" and x.start <= c.start and x.end >= c.end for x in scues):
                    continue  # 三季报数据显示: the filing's own data
                frames.append(_source_frame(ctx, c, clause, para, sent, frames))
            elif c.role == "setting":
                # 据此前2024年三季度业绩电话会，…: the occasion speaks for the company
                head = ftext[clause.start:c.start].lstrip()
                if head.startswith(("据", "根据", "在")) and not any(x.role == "verb" for x in scues):
                    end = para.end if head.startswith(("据", "根据")) else sent.end
                    frames.append(Frame(clause.start, end, Speaker(kind="organization"), c.source_type,
                                        c.text, deferred=True))
            elif c.role == "statement":
                frames.append(Frame(c.start, sent.end, Speaker(kind="organization"), c.source_type, c.text,
                                    deferred=True))
            elif c.role == "forecast":
                # 高盛对美国GDP的增速预期为…, 分析师对非农就业的预测值…: whoever stands before 对 forecasts
                found = _forecaster(ctx, clause.start, c.start, para)
                if found is not None:
                    speaker, source = found
                    start = speaker.start if speaker.start is not None and speaker.start >= clause.start else c.start
                    frames.append(Frame(start, sent.end, speaker, source, c.text))
            elif c.role == "analyst":
                orgs = [e for e in ctx.entities_in(sent.start, c.start)
                        if e.label == "COMPANY" and ctx.org_type(e) in _ANALYST_KINDS]
                persons = [e for e in ctx.entities_in(sent.start, c.start) if e.label == "PERSON"]
                if persons and (not orgs or persons[-1].start > orgs[-1].start) and not any(
                        f.start >= sent.start and f.start <= c.start < f.end for f in frames[-3:]):
                    # 分析师郭明錤将出货量预估下调23%: the analyst named before the cue revises
                    sp, org = _person_speaker(ctx, persons[-1], sent.start)
                    source = _source_for_person(ctx, persons[-1], sp.title, org)
                    if source in ("analyst_report", "expert"):
                        frames.append(Frame(persons[-1].start, sent.end, sp, source, c.text))
                        continue
                if not orgs and _ORG_PRONOUN.search(ftext, max(sent.start, c.start - 4), c.start):
                    # 中信证券的看法相对温和。其研报…: 其 is the broker named last in this paragraph
                    orgs = [e for e in ctx.entities_in(para.start, c.start)
                            if e.label == "COMPANY" and ctx.org_type(e) in _ANALYST_KINDS][-1:]
                if orgs and not any(f.start >= sent.start and f.end >= c.start and f.start <= c.start for f in frames[-3:]):
                    org = orgs[-1]
                    frames.append(Frame(org.start, sent.end, Speaker(kind="organization", text=org.text,
                                        start=org.start, end=org.end, name=org.canonical,
                                        organization=org.canonical), "analyst_report", c.text))
    for name_start, colon in colon_speakers(ftext):
        org = next((e for e in ctx.entities_in(name_start, colon + 1) if e.end == colon), None)
        if org is None or org.label == "PRODUCT" or ctx.quote_at(name_start) is not None:
            continue
        sent = layout.sentence(colon + 1)
        end = ftext.find(" ", colon + 1, sent.end)
        end = sent.end if end < 0 else end
        if org.label == "PERSON":
            sp, src = Speaker(kind="person", text=org.text, start=org.start, end=org.end, name=org.canonical), \
                _source_for_person(ctx, org, None, None)
        elif FILING_BRIEF.match(ftext, colon + 1) and ctx.org_type(org) in (None, "company"):
            # 富满微：预计2021年净利…: a flash brief of the company's filing
            sp = Speaker(kind="document", text=org.text, start=org.start, end=org.end, name=org.canonical,
                         organization=org.canonical)
            src = "financial_report"
        else:
            sp = Speaker(kind="organization", text=org.text, start=org.start, end=org.end, name=org.canonical,
                         organization=org.canonical)
            src = ORG_SOURCE.get(ctx.org_type(org) or "", "company_statement")
        frames.append(Frame(org.start, end, sp, src, ":"))
    frames.sort(key=lambda f: (f.start, -f.end))
    return frames


# A name at the start of a line or clause followed by a colon speaks what follows: "Canalys:小米…"
_COLON = regex.compile(r"[:：](?!\s)")
_NOT_IN_NAME = regex.compile(r"[\s:：,，。]")


def colon_speakers(ftext: str):
    """``(name_start, colon)`` of each 2-20 character name that opens a line or
    sentence and is followed by a colon (``Canalys:``); read backwards from
    each colon, so the text is scanned once."""
    for m in _COLON.finditer(ftext):
        colon = m.start()
        s = colon
        while s > 0 and colon - s < 20 and not _NOT_IN_NAME.match(ftext, s - 1):
            s -= 1
        if colon - s >= 2 and (s == 0 or ftext[s - 1] in "\n。 "):
            yield s, colon


_VERB_FOLLOW = regex.compile(
    r"(?:了|道|说|称)?\s?(?:[,，:：“「\"。!?！？]|$)"
    r"|(?<=告诉|回应|介绍|透露|提醒|表示)[^,，。:：“「\"]{1,8}?[,，:：“「\"]")
_OCCASION_BEFORE = regex.compile(r"在[^,，。;；:：“”「」]{1,24}?(?:上|中|时|期间|现场)\Z")
_GLUE = set("曾也还则同时更均都亦并就又已再此前后随即进一步公开对此")
_TIME_BEFORE = regex.compile(r"(?:(?:上周|本周|下周)?(?:周[一二三四五六日天]|星期[一二三四五六日天])|(?:上|本)(?:周|月)|之前|早前|昨天|"
                             r"昨日|今天|今日|日前|近日|当天|当日|早些时候|(?:\d{1,2}月)?\d{1,2}日(?:晚间|早间|上午|下午|晚)?|"
                             r"(?:今天|昨天|当天)?(?:晚间|早间|上午|下午|晚上))\Z")


def _verb_takes_content(ftext: str, c: Cue, ctx: "_Context") -> bool:
    """A reporting verb reports when punctuation or a quote follows it (``表示：“``,
    ``告诉《财经》，``) or when its speaker stands right before it (``他认为快手…``)."""
    if c.text.startswith("在") or _VERB_FOLLOW.match(ftext, c.end):
        return True
    i = c.start
    # 苏纳克上周宣布, 该公司3月5日披露, 郭明錤之前预计: the speaker stands before the time and the adverbs
    for _ in range(2):
        tm = _TIME_BEFORE.search(ftext, max(0, i - 12), i)
        if tm is not None:
            i = tm.start()
        while i > 0 and ftext[i - 1] in _GLUE:
            i -= 1
    # 潘功胜在国新办新闻发布会上宣布: the speaker stands before the occasion
    sm = _OCCASION_BEFORE.search(ftext, max(0, i - 26), i)
    if sm is not None:
        i = sm.start()
        while i > 0 and ftext[i - 1] in _GLUE:
            i -= 1
    if any(e.end == i and e.label in ("PERSON", "COMPANY", "PRODUCT") for e in ctx.entities_in(max(0, i - 30), i)):
        return True
    return bool(_PRONOUN_END.search(ftext[max(0, i - 4):i]) or _THE_COMPANY.search(ftext, max(0, i - 8), i))


def _extend_over_quotes(ctx: _Context, end: int, para: Segment) -> int:
    """A speaker's reach continues over the quoted sentences right after it."""
    while True:
        i = end
        while i < para.end and ctx.ftext[i] in " \u3000":
            i += 1
        q = ctx.quote_index.first_starting_in(i, i)
        if q is None and i > 0 and ctx.ftext[i - 1] in "\"'":
            q = ctx.quote_index.first_starting_in(i - 1, i - 1)  # 。"…": the sentence took the opening ASCII mark
        if q is None or q.end <= end:
            return end
        # a quote followed by its own speaker is not a continuation
        after = ctx.ftext[q.end:min(para.end, q.end + 30)]
        if _OWN_SPEAKER_AFTER.match(after) and not _PRONOUN_AFTER.match(after):
            return end  # (“…”他认为: the same speaker goes on)
        end = q.end


# An organisation's release verbs: what follows is its data, to the end of the paragraph.
_RELEASE_VERBS = frozenset(("公布", "披露", "通报", "发布"))
# The cue is followed by its content (国家统计局发布数据，…).
_CONTENT_FOLLOWS = regex.compile(r"(?:了)?\s?[,:，：]")

# An unnamed official of a named body: the body is the speaker.
_OFFICIAL_OF_ORG = regex.compile(r"(?:有关|相关)?(?:负责人|发言人|新闻发言人|人士)")
_ANALYST_KINDS = ("broker", "bank", "rating_agency", "fund")
_ORG_PRONOUN = regex.compile(r"(?:其|该机构|该行|该券商)(?:最新|发布的|在)?\Z")

_CARRY_OVER = regex.compile(r"\s*(?:其中|此外|另外|同时|与此同时|其次|具体来看|具体而言|分业务看|分业务来看|分季度看|分地区看)")


def _paragraph_reach(ctx: _Context, para: Segment, owner: Optional[str] = None) -> int:
    """A paragraph-long attribution carries into the next paragraphs that open with ``其中``, ``此外``…,
    but not into one that opens on another company (``另外，…的天夏智慧，`` after 科融环境's filing)."""
    key = (para.start, owner)
    if key in ctx.reach:
        return ctx.reach[key]
    end = para.end
    chain = [para.start]   # every paragraph of a chain reaches to its end
    idx = ctx.layout.paragraph_index(para.start)
    while idx + 1 < len(ctx.layout.paragraphs):
        nxt = ctx.layout.paragraphs[idx + 1]
        m = _CARRY_OVER.match(ctx.ftext, nxt.start)
        if m is None:
            break
        if owner is not None and any(e.label == "COMPANY" and e.canonical != owner for e in ctx.entities_in(
                m.end(), min(nxt.end, m.end() + _OPENING_REACH))):
            break
        end, idx = nxt.end, idx + 1
        chain.append(nxt.start)
    for start in chain:
        ctx.reach[(start, owner)] = end
    return end


_OPENING_REACH = 20  # characters after 此外, 另外 … where another company opens a new topic


# a bare name before a data cue: letters only, no function word (窄门餐眼, Sensor Tower)
_SOURCE_NAME_RUN = regex.compile(r"[\p{Han}A-Za-z][\p{Han}A-Za-z0-9 ]{1,11}(?<![的了也都在是和与及对为将把被从据])")
# what opens a clause before a data cue without naming anyone: 据公开数据, 有机构数据, 半年报数据
_NOT_A_SOURCE_LEAD = regex.compile(r"^(?:据|根据|而|有|但|另|其|该|此|这|那|各|每|第三方|多家|部分|相关|公开|最新)"
                                   r"|(?:半年报|年报|季报|中报|财报|公告|平台|机构|方面|一组|另一组|研究|调查|报告|统计)$"
                                   r"|季度|半年|[0-9一二三四五六七八九十]月|(?:今|去|前|明)年|经济")   # 中国经济三季度数据显示
_NO_OUTLET = regex.compile(r"媒体$|^外媒$|^援引$|^报道称$|^报导称$|^据?(?:多家|当地|海外|境外|国外)?媒体")
_NOT_A_SOURCE_NAME = regex.compile(r"(?:公布|发布|披露|提供)(?:的)?$")
# what 据…统计 holds when it names no one: 据公开数据, 据2018年年报, 据二季度数据, 据相关统计
_GENERIC_SOURCES = ("公开", "相关", "最新", "初步", "官方", "数据", "不完全", "有关", "行业", "市场", "业内", "一季度",
                    "二季度", "三季度", "四季度", "上半年", "下半年", "全年", "今年", "去年", "本年", "同期", "年报", "财报")
_DIGIT = regex.compile(r"\d")
_DATA_CUE_ENDS = regex.compile(r"^(?:根据|据)|的?(?:不完全统计|统计数据|统计|数据显示|数据|测算|调研|调查|监测)$")


_BRACKETED = regex.compile(r"[（(][^（()）\n]{0,30}[)）]")
# a date and a time of day between a filer and its filing: 7月23日晚间发布
_DATE_WORDS = regex.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日|今日|昨日|日前|近日|晚间|早间|午间|盘后|盘前")


def _source_frame(ctx: _Context, c: Cue, clause: Segment, para: Segment, sent: Segment,
                  history: Sequence[Frame] = ()) -> Frame:
    ents = [e for e in ctx.entities_in(clause.start, c.end)
            if e.label == "COMPANY" or (c.role == "data" and e.label == "PRODUCT" and e.end == c.start)]
    if c.role == "document":
        # (an outlet reads filings, it files none: 北京商报记者查阅过往季报发现)
        filers = [e for e in ents if ctx.org_type(e) != "media"]
        org = filers[-1] if filers else None
        if org is None:
            # 中原环保（证券代码：000544）发布公告称: the filer before a bracket the clause split at
            before = [e for e in ctx.entities_in(sent.start, c.start) if e.label == "COMPANY"]
            gap = ctx.ftext[before[-1].end:c.start] if before else ""
            if before and _BRACKETED.match(gap) and len(_DATE_WORDS.sub("", _BRACKETED.sub("", gap)).strip()) <= 6:
                org = before[-1]
        sp = Speaker(kind="document", text=ctx.text[c.start:c.end], start=c.start, end=c.end,
                     name=org.canonical if org else None, organization=org.canonical if org else None)
        return Frame(c.start, _paragraph_reach(ctx, para, org.canonical if org else None), sp, "financial_report",
                     c.text, deferred=org is None)
    if c.role == "media":
        inside = [e for e in ctx.entities_in(c.start, c.end) if e.label == "COMPANY"]
        org = inside[0] if inside else (ents[-1] if ents else None)
        if org is None and c.text.endswith("援引"):
            # 援引彭博社的消息: the outlet follows the cue
            after = [e for e in ctx.entities_in(c.end, min(clause.end, c.end + 12)) if e.label == "COMPANY"]
            org = after[0] if after else None
        if org is not None:
            sp = Speaker(kind="organization", text=org.text, start=org.start, end=org.end, name=org.canonical,
                         organization=org.canonical)
        else:
            who = regex.sub(r"^据|报道$|消息$", "", c.text).strip() or None
            if who is not None and (who.startswith(_GENERIC_SOURCES) or _NO_OUTLET.search(who)):
                who = None   # 据公开报道, 据媒体报道, 援引, 报道称: no outlet named
            sp = Speaker(kind="organization", text=ctx.text[c.start:c.end], start=c.start, end=c.end, name=who)
        return Frame(c.start, para.end, sp, "media_report", c.text)
    # data: the organisation named just before the cue speaks
    org = ents[-1] if ents else None
    if org is None:
        # 报告显示 / 数据显示 without a name: the report last named in the article
        earlier = _last_named_report(ctx, history)
        # (named in this paragraph or the one before: further back, an unnamed report is another one)
        # (a bare 数据显示 names no report: only one named in its own paragraph)
        back = 0 if c.text.startswith(("数据", "统计")) else 1
        floor = ctx.layout.paragraphs[max(0, ctx.layout.paragraph_index(c.start) - back)].start
        if earlier is not None and earlier.start < floor:
            earlier = None
        if earlier is not None:
            return Frame(c.start, _paragraph_reach(ctx, para), earlier.speaker, earlier.source_type, c.text)
        # 据格上研究中心统计 with the name unrecognised: the words between 据 and 统计 name the source
        if c.text.startswith(("据", "根据")):
            who = _DATA_CUE_ENDS.sub("", c.text).strip("《》")
        else:
            # 窄门餐眼数据显示 with the name unrecognised: the words that open the clause before the cue
            lead = ctx.ftext[clause.start:c.start].strip()
            who = lead if _SOURCE_NAME_RUN.fullmatch(lead) and not _NOT_A_SOURCE_LEAD.search(lead) else ""
        who = _NOT_A_SOURCE_NAME.sub("", who)
        named = 2 <= len(who) <= 16 and not _DIGIT.search(who) and not who.startswith(_GENERIC_SOURCES)
        sp = Speaker(kind="organization", text=ctx.text[c.start:c.end], start=c.start, end=c.end,
                     name=who if named else None)
        source = c.source_type or "third_party_data"
        deferred = False
    else:
        otype = ctx.org_type(org)
        sp = Speaker(kind="organization", text=org.text, start=org.start, end=org.end, name=org.canonical,
                     organization=org.canonical)
        source = ORG_SOURCE.get(otype or "", "third_party_data")
        if otype == "company":
            source = "company_statement"
        deferred = False
    opens = c.text.endswith(("显示", "称", "指出", "表明", "预计", "预测", "发现")) or _CONTENT_FOLLOWS.match(ctx.ftext, c.end)
    end = _paragraph_reach(ctx, para) if opens else sent.end
    return Frame(org.start if org is not None else c.start, end, sp, source, c.text, deferred)


def _last_named_report(ctx: _Context, history: Sequence[Frame]) -> Optional[Frame]:
    """The last frame of a named data, government or analyst source (``history`` only grows)."""
    seen, found = ctx.report
    for f in history[seen:]:
        if f.speaker.kind == "organization" and f.speaker.name and f.source_type in (
                "third_party_data", "government", "analyst_report"):
            found = f
    ctx.report = (len(history), found)
    return found


def frame_at(frames: Sequence[Frame], pos: int) -> Optional[Frame]:
    """The frame that covers ``pos`` and starts last, or ``None`` (the journalist)."""
    best = None
    for f in frames:
        if f.start > pos:
            break
        if f.start <= pos < f.end:
            best = f
    return best


def market_cue_in(ftext: str, lo: int, hi: int) -> Optional[str]:
    for pat, st, role in _tables()["sources"]:
        if role == "market":
            m = pat.search(ftext, lo, hi)
            if m:
                return m.group()
    return None


def resolve_deferred(frame: Frame, company: Optional[str]) -> Speaker:
    """Fill a frame's speaker from the claim's subject company (``财报显示`` -> the filer)."""
    sp = frame.speaker
    if frame.deferred and sp.name is None and company:
        return replace(sp, name=company, organization=company)
    return sp


__all__ = ["Quote", "Cue", "Frame", "find_quotes", "find_reporting_cues", "build_frames", "frame_at",
           "market_cue_in", "resolve_deferred", "AUTHOR"]
