"""``kuaiclaims_entities``: tag companies, products and people."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import EntityLexicon
from ..names import Segmentation, find_entities
from ..pipeline_state import ensure_extensions, folded_of, get_lexicon, text_of
from ..tokenizer import PIECES_KEY, UNKNOWN_KEY


class EntityTagger:
    def __init__(self, *, lexicon: EntityLexicon, discover: bool = True, tokenizer: object = None):
        self.lexicon = lexicon
        self.discover = discover
        # the private jieba dictionary, when the pipeline's tokenizer is ours
        self._tokenizer = tokenizer if hasattr(tokenizer, "freq") else None

    def __call__(self, doc: Doc) -> Doc:
        pieces = doc.user_data.pop(PIECES_KEY, None)
        unknown = doc.user_data.pop(UNKNOWN_KEY, None)
        seg = None
        if pieces is not None and self._tokenizer is not None:
            seg = Segmentation(pieces, self._tokenizer.freq, unknown)
        ents = find_entities(text_of(doc), self.lexicon, discover=self.discover, ftext=folded_of(doc), seg=seg)
        doc._.entities = ents
        doc.spans["kuaiclaims_entities"] = [
            sp for sp in (doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand") for e in ents)
            if sp is not None]
        return doc


@Language.factory(
    "kuaiclaims_entities",
    assigns=["doc._.entities", "doc.spans"],
    default_config={"extra_entities": None, "discover": True},
)
def make_entity_tagger(nlp: Language, name: str, extra_entities: Optional[object], discover: bool) -> EntityTagger:
    ensure_extensions()
    return EntityTagger(lexicon=get_lexicon(extra_entities), discover=discover, tokenizer=nlp.tokenizer)
