"""Period expressions and their resolution against the publication date."""
import pytest

from kuaiclaims.periods import find_periods, parse_date


@pytest.mark.parametrize("text,published,resolved", [
    ("今年一季度营收增长", "2025-05-20", ["2025年一季度"]),
    ("去年同期为3亿元", "2025-05-20", ["2024年同期"]),
    ("上季度毛利率", "2025-05-20", ["2025年一季度"]),
    ("2023年营收。四季度利润", "2025-03-01", ["2023年", "2023年四季度"]),
    ("四季度营收增长", "2025-03-20", ["2024年四季度"]),          # not begun by March 2025: last year's
    ("2月销量", "2025-03-01", ["2025年2月"]),
    ("十一月销量", "2025-03-01", ["2024年十一月"]),
    ("前三季度营收", "2025-03-01", ["2025年前三季度"]),
    ("到2030年目标。10月交付", "2020-11-08", ["2030年", "2020年10月"]),  # a target year is no context
])
def test_resolution(text, published, resolved):
    assert [p.resolved for p in find_periods(text, parse_date(published))] == resolved


def test_unresolvable_without_a_date_stays_as_written():
    assert [p.resolved for p in find_periods("今年一季度", None)] == ["今年一季度"]


@pytest.mark.parametrize("text,expected", [
    ("2020年至2025年，有望拉动约24.8万亿元。截至8月底，用户超过1.1亿。", "截至2020年8月底"),   # a range's end
    ("2023年营收增长，公司计划到2030年翻番。四季度净利润下降。", "2023年四季度"),                  # a target
])
def test_a_target_year_is_not_the_year_of_a_bare_month(text, expected):
    assert find_periods(text)[-1].resolved == expected


@pytest.mark.parametrize("text", ["H100月租金一年跌去一半", "型号A13月底发布", "第13月"])
def test_a_number_glued_to_a_model_name_or_above_twelve_is_no_month(text):
    assert [p.text for p in find_periods(text) if "月" in p.text] == []
