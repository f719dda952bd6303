"""Claims as flat rows: flatten_claim and to_frame (pandas)."""
import math
import sys

import pytest

import kuaiclaims
from kuaiclaims.frame import COLUMNS, flatten_claim

pd = pytest.importorskip("pandas")

ONE = "财报显示，网易一季度营收288亿元，同比增长7%。"
TWO = "据彭博社报道，该基金规模达50亿美元。"


@pytest.fixture(scope="module")
def articles():
    return {"one.txt": kuaiclaims.analyze(ONE, published="2025-05-20"), "two.txt": kuaiclaims.analyze(TWO)}


@pytest.mark.parametrize("column, expected", [
    ("source", None),
    ("value", 28800000000), ("upper", None), ("unit", "CNY"), ("qualifier", None),
    ("change", 7), ("change_upper", None), ("change_unit", "%"), ("basis", "yoy"),
    ("metric", "营收"), ("subject", "网易"), ("period", "2025年一季度"),
    ("speaker", "网易"), ("speaker_kind", "document"), ("speaker_title", None),
    ("source_type", "financial_report"), ("cue", "财报显示"), ("quote", "indirect"),
    ("value_text", "288亿元"), ("change_text", "7%"), ("text", "网易一季度营收288亿元，同比增长7%"),
    ("start", 5), ("end", 24), ("value_start", 12), ("value_end", 17), ("change_start", 22), ("change_end", 24),
])
def test_flatten_claim_columns(articles, column, expected):
    row = flatten_claim(articles["one.txt"].claims[0])
    assert row[column] == expected


def test_flatten_claim_keys_are_the_columns_in_order(articles):
    row = flatten_claim(articles["one.txt"].claims[0], source="x")
    assert tuple(row) == COLUMNS and row["source"] == "x"


@pytest.mark.parametrize("make, sources", [
    (lambda a: a["one.txt"], [None]),
    (lambda a: list(a["one.txt"].claims), [None]),
    (lambda a: [a["one.txt"], a["two.txt"]], [0, 1]),
    (lambda a: [list(a["one.txt"].claims), list(a["two.txt"].claims)], [0, 1]),
    (lambda a: a, ["one.txt", "two.txt"]),
], ids=["article", "claims", "articles", "claim-lists", "dict"])
def test_to_frame_shapes(articles, make, sources):
    frame = kuaiclaims.to_frame(make(articles))
    assert list(frame.columns) == list(COLUMNS)
    got = [None if (isinstance(s, float) and math.isnan(s)) else s for s in frame["source"]]
    assert got == sources


def test_to_frame_source_overrides(articles):
    assert list(kuaiclaims.to_frame(articles["one.txt"], source="a").source) == ["a"]


def test_to_frame_dtypes_do_not_depend_on_the_rows(articles):
    full = kuaiclaims.to_frame(articles)
    empty = kuaiclaims.to_frame([])
    assert len(empty) == 0 and list(empty.columns) == list(COLUMNS)
    for col in ("value", "upper", "change", "change_upper", "start", "value_start", "change_end"):
        assert full[col].dtype == empty[col].dtype, col
    assert str(full["change_start"].dtype) == "Int64" and full["change_start"].isna().tolist() == [False, True]
    assert full["value"].tolist() == [28800000000.0, 5000000000.0]


def test_to_frame_rows_agree_with_flatten_claim(articles):
    frame = kuaiclaims.to_frame(articles)
    for (_, row), (name, art) in zip(frame.iterrows(), articles.items()):
        flat = flatten_claim(art.claims[0], source=name)
        for col in ("source", "unit", "metric", "speaker", "source_type", "text"):
            assert row[col] == flat[col]


@pytest.mark.parametrize("bad", ["网易营收288亿元", 42], ids=["text", "number"])
def test_to_frame_rejects_text_and_other_types(bad):
    with pytest.raises(TypeError, match="to_frame expects"):
        kuaiclaims.to_frame(bad)


def test_to_frame_without_pandas_says_how_to_install(monkeypatch, articles):
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(ImportError, match=r'pip install "kuaiclaims\[notebook\]"'):
        kuaiclaims.to_frame(articles["one.txt"])
