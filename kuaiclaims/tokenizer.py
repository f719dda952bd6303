"""A spaCy tokenizer over a private jieba dictionary.

``spacy.blank("zh")`` segments with the process-wide ``jieba`` module, so
adding our names there would change every other user of jieba in the
process. This tokenizer owns a ``jieba.Tokenizer()`` of its own, fed with
the lexicon's names, and rebuilds a Doc whose text is exactly the input.
"""
from __future__ import annotations

import re
import threading
from math import log
from typing import Iterable, Optional

import jieba
from jieba import finalseg
from jieba.finalseg import MIN_FLOAT
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .pipeline_state import TEXT_KEY

# The jieba pieces of a Doc's text and the indices of the pieces jieba's
# dictionary does not know, kept for the entity component (names.py reads
# word boundaries and unknown words from them) and removed by it.
PIECES_KEY = "kuaiclaims.pieces"
UNKNOWN_KEY = "kuaiclaims.unknown"


# ``costs.get(word, _UNSEEN)``: the word's cost has not been looked up yet
_UNSEEN = object()


def _route(blk: str, freq: dict, logtotal: float, costs: dict) -> list[int]:
    """For each position of ``blk``, the last index of the word the best route takes there.

    jieba's ``get_DAG`` then ``calc`` (jieba 0.42, MIT), fused: one backward
    pass that reads each candidate word's frequency once and keeps the best
    ``(log probability, end)`` as jieba's ``max`` over tuples does (a tie goes
    to the longer word), with the same arithmetic in the same order, so the
    route is the same. About twice as fast: no DAG dictionary, no generator.

    ``costs`` caches ``log(freq) - logtotal`` per word (``None`` for a prefix
    that is no word), filled as words are met: jieba takes the same logarithm
    again each time a word comes up, and news repeats its words. Strings that
    are not in ``freq`` are not kept, so ``costs`` never outgrows ``freq``.
    """
    n = len(blk)
    probs = [0.0] * (n + 1)
    ends = [0] * n
    for idx in range(n - 1, -1, -1):
        best_p = None
        best_x = idx
        i = idx
        frag = blk[idx]
        while True:
            cost = costs.get(frag, _UNSEEN)
            if cost is _UNSEEN:
                f = freq.get(frag)
                if f is None:
                    break  # no word starts with frag
                cost = costs[frag] = log(f) - logtotal if f else None
            if cost is not None:
                p = cost + probs[i + 1]
                if best_p is None or p >= best_p:
                    best_p, best_x = p, i
            i += 1
            if i >= n:
                break
            frag = blk[idx:i + 1]
        if best_p is None:  # no word starts here: the character alone (jieba: DAG[k] = [k])
            best_p = log(freq.get(blk[idx]) or 1) - logtotal + probs[idx + 1]
        probs[idx] = best_p
        ends[idx] = best_x
    return ends


def keep_whole_freq(tk: jieba.Tokenizer, word: str) -> int:
    """A frequency high enough that jieba keeps ``word`` whole: ``max(tk.suggest_freq(word), 50)``.

    jieba cuts the word without its HMM and multiplies its pieces' probabilities. For a word of
    Han characters only (most lexicon names) that cut is ``_route`` over the word, in the same
    order with the same arithmetic. A word with no Han character that the dictionary lacks
    (``Kestrel Robotics``) gets 50: its pieces are letters and digits jieba hardly knows, so the
    product is far below 50 (``tests/test_tokenizer.py`` checks every lexicon name against jieba).
    Thousands of names are added at cold start; jieba's own ``suggest_freq`` took 0.2-0.4 s.
    """
    freq = tk.FREQ
    if _ALL_HAN.fullmatch(word):
        total = tk.total
        ftotal = float(total)
        ends = _route(word, freq, log(total), {})
        p, i = 1, 0
        while i < len(word):
            j = ends[i] + 1
            p *= freq.get(word[i:j], 1) / ftotal
            i = j
        return max(int(p * total) + 1, freq.get(word, 1), 50)
    if not freq.get(word) and not _ANY_HAN.search(word):
        return 50
    return max(tk.suggest_freq(word, tune=False), 50)


_ALL_HAN = re.compile("[\u4E00-\u9FD5]+")
_ANY_HAN = re.compile("[\u3400-\u9FFF\uF900-\uFAFF]")


def _viterbi_tags(obs: str) -> list[str]:
    """The most likely B/M/E/S tag of each character of ``obs``, a run of Han characters.

    ``jieba.finalseg.viterbi`` (jieba 0.42, MIT) unrolled for its four states:
    the same sums in the same order, and each state's best predecessor chosen
    as jieba's ``max`` over ``(probability, state)`` chooses it (a tie goes to
    the later letter), kept as back-pointers instead of a copied path per state.
    About three times as fast.
    """
    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    e_b, e_m, e_e, e_s = emit["B"], emit["M"], emit["E"], emit["S"]
    t_eb, t_sb = trans["E"].get("B", MIN_FLOAT), trans["S"].get("B", MIN_FLOAT)
    t_mm, t_bm = trans["M"].get("M", MIN_FLOAT), trans["B"].get("M", MIN_FLOAT)
    t_be, t_me = trans["B"].get("E", MIN_FLOAT), trans["M"].get("E", MIN_FLOAT)
    t_ss, t_es = trans["S"].get("S", MIN_FLOAT), trans["E"].get("S", MIN_FLOAT)
    ch = obs[0]
    v_b, v_m = start["B"] + e_b.get(ch, MIN_FLOAT), start["M"] + e_m.get(ch, MIN_FLOAT)
    v_e, v_s = start["E"] + e_e.get(ch, MIN_FLOAT), start["S"] + e_s.get(ch, MIN_FLOAT)
    back = []  # back[t - 1]: the best predecessor of B, M, E and S at position t
    for ch in obs[1:]:
        em = e_b.get(ch, MIN_FLOAT)
        p, q = v_e + t_eb + em, v_s + t_sb + em
        n_b, from_b = (p, "E") if p > q else (q, "S")
        em = e_m.get(ch, MIN_FLOAT)
        p, q = v_m + t_mm + em, v_b + t_bm + em
        n_m, from_m = (p, "M") if p >= q else (q, "B")
        em = e_e.get(ch, MIN_FLOAT)
        p, q = v_b + t_be + em, v_m + t_me + em
        n_e, from_e = (p, "B") if p > q else (q, "M")
        em = e_s.get(ch, MIN_FLOAT)
        p, q = v_s + t_ss + em, v_e + t_es + em
        n_s, from_s = (p, "S") if p >= q else (q, "E")
        back.append({"B": from_b, "M": from_m, "E": from_e, "S": from_s})
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
    state = "S" if v_s >= v_e else "E"  # a word ends at the last character
    tags = [state]
    for step in reversed(back):
        state = step[state]
        tags.append(state)
    tags.reverse()
    return tags


def _hmm_words(blk: str) -> list[str]:
    """The words jieba's HMM cuts a run of Han characters into (``finalseg.__cut``)."""
    words: list[str] = []
    begin = nexti = 0
    for i, tag in enumerate(_viterbi_tags(blk)):
        if tag == "B":
            begin = i
        elif tag == "E":
            words.append(blk[begin:i + 1])
            nexti = i + 1
        elif tag == "S":
            words.append(blk[i])
            nexti = i + 1
    if nexti < len(blk):
        words.append(blk[nexti:])
    return words


def _hmm_cut(buf: str) -> list[str]:
    """``list(jieba.finalseg.cut(buf))``: the words jieba's HMM finds in a run the dictionary does not cover."""
    words: list[str] = []
    force_split = finalseg.Force_Split_Words  # jieba.add_force_split's words, usually none
    for blk in finalseg.re_han.split(buf):
        if finalseg.re_han.match(blk):
            found = _hmm_words(blk)
            if force_split:
                found = [c for w in found for c in (w if w in force_split else (w,))]
            words.extend(found)
        elif blk:
            words.extend(x for x in finalseg.re_skip.split(blk) if x)
    return words


# jieba's HMM and buffers grow faster than linearly in a run without breaks: runs
# longer than this are cut into pieces of this size (never reached by real prose).
MAX_RUN = 256


def _blocks(text: str, re_han) -> Iterable[tuple[str, bool]]:
    """``(block, is_han)`` for the non-empty blocks of ``re_han.split(text)``, runs longer
    than ``MAX_RUN`` in pieces. The pattern has one group, so the odd-numbered blocks
    are its matches (what ``re_han.match`` would tell jieba again for each block)."""
    for i, blk in enumerate(re_han.split(text)):
        if not blk:
            continue
        han = i % 2 == 1
        if len(blk) <= MAX_RUN:
            yield blk, han
        else:
            for j in range(0, len(blk), MAX_RUN):
                yield blk[j:j + MAX_RUN], han


def cut(tk: jieba.Tokenizer, text: str, costs: Optional[dict] = None) -> tuple[list[str], list[int]]:
    """``list(tk.cut(text, HMM=True))``, and the indices of the pieces of two or more
    characters that jieba's HMM made up (words its dictionary does not hold).

    The same steps as ``jieba.Tokenizer.cut`` (jieba 0.42, MIT): the blocks of
    Han, Latin and digits are cut on the dictionary's best route (``_route``:
    jieba's ``get_DAG`` and ``calc`` in one pass), and each run of single
    characters that is not itself a word goes to ``finalseg`` (``_hmm_cut``). Noting which
    pieces come from ``finalseg`` costs nothing here, while looking every piece
    up in the large dictionary afterwards would cost a cache miss per piece.
    ``tests/test_tokenizer.py`` checks the pieces against jieba's own.

    ``costs`` is ``_route``'s cache of word costs for ``tk``'s dictionary, kept
    from call to call by ``JiebaTokenizer``; by default a new one for this call.
    """
    pieces: list[str] = []
    unknown: list[int] = []
    tk.check_initialized()
    freq = tk.FREQ
    logtotal = log(tk.total)
    costs = {} if costs is None else costs
    re_han, re_skip = jieba.re_han_default, jieba.re_skip_default

    def flush(buf: str) -> None:
        if len(buf) == 1:
            pieces.append(buf)
        elif not freq.get(buf):
            for w in _hmm_cut(buf):
                if len(w) > 1 and not freq.get(w):
                    unknown.append(len(pieces))
                pieces.append(w)
        else:
            pieces.extend(buf)

    for blk, han in _blocks(text, re_han):
        if han:
            route = _route(blk, freq, logtotal, costs)
            x, n = 0, len(blk)
            run = 0  # where the current run of single characters began
            while x < n:
                y = route[x] + 1
                if y - x > 1:
                    if run < x:
                        flush(blk[run:x])
                    pieces.append(blk[x:y])
                    run = y
                x = y
            if run < n:
                flush(blk[run:n])
        else:
            for i, x in enumerate(re_skip.split(blk)):
                if i % 2:  # a match of re_skip: a space or a line break, kept whole
                    pieces.append(x)
                else:
                    pieces.extend(x)
    return pieces, unknown


def words_and_spaces(pieces: Iterable[str]) -> tuple[list[str], list[bool]]:
    """spaCy's words and trailing-space flags from pieces that concatenate to the text.

    jieba's pieces cover the text exactly, so a single space after a word
    becomes that word's trailing space and every other piece is a word: the
    same result as ``spacy.util.get_words_and_spaces`` without re-reading the
    text.
    """
    words: list[str] = []
    spaces: list[bool] = []
    for piece in pieces:
        if not piece:
            continue
        if piece.isspace() and words:
            if piece[0] == " " and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                piece = piece[1:]
                if not piece:
                    continue
            if words[-1].isspace() and not spaces[-1]:
                words[-1] += piece  # spaCy keeps a run of whitespace as one token
                continue
        words.append(piece)
        spaces.append(False)
    return words, spaces


class JiebaTokenizer:
    """Segment with a private jieba dictionary; ``doc.text == text`` always."""

    def __init__(self, vocab: Vocab, words: Iterable[str] = (), hmm: bool = True):
        self.vocab = vocab
        self.words = tuple(sorted(set(w for w in words if w and not w.isspace())))
        self.hmm = hmm
        self._jieba = None
        self._costs: dict = {}  # _route's word costs, kept from text to text
        self._costs_total = None  # the dictionary total they were computed with
        self._lock = threading.Lock()

    @property
    def jieba(self) -> jieba.Tokenizer:
        # Built on first use: loading jieba's dictionary is the costly part.
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    tk = jieba.Tokenizer()
                    tk.initialize()
                    for w in self.words:
                        tk.add_word(w, freq=keep_whole_freq(tk, w))
                    self._jieba = tk
        return self._jieba

    def __call__(self, text: str) -> Doc:
        if self.hmm:
            pieces, unknown = cut(self.jieba, text, self._word_costs())
        else:
            pieces, unknown = list(self.jieba.cut(text, HMM=False)), None
        words, spaces = words_and_spaces(pieces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # The components read the text many times; Doc.text would re-join the tokens.
        doc.user_data[TEXT_KEY] = text
        doc.user_data[PIECES_KEY] = pieces
        doc.user_data[UNKNOWN_KEY] = unknown
        return doc

    def _word_costs(self) -> dict:
        """``_route``'s cache of word costs for the private dictionary, emptied when the
        dictionary's total has changed since (a word added with ``self.jieba.add_word``)."""
        if self._costs_total != self.jieba.total:
            self._costs, self._costs_total = {}, self.jieba.total
        return self._costs

    @property
    def freq(self) -> dict:
        """The private dictionary: word -> frequency (0 for prefixes that are not words)."""
        return self.jieba.FREQ

    def __reduce__(self):
        # jieba.Tokenizer holds a lock and cannot be pickled: rebuild it lazily.
        return (JiebaTokenizer, (self.vocab, self.words, self.hmm))

    # spaCy serialisation hooks: the words come from the lexicons, nothing to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self
