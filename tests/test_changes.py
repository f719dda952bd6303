"""Changes: direction, sign, basis, and pairing with the value they lead to."""
import pytest

import kuaiclaims


def _claims(text):
    return kuaiclaims.extract_claims(text, published="2025-06-30")


@pytest.mark.parametrize("text,change,basis", [
    ("美团二季度营收同比增长9.6%。", 9.6, "yoy"),
    ("比亚迪当月销量环比下降5.2%。", -5.2, "qoq"),
    ("该公司净利润同比减少了12%。", -12, "yoy"),
    ("海外业务经营亏损同比收窄31.5%。", -31.5, "yoy"),
    ("恒生指数跌2.1%。", -2.1, None),
    ("小米股价涨幅为3.4%。", 3.4, None),
    ("理想汽车毛利率同比提升1.2个百分点。", 1.2, "yoy"),
], ids=lambda x: str(x))
def test_change_sign_and_basis(text, change, basis):
    claims = [c for c in _claims(text) if c.change is not None]
    assert len(claims) == 1
    assert claims[0].change.value == change
    assert claims[0].basis == basis


def test_change_pairs_with_value_after_zhi():
    (c,) = _claims("腾讯全年营收同比增长8.4%至人民币6603亿元。")
    assert c.change.value == 8.4 and c.value.value == 660300000000 and c.value.unit == "CNY"
    assert c.metric == "营收" and c.subject.canonical == "腾讯"


def test_change_in_next_clause_pairs_with_value():
    (c,) = _claims("百度当季净利润人民币52亿元，同比增长21%。")
    assert c.value.value == 5200000000 and c.change.value == 21


def test_level_reached_is_a_value():
    claims = _claims("高盛将蔚来目标价从50美元下调至42美元。")
    values = sorted(c.value.value for c in claims if c.value)
    assert values == [42, 50]
    assert all(c.change is None for c in claims)


def test_change_carries_the_currency_of_its_value():
    (c,) = _claims("收盘时，美团总市值较前一日上涨56亿至8120亿港元。")
    assert c.change.unit == "HKD" and c.change.value == 5600000000


def test_base_figure_before_a_change_verb_stays_a_value():
    claims = _claims("京东季度活跃用户环比上季度的5.2亿减少了300万。")
    roles = [(c.value.text if c.value else None, c.change.text if c.change else None) for c in claims]
    assert ("5.2亿", None) in roles
    assert any(ch == "300万" for _, ch in roles)


@pytest.mark.parametrize("text,changes", [
    ("英镑、欧元和日元分别升值4.4%、5.7%和3.6%。", [4.4, 5.7, 3.6]),
    ("两家公司净利润分别下降12%和8.5%。", [-12, -8.5]),
    ("道指日泻1175点。", [-1175]),
], ids=lambda x: str(x))
def test_the_later_items_of_a_list_after_one_change_verb_are_changes(text, changes):
    assert [c.change.value for c in _claims(text) if c.change is not None] == changes


def test_a_list_of_values_after_a_copula_stays_values():
    claims = _claims("两款车型售价分别为19.99万元、23.99万元。")
    assert [c.change for c in claims] == [None, None]


@pytest.mark.parametrize("text,change", [
    ("最高直降幅度达1830元。", -1830),
    ("比苹果官方价格低了500元。", -500),
    ("白色款小幅溢价200元。", 200),
], ids=lambda x: str(x))
def test_price_cuts_premiums_and_differences_are_changes(text, change):
    assert [c.change.value for c in _claims(text) if c.change is not None] == [change]


@pytest.mark.parametrize("text,change,metric", [
    ("每年在使用环节减少碳排放1500万吨左右。", -15000000, "碳排放"),
    ("公司通过技改降低成本20%。", -20, "成本"),
], ids=lambda x: str(x))
def test_a_transitive_change_verb_and_its_object(text, change, metric):
    claims = [c for c in _claims(text) if c.change is not None]
    assert [(c.change.value, c.metric) for c in claims] == [(change, metric)]


def test_a_saving_is_an_amount_not_a_change():
    claims = _claims("按意向采购量计算，预计节约109亿元。")
    assert [(c.value.value if c.value else None, c.change) for c in claims] == [(10900000000, None)]
