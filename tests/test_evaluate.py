"""kuaiclaims.evaluate agrees with the team's scorer, and holds the test-split floor."""
import sys
from pathlib import Path

import pytest

import kuaiclaims

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("F1", "norm", "qualifier", "speaker", "source", "subject", "metric", "ent_F1")


@pytest.mark.parametrize("gold", ["seed", "test"])
def test_evaluate_matches_shared_scorer(gold, shared_dir):
    sys.path.insert(0, str(shared_dir / "tools"))
    import score

    path = shared_dir / "seeds" / "kuaishou-kling-2025.gold.jsonl" if gold == "seed" else ROOT / "corpora" / "test.jsonl"
    theirs, _ = score.score(score.load_rows(str(path), "."), kuaiclaims)
    ours = kuaiclaims.evaluate(str(path)).figures
    for k in KEYS:
        assert ours[k] == pytest.approx(theirs[k]), k


def test_test_split_floor():
    figs = kuaiclaims.evaluate(str(ROOT / "corpora" / "test.jsonl")).figures
    # floors a little below what the library reaches (docs/benchmarks.md); a regression fails CI
    assert figs["F1"] >= 0.92 and figs["norm"] >= 0.96 and figs["qualifier"] >= 0.93
    assert figs["speaker"] >= 0.58 and figs["source"] >= 0.75
    assert figs["subject"] >= 0.34 and figs["metric"] >= 0.66
