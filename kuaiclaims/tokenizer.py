"""A spaCy tokenizer over a private jieba dictionary.

``spacy.blank("zh")`` segments with the process-wide ``jieba`` module, so
adding our names there would change every other user of jieba in the
process. This tokenizer owns a ``jieba.Tokenizer()`` of its own, fed with
the lexicon's names, and rebuilds a Doc whose text is exactly the input.
"""
from __future__ import annotations

import threading
from math import log
from typing import Iterable

import jieba
from jieba import finalseg
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .pipeline_state import TEXT_KEY

# The jieba pieces of a Doc's text and the indices of the pieces jieba's
# dictionary does not know, kept for the entity component (names.py reads
# word boundaries and unknown words from them) and removed by it.
PIECES_KEY = "kuaiclaims.pieces"
UNKNOWN_KEY = "kuaiclaims.unknown"


def _route(blk: str, freq: dict, logtotal: float) -> list[int]:
    """For each position of ``blk``, the last index of the word the best route takes there.

    jieba's ``get_DAG`` then ``calc`` (jieba 0.42, MIT), fused: one backward
    pass that reads each candidate word's frequency once and keeps the best
    ``(log probability, end)`` as jieba's ``max`` over tuples does (a tie goes
    to the longer word), with the same arithmetic in the same order, so the
    route is the same. About twice as fast: no DAG dictionary, no generator.
    """
    n = len(blk)
    probs = [0.0] * (n + 1)
    ends = [0] * n
    for idx in range(n - 1, -1, -1):
        best_p = None
        best_x = idx
        i = idx
        frag = blk[idx]
        while frag in freq:
            f = freq[frag]
            if f:
                p = log(f) - logtotal + probs[i + 1]
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


# jieba's HMM and buffers grow faster than linearly in a run without breaks: runs
# longer than this are cut into pieces of this size (never reached by real prose).
MAX_RUN = 256


def _capped(blocks):
    for blk in blocks:
        if len(blk) <= MAX_RUN:
            yield blk
        else:
            for i in range(0, len(blk), MAX_RUN):
                yield blk[i:i + MAX_RUN]


def cut(tk: jieba.Tokenizer, text: str) -> tuple[list[str], list[int]]:
    """``list(tk.cut(text, HMM=True))``, and the indices of the pieces of two or more
    characters that jieba's HMM made up (words its dictionary does not hold).

    The same steps as ``jieba.Tokenizer.cut`` (jieba 0.42, MIT): the blocks of
    Han, Latin and digits are cut on the dictionary's best route (``_route``:
    jieba's ``get_DAG`` and ``calc`` in one pass), and each run of single
    characters that is not itself a word goes to ``finalseg``. Noting which
    pieces come from ``finalseg`` costs nothing here, while looking every piece
    up in the large dictionary afterwards would cost a cache miss per piece.
    ``tests/test_tokenizer.py`` checks the pieces against jieba's own.
    """
    pieces: list[str] = []
    unknown: list[int] = []
    tk.check_initialized()
    freq = tk.FREQ
    logtotal = log(tk.total)
    re_han, re_skip = jieba.re_han_default, jieba.re_skip_default

    def flush(buf: str) -> None:
        if len(buf) == 1:
            pieces.append(buf)
        elif not freq.get(buf):
            for w in finalseg.cut(buf):
                if len(w) > 1 and not freq.get(w):
                    unknown.append(len(pieces))
                pieces.append(w)
        else:
            pieces.extend(buf)

    for blk in _capped(re_han.split(text)):
        if not blk:
            continue
        if re_han.match(blk):
            route = _route(blk, freq, logtotal)
            x, n, buf = 0, len(blk), ""
            while x < n:
                y = route[x] + 1
                if y - x == 1:
                    buf += blk[x]
                else:
                    if buf:
                        flush(buf)
                        buf = ""
                    pieces.append(blk[x:y])
                x = y
            if buf:
                flush(buf)
        else:
            for x in re_skip.split(blk):
                if re_skip.match(x):
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
                        # a frequency high enough that jieba keeps the name whole
                        tk.add_word(w, freq=max(tk.suggest_freq(w, tune=False), 50))
                    self._jieba = tk
        return self._jieba

    def __call__(self, text: str) -> Doc:
        if self.hmm:
            pieces, unknown = cut(self.jieba, text)
        else:
            pieces, unknown = list(self.jieba.cut(text, HMM=False)), None
        words, spaces = words_and_spaces(pieces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # The components read the text many times; Doc.text would re-join the tokens.
        doc.user_data[TEXT_KEY] = text
        doc.user_data[PIECES_KEY] = pieces
        doc.user_data[UNKNOWN_KEY] = unknown
        return doc

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
