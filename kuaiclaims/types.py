"""Result types: frozen dataclasses with ``to_dict()`` giving plain JSON types.

All offsets are character offsets into the exact input string:
``text[start:end] == span.text`` holds for every span.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

LABELS = ("COMPANY", "PRODUCT", "PERSON")
SPEAKER_KINDS = ("person", "organization", "anonymous", "document", "author")
SOURCE_TYPES = (
    "earnings_call", "financial_report", "company_statement", "third_party_data",
    "analyst_report", "government", "media_report", "anonymous_source", "expert",
    "market_data", "journalist",
)
QUALIFIERS = ("gt", "ge", "lt", "le", "approx")
QUOTE_KINDS = ("direct", "indirect", "none")


@dataclass(frozen=True)
class Entity:
    """A company, product or person mentioned in the text."""

    text: str
    start: int
    end: int
    label: str
    canonical: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "label": self.label, "canonical": self.canonical}


@dataclass(frozen=True)
class Quantity:
    """A normalised quantity.

    ``value`` and ``upper`` are numbers (``int`` when integral); a range keeps
    its ends in the order written. ``unit`` is an ISO 4217 code, ``%``, ``pp``,
    ``x``, ``ratio``, ``rank``, a time unit, ``point``, ``bp``, ``number``,
    ``count``, a price per unit (``CNY/股``) or a physical unit as written.
    ``counted`` keeps the classifier or counted noun of a count (``家``, ``用户``).
    """

    text: str
    start: int
    end: int
    value: Optional[float]
    upper: Optional[float] = None
    unit: str = "number"
    qualifier: Optional[str] = None
    counted: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "upper": self.upper, "unit": self.unit,
                "qualifier": self.qualifier, "counted": self.counted}


@dataclass(frozen=True)
class Speaker:
    """Who asserts a claim. For the article itself (``kind == "author"``) the
    span fields are ``None``."""

    kind: str = "author"
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    name: Optional[str] = None
    title: Optional[str] = None
    organization: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "name": self.name, "kind": self.kind, "title": self.title,
                "organization": self.organization}


AUTHOR = Speaker()


@dataclass(frozen=True)
class Claim:
    """One numeric claim: a value and/or a change, with what, whose, when and who says so."""

    text: str
    start: int
    end: int
    value: Optional[Quantity]
    change: Optional[Quantity]
    metric: Optional[str]
    subject: Optional[Entity]
    period: Optional[str]
    basis: Optional[str]
    speaker: Speaker
    source_type: str
    cue: Optional[str] = None
    quote: str = "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end,
            "value": self.value.to_dict() if self.value else None,
            "change": self.change.to_dict() if self.change else None,
            "metric": self.metric,
            "subject": self.subject.to_dict() if self.subject else None,
            "period": self.period, "basis": self.basis,
            "speaker": self.speaker.to_dict(), "source_type": self.source_type,
            "cue": self.cue, "quote": self.quote,
        }


@dataclass(frozen=True)
class Metadata:
    """What the article's header and byline say about it (any field may be ``None``)."""

    outlet: Optional[str] = None
    author: Optional[str] = None
    editor: Optional[str] = None
    published: Optional[str] = None  # ISO date, YYYY-MM-DD
    time: Optional[str] = None       # HH:MM[:SS] as written

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "author": self.author, "editor": self.editor,
                "published": self.published, "time": self.time}


@dataclass(frozen=True)
class Article:
    """Everything kuaiclaims found in one text."""

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "metadata": self.metadata.to_dict(),
                "entities": [e.to_dict() for e in self.entities],
                "quantities": [q.to_dict() for q in self.quantities],
                "claims": [c.to_dict() for c in self.claims]}

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the highlighted text and a table of claims (see ``kuaiclaims.render``)."""
        from .render import render  # imported here: results stay light to import and to pickle
        return render(self)
