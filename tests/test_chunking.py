"""Huge articles in pieces: the pieces cover the text, none is over the limit, offsets stay exact."""
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kuaiclaims
from kuaiclaims.chunking import merge, pieces, shift
from kuaiclaims.types import Article, Claim, Entity, Quantity, Speaker

SAMPLE = (Path(kuaiclaims.__file__).parent / "data" / "sample_article.txt").read_text(encoding="utf-8")

texts = st.text(alphabet=st.sampled_from(list("快手收入增长10%。！？\n\r ab")), max_size=300)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 40))
def test_chunking_pieces_cover_text_within_limit(text, limit):
    segs = pieces(text, limit)
    assert segs[0].start == 0 and segs[-1].end == len(text)
    for a, b in zip(segs, segs[1:]):
        assert a.end == b.start
    assert all(0 < s.end - s.start <= limit for s in segs) or text == ""


@pytest.mark.parametrize("text,limit,cuts", [
    ("第一段。\n第二段。\n第三段。", 8, [5, 10]),          # after line breaks
    ("第一句。第二句。第三句", 6, [4, 8]),                 # after sentence ends
    ("一二三四五六七", 3, [3, 6]),                         # hard cuts
    ("甲。乙\r\n丙", 5, [5]),                              # \r\n stays whole
    ("短", 10, []),
], ids=["paragraphs", "sentences", "hard", "crlf", "short"])
def test_chunking_pieces_prefer_paragraphs_then_sentences(text, limit, cuts):
    assert [s.end for s in pieces(text, limit)][:-1] == cuts


@pytest.mark.parametrize("limit", [0, -5], ids=["zero", "negative"])
def test_chunking_rejects_a_limit_below_one(limit):
    with pytest.raises(ValueError):
        pieces("abc", limit)


def _claim(start: int) -> Claim:
    q = Quantity(text="10%", start=start + 4, end=start + 7, value=10, unit="%")
    return Claim(text="快手增长10%", start=start, end=start + 7, value=None, change=q, metric=None,
                 subject=Entity(text="快手", start=start, end=start + 2, label="COMPANY", canonical="快手"),
                 period=None, basis=None,
                 speaker=Speaker(kind="person", text="快手", start=start, end=start + 2, name="快手"),
                 source_type="company_statement")


@pytest.mark.parametrize("delta", [0, 3, 1000], ids=str)
def test_chunking_shift_moves_every_nested_span(delta):
    c = shift(_claim(0), delta)
    assert (c.start, c.change.start, c.subject.start, c.speaker.start) == (delta, delta + 4, delta, delta)
    assert (c.end, c.change.end, c.subject.end, c.speaker.end) == (delta + 7, delta + 7, delta + 2, delta + 2)


@pytest.mark.parametrize("kind", ["author"], ids=str)
def test_chunking_shift_keeps_the_author_without_offsets(kind):
    c = replace(_claim(0), speaker=Speaker(kind=kind))
    assert shift(c, 5).speaker == Speaker(kind=kind)


@pytest.mark.parametrize("prefix", ["", "前言。\n"], ids=["none", "paragraph"])
def test_chunking_shift_takes_span_texts_from_the_source(prefix):
    source = prefix + "快手增长10%"
    c = shift(_claim(0), len(prefix), source)
    for sp in (c, c.change, c.subject, c.speaker):
        assert source[sp.start:sp.end] == sp.text


@pytest.mark.parametrize("obj", [None, "text", 3], ids=repr)
def test_chunking_shift_rejects_other_objects(obj):
    with pytest.raises(TypeError):
        shift(obj, 1)


def test_chunking_merge_concatenates_in_order():
    text = "快手增长10%\n" * 2
    art = merge(text, [(0, Article(text="", claims=(_claim(0),))), (8, Article(text="", claims=(_claim(0),)))])
    assert [c.start for c in art.claims] == [0, 8] and art.text == text


def _spans(article):
    for e in article.entities + article.quantities:
        yield e
    for c in article.claims:
        yield c
        yield from (x for x in (c.value, c.change, c.subject) if x is not None)
        if c.speaker.start is not None:
            yield c.speaker


@pytest.fixture(scope="module")
def small_nlp():
    nlp = kuaiclaims.load()
    nlp.max_length = len(SAMPLE) + 10
    return nlp


@pytest.mark.parametrize("copies", [3], ids=str)
def test_chunking_analyze_longer_than_max_length_keeps_offsets_exact(small_nlp, copies):
    text = "\n".join([SAMPLE.rstrip("\n")] * copies)
    assert len(text) > small_nlp.max_length
    art = kuaiclaims.analyze(text, nlp=small_nlp)
    one = kuaiclaims.analyze(SAMPLE.rstrip("\n"))
    assert len(art.claims) == copies * len(one.claims)
    for sp in _spans(art):
        assert text[sp.start:sp.end] == sp.text
    # every copy gives the same claims as the article alone, shifted
    step = len(SAMPLE.rstrip("\n")) + 1
    for k in range(copies):
        got = [c for c in art.claims if k * step <= c.start < (k + 1) * step]
        assert got == [shift(c, k * step, text) for c in one.claims]
    assert art.metadata == one.metadata


def test_chunking_extract_entities_longer_than_max_length(small_nlp):
    text = "\n".join([SAMPLE] * 2)
    ents = kuaiclaims.extract_entities(text, nlp=small_nlp)
    assert len(ents) == 2 * len(kuaiclaims.extract_entities(SAMPLE))
    assert all(text[e.start:e.end] == e.text for e in ents)
