"""A spaCy tokenizer over a private jieba dictionary.

``spacy.blank("zh")`` segments with the process-wide ``jieba`` module, so
adding our names there would change every other user of jieba in the
process. This tokenizer owns a ``jieba.Tokenizer()`` of its own, fed with
the lexicon's names, and rebuilds a Doc whose text is exactly the input.
"""
from __future__ import annotations

import threading
from typing import Iterable

import jieba
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab


# jieba segments each run of these characters on its own; its HMM pass costs
# time quadratic in the length of a run of unknown single characters, so a run
# longer than MAX_RUN is handed over in pieces (real text: clauses of < 250).
_BLOCK = jieba.re_han_default
MAX_RUN = 256


def _chunks(text: str) -> Iterable[str]:
    """``text`` in consecutive pieces, cut only inside runs longer than ``MAX_RUN``."""
    pos = 0
    for m in _BLOCK.finditer(text):
        if m.end() - m.start() > MAX_RUN:
            for cut in range(m.start() + MAX_RUN, m.end(), MAX_RUN):
                yield text[pos:cut]
                pos = cut
    yield text[pos:]


def words_and_spaces(pieces: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` in linear time (it slices ``text[pos:]`` for every word).

    ``pieces`` must concatenate to ``text``; otherwise spaCy's own function is used.
    """
    if "".join(pieces) != text:
        return get_words_and_spaces(pieces, text)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in pieces:
        if word.isspace():
            continue
        start = text.index(word, pos)
        if start > pos:
            words.append(text[pos:start])
            spaces.append(False)
        words.append(word)
        spaces.append(False)
        pos = start + len(word)
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        words.append(text[pos:])
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
        tk = self.jieba
        pieces = [w for chunk in _chunks(text) for w in tk.cut(chunk, HMM=self.hmm) if w]
        if not pieces:
            return Doc(self.vocab, words=[], spaces=[])
        words, spaces = words_and_spaces(pieces, text)
        return Doc(self.vocab, words=words, spaces=spaces)

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
