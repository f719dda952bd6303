"""``kuaiclaims_quantities``: find and normalise quantities, and mark changes."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..claims import assign_roles
from ..numbers import find_quantities
from ..pipeline_state import ensure_extensions, folded_of, layout_of, text_of
from ..text import furniture_spans


class QuantityFinder:
    def __init__(self, *, skip_furniture: bool = True):
        self.skip_furniture = skip_furniture

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        exclude = [(e.start, e.end) for e in (doc._.entities or [])]
        if self.skip_furniture:
            exclude += furniture_spans(text)
        mentions = find_quantities(text, exclude=exclude, ftext=folded_of(doc))
        roled = assign_roles(folded_of(doc), layout_of(doc), mentions)
        doc.user_data["kuaiclaims.roled"] = roled
        doc._.quantities = [r.quantity for r in roled]
        doc.spans["kuaiclaims_quantities"] = [
            sp for sp in (doc.char_span(r.quantity.start, r.quantity.end, label=r.info.role,
                                        alignment_mode="expand") for r in roled) if sp is not None]
        return doc


@Language.factory(
    "kuaiclaims_quantities",
    assigns=["doc._.quantities", "doc.spans"],
    requires=["doc._.entities"],
    default_config={"skip_furniture": True},
)
def make_quantity_finder(nlp: Language, name: str, skip_furniture: bool) -> QuantityFinder:
    ensure_extensions()
    return QuantityFinder(skip_furniture=skip_furniture)
