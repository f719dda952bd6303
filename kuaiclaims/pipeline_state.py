"""Shared pipeline state: Doc extensions, the cached entity lexicon, per-Doc layout."""
from __future__ import annotations

import json
import threading
from typing import Optional

from spacy.tokens import Doc

from .lexicons import EntityLexicon, builtin_entries, load_user_entries
from .text import Layout, fold

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


# Per-Doc working state, dropped by the last component. ``Doc.text`` joins
# every token again on each access, so the text and its folded forms are
# computed once per Doc and shared by the components.
TEXT_KEY = "kuaiclaims.text"
_STATE_KEYS = ("kuaiclaims.text", "kuaiclaims.folded", "kuaiclaims.layout")


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once (the tokenizer stores the input string)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def folded_of(doc: Doc) -> str:
    """``fold(text_of(doc))``, computed once per Doc."""
    ftext = doc.user_data.get("kuaiclaims.folded")
    if ftext is None:
        ftext = fold(text_of(doc))
        doc.user_data["kuaiclaims.folded"] = ftext
    return ftext


def layout_of(doc: Doc) -> Layout:
    layout = doc.user_data.get("kuaiclaims.layout")
    if layout is None:
        layout = Layout(text_of(doc))
        doc.user_data["kuaiclaims.layout"] = layout
    return layout


def drop_state(doc: Doc, *keys: str) -> None:
    """Remove the working state (and ``keys``) from ``doc.user_data``."""
    for key in _STATE_KEYS + keys:
        doc.user_data.pop(key, None)
