"""The private jieba tokenizer: Docs whose text is the input, spaCy's whitespace conventions, global jieba untouched."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
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


CUT_ALPHABET = list("的了在是快手科技字节跳动腾讯阿里巴巴中国人民银行张王李陈昊称胡玮炜云帆恒曜新材")
CUT_ALPHABET += list("AI Kuaishou 12.3%，。：（）\n")


@given(st.text(alphabet=CUT_ALPHABET, max_size=40))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cut_matches_jieba(nlp, text):
    """tokenizer.cut gives jieba's own pieces (its route is jieba's get_DAG + calc, fused),
    with a fresh cache of word costs and with the one the pipeline's tokenizer keeps."""
    from kuaiclaims.tokenizer import cut
    tk = nlp.tokenizer.jieba
    want = list(tk.cut(text, HMM=True))
    assert cut(tk, text)[0] == want
    assert cut(tk, text, nlp.tokenizer._word_costs())[0] == want


@given(st.text(alphabet=CUT_ALPHABET + list("乂龥〇々"), max_size=40))
@settings(max_examples=400, deadline=None)
def test_hmm_cut_matches_finalseg(text):
    """The unrolled Viterbi gives jieba's HMM words (finalseg.cut), ties included."""
    from jieba import finalseg

    from kuaiclaims.tokenizer import _hmm_cut
    assert _hmm_cut(text) == list(finalseg.cut(text))


@pytest.mark.parametrize("text", ["龥龥", "龥龥龥", "手一一一快", "胡玮炜", "昊称"])
def test_hmm_cut_breaks_ties_as_finalseg(text):
    """Characters the HMM has never seen (龥) make equal probabilities: the tie goes as jieba's max() sends it."""
    from jieba import finalseg

    from kuaiclaims.tokenizer import _hmm_cut
    assert _hmm_cut(text) == list(finalseg.cut(text))


@pytest.mark.parametrize("text", [
    "快手科技今日公布业绩，创始人兼首席执行官程一笑表示收入增长11.8%。",
    "据路透社报道，OpenAI首席执行官Sam Altman周二表示",
    "招商银行信用卡中心总经理仲跻伟近日接受本报记者专访时说。",
    "恒曜新材拟斥资1.5亿至3亿元回购股份\r\n  记者 许嘉禾  2025-03-28",
], ids=lambda t: t[:8])
def test_cut_matches_jieba_on_news(nlp, text):
    from kuaiclaims.tokenizer import cut
    tk = nlp.tokenizer.jieba
    assert cut(tk, text)[0] == list(tk.cut(text, HMM=True))


@pytest.mark.parametrize("text,unknown", [
    ("首席财务官胡玮炜表示", ["胡玮炜"]),
    ("快手科技今日公布业绩", []),
], ids=lambda x: str(x))
def test_cut_notes_words_the_dictionary_lacks(nlp, text, unknown):
    from kuaiclaims.tokenizer import cut
    pieces, idx = cut(nlp.tokenizer.jieba, text)
    assert [pieces[i] for i in idx] == unknown


def test_word_costs_follow_the_dictionary(nlp):
    """The tokenizer's cache of word costs is dropped when its dictionary changes."""
    from kuaiclaims.tokenizer import JiebaTokenizer
    tok = JiebaTokenizer(nlp.vocab)
    text = "快手科技今日公布业绩"
    assert [t.text for t in tok(text)] == ["快手", "科技", "今日", "公布", "业绩"]
    tok.jieba.add_word("今日", freq=1)   # now rarer than 今 and 日 apart
    assert [t.text for t in tok(text)] == list(tok.jieba.cut(text, HMM=True)) == ["快手", "科技", "今", "日", "公布", "业绩"]


def test_keep_whole_freq_is_jiebas_suggestion_for_every_lexicon_name():
    """The fast path gives, name after name, the frequency jieba's own suggest_freq gives."""
    import jieba as _jieba

    import kuaiclaims
    from kuaiclaims.tokenizer import keep_whole_freq

    words = kuaiclaims.load().tokenizer.words
    ours, theirs = _jieba.Tokenizer(), _jieba.Tokenizer()
    ours.initialize()
    theirs.initialize()
    for w in words:
        expected = max(theirs.suggest_freq(w, tune=False), 50)
        assert keep_whole_freq(ours, w) == expected, w
        ours.add_word(w, freq=expected)
        theirs.add_word(w, freq=expected)
