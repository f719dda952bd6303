"""Many articles at once: analyze_many / extract_claims_many give what the one-text calls give, in order."""
import datetime as dt
from pathlib import Path

import pytest

import kuaiclaims

CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpora" / "src" / "dev").glob("*.txt"))[:6]
TEXTS = [p.read_text(encoding="utf-8") for p in CORPUS]
PUBLISHED = ["2025-03-27", None, dt.date(2024, 8, 20), "2023-11-02", None, "2025-01-15"]


def _dicts(articles):
    return [a.to_dict() for a in articles]


@pytest.fixture(scope="module")
def one_by_one():
    return [kuaiclaims.analyze(t, published=p).to_dict() for t, p in zip(TEXTS, PUBLISHED)]


def test_corpus_is_there():
    assert len(TEXTS) == 6


@pytest.mark.parametrize("batch_size", [1, 4, 32])
def test_analyze_many_equals_analyze_in_order(one_by_one, batch_size):
    got = _dicts(kuaiclaims.analyze_many(TEXTS, published=PUBLISHED, batch_size=batch_size))
    assert got == one_by_one


def test_two_processes_give_the_same_results_in_order(one_by_one):
    got = _dicts(kuaiclaims.analyze_many(TEXTS * 2, published=PUBLISHED * 2, n_process=2, batch_size=2))
    assert got == one_by_one * 2


def test_extract_claims_many_yields_one_list_per_text():
    got = list(kuaiclaims.extract_claims_many(iter(TEXTS[:3]), published="2025-03-27"))
    want = [kuaiclaims.extract_claims(t, published="2025-03-27") for t in TEXTS[:3]]
    assert got == want


def test_one_date_for_all_texts():
    got = [a.claims for a in kuaiclaims.analyze_many(["去年营收增长10%。", "今年营收增长20%。"], published="2025-06-01")]
    assert got[0][0].period and "2024" in got[0][0].period
    assert got[1][0].period and "2025" in got[1][0].period


def test_generator_is_read_lazily():
    read = []

    def texts():
        for i in range(1000):
            read.append(i)
            yield f"快手第{i}季度收入增长{i % 50 + 1}%。"

    stream = kuaiclaims.extract_claims_many(texts(), batch_size=4)
    next(stream)
    assert len(read) <= 8


def test_empty_and_blank_texts_give_empty_articles():
    got = list(kuaiclaims.analyze_many(["", "  \n", "营收增长10%。"]))
    assert [len(a.claims) for a in got] == [0, 0, 1]
    assert got[1].text == "  \n"


@pytest.mark.parametrize("bad", [None, b"\xe5\xbf\xab", 42])
def test_non_text_raises_type_error(bad):
    with pytest.raises(TypeError):
        list(kuaiclaims.analyze_many(["营收增长10%。", bad]))


@pytest.mark.parametrize("kwargs", [{"batch_size": 0}, {"n_process": 0}, {"n_process": -2}])
def test_bad_settings_raise_value_error(kwargs):
    with pytest.raises(ValueError):
        list(kuaiclaims.analyze_many(["营收增长10%。"], **kwargs))


def test_pipeline_survives_pickling(nlp):
    import pickle
    clone = pickle.loads(pickle.dumps(nlp))
    text = TEXTS[0]
    assert kuaiclaims.analyze(text, nlp=clone).to_dict() == kuaiclaims.analyze(text, nlp=nlp).to_dict()
