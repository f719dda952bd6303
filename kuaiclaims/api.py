"""The public functions: ``load``, ``extract_claims``, ``extract_entities``, ``analyze``, ``sample_text``."""
from __future__ import annotations

import datetime as _dt
import threading
from typing import Optional, Union

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .chunking import merge, pieces
from .lexicons import builtin_entries, data_file, load_user_entries, read_lines
from .periods import parse_date
from .pipeline_state import ensure_extensions
from .text import safe_text
from .tokenizer import JiebaTokenizer
from .types import Article, Claim, Entity, Metadata

DateLike = Union[_dt.date, str, None]
PIPELINE = ("kuaiclaims_entities", "kuaiclaims_quantities", "kuaiclaims_attribution", "kuaiclaims_claims")

_default: Optional[Language] = None
_default_lock = threading.Lock()


def load(*, extra_entities: object = None, discover_entities: bool = True, skip_furniture: bool = True) -> Language:
    """Build a kuaiclaims pipeline: ``spacy.blank("zh")`` with a private jieba tokenizer.

    Args:
        extra_entities: your own companies, products and people, as a list of
            dicts (``{"canonical": "…", "label": "COMPANY", "aliases": [...]}``)
            or the path of a JSONL file of such dicts. They are matched like the
            built-in lexicon and kept whole by the tokenizer.
        discover_entities: also tag names no lexicon knows (titles + names,
            organisation suffixes, ``《X》``).
        skip_furniture: ignore figures on navigation and disclaimer lines.

    Returns:
        A ``spacy.Language`` whose Docs carry ``doc._.entities``,
        ``doc._.quantities``, ``doc._.claims`` and ``doc._.metadata``.
    """
    ensure_extensions()
    nlp = spacy.blank("zh")
    words = [n for e in builtin_entries() + load_user_entries(extra_entities) for n in e.names]
    # titles kept whole, so jieba's HMM cannot glue a title's last character to the name after it (官王琳)
    words += [t for f in ("titles.txt", "person_titles.txt") for t in read_lines(f) if len(t) >= 2]
    nlp.tokenizer = JiebaTokenizer(nlp.vocab, words)
    nlp.add_pipe("kuaiclaims_entities", config={"extra_entities": extra_entities, "discover": discover_entities})
    nlp.add_pipe("kuaiclaims_quantities", config={"skip_furniture": skip_furniture})
    nlp.add_pipe("kuaiclaims_attribution", config={"extra_entities": extra_entities})
    nlp.add_pipe("kuaiclaims_claims", config={"extra_entities": extra_entities})
    return nlp


def default_pipeline() -> Language:
    """The pipeline with default options, built once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load()
    return _default


def _check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    got = "None" if text is None else type(text).__name__
    raise TypeError(f"kuaiclaims expects the article text as str, got {got}"
                    + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""))


def _run(text: str, published: DateLike, nlp: Optional[Language]):
    nlp = nlp or default_pipeline()
    date = parse_date(published)
    doc = nlp.make_doc(text)
    doc._.published = date.isoformat() if date else None
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _article(text: str, doc) -> Article:
    return Article(text=text, metadata=doc._.metadata or Metadata(), entities=tuple(doc._.entities or ()),
                   quantities=tuple(doc._.quantities or ()), claims=tuple(doc._.claims or ()))


def analyze(text: str, *, published: DateLike = None, nlp: Optional[Language] = None) -> Article:
    """Everything kuaiclaims finds in one article: metadata, entities, quantities, claims.

    Any ``str`` is accepted: lone surrogates and control characters are read
    as U+FFFD and spaces (offsets and span texts stay those of ``text``), and
    a text longer than the pipeline's ``max_length`` is analysed in pieces cut
    at paragraph boundaries (``chunking``).

    Args:
        text: the article as a ``str``; offsets in the result index into it.
        published: the article's date (``datetime.date`` or ISO string), used
            to resolve ``今年``, ``去年同期``; read from the byline when omitted.
        nlp: a pipeline from ``load()``; the default one when omitted.

    Raises:
        TypeError: ``text`` is not a ``str`` (``None``, ``bytes``, a number …).
    """
    text = _check_text(text)
    if not text.strip():
        return Article(text=text)
    nlp = nlp or default_pipeline()
    safe = safe_text(text)
    segs = pieces(safe, nlp.max_length)
    if len(segs) == 1 and safe is text:
        return _article(text, _run(text, published, nlp))
    parts = []
    for seg in segs:
        art = _article(safe[seg.start:seg.end], _run(safe[seg.start:seg.end], published, nlp))
        if published is None:
            published = art.metadata.published   # the byline of the first piece dates the rest
        parts.append((seg.start, art))
    return merge(text, parts)


def extract_claims(text: str, *, published: DateLike = None, nlp: Optional[Language] = None) -> list[Claim]:
    """Every numeric claim in ``text``, in text order (see ``analyze``)."""
    return list(analyze(text, published=published, nlp=nlp).claims)


def extract_entities(text: str, *, nlp: Optional[Language] = None) -> list[Entity]:
    """Every company, product and person in ``text``, in text order."""
    text = _check_text(text)
    if not text.strip():
        return []
    nlp = nlp or default_pipeline()
    tagger = nlp.get_pipe("kuaiclaims_entities")
    safe = safe_text(text)
    parts = []
    for seg in pieces(safe, nlp.max_length):
        doc = tagger(nlp.make_doc(safe[seg.start:seg.end]))
        parts.append((seg.start, Article(text="", entities=tuple(doc._.entities or ()))))
    if len(parts) == 1 and safe is text:
        return list(parts[0][1].entities)
    return list(merge(text, parts).entities)


def sample_text() -> str:
    """The sample article shipped with the package (the one ``kuaiclaims demo`` reads).

    A made-up company's annual results, written by the team with every kind of
    source in it: something to try the library on before you have articles of
    your own.
    """
    return data_file("sample_article.txt").read_text(encoding="utf-8")
