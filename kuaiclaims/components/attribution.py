"""``kuaiclaims_attribution``: quotes, reporting cues, speakers and their reach; article metadata."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution import build_frames, find_quotes
from ..lexicons import EntityLexicon
from ..metadata import parse_metadata
from ..pipeline_state import ensure_extensions, folded_of, get_lexicon, layout_of, text_of


class Attributor:
    def __init__(self, *, lexicon: EntityLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        layout = layout_of(doc)
        doc._.metadata = parse_metadata(text)
        quotes = find_quotes(text, layout)
        doc.user_data["kuaiclaims.quotes"] = quotes
        doc.user_data["kuaiclaims.frames"] = build_frames(text, folded_of(doc), layout, doc._.entities or [],
                                                          self.lexicon, quotes)
        return doc


@Language.factory(
    "kuaiclaims_attribution",
    assigns=["doc._.metadata"],
    requires=["doc._.entities"],
    default_config={"extra_entities": None},
)
def make_attributor(nlp: Language, name: str, extra_entities: Optional[object]) -> Attributor:
    ensure_extensions()
    return Attributor(lexicon=get_lexicon(extra_entities))
