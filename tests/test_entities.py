"""Companies, products and people: lexicon, unknown names, canonical names, user additions."""
import json
import re

import jieba
import pytest

import kuaiclaims
from kuaiclaims.lexicons import builtin_entries
from kuaiclaims.names import Segmentation, canonical_name, find_entities
from kuaiclaims.pipeline_state import get_lexicon


def _ents(text, **kw):
    nlp = kuaiclaims.load(**kw) if kw else None
    return [(e.text, e.label, e.canonical) for e in kuaiclaims.extract_entities(text, nlp=nlp)]


def _labels(text):
    return [(t, label) for t, label, _ in _ents(text)]


@pytest.mark.parametrize("text,expected", [
    ("快手科技今日公布业绩", ("快手科技", "COMPANY", "快手")),
    ("快手发布财报", ("快手", "COMPANY", "快手")),
    ("Kuaishou shares rose", ("Kuaishou", "COMPANY", "快手")),
    ("字节旗下产品", ("字节", "COMPANY", "字节跳动")),
    ("字节跳动的估值", ("字节跳动", "COMPANY", "字节跳动")),
    ("阿里与腾讯", ("阿里", "COMPANY", "阿里巴巴")),
    ("腾讯控股今日公布", ("腾讯控股", "COMPANY", "腾讯")),
    ("阿里巴巴-SW股价上涨", ("阿里巴巴-SW", "COMPANY", "阿里巴巴")),
    ("Tencent Holdings said", ("Tencent Holdings", "COMPANY", "腾讯")),
    ("用户可以在豆包上提问", ("豆包", "PRODUCT", "豆包")),
    ("黄仁勋在演讲中提到", ("黄仁勋", "PERSON", "黄仁勋")),
    ("Jensen Huang said", ("Jensen Huang", "PERSON", "黄仁勋")),
    ("据路透社报道", ("路透社", "COMPANY", "路透社")),
], ids=lambda x: str(x))
def test_entities_lexicon_names_and_aliases(text, expected):
    assert expected in _ents(text)


@pytest.mark.parametrize("name,canonical", [
    ("中国国际金融股分有限公司", "中金公司"),  # a near variant (a typo): rapidfuzz
    ("NVDA", "英伟达"),                        # a ticker's symbol
    ("0700.HK", "腾讯"),                       # a ticker
    ("星河智算", "星河智算"),                  # unknown: the surface
], ids=lambda x: str(x))
def test_entities_canonical_name(name, canonical):
    assert canonical_name(name, get_lexicon()) == canonical


@pytest.mark.parametrize("text,expected", [
    # people: a title before, a verb or honorific after, a byline, an interview's colon
    ("星河智算董事长周立新表示，公司将扩产。", ("周立新", "PERSON")),
    ("首席财务官林若溪在回答分析师提问时说", ("林若溪", "PERSON")),
    ("对于研发投入，方予衡称，今年研发费用将增长", ("方予衡", "PERSON")),
    ("“这是最好的季度。”宋启航说。", ("宋启航", "PERSON")),
    ("新华社  记者 许嘉禾  2025-03-28", ("许嘉禾", "PERSON")),
    ("（编辑：文澜）", ("文澜", "PERSON")),
    ("姜山：英超还有什么看法吗？", ("姜山", "PERSON")),
    ("创立摩拜后，胡玮炜曾在不到两年里", ("胡玮炜", "PERSON")),
    ("分析师周立新、林若溪、唐棠均认为", ("唐棠", "PERSON")),
    # no cue at all: a full name jieba does not know, a two-character name before a function word,
    # a surname and a given name jieba reads as a rare word
    ("7月22日下午，郑秋岚在顺义与合伙人见面", ("郑秋岚", "PERSON")),
    ("四年后，孙浩却不得不离开自己创办的公司", ("孙浩", "PERSON")),
    ("团队组建之初，张建春就提出了这个方案", ("张建春", "PERSON")),
    # foreign and English names
    ("首席经济学家Mark Chen认为", ("Mark Chen", "PERSON")),
    ("摩根大通分析师Alex Yao团队指出", ("Alex Yao", "PERSON")),
    ("她在詹姆斯·卡梅隆执导的影片中出演", ("詹姆斯·卡梅隆", "PERSON")),
    ("美国总统奥巴马表示", ("奥巴马", "PERSON")),
    ("会后，格里菲斯表示将继续增持", ("格里菲斯", "PERSON")),   # a transliteration before a verb
    ("俱乐部主教练佐伦目前压力很大", ("佐伦", "PERSON")),   # two characters right after a title
    ("窗外一片静寂，但林静（化名）却没有睡意", ("林静", "PERSON")),   # a conjunction glued to the name
    ("实名举报蔺志杰，并在会后提交了材料", ("蔺志杰", "PERSON")),   # a rare surname in a name's place
    ("目前虎牙现任CEO董荣海将出任联席董事长", ("董荣海", "PERSON")),   # a Latin title before the name
    # companies: a suffix, a legal form, a branch, an outlet, a Latin name, a list
    ("以及蓝鲸数科科技等新创企业", ("蓝鲸数科科技", "COMPANY")),
    ("港股上市公司云帆科技发布业绩", ("云帆科技", "COMPANY")),
    ("维持江海银行“跑赢行业”评级", ("江海银行", "COMPANY")),
    ("北京龙湖置业有限公司营销总监表示", ("北京龙湖置业有限公司", "COMPANY")),
    ("记者致电光大银行北京分行获悉", ("光大银行北京分行", "COMPANY")),
    ("华东金融研究院首席研究员魏知远指出", ("华东金融研究院", "COMPANY")),
    ("来源：潮汐财经  作者：周屿", ("潮汐财经", "COMPANY")),
    ("人形机器人初创公司Kestrel Robotics近期完成融资", ("Kestrel Robotics", "COMPANY")),
    ("宣明典居总经理傅军民介绍，", ("宣明典居", "COMPANY")),
    ("据泓岳投资咨询管理有限公司市场部人士介绍", ("泓岳投资咨询管理有限公司", "COMPANY")),   # common words before a legal form
    ("他起诉了杭州澜汐文化传播有限公司", ("杭州澜汐文化传播有限公司", "COMPANY")),
    ("由北京摩拜信息技术有限公司运营", ("北京摩拜信息技术有限公司", "COMPANY")),   # a registered name around a product
    ("扫地机器人厂商豆包科技发布2024年年度报告", ("豆包科技", "COMPANY")),   # a product's name with a trade suffix
    ("4月2日澜汐科技股价收涨4.36%", ("澜汐科技", "COMPANY")),   # 科技 before 股价 ends a name
    # a name that opens a clause and announces
    ("天澜股份公告，预计2021年净利润增长", ("天澜股份", "COMPANY")),
    ("29日晚间，步澜高公告称，因控股股东质押", ("步澜高", "COMPANY")),
    # a stock code in brackets after a name
    ("5月6日消息，禾川种业(证券代码：834751)近日发布公告称", ("禾川种业", "COMPANY")),
    ("报告称，维持澜洲国际(00288.HK)买入评级", ("澜洲国际", "COMPANY")),
    ("金丰农(002548)在接受调研时表示", ("金丰农", "COMPANY")),
    ("格隆汇8月5日丨岳衡计量(002967.SZ)公告", ("岳衡计量", "COMPANY")),
    ("南通市交通运输局有关负责人表示", ("南通市交通运输局", "COMPANY")),   # a local government body
    ("据无锡市市场监督管理局通报", ("无锡市市场监督管理局", "COMPANY")),
    ("湖南省能源集团有限公司公告称", ("湖南省能源集团有限公司", "COMPANY")),   # a place and a trade before a legal form
    ("首先要欢迎长江实业地产投资有限公司的董事", ("长江实业地产投资有限公司", "COMPANY")),   # opens at the lexicon company
    ("仅剩贵安新区摩拜出行科技有限公司", ("贵安新区摩拜出行科技有限公司", "COMPANY")),   # a district before it stays
    ("并购了天津爱赛克车业有限公司100%股权", ("天津爱赛克车业有限公司", "COMPANY")),   # one character after the place
    ("深圳华强公告，公司拟回购股份", ("深圳华强", "COMPANY")),          # a place and one word announce
    ("杭州凤凰公告称，公司拟回购股份", ("杭州凤凰", "COMPANY")),
    ("例如，科融环境2月1日晚间公告，公司拟回购股份", ("科融环境", "COMPANY")),   # a brand, its trade, a date
    # an adverb between a name and its verb
    ("对此，韩秉辉同时指出，市场仍有压力", ("韩秉辉", "PERSON")),
    ("库兹涅佐夫随即表示，谈判将继续", ("库兹涅佐夫", "PERSON")),
    ("当天，邵平则表示，银行会跟进", ("邵平", "PERSON")),
    # a split or glued name: 李晓 / 林先生, the surname again as an address, a preposition with no object
    ("集团董事长许晓林先生致辞", ("许晓林", "PERSON")),
    ("留学中心总监魏晶魏女士介绍", ("魏晶", "PERSON")),
    ("证券分析师孔世同分析认为，行业仍将整合", ("孔世同", "PERSON")),
    ("研究所研究员邱韶在接受记者采访时说", ("邱韶", "PERSON")),
    ("伊朗外交部发言人梅赫曼帕拉斯特说", ("梅赫曼帕拉斯特", "PERSON")),   # a transliteration that opens like a Chinese name
    # products: a brand and a model code, a product word, a show
    ("驰远汽车宣布，驰远S7当月交付超过1万辆", ("驰远S7", "PRODUCT")),
    ("帆语大模型日均调用量已超过千亿", ("帆语大模型", "PRODUCT")),
    ("其中，核心产品澜舒宁全年销售额达16.8亿元", ("澜舒宁", "PRODUCT")),   # a product word before a new name
    ("云帆科技旗下的云帆云在开发者大会上宣布降价", ("云帆云", "PRODUCT")),
    ("短剧《云端奇缘》上线三天", ("云端奇缘", "PRODUCT")),
    # people: a title before a surname that is also a function word, a split given name, a name's
    # last character that is a function word, an honorific, an interview's speaker line, a surname
    # jieba cut off before a verb, an author before his work
    ("省餐饮协会副秘书长于建苏告诉记者，外卖占比仍在提升", ("于建苏", "PERSON")),
    ("财政司司长曾俊华昨日也向传媒表示", ("曾俊华", "PERSON")),
    ("公司总经理王以卓当场宣读了决定", ("王以卓", "PERSON")),
    ("（记者孙文才）国家统计局今天公布", ("孙文才", "PERSON")),
    ("任职于一家券商的朱有为博士告诉记者", ("朱有为", "PERSON")),
    ("陆海涛：今年的出口形势比预想的好", ("陆海涛", "PERSON")),
    ("【陈云波】：感谢各位来到现场", ("陈云波", "PERSON")),
    ("据了解，娄保民表示，今年的订单", ("娄保民", "PERSON")),
    ("市商会会长黄福华介绍，今年会员企业", ("黄福华", "PERSON")),
    ("读过高尔基的《童年》的人都知道", ("高尔基", "PERSON")),
    ("标普将美国主权信用评级下调", ("标普", "COMPANY")),       # the agency, not its index
    ("Facebook宣布第三季度营收增长22%", ("Facebook", "COMPANY")),
    ("据悉，张照新去世前一直在写作", ("张照新", "PERSON")),      # what only a person does
    ("同事们说，柳而君生前很爱读书", ("柳而君", "PERSON")),
    # companies: a registered name whose last word is an everyday one, a place in brackets inside it
    ("原告要求被告上海星辰商务有限公司赔偿损失", ("上海星辰商务有限公司", "COMPANY")),
    ("鑫视空间（北京）装饰艺术空间有限公司总经理表示", ("鑫视空间（北京）装饰艺术空间有限公司", "COMPANY")),
    ("携程旅游信息技术（上海）有限公司提起诉讼", ("携程旅游信息技术（上海）有限公司", "COMPANY")),
    ("蓝海数据科技（深圳）有限公司发布公告", ("蓝海数据科技（深圳）有限公司", "COMPANY")),
    # a Latin name after a word that describes it (the describing word is no name)
    ("瑞典免税巨头Dufry持有该公司6.1%的股份", ("Dufry", "COMPANY")),
    ("英国奢侈品电商Farfetch的股价大涨", ("Farfetch", "COMPANY")),
    # funds named after their manager's short name
    ("收益率最高的货币市场基金为鑫元货币B，高达4.15%", ("鑫元货币B", "PRODUCT")),
    ("易方达蓝筹精选混合规模超过600亿元", ("易方达蓝筹精选混合", "PRODUCT")),
    ("华夏上证50ETF份额增加", ("华夏上证50ETF", "PRODUCT")),
    # a flash brief's company, and a name before a stock code with its exchange and a quote
    ("今日要闻。安达维尔：2021年预盈800万至1200万元。", ("安达维尔", "COMPANY")),
    ("每经AI快讯，兴民智通（SZ 002355，收盘价：5.63元）发布公告称", ("兴民智通", "COMPANY")),
], ids=lambda x: str(x))
def test_entities_unknown_names_by_rule(text, expected):
    assert expected in _labels(text)


def test_entities_a_place_before_a_lexicon_company_joins_its_name():
    ents = _ents("此次胡玮炜退出的广州摩拜成立于2016年")
    assert any(t == "广州摩拜" and l == "COMPANY" for t, l, _ in ents)
    canon = {t: c for t, _, c in _ents("哈尔滨市腾讯分部和腾讯总部")}
    assert canon.get("哈尔滨市腾讯") == canon.get("腾讯") == "腾讯"


@pytest.mark.parametrize("text,name,canonical", [
    ("谷歌公司周二宣布裁员", "谷歌公司", "谷歌"),          # a lexicon company and its head noun
    ("据奈飞公司披露，付费用户增长", "奈飞公司", "Netflix"),
    ("比亚迪集团发布公告称", "比亚迪集团", "比亚迪"),
    ("携程国旅公司表示，暑期订单增长", "携程国旅公司", "携程"),   # a rare word between: a subsidiary
])
def test_entities_a_company_written_with_its_head_noun(text, name, canonical):
    assert (name, "COMPANY", canonical) in _ents(text)


@pytest.mark.parametrize("text,name,canonical", [
    ("而就在昨日，Valve游戏公司宣布", "Valve游戏公司", "Valve"),     # a Latin lexicon name, a trade word, 公司
    ("育碧游戏公司宣布裁员", "育碧游戏公司", "育碧"),
])
def test_entities_a_lexicon_company_with_a_trade_word_and_its_head_noun(text, name, canonical):
    assert (name, "COMPANY", canonical) in _ents(text)


def test_entities_a_name_with_trade_words_and_its_head_noun_is_one_company():
    got = {t: c for t, l, c in _ents("第二位是澳际教育咨询公司专门负责。云帆科技公司发布财报，云帆科技表示。")
           if l == "COMPANY"}
    assert "澳际教育咨询公司" in got
    assert got.get("云帆科技公司") == got.get("云帆科技") == "云帆科技"   # the head noun is no part of the canonical


@pytest.mark.parametrize("text,name", [
    ("证监会要求公司说明情况", "证监会"),        # a verb between: the sentence's 公司
    ("已退出3家腾讯关联公司", "腾讯"),           # a common word between: companies related to it
])
def test_entities_a_common_word_does_not_join_a_company_to_a_head_noun(text, name):
    assert [t for t, l, _ in _ents(text) if l == "COMPANY"] == [name]


@pytest.mark.parametrize("text,expected", [
    ("目前招行、浦发、民生、交行的调整幅度不一", {"民生": "民生银行"}),
    ("兴业、平安、工行、招行均可实时到账", {"兴业": "兴业银行", "平安": "平安银行"}),   # a chain of lists
    ("易方达、南方、博时等一线基金公司", {"南方": "南方基金"}),
    ("芯片工业将会乘机蚕食夏普和松下的份额", {"夏普": "夏普公司"}),   # after a verb, on jieba's boundaries
    ("蔚来、理想、小鹏今年前10月交付量均增长", {"理想": "理想汽车"}),
])
def test_entities_a_short_name_beside_its_peers_is_a_company(text, expected):
    got = {t: c for t, l, c in _ents(text) if l == "COMPANY"}
    assert all(got.get(k) == v for k, v in expected.items()), got


@pytest.mark.parametrize("text,word", [
    ("国计民生、交行改革", "民生"),        # part of a word, not a list item
    ("平安、健康是最大的财富", "平安"),     # no company beside it
])
def test_entities_a_short_name_without_peers_is_a_word(text, word):
    assert word not in [t for t, _, _ in _ents(text)]


@pytest.mark.parametrize("text,name,canonical", [
    ("渣打银行（中国）有限公司今日宣布", "渣打银行（中国）有限公司", "渣打"),   # a local arm's registered name
    ("退出了摩拜（上海）智能技术有限公司", "摩拜（上海）智能技术有限公司", "摩拜单车"),
    ("宝马中国总裁高乐表示，销量将增长", "宝马中国", "宝马"),              # a local arm written after the name
    ("微软中国表示，将继续投资", "微软中国", "微软"),
    ("网易科技讯 5月3日消息，", "网易科技", None),                          # an outlet's channel in its dateline
    ("搜狐财经讯 记者从多家银行获悉", "搜狐财经", None),
])
def test_entities_a_lexicon_company_extended(text, name, canonical):
    got = {t: c for t, l, c in _ents(text) if l == "COMPANY"}
    assert name in got and (canonical is None or got[name] == canonical), got


def test_entities_a_quoted_only_name_counts_inside_book_title_marks_only():
    assert ("财经", "COMPANY", "财经") in _ents("据《财经》报道，该公司已完成融资")
    assert "财经" not in [t for t, _, _ in _ents("新华财经副总裁在财经论坛上表示")]
    nlp = kuaiclaims.load(extra_entities=[
        {"canonical": "读书", "label": "COMPANY", "type": "media", "quoted": ["读书"]}])
    got = kuaiclaims.extract_entities("他爱读书，也订了《读书》杂志", nlp=nlp)
    assert [(e.text, e.start) for e in got] == [("读书", 9)]   # in 《读书》, not in 爱读书


def test_entities_a_name_that_goes_on_after_qixia_is_not_read_as_a_product():
    assert [t for t, l, _ in _ents("易果集团旗下的易果生鲜、云象供应链") if l == "PRODUCT"] == []


def test_entities_a_source_line_names_the_firm_not_its_report():
    assert ("华泰证券", "COMPANY", "华泰证券") in _ents("文章来源：华泰证券研究报告。\n近期人民币升值")


def test_entities_a_place_before_a_national_body_makes_a_local_one():
    canon = {t: c for t, _, c in _ents("杭州市统计局数据显示，全市GDP增长5%")}
    assert canon.get("杭州市统计局") == "杭州市统计局"


def test_entities_a_name_found_once_is_found_again():
    ents = _ents("港股上市公司云帆科技发布业绩。此前，云帆的收入增长较快。")
    assert ("云帆科技", "COMPANY", "云帆科技") in ents and ("云帆", "COMPANY", "云帆科技") in ents


@pytest.mark.parametrize("text,not_expected", [
    ("沪股通全天合计成交1286亿元", "天合"),           # a short lexicon name inside other words
    ("各地财政部门加强监管", "财政部"),                  # a lexicon name one character into a word
    ("北京大学生创业大赛开幕", "北京大学"),
    ("向全体股东派发现金红利0.42元", "金红利"),
    ("他在上海开有一家装修公司", "装修公司"),
    ("人形机器人赛道融资热度仍高", "人形机器人"),
    ("公司拟斥资3亿元回购股份", "回购股份"),
    ("全国房地产开发投资下降", "全国房地产"),
    ("这个Metaverse项目", "Meta"),
    ("主持人：谢谢李杰先生的致辞", "谢谢"),
    ("多位有色金属分析师向记者指出", "向记者"),
    ("张先生告诉记者，他在银行存款", "张先生"),
    ("王兴是联合创始人，李洋则为高级副总裁", "李洋则"),
    ("一纸公告，揭开了真相", "一纸"),
    ("今日半导体科技股普涨", "半导体科技"),   # 科技股: tech stocks
    ("同日公告，公司与管委会签约", "同日"),
    ("主持人：谢谢于老师的介绍", "谢谢于"),   # an everyday word is no transliteration
    ("土地划拨给了湖南岳衡置业有限公司建设保障房", "湖南岳衡置业有限公司建设"),   # a legal form ends a name
    ("两人再度联手，创立杭州澜汐科技发展有限公司", "创立杭州澜汐科技发展有限公司"),   # a verb before a place
    ("ST澜海刚跌破1元，ST华泽又停牌", "澜海刚"),   # glued to Latin letters that are no title
    ("王某应对方要求，加群缴费", "王某应"),
    ("上海市场公告，本周休市", "上海市场"),           # a place and an everyday word
    ("易方达旗下债基业绩同样勇猛", "债基"),            # a kind of fund, not a product's name
    ("一批优质的上市公司ROE上升", "ROE"),             # a measure, not a company
    ("苹果中国市场份额下滑", "苹果中国"),            # the company, then 中国市场
    ("新华网上海2月19日电", "新华网上海"),           # an outlet's dateline
    ("此前指出，公司Q2恢复正常增长", "Q2"),           # a quarter, not a company after 公司
    ("高层则表示不会裁员", "高层"),                  # a word of the dictionary before an adverb and a verb
    ("理想汽车CEO李想曾公开表示", "李想曾"),
    ("旗下的安澜达（上海安澜达物流科技有限公司）已进入破产重组", "安澜达"),   # part of a company's name
    ("星河科技旗下的星河云在开发者大会上宣布降价", "星河云"),   # opens like a company of the text
    ("他现任泓岳集团有限公司董事长", "现任泓岳集团有限公司"),   # an adverb after a split given name
    ("持卡人可拨打发卡银行的客服电话", "发卡银行"),   # a kind of bank, not a bank
    ("记者从一家股份制银行获悉", "股份制银行"),
    ("过上百吨航空燃油的飞行员", "百吨航空"),         # a quantity before a trade word
    ("否则卡组织将重罚收单银行", "收单银行"),
    ("著名周刊漫画杂志宣布休刊", "漫画杂志"),
    ("在这些高管中，有三人已经离职", "高管中"),          # a word for a person and a place character
    ("美国总统曾敦促各方保持克制", "曾敦促"),            # a title, then 曾 the adverb
    ("董事长和公司高管都认为", "和公司"),
    ("记者：您怎么看今年的市场", "记者"),                # a speaker line that is no name
    ("原标题：楼市回暖", "原标题"),
    ("但他表示，公司不会裁员", "但他"),                  # a conjunction is no surname before a verb
    ("英国奢侈品电商Farfetch的股价大涨", "英国奢侈品电商"),  # a description of the name after it
    ("易方达聚盈A跻身纯债基金前列", "易方达聚盈A跻身纯债"),     # a verb inside: no fund's name
    ("中信证券明明债券研究团队报告指出", "中信证券明明债券"),     # a research team
    ("长城证券5845万股股票被冻结", "长城证券5845万股股票"),
    ("传阿里巴巴投资Farfetch近3亿美元", "阿里巴巴投资"),      # 投资 the verb
    ("腾讯和阿里巴巴分别对该公司投资1.25亿美元", "该公司投资"),
    ("阿里巴巴集团CEO张勇表示", "CEO"),                    # a title, not a company
    ("标普500指数收跌113.1点", "标普"),                    # an index, named after its publisher
    ("日经225指数开盘跌1.83%", "日经"),
    ("衡量恐慌程度的CBOE波动指数大涨", "CBOE"),
    ("富满微：预计2021年净利4.7亿至4.9亿元", "富满微 PERSON"),
], ids=lambda x: str(x))
def test_entities_words_that_are_not_names(text, not_expected):
    assert not_expected not in [t for t, _, _ in _ents(text)] + [f"{t} {label}" for t, label, _ in _ents(text)]


def test_entities_offsets_are_exact():
    text = "ＯｐｅｎＡＩ宣布，首席执行官　Sam Altman表示，云帆科技和《云端奇缘》……"
    for e in kuaiclaims.extract_entities(text):
        assert text[e.start:e.end] == e.text


def test_entities_find_entities_without_a_doc():
    """The pure function cuts the text itself when no pieces are given."""
    ents = find_entities("港股上市公司云帆科技发布业绩，董事长周立新表示", get_lexicon())
    assert ("云帆科技", "COMPANY") in [(e.text, e.label) for e in ents]
    assert ("周立新", "PERSON") in [(e.text, e.label) for e in ents]


def test_entities_a_known_name_with_a_glued_function_word():
    """王欣 / 曾 / 对 reads like a given name jieba split (刘以 / 秦), but 王欣 stands alone elsewhere: the name is 王欣."""
    text = "王欣（化名）是店主。早在去年，王欣曾对记者如此表示。"
    pieces = ["王欣", "（", "化名", "）", "是", "店主", "。", "早", "在", "去年", "，", "王欣", "曾", "对", "记者", "如此", "表示", "。"]
    seg = Segmentation(pieces, Segmentation.of("").freq)
    people = [(e.text, e.start) for e in find_entities(text, get_lexicon(), seg=seg) if e.label == "PERSON"]
    assert ("王欣", 15) in people and all(name == "王欣" for name, _ in people)


def test_entities_segmentation_of_text():
    seg = Segmentation.of("首席财务官胡玮炜表示")
    assert "".join(seg.pieces) == "首席财务官胡玮炜表示"
    assert (5, 8) in seg.unknown_spans()


def test_entities_user_dicts_are_matched_and_segmented():
    extra = [{"canonical": "青梧数据", "label": "COMPANY", "aliases": ["青梧"], "type": "data_firm"}]
    nlp = kuaiclaims.load(extra_entities=extra)
    ents = [(e.text, e.canonical) for e in kuaiclaims.extract_entities("青梧数据显示，青梧的样本增长。", nlp=nlp)]
    assert ("青梧数据", "青梧数据") in ents and ("青梧", "青梧数据") in ents
    assert "青梧数据" in [t.text for t in nlp.make_doc("青梧数据显示")]
    claims = kuaiclaims.extract_claims("青梧数据显示，该平台月活用户达3200万。", nlp=nlp)
    assert claims[0].source_type == "third_party_data" and claims[0].speaker.name == "青梧数据"


def test_entities_user_jsonl_file(tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [
        {"canonical": "蓝岸能源", "label": "COMPANY", "aliases": ["蓝岸", "Blueshore Energy"], "ticker": "1234.HK"},
        {"canonical": "岸光", "label": "PRODUCT", "aliases": ["岸光储能柜"], "owner": "蓝岸能源"},
        {"canonical": "曲未央", "label": "PERSON", "title": "首席执行官", "organization": "蓝岸能源"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    nlp = kuaiclaims.load(extra_entities=str(path))
    text = "Blueshore Energy旗下岸光储能柜出货量增长，曲未央介绍说蓝岸的订单饱满。"
    ents = [(e.text, e.label, e.canonical) for e in kuaiclaims.extract_entities(text, nlp=nlp)]
    assert ("Blueshore Energy", "COMPANY", "蓝岸能源") in ents
    assert ("岸光储能柜", "PRODUCT", "岸光") in ents
    assert ("曲未央", "PERSON", "曲未央") in ents
    assert ("蓝岸", "COMPANY", "蓝岸能源") in ents
    assert "曲未央" in [t.text for t in nlp.make_doc("曲未央介绍说")]
    assert canonical_name("1234.HK", get_lexicon(str(path))) == "蓝岸能源"


def test_entities_user_entries_do_not_leak_into_the_default_pipeline():
    kuaiclaims.load(extra_entities=[{"canonical": "青梧数据", "label": "COMPANY"}])
    assert ("青梧数据", "COMPANY") not in _labels("青梧数据显示，样本增长。")


def test_global_jieba_is_untouched():
    before = jieba.lcut("青梧数据显示快手可灵AI")
    kuaiclaims.extract_claims("快手可灵AI的收入超1亿元。")
    kuaiclaims.load(extra_entities=[{"canonical": "青梧数据", "label": "COMPANY"}])
    assert jieba.lcut("青梧数据显示快手可灵AI") == before
    assert "可灵ai" not in jieba.dt.FREQ and "青梧数据" not in jieba.dt.FREQ


def test_lexicon_sizes():
    entries = builtin_entries()
    by = {lab: sum(e.label == lab for e in entries) for lab in ("COMPANY", "PRODUCT", "PERSON")}
    assert by["COMPANY"] >= 1500 and by["PRODUCT"] >= 500 and by["PERSON"] >= 300


_TICKER = re.compile(r"[0-9A-Z][0-9A-Z.\-]*\.[A-Z]{1,3}|[0-9A-Z.\-]{1,8}")


@pytest.mark.parametrize("label", ["COMPANY", "PRODUCT", "PERSON"])
def test_lexicon_entries_are_well_formed(label):
    """Every entry: a canonical name, aliases that are strings and differ from it, a well-formed
    ticker where there is one (companies only), and no alias shared with another entry of the label."""
    seen = {}
    for e in builtin_entries():
        if e.label != label:
            continue
        assert e.canonical.strip() == e.canonical and e.canonical
        assert all(isinstance(a, str) and a.strip() and a != e.canonical for a in e.aliases), e.canonical
        if e.ticker is not None:
            assert label == "COMPANY" and _TICKER.fullmatch(e.ticker), (e.canonical, e.ticker)
        for name in e.names:
            other = seen.setdefault(name.lower(), e.canonical)
            assert other == e.canonical, (name, other, e.canonical)


def test_lexicon_listed_companies_have_tickers():
    companies = [e for e in builtin_entries() if e.label == "COMPANY" and e.type == "company"]
    with_ticker = [e for e in companies if e.ticker]
    assert len(with_ticker) >= 1000


def test_entities_a_short_name_defined_in_brackets_is_the_same_entity():
    text = "天弘余额宝货币市场基金（以下简称“天弘余额宝”）发布三季度报告。天弘余额宝的规模为1.19万亿元。"
    ents = [(e.text, e.label, e.canonical) for e in kuaiclaims.extract_entities(text)]
    assert ents == [("天弘余额宝货币市场基金", "PRODUCT", "天弘余额宝货币市场基金")] + \
        [("天弘余额宝", "PRODUCT", "天弘余额宝货币市场基金")] * 2
    text = "子公司蓝海郑州设备工程科技有限公司（以下简称“设备公司”）收到中标通知书，设备公司为牵头人。"
    assert [e.text for e in kuaiclaims.extract_entities(text)].count("设备公司") == 2


def test_entities_a_latin_firm_ends_before_a_title_and_the_name_after_it_is_a_person():
    ents = _labels("股票经纪公司Verdence Capital Advisors CEO Leo Kelly表示。")
    assert ents == [("Verdence Capital Advisors", "COMPANY"), ("Leo Kelly", "PERSON")]


@pytest.mark.parametrize("text,name", [
    ("国际机器人联合会预计，全球专业服务机器人数量今年将增长38%。", "国际机器人联合会"),
    ("中华环保联合会发布报告", "中华环保联合会"),
], ids=lambda x: str(x))
def test_entities_an_association_named_by_its_scope_and_trade(text, name):
    assert (name, "COMPANY") in _labels(text)
