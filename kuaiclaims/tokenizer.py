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
        pieces = [w for w in self.jieba.cut(text, HMM=self.hmm) if w]
        if not pieces:
            return Doc(self.vocab, words=[], spaces=[])
        words, spaces = get_words_and_spaces(pieces, text)
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
