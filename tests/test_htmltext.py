"""Saved web pages to text for `kuaiclaims extract`: paragraphs kept, scripts and styles dropped."""
import pytest

from kuaiclaims.htmltext import decode_html, html_to_text


@pytest.mark.parametrize("markup, text", [
    ("<p>营收288亿元。</p><p>同比增长5%。</p>", "营收288亿元。\n\n同比增长5%。\n"),
    ("<div>第一行<br>第二行</div>", "第一行\n\n第二行\n"),
    ("<head><title>站名</title><style>p{color:red}</style></head><body><h1>标题</h1></body>", "标题\n"),
    ("<p>a<script>var s = '<p>999亿元</p>';</script>b</p>", "ab\n"),
    ("<p>营收1269\n    亿元，Tencent\n Holdings</p>", "营收1269亿元，Tencent Holdings\n"),
    ("<p>A&amp;B &#x4e2d;&lt;script&gt;</p>", "A&B 中<script>\n"),
    ("<ul><li>一</li><li>二</li></ul>", "一\n\n二\n"),
    ("<head><title>x</title><body><p>正文</p>", "正文\n"),
    ("", ""),
], ids=["paragraphs", "br", "head-dropped", "script-dropped", "line-break-in-chinese", "char-refs",
        "list-items", "unclosed-head", "empty"])
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


@pytest.mark.parametrize("data, text", [
    ("<p>营收</p>".encode("utf-8"), "<p>营收</p>"),
    (b"\xef\xbb\xbf<p>" + "营收".encode("utf-8"), "<p>营收"),
    ('<meta charset="gb2312"><p>营收</p>'.encode("gbk"), '<meta charset="gb2312"><p>营收</p>'),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">营收'.encode("gbk"),
     '<meta http-equiv="Content-Type" content="text/html; charset=GBK">营收'),
], ids=["utf-8", "bom", "meta-gb2312", "http-equiv-gbk"])
def test_decode_html(data, text):
    assert decode_html(data) == text


def test_decode_html_undecodable_raises():
    with pytest.raises(UnicodeDecodeError):
        decode_html(b"<p>\xff\xfe</p>")
