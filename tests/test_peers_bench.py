"""bench/peers.py: the scoring of kuaiclaims against offline peers, on a hand-made article."""
import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "bench" / "peers.py"
_spec = importlib.util.spec_from_file_location("peers_bench", _PATH)
peers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(peers)

TEXT = "营收1269亿元，同比增长11.8%，毛利率提升2个百分点，市值上涨3亿至2447亿港元，过去三年。"


def at(s, value, unit, upper=None, **extra):
    start = TEXT.index(s)
    return {"start": start, "end": start + len(s), "text": s, "value": value, "upper": upper, "unit": unit,
            "qualifier": None, **extra}


def gold(s, value, unit, upper=None, optional=False, alt_units=()):
    return at(s, value, unit, upper, role="value", optional=optional, alt={"unit": list(alt_units)})


ROW = {"id": "a", "text": TEXT, "quantities": [
    gold("1269亿元", 126900000000, "CNY"),
    gold("11.8%", 11.8, "%"),
    gold("2个百分点", 2, "pp"),
    gold("3亿", 300000000, "HKD"),
    gold("2447亿港元", 244700000000, "HKD"),
    gold("三年", 3, "year", optional=True),
]}


def test_unit_classes():
    assert [peers.unit_class(u) for u in ("CNY", "CNY/股", "USD/盎司", "%", "pp", "count", "GWh", None)] == \
        ["money", "money", "money", "percent", None, None, None, None]


def test_a_peer_on_the_hand_made_article():
    preds = [at("1269亿元", 126900000000.0, "CNY"), at("11.8%", 11.8, "%"),
             at("2个百分点", 2.0, "%"),          # 百分点 read as percent: a false positive
             at("2447亿港元", 2447.0, "HKD")]     # found, value wrong; 3亿 (no currency word) missed
    money, money_out = peers.score_article(ROW, preds, "money")
    assert money == {"tp": 2, "fp": 0, "fn": 1, "value": 1}
    assert {m[0] for m in money_out} == {"MISSED", "VALUE"}
    percent, percent_out = peers.score_article(ROW, preds, "percent")
    assert percent == {"tp": 1, "fp": 1, "fn": 0, "value": 1}
    assert percent_out[0][0] == "EXTRA" and "pp" in percent_out[0][2]
    fixed = peers.points_as_pp({"a": preds})["a"]
    assert peers.score_article(ROW, fixed, "percent")[0] == {"tp": 1, "fp": 0, "fn": 0, "value": 1}


def test_figures():
    f = peers.figures({"tp": 2, "fp": 0, "fn": 1, "value": 1})
    assert (f["gold"], round(f["P"], 3), round(f["R"], 3), round(f["F1"], 3), f["value"]) == (3, 1.0, 0.667, 0.8, 0.5)


def test_values_compare_magnitudes_ends_and_currency():
    g = {"value": -8.38, "upper": -12, "unit": "%", "alt": {"unit": []}}
    assert peers.same_value({"value": 12, "upper": 8.38, "unit": "%"}, g)      # either order, sign ignored
    assert not peers.same_value({"value": 8.38, "upper": None, "unit": "%"}, g)  # one end only
    share = {"value": 21.98, "upper": None, "unit": "CNY/股", "alt": {"unit": ["CNY"]}}
    assert peers.same_value({"value": 21.98, "upper": None, "unit": "CNY"}, share)
    assert not peers.same_value({"value": 21.98, "upper": None, "unit": "HKD"}, share)


def test_optional_and_alt_unit_rows_excuse_a_prediction():
    golds = [gold("三年", 3, "year", optional=True), gold("3亿", 3e8, "count", alt_units=["HKD"])]
    assert peers.excused(at("三年", 3, "CNY"), golds, "money")
    assert peers.excused(at("3亿", 3e8, "HKD"), golds, "money")
    assert not peers.excused(at("3亿", 3e8, "%"), golds, "percent")


def test_range_ends_are_joined_but_not_a_move_in_points():
    text = "增长8%-12%，提升5.2个百分点至31.5%"

    def s(sub, v):
        i = text.index(sub)
        return peers.span(text, i, i + len(sub), v, "%")
    joined = peers.join_ranges([s("8%", 8), s("12%", 12), s("5.2个百分点", 5.2), s("31.5%", 31.5)], text)
    assert [(j["text"], j["value"], j["upper"]) for j in joined] == \
        [("8%-12%", 8, 12), ("5.2个百分点", 5.2, None), ("31.5%", 31.5, None)]


def test_kuaiclaims_layers():
    row = {"id": "k", "text": "财报显示，快手全年总收入同比增长11.8%至人民币1269亿元。", "published": "2025-03-27"}
    layers = peers.kuaiclaims_spans([row])
    for layer in ("quantities", "claims"):
        assert {(q["text"], q["unit"]) for q in layers[layer]["k"]} == {("11.8%", "%"), ("人民币1269亿元", "CNY")}


def test_jionlp_adapter():
    pytest.importorskip("jionlp")
    [m] = peers.jionlp_spans("累计营业收入超1亿元。")
    assert (m["text"], m["value"], m["unit"], m["qualifier"]) == ("超1亿元", 1e8, "CNY", "gt")


def test_recognizers_adapter():
    pytest.importorskip("recognizers_number_with_unit")
    text = "收入增长11.8%至30万美元"
    assert [(s["text"], s["value"], s["unit"]) for s in peers.recognizers_spans(text)] == \
        [("11.8%", 11.8, "%"), ("30万美元", 300000.0, "USD")]
