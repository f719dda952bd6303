"""Paragraphs, sentences and clauses (text.Layout): the scopes attribution and claims work in."""
import pytest

from kuaiclaims.text import Layout


@pytest.mark.parametrize("text,paragraphs", [
    ("第一段。\n第二段。", ["第一段。", "第二段。"]),
    ("第一段。\r\n\r\n第二段。", ["第一段。", "第二段。"]),
    # a page scraped without its line breaks keeps each paragraph's indent
    ("第一段，继续增长。\u3000\u3000第二段，与此同时。", ["第一段，继续增长。", "第二段，与此同时。"]),
    ("\u3000\u3000第一段。\n\u3000\u3000第二段。", ["第一段。", "第二段。"]),
    # one ideographic space is a space, not a paragraph break
    ("标题\u3000副标题。", ["标题\u3000副标题。"]),
])
def test_layout_paragraphs(text, paragraphs):
    layout = Layout(text)
    assert [text[p.start:p.end] for p in layout.paragraphs] == paragraphs


def test_attribution_does_not_cross_an_ideographic_paragraph_break():
    import kuaiclaims
    text = ("星河证券统计数据显示，上周共计485亿元资金净流入股市。\u3000\u3000上周，"
            "融资余额上升153亿元。")
    claims = {(c.value or c.change).text: c for c in kuaiclaims.extract_claims(text)}
    assert claims["485亿元"].speaker.kind != "author"
    assert claims["153亿元"].speaker.kind == "author"
