"""Claim assembly: what a figure measures (metric) and whose it is (subject). Sentences written for these tests."""
import pytest

import kuaiclaims
from kuaiclaims.claims import find_metric, noun_phrase_before
from kuaiclaims.spans import SpanIndex
from kuaiclaims.text import fold


def _by_figure(text):
    """The claims of ``text`` by the text of their figure."""
    return {(c.value or c.change).text: c for c in kuaiclaims.extract_claims(text)}


def _claim_for(text, figure, published="2025-05-20"):
    for c in kuaiclaims.extract_claims(text, published=published):
        q = c.value or c.change
        if figure in (c.value.text if c.value else "", c.change.text if c.change else ""):
            return c
    raise AssertionError(f"no claim for {figure!r} in {[c.text for c in kuaiclaims.extract_claims(text)]}")


@pytest.mark.parametrize("text,figure,metric", [
    ("2024年全国粮食总产量14130亿斤，比上年增加222亿斤。", "14130亿斤", "全国粮食总产量"),
    ("在他所在的园区，工业电价约为0.42元/千瓦时。", "0.42元/千瓦时", "工业电价"),
    ("截至报告期末，该行个人客户数达到2,015.3万户。", "2,015.3万户", "个人客户数"),
    ("分季度看，一季度工业增加值同比增长6.5%，二季度增长5.9%。", "5.9%", "工业增加值"),
    ("全年出生人口902万人。", "902万人", "出生人口"),
    # a verb that is also a noun after a modifier, and one that is not
    ("1-3月,全省房地产开发投资3120亿元,同比下降6.1%。", "3120亿元", "全省房地产开发投资"),
    ("拟合资建设组装工厂，首期投资约3亿欧元。", "约3亿欧元", "首期投资"),
    ("当日，深证成指报收10354点。", "10354点", "深证成指"),
    ("公司回购资金总额不低于1.5亿元且不超过3亿元。", "不超过3亿元", "回购资金总额"),   # the second bound
    # a change in a clause of its own names what moved, rather than carrying the last metric
    ("人民币兑美元升值2.9%，俄罗斯卢布升值3.7%。", "3.7%", "俄罗斯卢布"),
], ids=lambda x: str(x))
def test_metric_is_the_noun_phrase_before_the_figure(text, figure, metric):
    assert _claim_for(text, figure).metric == metric


@pytest.mark.parametrize("text,figure", [
    ("该股尾盘报收18.25元。", "18.25元"),            # a verb, not a noun: market metric instead
    ("这款模型经历了30多个版本的迭代。", "30多个"),
    ("公司拟投资10亿元建设新工厂。", "10亿元"),          # after a modal the verb is an action
])
def test_a_verb_before_the_figure_is_no_metric(text, figure):
    assert _claim_for(text, figure).metric not in ("报收", "经历", "尾盘报收", "拟投资", "公司拟投资")


@pytest.mark.parametrize("phrase,expected", [
    ("全年社会消费品零售总额", "社会消费品零售总额"),
    ("其中出口总额同比增长", "出口总额"),
    ("支持生成", None),
    # a comparison and the adverbs before the verb are not the thing measured
    ("整车能耗较上一代平台降低", "整车能耗"),
    ("去化周期仍超过", "去化周期"),
    ("单日补贴峰值一度达到", "单日补贴峰值"),
    ("墨西哥比索可能会再下跌", "墨西哥比索"),
    ("中概股在短短两天内下跌", None),          # a time span is when, not what
    ("内容从刚刚超过", None),
])
def test_noun_phrase_before_pure(phrase, expected):
    text = phrase + "100亿元"
    assert noun_phrase_before(fold(text), 0, len(phrase), SpanIndex([])) == expected


def test_find_metric_widens_the_head_left():
    text = fold("公司经调整净利润为177亿元")
    assert find_metric(text, 0, text.index("177"), []) == "经调整净利润"


@pytest.mark.parametrize("text,figure,metric", [
    ("旗下56个分公司违规代理同行业务。", "56个", "分公司"),
    ("全国拥有2310台车辆。", "2310台", "车辆"),
    ("已有超过3万家商户接入。", "超过3万家", "商户"),
], ids=lambda x: str(x))
def test_a_count_measures_the_word_after_its_classifier(text, figure, metric):
    assert _claim_for(text, figure).metric == metric


def test_a_contract_title_is_no_subject():
    c = _claim_for("比亚迪午间公告，签订《比亚迪新能源产业园项目投资合同》，一期项目预计投资13亿元。", "13亿元")
    assert c.subject is None or c.subject.canonical == "比亚迪"


@pytest.mark.parametrize("text,expected", [
    ("vivo和苹果分别以1080万台和980万台位列第四和第五。",
     {"1080万台": "vivo", "980万台": "苹果", "第四": "vivo", "第五": "苹果"}),
    ("小米、华为、荣耀分别出货1200万台、1100万台和900万台。",
     {"1200万台": "小米", "1100万台": "华为", "900万台": "荣耀终端"}),
], ids=lambda x: str(x)[:12])
def test_respectively_distributes_subjects_in_order(text, expected):
    got = {(c.value or c.change).text: c.subject.canonical for c in kuaiclaims.extract_claims(text)}
    assert got == expected


def test_a_company_named_once_in_passing_is_not_the_article_subject():
    text = ("年终岁末，美股涨势强劲。\n\n道琼斯工业平均指数全年涨幅约为25%，纳斯达克综合指数涨幅约为28%。\n\n"
            "科技巨头表现抢眼，尤其星河科技等公司拉动明显。")
    claims = _by_figure(text)
    assert claims["25%"].subject is None


def test_a_company_named_again_and_again_is_the_article_subject():
    text = ("星河科技发布新品，星河科技股价大涨。\n\n全年交付量达到12万辆。\n\n星河科技表示将继续扩产。")
    claims = {c.value.text: c for c in kuaiclaims.extract_claims(text) if c.value}
    assert claims["12万辆"].subject is not None and claims["12万辆"].subject.canonical == "星河科技"


def test_no_article_subject_when_no_company_dominates():
    text = ("星河科技与云帆科技双双发布新品。\n\n美股三大股指今日齐涨。\n\n"
            "行业全年交付量达到120万辆。\n\n星河科技股价上涨，云帆科技股价下跌。")
    claims = _by_figure(text)
    assert claims["120万辆"].subject is None


def test_an_outlet_dateline_names_no_subject():
    text = "东方财富网23日讯，美股三大股指午盘齐创新高，道指上涨0.3%。\n\n东方财富网整理的数据显示，成交额为800亿美元。"
    for c in kuaiclaims.extract_claims(text):
        assert c.subject is None or c.subject.canonical != "东方财富"


def test_a_paragraph_with_its_own_source_does_not_take_the_last_paragraphs_subject():
    text = ("云帆科技一季度营收增长14.6%，净利润增长20%。\n\n"
            "乘联会数据显示，5月全国新能源乘用车零售销量约102.1万辆。")
    claims = _by_figure(text)
    assert claims["约102.1万辆"].subject is None


def test_a_paragraph_that_names_no_one_continues_the_last_paragraphs_subject():
    text = ("从历年财报可以看出，云帆科技的电商业务增长正在放缓。\n\n"
            "过去三年，总电商GMV从2021年6800亿元逐年递增至2024年的13896亿元。")
    claims = _by_figure(text)
    assert claims["6800亿元"].subject.canonical == "云帆科技"


@pytest.mark.parametrize("text", [
    "清远大学房地产研究所所长贺骁表示，一季度全国房价下跌3%。",
    "中国光伏行业协会预计，今年全球光伏新增装机将达到400吉瓦。",
])
def test_an_institute_or_an_association_is_no_subject(text):
    assert all(c.subject is None for c in kuaiclaims.extract_claims(text))


def test_respectively_reaches_the_figures_of_its_clause_only():
    text = "英镑、欧元分别升值4.4%和5.7%，俄罗斯卢布升值3.7%，南非兰特升值2.1%。"
    got = {(c.value or c.change).text: c.metric for c in kuaiclaims.extract_claims(text)}
    assert got["4.4%"] == "英镑" and got["5.7%"] == "欧元"
    assert got["3.7%"] not in ("英镑", "欧元") and got["2.1%"] not in ("英镑", "欧元")


@pytest.mark.parametrize("text", [
    "来源：财联社\n\n沪指全天上涨0.8%，两市成交额9800亿元。\n\n财联社记者注意到，北向资金净买入30亿元。",
    "文章来源：华泰证券研究报告。\n　　近期人民币兑美元升值2.9%，英镑升值4.4%。",
])
def test_the_outlet_of_a_source_line_names_no_subject(text):
    claims = kuaiclaims.extract_claims(text)
    assert claims and all(c.subject is None for c in claims)


@pytest.mark.parametrize("text,expected", [
    ("昨日，上证指数、深证成指分别下挫0.99%、0.65%。", {"0.99%": "上证指数", "0.65%": "深证成指"}),
    ("公司营业收入和净利润分别增长12%和15%。", {"12%": "营业收入", "15%": "净利润"}),
    ("当日，创业板指数上涨1.2%，创业板指报2083.07点。", {"1.2%": "创业板指数", "2083.07点": "创业板指"}),
    # no metric word: the coordinated words themselves
    ("在主要货币中，英镑、欧元和日元分别升值4.4%、5.7%和3.6%。", {"4.4%": "英镑", "5.7%": "欧元", "3.6%": "日元"}),
    ("其中，黄金和白银则分别上涨1.2%和2.5%。", {"1.2%": "黄金", "2.5%": "白银"}),
])
def test_respectively_distributes_metrics_in_order(text, expected):
    got = {(c.value or c.change).text: c.metric for c in kuaiclaims.extract_claims(text)}
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("phrase,metric", [
    ("开发投资", "开发投资"),      # a verb that is also a noun after a modifier
    ("拟投资", None),              # after a modal: an action
    ("深证成指报收", "深证成指"),  # another verb: what stands before it
    ("月租金还能谈到", "月租金"),  # adverbs between the noun and the verb
    ("平均回报", None),            # a one-character verb may end a word
])
def test_phrase_ending_in_a_figure_verb(phrase, metric):
    from kuaiclaims.claims import _phrase_with_verb
    assert _phrase_with_verb(phrase) == metric


def test_the_next_ordinal_of_a_list_is_no_metric():
    got = {(c.value or c.change).text: c.metric for c in kuaiclaims.extract_claims("两家公司分别位列第四和第五。")}
    assert got["第四"] == "排名"


def test_a_channel_is_no_subject():
    text = "星河汽车在官方微博上表示，截至5月底其自建超充站已超过1200座。"
    (claim,) = kuaiclaims.extract_claims(text)
    assert claim.subject is None or claim.subject.canonical != "微博"


def test_two_lists_after_two_fenbie_go_item_by_item():
    text = "顺丰、韵达、申通、圆通分别完成件量7.3、14.6、8.6、12.2亿件，同比增速分别为60.4%、64.9%、18.6%、50.2%。"
    claims = kuaiclaims.extract_claims(text)
    assert [(c.subject.canonical, (c.value or c.change).text) for c in claims] == [
        ("顺丰控股", "7.3"), ("韵达股份", "14.6"), ("申通快递", "8.6"), ("圆通速递", "12.2亿件"),
        ("顺丰控股", "60.4%"), ("韵达股份", "64.9%"), ("申通快递", "18.6%"), ("圆通速递", "50.2%")]


@pytest.mark.parametrize("text,metric", [
    ("南方基金、东方资产等149家机构来访。", "机构"),                     # no head inside a name (东方资产)
    ("天弘余额宝的7日年化收益率为1.7%、每万份收益为0.47元。", "万份收益"),   # 每万份 is no number
], ids=lambda x: str(x))
def test_metric_heads_inside_names_and_per_units(text, metric):
    assert kuaiclaims.extract_claims(text)[-1].metric == metric


@pytest.mark.parametrize("text,metrics,subjects", [
    ("核实无误后，给予上报单位1000元/次奖励。", ["奖励"], [None]),
    ("视情况处以5000-2000元不等的罚款。", ["罚款"], [None]),
    ("并购了天津爱赛克车业有限公司100%股权、上海凤凰自行车有限公司49%股权。", ["股权", "股权"],
     ["天津爱赛克车业有限公司", "上海凤凰自行车有限公司"]),
], ids=lambda x: str(x))
def test_metrics_glued_after_figures_and_list_items_own_names(text, metrics, subjects):
    claims = kuaiclaims.extract_claims(text)
    assert [c.metric for c in claims] == metrics
    assert [c.subject.canonical if c.subject else None for c in claims] == subjects
