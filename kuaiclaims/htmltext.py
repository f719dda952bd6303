"""Saved web pages to plain text, for ``kuaiclaims extract`` on ``*.html`` files.

The library reads text, and a line break ends a paragraph there (attribution
scope stops at paragraph ends), so what matters is that paragraphs survive:
block elements (``<p>``, ``<div>``, ``<h1>``, ``<li>``, ``<br>`` ...) become
line breaks and runs of white space inside a paragraph collapse as a browser
would collapse them. Scripts, styles and other invisible elements are
dropped. Standard library only (``html.parser``); character references
(``&amp;``, ``&#x4e2d;``) are decoded by the parser.

Offsets in the results of an HTML file index into this text, not into the
markup.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never shown as text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas"})
# Elements that start and end a block: a paragraph break before and after.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    "body", "html",
})
_SPACE = re.compile(r"[ \t\r\n\f]+")
# A line break in the source next to a Chinese character is not a space (CSS
# Text 3's segment break rule, widened to one side): `1269\n亿元` stays one figure.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_BREAK = r"[ \t\f]*[\r\n][ \t\r\n\f]*"
# the second branch is tried only where a run of white space starts (the same matches: a match
# always takes a whole run); tried inside the run too, it read the rest of the run at each
# position, quadratic in the run's length (20,000 newlines in one paragraph took 7 s)
_CJK_BREAK = re.compile(rf"(?<=[{_WIDE}]){_BREAK}|(?<![ \t\r\n\f]){_BREAK}(?=[{_WIDE}])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.IGNORECASE)


class _TextCollector(HTMLParser):
    """Collects visible text as a list of paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._hidden = 0  # depth inside hidden elements

    def _break(self) -> None:
        line = _SPACE.sub(" ", _CJK_BREAK.sub("", "".join(self._current))).strip()
        if line:
            self.paragraphs.append(line)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._hidden = 0  # </head> may be omitted: the body is always shown
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br" or tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag == "br" or tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        if not self._hidden:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one paragraph a line, paragraphs separated by a blank line.

    ``<title>`` and everything else in ``<head>`` is dropped: a news page
    repeats its headline in the body (``<h1>``), and the title usually carries
    the site's name as well.
    """
    parser = _TextCollector()
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.paragraphs) + ("\n" if parser.paragraphs else "")


def decode_html(data: bytes) -> str:
    """Bytes of a saved page as text: a UTF-8 BOM, else a ``<meta charset>`` in the first 4 KB, else UTF-8.

    Chinese pages are often saved as GBK or GB18030 and say so in a meta tag.
    Decoding is strict: undecodable bytes raise ``UnicodeDecodeError`` (and a
    charset Python does not know raises ``LookupError``) rather than turning
    figures into replacement characters.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    m = _META_CHARSET.search(data[:4096])
    charset = m.group(1).decode("ascii").lower() if m else "utf-8"
    if charset in ("gb2312", "gbk"):
        charset = "gb18030"  # a superset: pages labelled gb2312 routinely hold GBK characters
    return data.decode(charset)
