"""``kuaiclaims_claims``: assemble claims from quantities, entities, periods and attribution."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..claims import assemble_claims
from ..lexicons import EntityLexicon
from ..periods import find_periods, parse_date
from ..pipeline_state import ensure_extensions, get_lexicon, layout_of
from ..text import fold


class ClaimAssembler:
    def __init__(self, *, lexicon: EntityLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        published = doc._.published
        if published is None and doc._.metadata is not None and doc._.metadata.published:
            published = doc._.metadata.published
        ftext = fold(text)
        periods = find_periods(ftext, parse_date(published))
        doc._.claims = assemble_claims(
            text, ftext, layout_of(doc), doc.user_data.get("kuaiclaims.roled", []), doc._.entities or [],
            doc.user_data.get("kuaiclaims.frames", []), periods, doc.user_data.get("kuaiclaims.quotes", []),
            self.lexicon)
        # intermediate results are not part of the Doc's public state
        for key in ("kuaiclaims.layout", "kuaiclaims.roled", "kuaiclaims.frames", "kuaiclaims.quotes"):
            doc.user_data.pop(key, None)
        return doc


@Language.factory(
    "kuaiclaims_claims",
    assigns=["doc._.claims"],
    requires=["doc._.quantities", "doc._.entities"],
    default_config={"extra_entities": None},
)
def make_claim_assembler(nlp: Language, name: str, extra_entities: Optional[object]) -> ClaimAssembler:
    ensure_extensions()
    return ClaimAssembler(lexicon=get_lexicon(extra_entities))
