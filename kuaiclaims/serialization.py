"""Results inside a Doc survive ``Doc.to_bytes``: msgpack hooks for the result types.

spaCy sends Docs between processes (``nlp.pipe(n_process=2)``) and to disk
(``DocBin``, ``Doc.to_bytes``) as msgpack, extension values included. The
hooks registered here write an ``Entity``, ``Quantity``, ``Speaker``,
``Claim`` or ``Metadata`` as a small tagged list of its fields and read it
back; they touch no other type, and no code is ever unpickled.
"""
from __future__ import annotations

import dataclasses

from srsly.msgpack import msgpack_decoders, msgpack_encoders

from .types import Claim, Entity, Metadata, Quantity, Speaker

_TAG = "__kuaiclaims__"
_TYPES = {cls.__name__: cls for cls in (Entity, Quantity, Speaker, Claim, Metadata)}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _TYPES.items()}


def encode(obj, chain=None):
    """msgpack ``default`` hook: our result types as ``{tag: type name, "f": [field values]}``."""
    name = type(obj).__name__
    if name in _TYPES and type(obj) is _TYPES[name]:
        return {_TAG: name, "f": [_plain(getattr(obj, f)) for f in _FIELDS[name]]}
    return obj if chain is None else chain(obj)


def decode(obj, chain=None):
    """msgpack ``object_hook``: rebuild what ``encode`` wrote; anything else passes on."""
    if isinstance(obj, dict) and obj.get(_TAG) in _TYPES and isinstance(obj.get("f"), list):
        name = obj[_TAG]
        fields = _FIELDS[name]
        values = [tuple(v) if isinstance(v, list) else v for v in obj["f"]]
        return _TYPES[name](**dict(zip(fields, values)))
    return obj if chain is None else chain(obj)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def register() -> None:
    """Add the hooks to srsly's registries (idempotent)."""
    msgpack_encoders.register("kuaiclaims", func=encode)
    msgpack_decoders.register("kuaiclaims", func=decode)
