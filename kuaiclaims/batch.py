"""Many articles at once: ``analyze_many`` and ``extract_claims_many``.

One process streams the texts through ``nlp.pipe``. Several processes each
load the pipeline once and run ``nlp.pipe`` over chunks of ``batch_size``
texts; the parent keeps a bounded window of chunks in flight, so an endless
generator of texts is read lazily and results come back in input order.

Workers send back the results (frozen dataclasses), not Docs: a Doc would be
serialised and parsed again, and the text is already in the parent.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from typing import Iterable, Iterator, Optional, Sequence

from spacy.language import Language

from .periods import parse_date
from .types import Article, Claim, Metadata

DEFAULT_BATCH_SIZE = 32


def analyze_many(texts: Iterable[str], *, published: object = None, n_process: int = 1,
                 batch_size: int = DEFAULT_BATCH_SIZE, nlp: Optional[Language] = None) -> Iterator[Article]:
    """``analyze`` over many texts, streamed in input order.

    Args:
        texts: any iterable of ``str`` (read lazily; a generator is fine).
        published: one date for every text (``datetime.date`` or ISO
            string), or a list/tuple with one date (or ``None``) per text.
        n_process: worker processes; ``1`` runs in this process, ``-1``
            uses every core.
        batch_size: texts per ``nlp.pipe`` batch and per worker task.
        nlp: a pipeline from ``kuaiclaims.load()``; the default one when omitted.

    Yields:
        One ``Article`` per input text. A text that is not a ``str`` raises
        ``TypeError`` as ``analyze`` does; an empty text gives an empty Article.
    """
    from .api import _check_text, default_pipeline

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if n_process == -1:
        n_process = mp.cpu_count()
    if n_process < 1:
        raise ValueError(f"n_process must be a positive number or -1, got {n_process}")
    nlp = nlp or default_pipeline()
    pairs = ((_check_text(t), p) for t, p in zip(texts, _dates_for(published)))
    if n_process == 1:
        yield from _analyze_batches(nlp, pairs, batch_size)
    else:
        yield from _analyze_in_processes(nlp, pairs, n_process, batch_size)


def extract_claims_many(texts: Iterable[str], *, published: object = None, n_process: int = 1,
                        batch_size: int = DEFAULT_BATCH_SIZE, nlp: Optional[Language] = None) -> Iterator[list[Claim]]:
    """``extract_claims`` over many texts: one list of claims per text, in input order (see ``analyze_many``)."""
    for article in analyze_many(texts, published=published, n_process=n_process, batch_size=batch_size, nlp=nlp):
        yield list(article.claims)


def _dates_for(published: object) -> Iterator[Optional[str]]:
    if isinstance(published, (list, tuple)):
        # one per text; texts beyond the list get none
        return itertools.chain((_iso(p) for p in published), itertools.repeat(None))
    return itertools.repeat(_iso(published))


def _iso(value: object) -> Optional[str]:
    date = parse_date(value)
    return date.isoformat() if date else None


def _analyze_batches(nlp: Language, pairs: Iterable[tuple[str, Optional[str]]], batch_size: int) -> Iterator[Article]:
    for batch in _chunks(pairs, batch_size):
        docs = []
        for text, published in batch:
            if text.strip():
                doc = nlp.make_doc(text)
                doc._.published = published
                docs.append(doc)
        processed = iter(nlp.pipe(docs, batch_size=batch_size))
        for text, _ in batch:
            yield _article(text, next(processed)) if text.strip() else Article(text=text)


def _article(text: str, doc) -> Article:
    return Article(text=text, metadata=doc._.metadata or Metadata(), entities=tuple(doc._.entities or ()),
                   quantities=tuple(doc._.quantities or ()), claims=tuple(doc._.claims or ()))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


# --- worker processes -------------------------------------------------------

_worker_nlp: Optional[Language] = None


def _init_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _work(batch: Sequence[tuple[str, Optional[str]]]) -> list[tuple]:
    # The text stays in the parent: only the findings travel back.
    assert _worker_nlp is not None
    out = []
    for a in _analyze_batches(_worker_nlp, batch, len(batch) or 1):
        out.append((a.metadata, a.entities, a.quantities, a.claims))
    return out


def _analyze_in_processes(nlp: Language, pairs: Iterable[tuple[str, Optional[str]]], n_process: int,
                          batch_size: int) -> Iterator[Article]:
    # fork shares the loaded pipeline with the workers; elsewhere (spawn) it is pickled once per worker
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    window: deque = deque()
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(nlp,)) as pool:
        chunks = _chunks(pairs, batch_size)
        for chunk in chunks:
            window.append((chunk, pool.apply_async(_work, (chunk,))))
            if len(window) >= 2 * n_process:
                yield from _collect(window.popleft())
        while window:
            yield from _collect(window.popleft())


def _collect(item) -> Iterator[Article]:
    chunk, result = item
    for (text, _), (metadata, entities, quantities, claims) in zip(chunk, result.get()):
        yield Article(text=text, metadata=metadata, entities=entities, quantities=quantities, claims=claims)
