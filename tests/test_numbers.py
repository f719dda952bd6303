"""Numerals, units, qualifiers: pure functions, no pipeline."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuaiclaims import find_quantities, parse_number, parse_quantity


@pytest.mark.parametrize("text,expected", [
    ("1269亿", Decimal("126900000000")),
    ("4.075亿", Decimal("407500000")),
    ("两千万", Decimal("20000000")),
    ("一千二百六十九亿", Decimal("126900000000")),
    ("1,234.5万", Decimal("12345000")),
    ("３８．６", Decimal("38.6")),
    ("十一点八", Decimal("11.8")),
    ("千万", Decimal("10000000")),
    ("2.05万亿", Decimal("2050000000000")),
    ("三亿零五百万", Decimal("305000000")),
    ("一百零八", Decimal("108")),
    ("十七", Decimal("17")),
    ("贰佰", Decimal("200")),
], ids=lambda x: str(x))
def test_parse_number_values(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "元", "abc", "快手"])
def test_parse_number_rejects_non_numerals(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_parse_number_rejects_non_strings():
    with pytest.raises(TypeError):
        parse_number(12)


@pytest.mark.parametrize("text,value,upper,unit,qualifier", [
    ("人民币356亿元", 35600000000, None, "CNY", None),
    ("45万美元", 450000, None, "USD", None),
    ("12.4港元", 12.4, None, "HKD", None),
    ("3.2亿欧元", 320000000, None, "EUR", None),
    ("逾8000万元", 80000000, None, "CNY", "gt"),
    ("突破2亿", 200000000, None, "count", "gt"),
    ("至少30家", 30, None, "count", "ge"),
    ("90分钟以上", 90, None, "minute", "ge"),
    ("18至45周岁", 18, 45, "year", None),          # an age in years, not 45 weeks
    ("不足5%", 5, None, "%", "lt"),
    ("低于200元", 200, None, "CNY", "lt"),
    ("3万元以下", 30000, None, "CNY", "le"),
    ("不超过15%", 15, None, "%", "le"),
    ("约6.5%", 6.5, None, "%", "approx"),
    ("40%左右", 40, None, "%", "approx"),
    ("接近300亿元", 30000000000, None, "CNY", "approx"),
    ("百分之二十五", 25, None, "%", None),
    ("0.5个-1个百分点", 0.5, 1, "pp", None),
    ("2个百分点", 2, None, "pp", None),
    ("5秒至10秒", 5, 10, "second", None),
    ("15%-20%", 15, 20, "%", None),
    ("30-50万元", 300000, 500000, "CNY", None),
    ("8.8-9.6港元", 8.8, 9.6, "HKD", None),
    ("百万元", 1000000, None, "CNY", None),
    ("三千万", 30000000, None, "count", None),
    ("1200万用户", 12000000, None, "count", None),
    ("数百家", 100, None, "count", "gt"),
    ("上万名", 10000, None, "count", "gt"),
    ("30多家", 30, None, "count", "gt"),
    ("第三", 3, None, "rank", None),
    ("前五名", 5, None, "rank", "le"),
    ("TOP10", 10, None, "rank", "le") if False else ("前10位", 10, None, "rank", "le"),
    ("四分之三", 0.75, None, "ratio", None),
    ("半数", 0.5, None, "ratio", None),
    ("七成", 70, None, "%", None),
    ("近四成", 40, None, "%", "approx"),
    ("1.5万吨", 15000, None, "吨", None),
    ("80万平方米", 800000, None, "平方米", None),
    ("35GWh", 35, None, "GWh", None),
    ("5倍", 5, None, "x", None),
    ("市盈率15倍", 15, None, "x", None),
    ("收于3100.25点", 3100.25, None, "point", None),
    ("下跌21.6点", 21.6, None, "point", None),
    ("降息25个基点", 25, None, "bp", None),
    ("2350美元/盎司", 2350, None, "USD/盎司", None),
    ("每股派息1.2元/股", 1.2, None, "CNY/股", None),
    ("78美元/桶", 78, None, "USD/桶", None),
    ("离岸人民币汇率升破7.10", 7.1, None, "number", None),
    ("３．５％", 3.5, None, "%", None),
    ("1,234.5万元", 12345000, None, "CNY", None),
], ids=lambda x: str(x))
def test_parse_quantity_normalises(text, value, upper, unit, qualifier):
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.upper, q.unit, q.qualifier) == (value, upper, unit, qualifier)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", [
    "2025年", "四季度", "第二季度", "3月25日", "14:00:57", "2024-11-05", "1.6版本", "Veo 2", "GPT-4o",
    "Mate 70", "H20芯片", "5G网络", "(600519)", "0700.HK", "电话010-12345678", "下午3点", "一位分析师",
    "两款产品", "百度", "万科", "90后", "Q3",
    # a year written with two digits, before a month, a quarter or its end
    "22年11月", "23年一季度", "24年底", "21年上半年",
    # a tenor: part of an instrument's name
    "10年期国债", "5年期以上LPR", "7天期逆回购", "3个月期Shibor", "三十年期特别国债",
    # a quote box a portal puts after a listed name: price, change, change in %
    "民生银行(5.600,0.01,0.18%)", "美元兑欧元(1.1941， -0.0006， -0.05%)",
    "美国股灾30周年纪念日", "标准普尔500种股票指数",            # an anniversary, an index's name
], ids=lambda x: x)
def test_not_claims(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text,expected", [
    ("项目建设期3年，期间投入20亿元", ["3年", "20亿元"]),
    ("在过去10年期间增长了3倍", ["10年", "3倍"]),       # 期间: a duration, not a tenor
    ("贷款期限为5年", ["5年"]),
    ("公司已经营了15年，底薪仍只有3000元", ["15年", "3000元"]),
])
def test_durations_next_to_tenor_and_year_words(text, expected):
    assert [m.quantity.text for m in find_quantities(text)] == expected


def test_find_quantities_offsets_with_crlf_and_fullwidth():
    text = "营收增长１２．５％，\r\n净利润３０亿元。\r\n"
    found = find_quantities(text)
    assert [m.quantity.text for m in found] == ["１２．５％", "３０亿元"]
    for m in found:
        assert text[m.quantity.start:m.quantity.end] == m.quantity.text


def test_move_with_zhi_is_not_a_range():
    text = "总市值上涨12亿至860亿港元"
    got = [(m.quantity.text, m.quantity.upper) for m in find_quantities(text)]
    assert got == [("12亿", None), ("860亿港元", None)]


# -- property: random integers rendered as Chinese numerals parse back ----------

_DIG = "零一二三四五六七八九"


def _section(n: int) -> str:
    """Render 0 < n < 10000 the way Chinese is written (一千零五, 三百二十)."""
    out, zero = "", False
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero and out:
                out += "零"
            out += _DIG[d] + ch
            zero = False
        elif out:
            zero = True
    return out


def to_chinese(n: int) -> str:
    if n == 0:
        return "零"
    parts = []
    yi, rest = divmod(n, 10 ** 8)
    wan, low = divmod(rest, 10 ** 4)
    if yi:
        parts.append(_section(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(_section(wan) + "万")
    if low:
        if (yi or wan) and low < 1000:
            parts.append("零")
        parts.append(_section(low))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10 ** 12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10 ** 9), st.sampled_from(["万", "亿"]))
def test_arabic_with_magnitude_round_trip(n, mag):
    scale = 10 ** 4 if mag == "万" else 10 ** 8
    assert parse_number(f"{n:,}{mag}") == n * scale


@pytest.mark.parametrize("text,expected", [
    ("已有三四家车企跟进降价。", [("三四家", 3, 4, "count")]),
    ("公司计划招聘两三百人。", [("两三百人", 200, 300, "count")]),
    ("融资五六千万元。", [("五六千万元", 50000000, 60000000, "CNY")]),
    ("这是旗下唯一一款车型。", []),
    ("统一一下口径。", []),
], ids=lambda x: str(x))
def test_side_by_side_digits_are_ranges_or_words(text, expected):
    got = [(m.quantity.text, m.quantity.value, m.quantity.upper, m.quantity.unit) for m in find_quantities(text)]
    assert got == expected


@pytest.mark.parametrize("text,value,upper,unit", [
    ("35-220千伏", 35, 220, "千伏"),
    ("120万千瓦", 1200000, None, "千瓦"),
    ("3千万元", 30000000, None, "CNY"),
    ("500千克", 500, None, "千克"),
], ids=lambda x: str(x))
def test_kilo_units_keep_their_qian(text, value, upper, unit):
    q = find_quantities(text)[0].quantity
    assert (q.value, q.upper, q.unit) == (value, upper, unit)


@pytest.mark.parametrize("text", ["今年前5个月新能源车渗透率", "前三个月销量", "头两个月出口"])
def test_first_n_months_is_a_period_not_a_figure(text):
    assert [m.quantity.text for m in find_quantities(text)] == []


@pytest.mark.parametrize("text,value,upper", [
    ("其中超过七成将投向基础设施", 70, None),
    ("销量占比已经接近六成\"", 60, None),
    ("至少有三成产能处于停产", 30, None),
    ("较高点已跌去约八成.", 80, None),
    ("成本低了两到三成", 20, 30),
], ids=lambda x: str(x))
def test_tenths(text, value, upper):
    q = [m.quantity for m in find_quantities(text) if m.quantity.unit == "%"][0]
    assert (q.value, q.upper) == (value, upper)


@pytest.mark.parametrize("text", ["这一成为行业标杆", "一成不变的策略", "三成本地员工"])
def test_cheng_starting_a_word_is_no_tenth(text):
    assert [m.quantity.unit for m in find_quantities(text)] in ([], ["count"])


@pytest.mark.parametrize("text,value,upper", [
    ("净利润同比下降45%至57%", 45, 57),
    ("销售额可以再增长30%到40%", 30, 40),
], ids=lambda x: str(x))
def test_a_change_between_two_percentages_is_a_range(text, value, upper):
    q = find_quantities(text)[0].quantity
    assert (q.value, q.upper, q.unit) == (value, upper, "%")


def test_a_move_to_a_level_is_no_range():
    got = [m.quantity.text for m in find_quantities("股价从95港元降至65港元")]
    assert got == ["95港元", "65港元"]


@pytest.mark.parametrize("text,value", [
    ("中国制造业PMI小幅反弹至59.7。", 59.7),
    ("欧元区制造业PMI高达60.3。", 60.3),
    ("人民币兑美元一度触及6.33的阶段新高。", 6.33),
], ids=lambda x: str(x))
def test_a_bare_figure_after_an_index_or_a_rate_is_a_number(text, value):
    assert [(m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == [(value, "number")]


@pytest.mark.parametrize("text,expected", [
    ("全年实现营业利润为 25.90 亿，同比增长", [("25.90 亿", 2590000000, "CNY")]),   # a space, and money without 元
    ("净利润 23.78 亿元", [("23.78 亿元", 2378000000, "CNY")]),
    ("用户规模达3亿", [("3亿", 300000000, "count")]),                             # no money word: a count
    ("毛利率同比提升了3.89pct", [("3.89pct", 3.89, "pp")]),
    ("累计接待机构数量位居首位", [("首位", 1, "rank")]),
    ("该应用登上榜首", [("榜首", 1, "rank")]),
    ("公司17年整体营业利润增速放缓", []),                                          # 17年 is 2017
    ("维持18年33.58亿元的预期", [("33.58亿元", 3358000000, "CNY")]),
    ("公司已经营了17年", [("17年", 17, "year")]),                                  # a duration stays one
    ("公司成立17年来首次亏损", []),                                                # 17年来: since when, a period
    ("这样的情况标普500只在1929年出现过", []),                                    # 标普500: an index's name
    ("常务委员会第三十二次会议决定", []),                                          # an ordinal of a body's meeting
], ids=lambda x: str(x))
def test_portal_spacing_short_years_and_first_place(text, expected):
    assert [(m.quantity.text, m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("公司营收分别为1.2、3.4和5.6亿元", [(120000000, "CNY"), (340000000, "CNY"), (560000000, "CNY")]),
    ("四家公司分别完成件量7.3、14.6、8.6、12.2亿件", [(730000000, "count"), (1460000000, "count"),
                                                 (860000000, "count"), (1220000000, "count")]),
    ("两项指标分别下降3和5%", [(3, "%"), (5, "%")]),
    ("2019、2020年营收", []),                                   # years stay years
], ids=lambda x: str(x))
def test_bare_figures_of_a_list_share_the_unit_of_its_last(text, expected):
    assert [(m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("在基金市场部门工作了5、6年", [(5, 6, "year", "approx")]),
    ("毛利率增长3、4个百分点", [(3, 4, "pp", "approx")]),
    ("两项业务分别为3、4亿元", [(300000000, None, "CNY", None), (400000000, None, "CNY", None)]),
], ids=lambda x: str(x))
def test_two_neighbouring_small_numbers_are_one_approximate_figure(text, expected):
    assert [(m.quantity.value, m.quantity.upper, m.quantity.unit, m.quantity.qualifier)
            for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("　　第二，百度将拥有更多流量。", []),                 # "secondly": an enumeration
    ("第三：成本继续下降", []),
    ("销量排名第二，仅次于小米", [("第二", 2, "rank")]),
], ids=lambda x: str(x))
def test_an_ordinal_that_opens_a_paragraph_is_an_enumeration(text, expected):
    assert [(m.quantity.text, m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == expected


@pytest.mark.parametrize("text", ["报告预测，未来5年，科技驱动的自动化将加速", "未来5到10年，经合组织国家",
                                  "打出了百亿补贴、0元购等活动"])
def test_periods_ahead_and_programme_names_are_no_figures(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text,expected", [
    ("收购了瑞典免税巨头Dufry 6.1%的股份", [("6.1%", 6.1, "%")]),      # a name, a space, a share
    ("产销量连续五年位居世界首位", [("首位", 1, "rank")]),
], ids=lambda x: str(x))
def test_a_share_after_a_latin_name_and_first_place_in_the_world(text, expected):
    assert [(m.quantity.text, m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == expected
