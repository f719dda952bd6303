"""An article as HTML: its text with entities, quantities and speakers highlighted, then its claims.

``render`` is what ``Article._repr_html_`` shows in Jupyter, and what you save
to a file. Three rules keep it trustworthy:

- every piece of article text is escaped (``html.escape``), so a text that
  contains markup shows the markup and never runs it;
- every highlight comes from a result's exact offsets (``text[start:end]``),
  and carries them as ``data-start``/``data-end``, so what is coloured is
  what the library found, character for character;
- highlights nest and never cross: where two spans cross, the less important
  one (entity < speaker < quantity) is left out rather than drawn wrongly.

Colours are inline ``style`` attributes, so the highlights survive viewers
that drop ``<style>`` elements; the ``kc-*`` classes name what each span is.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import NamedTuple, Optional, Union

from .frame import flatten_claim
from .types import SOURCE_TYPES, Article, Claim

#: One background colour per source type (quantities are filled with it,
#: speakers are outlined with it).
SOURCE_COLOURS = {
    "earnings_call": "#ffc078",
    "financial_report": "#74c0fc",
    "company_statement": "#b197fc",
    "third_party_data": "#8ce99a",
    "analyst_report": "#ff8787",
    "government": "#ffe066",
    "media_report": "#66d9e8",
    "anonymous_source": "#f783ac",
    "expert": "#63e6be",
    "market_data": "#dbb98f",
    "journalist": "#ced4da",
}

#: How each entity label is underlined.
ENTITY_STYLES = {
    "COMPANY": "border-bottom:2px solid #1864ab",
    "PRODUCT": "border-bottom:2px dashed #2b8a3e",
    "PERSON": "border-bottom:2px dotted #a61e4d",
}

_NOT_A_CLAIM = "background:#fff;border:1px dashed #868e96"

# Nesting order for spans with the same offsets (outer first) and the order in
# which crossing spans are kept (most important first).
_OUTER_FIRST = {"speaker": 0, "quantity": 1, "entity": 2}
_KEEP_FIRST = ("quantity", "speaker", "entity")

_CSS = """<style>
.kuaiclaims{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.9;
color:#212529;max-width:60em}
.kuaiclaims .kc-head{color:#495057;font-size:90%;margin-bottom:.4em}
.kuaiclaims .kc-legend{font-size:85%;margin:.4em 0 .8em 0;line-height:2.2}
.kuaiclaims .kc-legend span{margin-right:.4em;padding:1px 4px;border-radius:3px;white-space:nowrap}
.kuaiclaims .kc-text{white-space:pre-wrap;border-top:1px solid #dee2e6;border-bottom:1px solid #dee2e6;padding:.6em 0}
.kuaiclaims .kc-q,.kuaiclaims .kc-speaker{border-radius:3px;padding:1px 2px}
.kuaiclaims table.kc-claims{border-collapse:collapse;font-size:85%;margin-top:.8em;line-height:1.4}
.kuaiclaims table.kc-claims th,.kuaiclaims table.kc-claims td{border:1px solid #dee2e6;padding:2px 6px;
text-align:left;vertical-align:top}
.kuaiclaims table.kc-claims th{background:#f1f3f5}
</style>"""


class _Span(NamedTuple):
    start: int
    end: int
    kind: str       # quantity, speaker, entity
    open_tag: str


def _attr(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _span_tag(kind: str, cls: str, style: str, start: int, end: int, title: str, extra: str = "") -> str:
    return (f'<span class="{_attr(cls)}" data-kind="{kind}" data-start="{start}" data-end="{end}"{extra} '
            f'style="{_attr(style)}" title="{_attr(title)}">')


def _number(x: Optional[float]) -> str:
    if x is None:
        return ""
    return f"{x:,}" if isinstance(x, int) else f"{x:,.6g}"


def _describe_quantity(q, claim: Optional[Claim]) -> str:
    what = f"{_number(q.value)}{'–' + _number(q.upper) if q.upper is not None else ''} {q.unit}"
    if q.qualifier:
        what += f" ({q.qualifier})"
    if claim is None:
        return f"{what} · not part of a claim"
    role = "change" if claim.change is q else "value"
    parts = [f"{role} {what}"]
    if role == "change" and claim.basis:
        parts.append(claim.basis)
    for label, val in (("metric", claim.metric), ("subject", claim.subject and claim.subject.canonical),
                       ("period", claim.period)):
        if val:
            parts.append(f"{label} {val}")
    sp = claim.speaker
    parts.append(f"speaker {sp.name or sp.title or '-'} ({sp.kind})")
    parts.append(claim.source_type)
    return " · ".join(parts)


def _exact(text: str, span) -> bool:
    """True when the result's offsets point at its own text (always, unless the Article was edited)."""
    return span.start is not None and span.end is not None and text[span.start:span.end] == span.text


def _claim_spans(article: Article) -> list[_Span]:
    """Quantities (coloured by their claim's source type) and speaker mentions."""
    spans: list[_Span] = []
    seen_q: set[tuple[int, int]] = set()
    speakers: dict[tuple[int, int], Counter] = {}
    speaker_of: dict[tuple[int, int], object] = {}
    for i, c in enumerate(article.claims, 1):
        colour = SOURCE_COLOURS.get(c.source_type, "#ced4da")
        for q in (c.value, c.change):
            if q is None or (q.start, q.end) in seen_q or not _exact(article.text, q):
                continue
            seen_q.add((q.start, q.end))
            spans.append(_Span(q.start, q.end, "quantity", _span_tag(
                "quantity", f"kc-q kc-src-{c.source_type}", f"background:{colour}", q.start, q.end,
                _describe_quantity(q, c), f' data-claim="{i}" data-source-type="{_attr(c.source_type)}"')))
        sp = c.speaker
        if _exact(article.text, sp):
            speakers.setdefault((sp.start, sp.end), Counter())[c.source_type] += 1
            speaker_of[(sp.start, sp.end)] = sp
    for q in article.quantities:
        if (q.start, q.end) not in seen_q and _exact(article.text, q):
            seen_q.add((q.start, q.end))
            spans.append(_Span(q.start, q.end, "quantity", _span_tag(
                "quantity", "kc-q kc-src-none", _NOT_A_CLAIM, q.start, q.end, _describe_quantity(q, None))))
    for (start, end), counts in speakers.items():
        source = counts.most_common(1)[0][0]
        sp = speaker_of[(start, end)]
        title = f"speaker {sp.name or sp.title or sp.text} ({sp.kind}) · {source}"
        if sp.title and sp.name:
            title += f" · {sp.title}"
        style = f"outline:2px solid {SOURCE_COLOURS.get(source, '#ced4da')};font-weight:bold"
        spans.append(_Span(start, end, "speaker", _span_tag(
            "speaker", f"kc-speaker kc-src-{source}", style, start, end, title,
            f' data-source-type="{_attr(source)}"')))
    return spans


def _entity_spans(article: Article) -> list[_Span]:
    return [_Span(e.start, e.end, "entity", _span_tag(
        "entity", f"kc-ent kc-ent-{e.label}", ENTITY_STYLES.get(e.label, ""), e.start, e.end,
        f"{e.label} · {e.canonical}", f' data-label="{_attr(e.label)}"'))
        for e in article.entities if _exact(article.text, e)]


def _crosses(a: _Span, b: _Span) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def nested_spans(text: str, spans: list[_Span]) -> list[_Span]:
    """The spans that can be drawn: exact offsets, non-empty, and no two crossing.

    Spans are kept in order of importance (quantities, then speakers, then
    entities); one that crosses a span already kept is left out. The result is
    sorted outer-first, ready for ``_weave``.
    """
    kept: list[_Span] = []
    seen: set[tuple[int, int, str]] = set()
    for kind in _KEEP_FIRST:
        for s in spans:
            if s.kind != kind or not (0 <= s.start < s.end <= len(text)) or (s.start, s.end, s.kind) in seen:
                continue
            if not any(_crosses(s, k) for k in kept):
                kept.append(s)
                seen.add((s.start, s.end, s.kind))
    return sorted(kept, key=lambda s: (s.start, -s.end, _OUTER_FIRST[s.kind]))


def _weave(text: str, spans: list[_Span]) -> str:
    """Escaped text with the (laminar, outer-first sorted) spans opened and closed in place."""
    out: list[str] = []
    pos = 0
    stack: list[int] = []
    for s in spans:
        while stack and stack[-1] <= s.start:
            end = stack.pop()
            out.append(escape(text[pos:end]))
            out.append("</span>")
            pos = end
        out.append(escape(text[pos:s.start]))
        out.append(s.open_tag)
        pos = s.start
        stack.append(s.end)
    while stack:
        end = stack.pop()
        out.append(escape(text[pos:end]))
        out.append("</span>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _legend(article: Article) -> str:
    counts = Counter(c.source_type for c in article.claims)
    chips = [f'<span class="kc-legend-src" data-source-type="{t}" style="background:{SOURCE_COLOURS[t]}">'
             f"{t} {counts.get(t, 0)}</span>" for t in SOURCE_TYPES]
    chips.append(f'<span style="{_NOT_A_CLAIM}">quantity, not a claim</span>')
    chips.append('<span style="outline:2px solid #495057;font-weight:bold">speaker</span>')
    chips += [f'<span style="{style}">{label}</span>' for label, style in ENTITY_STYLES.items()]
    # Spaces between the chips let the legend wrap.
    return ('<div class="kc-legend">source type (claims): ' + " ".join(chips[:len(SOURCE_TYPES)])
            + "<br>" + " ".join(chips[len(SOURCE_TYPES):]) + "</div>")


_TABLE_COLUMNS = ("#", "value", "change", "metric", "subject", "period", "speaker", "source type", "quote")


def _claims_table(article: Article) -> str:
    rows = []
    for i, c in enumerate(article.claims, 1):
        r = flatten_claim(c)
        speaker = r["speaker"] or r["speaker_title"] or ""
        change = (r["change_text"] or "") + (f" ({r['basis']})" if r["basis"] and r["change_text"] else "")
        cells = (i, r["value_text"], change, r["metric"], r["subject"], r["period"],
                 f"{speaker} ({r['speaker_kind']})" if speaker else r["speaker_kind"],
                 r["source_type"], r["quote"])
        tds = "".join(f"<td>{_attr(x)}</td>" for x in cells[:-2])
        colour = SOURCE_COLOURS.get(c.source_type, "#ced4da")
        tds += f'<td style="background:{colour}">{_attr(cells[-2])}</td><td>{_attr(cells[-1])}</td>'
        rows.append(f'<tr data-claim="{i}" title="{_attr(c.text)}">{tds}</tr>')
    head = "".join(f"<th>{h}</th>" for h in _TABLE_COLUMNS)
    return f'<table class="kc-claims"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _header(article: Article) -> str:
    m = article.metadata
    parts = [x for x in (m.outlet, m.author, m.published) if x]
    counts = (f"{len(article.claims)} claims, {len(article.quantities)} quantities, "
              f"{len(article.entities)} entities")
    return f'<div class="kc-head">{_attr(" · ".join(parts + [counts]))}</div>'


def render(article_or_text: Union[Article, str], *, published=None, nlp=None, page: bool = False) -> str:
    """The HTML that ``Article`` shows in Jupyter: highlighted text, a legend, a table of claims.

    Args:
        article_or_text: an ``Article`` from ``analyze``, or the article text
            (analysed here with ``published`` and ``nlp``).
        published: the article's date, when ``article_or_text`` is text.
        nlp: a pipeline from ``load()``, when ``article_or_text`` is text.
        page: wrap the HTML in a complete UTF-8 document, for saving to a
            ``.html`` file that a browser opens on its own.

    Returns:
        An HTML string. Quantities are filled with their claim's source-type
        colour, speaker mentions outlined with it, entities underlined by label;
        every highlight carries ``data-kind``, ``data-start`` and ``data-end``
        (character offsets into the text).
    """
    if isinstance(article_or_text, str):
        from .api import analyze
        article = analyze(article_or_text, published=published, nlp=nlp)
    elif isinstance(article_or_text, Article):
        article = article_or_text
    else:
        raise TypeError(f"render expects an Article or the article text, got {type(article_or_text).__name__}")
    spans = nested_spans(article.text, _claim_spans(article) + _entity_spans(article))
    body = (f'<div class="kuaiclaims">{_CSS}{_header(article)}{_legend(article)}'
            f'<div class="kc-text">{_weave(article.text, spans)}</div>{_claims_table(article)}</div>')
    if not page:
        return body
    return ('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>kuaiclaims</title></head>'
            f"<body>{body}</body></html>\n")
