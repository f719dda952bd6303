"""HTML rendering: escaped text, highlights on exact offsets, a legend, a claims table, and a real browser."""
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kuaiclaims
from kuaiclaims import Article, Claim, Entity, Quantity, Speaker
from kuaiclaims.render import SOURCE_COLOURS
from kuaiclaims.types import SOURCE_TYPES

import browser

SENTENCE = "财报显示，网易一季度营收288亿元，同比增长7%。"


class Spans(HTMLParser):
    """Every highlight span (``data-kind``) with its attributes and the text inside it."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.spans, self._open, self.tags = [], [], []
        self.text, self._in_text = "", False  # the article text as the reader sees it
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "div" and ("class", "kc-text") in attrs:
            self._in_text = True
        elif tag == "div":
            self._in_text = False
        if tag == "span":
            attrs = dict(attrs)
            self._open.append(attrs if "data-kind" in attrs else None)
            if "data-kind" in attrs:
                attrs["inner"] = ""
                self.spans.append(attrs)

    def handle_endtag(self, tag):
        if tag == "span":
            self._open.pop()
        elif tag == "div":
            self._in_text = False

    def handle_data(self, data):
        if self._in_text:
            self.text += data
        for attrs in self._open:
            if attrs is not None:
                attrs["inner"] += data

    def of_kind(self, kind):
        return [s for s in self.spans if s["data-kind"] == kind]


@pytest.fixture(scope="module")
def sample():
    return kuaiclaims.analyze(kuaiclaims.sample_text())


def _hand_made(text, entities=(), quantities=(), claims=()):
    return Article(text=text, entities=tuple(entities), quantities=tuple(quantities), claims=tuple(claims))


def _claim(q, text, **kw):
    return Claim(text=text, start=0, end=len(text), value=q, change=None, metric=None, subject=None,
                 period=None, basis=None, speaker=kw.pop("speaker", Speaker()),
                 source_type=kw.pop("source_type", "journalist"), **kw)


def test_render_every_highlight_is_the_text_at_its_offsets(sample):
    parsed = Spans(kuaiclaims.render(sample))
    spans = parsed.spans
    assert spans and parsed.text == sample.text
    for s in spans:
        assert sample.text[int(s["data-start"]):int(s["data-end"])] == s["inner"]


def test_render_highlights_every_claim_quantity_entity_and_speaker(sample):
    parsed = Spans(kuaiclaims.render(sample))
    claim_qs = {(q.start, q.end) for c in sample.claims for q in (c.value, c.change) if q}
    drawn_qs = {(int(s["data-start"]), int(s["data-end"])) for s in parsed.of_kind("quantity")}
    assert claim_qs <= drawn_qs
    assert {(q.start, q.end) for q in sample.quantities} <= drawn_qs
    speakers = {(c.speaker.start, c.speaker.end) for c in sample.claims if c.speaker.start is not None}
    assert {(int(s["data-start"]), int(s["data-end"])) for s in parsed.of_kind("speaker")} == speakers
    assert len(parsed.of_kind("entity")) == len(sample.entities)


def test_render_quantity_colour_is_its_claims_source_type(sample):
    by_span = {(q.start, q.end): c.source_type for c in sample.claims for q in (c.value, c.change) if q}
    for s in Spans(kuaiclaims.render(sample)).of_kind("quantity"):
        source = by_span.get((int(s["data-start"]), int(s["data-end"])))
        if source is not None:
            assert s["data-source-type"] == source
            assert f"background:{SOURCE_COLOURS[source]}" in s["style"]


def test_render_legend_and_claims_table(sample):
    markup = kuaiclaims.render(sample)
    for source in SOURCE_TYPES:
        assert f'data-source-type="{source}" style="background:{SOURCE_COLOURS[source]}"' in markup
    assert markup.count("<tr data-claim=") == len(sample.claims)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>营收288亿元。",
    '营收288亿元。" onmouseover="alert(1)',
    "营收<b>288亿元</b>。&amp;",
], ids=["script", "attribute-break", "markup-and-entity"])
def test_render_escapes_article_text(text):
    markup = kuaiclaims.render(text)
    parsed = Spans(markup)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "onmouseover" not in {k for s in parsed.spans for k in s}
    assert parsed.text == text


def test_render_escapes_names_in_attributes():
    text = "星野营收5亿元。"
    evil = '"><img src=x onerror=alert(1)>'
    ent = Entity("星野", 0, 2, "COMPANY", evil)
    q = Quantity("5亿元", 4, 7, 500000000, unit="CNY")
    art = _hand_made(text, [ent], [q], [_claim(q, text, cue=evil)])
    parsed = Spans(kuaiclaims.render(art))
    assert "img" not in parsed.tags
    assert evil in parsed.of_kind("entity")[0]["title"]


def test_render_drops_a_crossing_span_and_keeps_the_quantity():
    text = "网易营收288亿元。"
    q = Quantity("288亿元", 4, 9, 28800000000, unit="CNY")
    crossing = Entity("收288", 3, 7, "COMPANY", "收288")
    art = _hand_made(text, [Entity("网易", 0, 2, "COMPANY", "网易"), crossing], [q], [_claim(q, text)])
    parsed = Spans(kuaiclaims.render(art))
    assert [s["inner"] for s in parsed.of_kind("quantity")] == ["288亿元"]
    assert [s["inner"] for s in parsed.of_kind("entity")] == ["网易"]


def test_render_skips_offsets_that_do_not_match_the_text():
    text = "网易营收288亿元。"
    wrong = Quantity("288亿元", 3, 8, 28800000000, unit="CNY")
    assert Spans(kuaiclaims.render(_hand_made(text, quantities=[wrong]))).spans == []


def test_render_nests_a_speaker_around_its_entity():
    art = kuaiclaims.analyze("“今年海外收入将增长20%。”丁磊在财报电话会上表示。")
    parsed = Spans(kuaiclaims.render(art))
    assert [s["inner"] for s in parsed.of_kind("speaker")] == ["丁磊"]
    assert [s["inner"] for s in parsed.of_kind("entity")] == ["丁磊"]


def test_render_text_article_and_repr_html_agree():
    art = kuaiclaims.analyze(SENTENCE)
    assert kuaiclaims.render(SENTENCE) == kuaiclaims.render(art) == art._repr_html_()


def test_render_page_is_a_utf8_document():
    page = kuaiclaims.render(SENTENCE, page=True)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert kuaiclaims.render(SENTENCE) in page


def test_render_empty_article():
    assert "0 claims" in kuaiclaims.render("")


def test_render_rejects_other_types():
    with pytest.raises(TypeError, match="Article or the article text"):
        kuaiclaims.render(kuaiclaims.extract_claims(SENTENCE))


# -- in a real browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium():
    if browser.chromium_path() is None:
        if os.environ.get("KUAICLAIMS_REQUIRE_BROWSER"):  # set by .ci/run: CI must run this test
            pytest.fail("chromium is not installed, and KUAICLAIMS_REQUIRE_BROWSER is set")
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)")


def test_render_in_chromium_keeps_every_highlight(chromium, sample, tmp_path):
    page = tmp_path / "sample.html"
    page.write_text(kuaiclaims.render(sample, page=True), encoding="utf-8")
    dom = Spans(browser.dump_dom(page))
    expected = Spans(kuaiclaims.render(sample))
    for kind in ("quantity", "speaker", "entity"):
        assert len(dom.of_kind(kind)) == len(expected.of_kind(kind)) > 0, kind
    for s in dom.spans:
        assert sample.text[int(s["data-start"]):int(s["data-end"])] == s["inner"]
    assert "script" not in dom.tags and dom.text == sample.text


def test_render_in_chromium_screenshot(chromium, sample, tmp_path):
    page, png = tmp_path / "sample.html", tmp_path / "sample.png"
    page.write_text(kuaiclaims.render(sample, page=True), encoding="utf-8")
    browser.screenshot(page, png, size="800,600")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_docs_screenshot_is_committed():
    png = Path(__file__).resolve().parents[1] / "docs" / "sample-rendering.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_escapes_labels_and_source_types_of_hand_made_results():
    text = "网易营收288亿元。"
    q = Quantity("288亿元", 4, 9, 28800000000, unit="CNY")
    art = _hand_made(text, [Entity("网易", 0, 2, '"><i>', "网易")], [q], [_claim(q, text, source_type='"><i>')])
    assert "i" not in Spans(kuaiclaims.render(art)).tags
