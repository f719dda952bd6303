"""The real-article gold split: annotations here, texts in ../shared (skipped when absent)."""
import hashlib
import json
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "corpora" / "tools"
sys.path.insert(0, str(TOOLS))
import build  # noqa: E402
from validate import validate_rows  # noqa: E402

pytestmark = pytest.mark.skipif(not build.REAL_NEWS.exists(), reason="../shared/data/news is not here")


@pytest.fixture(scope="module", params=build.REAL_SPLITS)
def split(request):
    return request.param


@pytest.fixture(scope="module")
def rows(split):
    return build.build_real(split=split)


def test_real_split_builds_and_validates(rows, split):
    assert len(rows) == len(list((build.ROOT / "src" / split).glob("*.ann.json")))
    assert validate_rows(rows) == []


def test_real_split_anchors_point_into_the_shared_texts(rows):
    texts = {}
    with build.REAL_NEWS.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    for r in rows:
        text = texts[r["id"]]
        assert r["text_sha256"] == hashlib.sha256(text.encode()).hexdigest()
        for q in r["quantities"]:
            assert text[q["start"]:q["end"]] == q["text"]


def test_real_split_annotations_hold_no_article_text(split):
    # only anchors (short strings) and labels: the articles stay in ../shared
    for path in (build.ROOT / "src" / split).glob("*.ann.json"):
        ann = json.loads(path.read_text(encoding="utf-8"))
        assert "text" not in ann
        # (an anchor may run long to tell a repeated paragraph's two copies apart)
        assert all(len(q["anchor"]) <= 150 for q in ann["quantities"]), path.name
        text_len = sum(len(q["anchor"]) for q in ann["quantities"])
        assert text_len < 40 * max(1, len(ann["quantities"])), path.name
