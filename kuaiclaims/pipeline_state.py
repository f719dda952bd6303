"""Shared pipeline state: Doc extensions, the cached entity lexicon, per-Doc layout."""
from __future__ import annotations

import json
import threading
from typing import Optional

from spacy.tokens import Doc

from .lexicons import EntityLexicon, builtin_entries, load_user_entries
from .text import Layout

_EXTENSIONS = ("entities", "quantities", "claims", "metadata", "published")
_lock = threading.Lock()
_lexicons: dict[str, EntityLexicon] = {}


def ensure_extensions() -> None:
    """Register ``doc._.entities``, ``quantities``, ``claims``, ``metadata``, ``published`` once."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _key(extra: object) -> str:
    if extra is None:
        return ""
    if isinstance(extra, str):
        return "path:" + extra
    try:
        return json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str)
    except TypeError:
        return repr(extra)


def get_lexicon(extra: Optional[object] = None) -> EntityLexicon:
    """The built-in lexicon plus the user's entries, built once per distinct ``extra``."""
    key = _key(extra)
    lex = _lexicons.get(key)
    if lex is None:
        with _lock:
            lex = _lexicons.get(key)
            if lex is None:
                lex = EntityLexicon.build(builtin_entries() + load_user_entries(extra))
                _lexicons[key] = lex
    return lex


def layout_of(doc: Doc) -> Layout:
    layout = doc.user_data.get("kuaiclaims.layout")
    if layout is None or layout.text is not doc.text and layout.text != doc.text:
        layout = Layout(doc.text)
        doc.user_data["kuaiclaims.layout"] = layout
    return layout
