"""kuaiclaims: numeric claims in Chinese financial news, with who says them.

>>> import kuaiclaims
>>> claims = kuaiclaims.extract_claims("财报显示，快手全年总收入同比增长11.8%至人民币1269亿元。")
"""
import logging

from .api import analyze, default_pipeline, extract_claims, extract_entities, load, sample_text
from .batch import analyze_many, extract_claims_many
from .evaluate import evaluate
from .frame import flatten_claim, to_frame
from .numbers import find_quantities, parse_number, parse_quantity
from .render import render
from .types import Article, Claim, Entity, Metadata, Quantity, Speaker

logging.getLogger("kuaiclaims").addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Article", "Claim", "Entity", "Metadata", "Quantity", "Speaker",
    "analyze", "analyze_many", "default_pipeline", "evaluate", "extract_claims", "extract_claims_many",
    "extract_entities", "find_quantities", "flatten_claim", "load", "parse_number", "parse_quantity", "render",
    "sample_text", "to_frame",
]
