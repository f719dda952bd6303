"""The private jieba tokenizer: Docs whose text is the input, spaCy's whitespace conventions, global jieba untouched."""
from hypothesis import given, settings, strategies as st
from spacy.util import get_words_and_spaces

from kuaiclaims.lexicons import NameIndex
from kuaiclaims.tokenizer import words_and_spaces

PIECES = st.lists(st.sampled_from(["快手", "收入", " ", "  ", "\n", "\r\n", "\t", "AI", "。", "1269", " \n", "亿元"]),
                  max_size=12)


@given(PIECES)
@settings(max_examples=400, deadline=None)
def test_words_and_spaces_match_spacy(pieces):
    text = "".join(pieces)
    want = get_words_and_spaces(pieces, text) if text else ([], [])
    assert words_and_spaces(pieces) == (list(want[0]), list(want[1]))


def test_doc_text_is_input(nlp):
    for text in ["快手 全年  收入\r\n增长 11.8% ", "  ", "A  B\tC\n\n D "]:
        doc = nlp.make_doc(text)
        assert doc.text == text


def _brute_force(names, key):
    """Leftmost-longest non-overlapping matching, with Latin/digit word bounds, the slow way."""
    alnum = set("abcdefghijklmnopqrstuvwxyz0123456789")
    out, i = [], 0
    while i < len(key):
        for j in range(len(key), i + 1, -1):
            s = key[i:j]
            if s in names and not (s[0] in alnum and i > 0 and key[i - 1] in alnum) \
                    and not (s[-1] in alnum and j < len(key) and key[j] in alnum):
                out.append((i, j))
                i = j
                break
        else:
            i += 1
    return out


NAMES = ["快手", "快手科技", "科技", "meta", "ai", "字节跳动", "字节", "a1"]


@given(st.text(alphabet=list("快手科技字节跳动metaiA1 x"), max_size=30))
@settings(max_examples=500, deadline=None)
def test_name_index_is_leftmost_longest_with_word_bounds(key):
    key = key.lower()
    assert list(NameIndex(NAMES).finditer(key)) == _brute_force(set(NAMES), key)


def test_name_index_examples():
    idx = NameIndex(NAMES)
    assert list(idx.finditer("快手科技与meta合作")) == [(0, 4), (5, 9)]
    assert list(idx.finditer("metaverse")) == []
