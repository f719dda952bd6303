"""``kuaiclaims_claims``: assemble claims from quantities, entities, periods and attribution."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..claims import assemble_claims
from ..lexicons import EntityLexicon
from ..periods import find_periods, parse_date
from ..pipeline_state import drop_state, ensure_extensions, folded_of, get_lexicon, layout_of, text_of


class ClaimAssembler:
    def __init__(self, *, lexicon: EntityLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        published = doc._.published
        if published is None and doc._.metadata is not None and doc._.metadata.published:
            published = doc._.metadata.published
        ftext = folded_of(doc)
        periods = find_periods(ftext, parse_date(published))
        doc._.claims = assemble_claims(
            text, ftext, layout_of(doc), doc.user_data.get("kuaiclaims.roled", []), doc._.entities or [],
            doc.user_data.get("kuaiclaims.frames", []), periods, doc.user_data.get("kuaiclaims.quotes", []),
            self.lexicon, word_at=lambda pos: _word_at(doc, pos))
        # intermediate results are not part of the Doc's public state
        drop_state(doc, "kuaiclaims.roled", "kuaiclaims.frames", "kuaiclaims.quotes")
        return doc


def _word_at(doc: Doc, pos: int):
    """The token of ``doc`` that starts at character ``pos``, as text."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or span.start_char != pos:
        return None
    return span[0].text


@Language.factory(
    "kuaiclaims_claims",
    assigns=["doc._.claims"],
    requires=["doc._.quantities", "doc._.entities"],
    default_config={"extra_entities": None},
)
def make_claim_assembler(nlp: Language, name: str, extra_entities: Optional[object]) -> ClaimAssembler:
    ensure_extensions()
    return ClaimAssembler(lexicon=get_lexicon(extra_entities))
