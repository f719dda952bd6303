"""Claims as flat rows: one row per claim, the same columns everywhere.

``flatten_claim`` is the single definition of a claim's flat form. The CSV
output of ``kuaiclaims extract``, the claims table of ``render`` and
``to_frame`` all use it, so the three cannot drift apart. pandas is needed
only by ``to_frame`` and is imported when it is called (install it with
``pip install "kuaiclaims[notebook]"``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional

from .types import Article, Claim

#: The columns of a flattened claim, in order. Offsets are character offsets
#: into the article text; ``value_*`` and ``change_*`` are empty when the
#: claim has no value or no change.
COLUMNS = (
    "source",
    "value", "upper", "unit", "qualifier",
    "change", "change_upper", "change_unit", "basis",
    "metric", "subject", "period",
    "speaker", "speaker_kind", "speaker_title", "source_type", "cue", "quote",
    "value_text", "change_text", "text",
    "start", "end", "value_start", "value_end", "change_start", "change_end",
)

#: Offset columns: whole numbers, or missing.
OFFSET_COLUMNS = ("start", "end", "value_start", "value_end", "change_start", "change_end")
#: Number columns: floats (``NaN`` when missing), whatever the rows hold.
NUMBER_COLUMNS = ("value", "upper", "change", "change_upper")


def flatten_claim(claim: Claim, source: Any = None) -> dict[str, Any]:
    """One claim as a flat dict with the keys of ``COLUMNS``, in that order.

    Args:
        claim: a ``Claim`` from ``extract_claims`` or ``analyze``.
        source: where the claim comes from (a file name, an article id, a
            position); stored as is in the ``source`` column.

    Returns:
        Plain values only (numbers, strings, ``None``): ``subject`` is the
        subject's canonical name, ``speaker`` the speaker's canonical name
        (``None`` for the author and for unnamed sources).
    """
    v, ch, sp = claim.value, claim.change, claim.speaker
    return {
        "source": source,
        "value": v.value if v else None,
        "upper": v.upper if v else None,
        "unit": v.unit if v else None,
        "qualifier": v.qualifier if v else None,
        "change": ch.value if ch else None,
        "change_upper": ch.upper if ch else None,
        "change_unit": ch.unit if ch else None,
        "basis": claim.basis,
        "metric": claim.metric,
        "subject": claim.subject.canonical if claim.subject else None,
        "period": claim.period,
        "speaker": sp.name,
        "speaker_kind": sp.kind,
        "speaker_title": sp.title,
        "source_type": claim.source_type,
        "cue": claim.cue,
        "quote": claim.quote,
        "value_text": v.text if v else None,
        "change_text": ch.text if ch else None,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "value_start": v.start if v else None,
        "value_end": v.end if v else None,
        "change_start": ch.start if ch else None,
        "change_end": ch.end if ch else None,
    }


def iter_claims(claims_or_articles: Any) -> Iterable[tuple[Any, Claim]]:
    """``(source, claim)`` pairs from the shapes ``to_frame`` accepts.

    An ``Article`` or a list of claims gives ``source`` ``None``; a list of
    articles (or of claim lists) gives each its position; a mapping gives each
    its key, so ``{path: analyze(text)}`` keeps the file names.
    """
    if isinstance(claims_or_articles, Claim):
        yield None, claims_or_articles
        return
    if isinstance(claims_or_articles, Article):
        for c in claims_or_articles.claims:
            yield None, c
        return
    keyed = isinstance(claims_or_articles, Mapping)
    if keyed:
        items: Iterable[tuple[Any, Any]] = claims_or_articles.items()
    elif isinstance(claims_or_articles, (str, bytes)) or not isinstance(claims_or_articles, Iterable):
        raise TypeError("to_frame expects an Article, claims, or a list or dict of them, got "
                        f"{type(claims_or_articles).__name__} (run kuaiclaims.analyze on the text first)")
    else:
        items = enumerate(claims_or_articles)
    for key, item in items:
        if isinstance(item, Claim):
            # A flat list of claims is one article's claims: no position to report.
            yield (key if keyed else None), item
        else:
            for _, c in iter_claims(item):
                yield key, c


def _pandas():
    try:
        import pandas
    except ImportError as exc:
        raise ImportError('kuaiclaims.to_frame needs pandas: pip install "kuaiclaims[notebook]"') from exc
    return pandas


def to_frame(claims_or_articles: Any, *, source: Optional[str] = None):
    """A pandas DataFrame with one row per claim and the flat columns of ``COLUMNS``.

    Args:
        claims_or_articles: an ``Article``; a list of claims; a list of
            articles (``source`` is each article's position); or a dict of
            articles or claim lists (``source`` is the key, e.g. a file name).
        source: a value for the ``source`` column of every row, overriding
            the positions or keys (handy for one article).

    Returns:
        A ``pandas.DataFrame`` with the columns of ``COLUMNS`` (also when there
        are no claims), with the same dtypes whatever the rows, so frames
        concatenate cleanly: numbers are floats, offsets nullable integers
        (``Int64``).

    Raises:
        ImportError: pandas is not installed (``pip install "kuaiclaims[notebook]"``).
    """
    pd = _pandas()
    rows = [flatten_claim(c, source if source is not None else key) for key, c in iter_claims(claims_or_articles)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    dtypes = {**{col: "float64" for col in NUMBER_COLUMNS}, **{col: "Int64" for col in OFFSET_COLUMNS}}
    return frame.astype(dtypes)
