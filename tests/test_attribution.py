"""Who says so: one construction per source type, and the scope rules. Sentences written for these tests."""
import pytest

import kuaiclaims


def _only(text, published="2025-05-20"):
    claims = kuaiclaims.extract_claims(text, published=published)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize("text,kind,name,source", [
    ("在业绩电话会上，小米集团总裁卢伟冰表示，汽车业务毛利率达到23.2%。", "person", "卢伟冰", "earnings_call"),
    ("年报显示，比亚迪全年营收7771亿元。", "document", "比亚迪", "financial_report"),
    ("美团在发布会上宣布，骑手社保投入超过10亿元。", "organization", "美团", "company_statement"),
    ("QuestMobile数据显示，小红书月活跃用户达3.2亿。", "organization", "QuestMobile", "third_party_data"),
    ("中金公司在研报中指出，预计明年白酒行业收入增速放缓至5%。", "organization", "中金公司", "analyst_report"),
    ("国家统计局数据显示，5月社会消费品零售总额同比增长6.4%。", "organization", "国家统计局", "government"),
    ("据路透社报道，该交易金额约为40亿美元。", "organization", "路透社", "media_report"),
    ("一位接近阿里巴巴的人士透露，淘宝闪购日订单已超8000万单。", "anonymous", None, "anonymous_source"),
    ("中国人民大学教授王晓明认为，消费增速有望回升至5%以上。", "person", "王晓明", "expert"),
    ("研究中心主任助理鲍明表示，预计全年GDP增速为5.5%左右。", "person", "鲍明", "expert"),   # the title names an institute
    ("截至收盘，腾讯控股股价报收512港元。", "author", None, "market_data"),
    ("当日，澜海银行H股收于4.98港元。", "author", None, "market_data"),
    ("这家公司去年在华东新开门店320家。", "author", None, "journalist"),
], ids=lambda x: str(x))
def test_source_types(text, kind, name, source):
    c = _only(text)
    assert c.source_type == source
    assert c.speaker.kind == kind
    if name is not None:
        assert c.speaker.name == name


def test_quote_with_speaker_after():
    text = "“我们今年的海外收入将突破200亿元。”雷军在发布会上表示。"
    c = _only(text)
    assert c.speaker.name == "雷军" and c.quote == "direct"


def test_pronoun_resolves_to_last_speaker():
    text = "王传福在股东大会上表示，比亚迪会继续投入研发。他表示，今年研发人员将增加2万名。"
    c = _only(text)
    assert c.speaker.name == "王传福"


def test_in_his_view_resolves_to_anonymous_speaker():
    text = "一位新能源行业从业者告诉记者，价格战还会持续。在他看来，行业利润率可能跌破5%。"
    c = _only(text)
    assert c.speaker.kind == "anonymous" and c.source_type == "anonymous_source"


def test_document_scope_reaches_paragraph_end_and_stops_at_next_paragraph():
    text = ("财报显示，理想汽车季度营收达到259亿元。毛利率为20.5%。\n\n"
            "业内普遍认为，新势力的竞争将加剧，行业集中度已升至60%。")
    claims = kuaiclaims.extract_claims(text)
    src = [c.source_type for c in claims]
    assert src[:2] == ["financial_report", "financial_report"]
    assert src[2] == "journalist"


def test_carry_over_paragraph_keeps_the_filing_speaking():
    text = "小鹏汽车发布2024年四季度业绩。四季度营收161亿元。\n\n其中，汽车销售收入为148亿元。"
    claims = kuaiclaims.extract_claims(text)
    assert [c.speaker.kind for c in claims] == ["document", "document"]


def test_quote_continuation_after_speaker():
    text = "何小鹏在业绩说明会上透露，公司计划推出新车型。“明年交付量目标是40万辆。”"
    c = _only(text)
    assert c.speaker.name == "何小鹏" and c.source_type == "earnings_call" and c.quote == "direct"


def test_unbalanced_quote_stays_in_its_paragraph():
    text = "“价格战还没结束\n\n统计局数据显示，全国新房价格同比下降4.5%。"
    c = _only(text)
    assert c.source_type == "government"


def test_broker_acting_on_target_price():
    c = _only("摩根士丹利将理想汽车目标价定为35美元。")
    assert c.source_type == "analyst_report" and c.speaker.name == "摩根士丹利"


# Constructions added in session 2, each with a fresh sentence.

def test_release_verb_reaches_the_rest_of_its_paragraph():
    text = "财政部日前公布，1至4月全国一般公共预算收入80616亿元。其中税收收入同比下降2.1%。\n\n市场人士认为降幅或将收窄。"
    claims = kuaiclaims.extract_claims(text, published="2025-05-20")
    assert [(c.speaker.name, c.source_type) for c in claims] == [("财政部", "government")] * 2


def test_speaker_before_an_occasion_phrase():
    c = _only("国家发改委主任郑栅洁在新闻发布会上宣布了新一批项目清单，总投资约3000亿元。")
    assert (c.speaker.kind, c.speaker.name, c.source_type) == ("person", "郑栅洁", "government")


def test_in_the_view_of_a_named_person():
    c = _only("在北京大学经济学院教授刘明看来，今年出口增速有望保持在4%左右。")
    assert (c.speaker.name, c.source_type) == ("刘明", "expert")


def test_pronoun_prefers_a_person_named_after_the_last_speaker():
    text = "华泰证券首席经济学家易峘此前表示，降息空间有限。中国社科院研究员张平则更关注消费。他指出，社零增速或回落至3%。"
    c = _only(text)
    assert (c.speaker.name, c.source_type) == ("张平", "expert")


def test_unnamed_person_of_an_unnamed_company_is_anonymous():
    c = _only("一家新能源车企的销售负责人向记者透露，5月订单环比增长约两成。")
    assert (c.speaker.kind, c.source_type) == ("anonymous", "anonymous_source")


def test_briefing_is_an_earnings_call_and_name_stops_before_zai():
    c = _only("首席财务官王琳在说明会上称，公司全年毛利率预计为35%。")
    assert (c.speaker.name, c.source_type) == ("王琳", "earnings_call")


@pytest.mark.parametrize("name,kind", [("清远大学", "university"), ("长川经济研究院", "research_institute"),
                                       ("东海证券", "broker"), ("汽车流通协会", "association"), ("快手", None)])
def test_org_type_by_suffix(name, kind):
    from kuaiclaims.attribution import org_type_by_suffix
    assert org_type_by_suffix(name) == kind


def test_market_word_governs_only_prices_near_it():
    text = ("按照极限产能8万吨计算，若出厂价提到1650元，净利润可达1620亿元，"
            "给予30倍市盈率，贵州茅台的市值可以达到4.8万亿元。")
    by_text = {(c.value or c.change).text: c.source_type for c in kuaiclaims.extract_claims(text)}
    assert by_text["8万吨"] == "journalist" and by_text["1650元"] == "journalist"
    assert by_text["4.8万亿元"] == "market_data"


@pytest.mark.parametrize("text,kind,name,source", [
    ("据Wind统计，近一个月共有15家机构给出买入评级。", "organization", "Wind", "third_party_data"),
    ("艾瑞咨询发布的《2024中国移动支付年度报告》显示，市场规模达到530万亿元。", "organization", "艾瑞咨询",
     "third_party_data"),
    ("比亚迪在官方微博上表示，截至6月底其自建充电站已超过3000座。", "organization", "比亚迪", "company_statement"),
    ("中信证券的看法相对温和。其研报将目标价下调至72元。", "organization", "中信证券", "analyst_report"),
    ("乘联会有关负责人此前表示，今年前5个月新能源车渗透率约为52%。", "organization", "乘联会", "third_party_data"),
    ("QuestMobile:3月AI助手App月活超3.8亿", "organization", "QuestMobile", "third_party_data"),
    ("年报同时披露，董事会建议派发末期股息每股0.35元。", "document", None, "financial_report"),
], ids=lambda x: str(x))
def test_more_source_constructions(text, kind, name, source):
    c = _only(text)
    assert (c.speaker.kind, c.source_type) == (kind, source)
    if name is not None:
        assert c.speaker.name == name


@pytest.mark.parametrize("text,kind,name,source", [
    ("36氪援引多位投资人的说法称，该公司去年营收约8亿元。", "organization", "36氪", "media_report"),
    ("海外布局方面，援引彭博社的消息，该公司募资规模约5亿美元。", "organization", "彭博社", "media_report"),
    ("据《晚点LatePost》2月25日报道，该公司估值约150亿元。", "organization", "晚点LatePost", "media_report"),
    ("工商银行等国有大行也下调了存款挂牌利率，活期存款利率下调至0.05%。", "author", None, "journalist"),
], ids=lambda x: str(x))
def test_media_constructions(text, kind, name, source):
    c = _only(text)
    assert (c.speaker.kind, c.source_type) == (kind, source)
    if name is not None:
        assert c.speaker.name == name


def test_quote_followed_by_a_pronoun_continues_the_speaker():
    text = ("在北京大学教授刘明看来，楼市止跌信号已比较明确。\"一线城市二手房成交量已连续5个月增长。\""
            "他认为，今年新房销售降幅有望收窄至5%以内。")
    names = {(c.value or c.change).text: c.speaker.name for c in kuaiclaims.extract_claims(text)}
    assert names == {"5个月": "刘明", "5%以内": "刘明"}


def test_company_announcement_is_a_filing():
    c = _only("贵州茅台公告，预计2024年净利润约860亿元。")
    assert (c.speaker.kind, c.speaker.name, c.source_type) == ("document", "贵州茅台", "financial_report")


def test_broker_revising_its_forecast():
    claims = kuaiclaims.extract_claims("摩根士丹利将今年日本GDP增速预期从1.2%下调至0.9%。")
    assert [(c.speaker.name, c.source_type) for c in claims] == [("摩根士丹利", "analyst_report")] * 2


def test_attribution_a_local_government_body_speaks_as_government():
    text = "“去年，全市共享单车超80万辆。”南通市交通运输局有关负责人表示。"
    (claim,) = kuaiclaims.extract_claims(text)
    assert claim.speaker.kind == "organization" and claim.speaker.name == "南通市交通运输局"
    assert claim.source_type == "government"


def test_attribution_a_company_known_by_its_stock_code_files_its_announcement():
    text = "挖贝网5月6日消息，禾川种业(证券代码：834751)近日发布公告称，公司回购金额上限589万元。"
    (claim,) = kuaiclaims.extract_claims(text)
    assert claim.speaker.name == "禾川种业" and claim.source_type == "financial_report"
    assert claim.subject is not None and claim.subject.canonical == "禾川种业"


def test_attribution_materials_a_body_provides_speak_for_it():
    text = "以南通为例，南通市交通委提供的材料显示，目前全市共报备共享单车84.4万辆。"
    (claim,) = kuaiclaims.extract_claims(text)
    assert claim.speaker.name == "南通市交通委" and claim.source_type == "government"


@pytest.mark.parametrize("text,name", [
    ("据澜舟方舟统计，成立满十年的私募机构共有40家。", "澜舟方舟"),   # a name no rule found
    ("据公开数据统计，成立满十年的私募机构共有40家。", None),                 # no name at all
    ("据2018年年报数据，公司共有40家门店。", None),
])
def test_attribution_the_words_of_a_data_cue_name_its_source(text, name):
    claim = next(c for c in kuaiclaims.extract_claims(text) if c.value and c.value.text == "40家")
    assert claim.source_type == "third_party_data" and claim.speaker.name == name


@pytest.mark.parametrize("text", [
    "据媒体报道，目前全国共有超过2000名嗅辨师。",
    "据公开报道，其年薪最低为两万英镑。",
])
def test_attribution_a_media_cue_without_an_outlet_names_none(text):
    claim = kuaiclaims.extract_claims(text)[0]
    assert claim.source_type == "media_report" and claim.speaker.name is None


def test_attribution_an_expectation_is_no_speaker():
    text = ("星辰证券在6月1日晚间发布的报告中指出，澜海汽车5月交付量略高于市场预期，"
            "但降价将对毛利率造成约1.5个百分点的拖累。")
    (claim,) = kuaiclaims.extract_claims(text)
    assert claim.speaker.name != "澜海汽车"


@pytest.mark.parametrize("text,name", [
    ("窄澜餐眼数据显示，截至4月，全国现磨咖啡门店数已超过19.3万家。", "窄澜餐眼"),   # a name no rule found
    ("有机构数据显示，全国现磨咖啡门店数已超过19.3万家。", None),
    ("半年报数据显示，公司营收为2.36亿元。", None),
])
def test_attribution_the_words_before_a_data_cue_name_its_source(text, name):
    claim = kuaiclaims.extract_claims(text)[0]
    assert claim.speaker.name == name


@pytest.mark.parametrize("text,name,source", [
    # a later mention keeps the title and the organisation of the first one
    ("欧洲央行管理委员会成员Klaas Knot表示，他预计最早在第四季度加息。\n\n"
     "Knot是最鹰派的官员之一，他表示通胀率将保持在4%以上。", "Klaas Knot", "government"),
    ("云帆咖啡联合创始人邱思远表示，公司将加速开店。\n\n邱思远还表示，注册会员已超过6500万。",
     "邱思远", "company_statement"),
    ("星辰证券分析师柯明远对记者表示，行业将分化。\n\n柯明远说，海外市场增长逾50%。", "柯明远", "analyst_report"),
])
def test_attribution_a_later_mention_keeps_the_first_ones_title(text, name, source):
    claim = kuaiclaims.extract_claims(text)[-1]
    assert (claim.speaker.name, claim.source_type) == (name, source)


@pytest.mark.parametrize("text,name,source", [
    # a time between the speaker and the verb; a title only a government has
    ("为此，财政大臣苏纳克上周宣布了一项90亿英镑的补助计划。", "苏纳克", "government"),
    ("日本首相岸田文雄周二表示，将追加2万亿日元预算。", "岸田文雄", "government"),
    ("云帆科技5月3日晚间披露，公司一季度营收12亿元。", "云帆科技", "company_statement"),
    # a place and a trade before 基金会 or 协会 name an association
    ("英国食品基金会的数据显示，8.8%的受访者缺乏食品保障。", "英国食品基金会", "third_party_data"),
])
def test_attribution_time_words_titles_and_associations(text, name, source):
    claim = kuaiclaims.extract_claims(text)[0]
    assert (claim.speaker.name, claim.source_type) == (name, source)


def test_attribution_a_time_before_the_speaker_does_not_hide_it():
    claim = kuaiclaims.extract_claims("当日，央行宣布下调存款准备金率0.5个百分点。")[0]
    assert (claim.speaker.name, claim.source_type) == ("中国人民银行", "government")


@pytest.mark.parametrize("text,kind,name,source", [
    # X对Y的预测/预期: whoever stands before 对 forecasts
    ("FactSet对苹果第四财季的营收预期为288亿美元。", "organization", "FactSet", "third_party_data"),
    ("分析师对1月非农就业岗位的预测值为增加15万。", "anonymous", None, "analyst_report"),
    ("摩根大通下调了评级。该机构对明年GDP的增速预期为4.5%。", "organization", "摩根大通", "analyst_report"),
    # 公司 before a reporting verb is the story's company; inside someone's scope it changes nothing
    ("云帆科技发布年报。\n\n公司表示，将计提减值准备约35亿元。", "organization", "云帆科技", "company_statement"),
    ("云帆科技发布年报。\n\n公司预计将对部分长期资产计提减值准备约35亿元。", "organization", "云帆科技",
     "company_statement"),
    ("云帆科技公告，公司预计2021年净亏损39.3亿元。", "document", "云帆科技", "financial_report"),
    ("分析师郭明錤之前预计其生命周期出货量在8,000万部。", "person", "郭明錤", "analyst_report"),
    # an analyst who revises a forecast or a target price speaks; 分析师 is a title, not the verb 分析
    ("此外，申港证券分析师刘晓宁将该公司目标价上调至86元。", "person", "刘晓宁", "analyst_report"),
    ("凯基投顾分析师郭明錤将iPhone出货量预估大幅下调23%。", "person", "郭明錤", "analyst_report"),
    ("瑞银把2025年铜价预测下调了5%。", "organization", "瑞银", "analyst_report"),
    # a flash brief of a filing: the company and a colon
    ("富满微：预计2021年净利4.7亿至4.9亿元。", "document", "富满微", "financial_report"),
    ("今日要闻。安达维尔：2021年预盈800万至1200万元。", "document", "安达维尔", "financial_report"),
    # a filer before a bracket with its stock code and quote, a date before the filing
    ("兴民智通（SZ 002355，收盘价：5.63元）7月23日晚间发布半年度业绩报称，亏损约1.01亿元。", "document",
     "兴民智通", "financial_report"),
])
def test_attribution_forecasters_and_the_company_as_speakers(text, kind, name, source):
    claim = kuaiclaims.extract_claims(text)[-1]
    assert (claim.speaker.kind, claim.speaker.name, claim.source_type) == (kind, name, source)


def test_attribution_a_market_expectation_has_no_forecaster():
    claim = kuaiclaims.extract_claims("市场对明年GDP的预期为5%。")[0]
    assert claim.speaker.kind == "author"


@pytest.mark.parametrize("text", [
    # a bare 数据显示 names no source from the paragraph before, nor from a period before it
    "全球移动通信系统协会预测，全球1/5的连接将基于5G网络。\n\n对普通消费者而言，数据显示，全国5G用户数已超过1.1亿。",
    "国家统计局公布了消费数据。\n\n中国经济三季度数据显示，GDP增长达到了4.9%。",
])
def test_attribution_a_bare_data_cue_names_no_source_from_elsewhere(text):
    claim = kuaiclaims.extract_claims(text)[-1]
    assert (claim.speaker.name, claim.source_type) == (None, "third_party_data")


def test_attribution_a_name_that_modifies_a_noun_is_no_antecedent():
    text = ("研究机构首席执行官诺德维克表示，协议是最大的风险。如果特朗普政府退出这一协定，可能会伤害美元。"
            "他指出，墨西哥比索可能会再下跌5%至10%。")
    claim = kuaiclaims.extract_claims(text)[-1]
    assert claim.speaker.name == "诺德维克"


def test_attribution_a_filing_that_names_no_one_is_the_filer_named_last():
    text = ("挖贝网8月13日，澜汐环保（证券代码：301999）发布公告称，子公司中标污水治理项目。\n"
            "公告显示，本次中标项目共计建设污水处理站43个，工程总造价1.69亿元。")
    claims = kuaiclaims.extract_claims(text)
    assert claims and all((c.speaker.kind, c.speaker.name) == ("document", "澜汐环保") for c in claims)


def test_attribution_a_filing_does_not_carry_into_a_paragraph_on_another_company():
    text = ("近期科融环境、天夏智慧等多家公司公告停牌。\n"
            "例如，科融环境2月1日晚间公告，公司控股股东共质押了2.03亿股，占总股本的29.46%。\n"
            "另外，2月1日申请停牌的天夏智慧，公司大股东合计持有1.38亿股。")
    claims = {(c.value or c.change).text: c for c in kuaiclaims.extract_claims(text)}
    assert claims["2.03亿股"].speaker.name == "科融环境"
    assert claims["1.38亿股"].speaker.name != "科融环境"


def test_attribution_a_flash_briefs_company_is_its_figures_subject():
    text = "北玻股份：2021年预盈4700万至7000万元。南风化工：2021年预盈7.7亿至9.4亿元。"
    claims = kuaiclaims.extract_claims(text)
    assert [(c.subject.canonical, c.speaker.name) for c in claims] == [("北玻股份", "北玻股份"), ("南风化工", "南风化工")]


def test_attribution_a_filing_reaches_over_a_hard_wrapped_line():
    text = "　　大华股份1月24日晚间发布业绩快报，2017\n　　年全年实现营业收入188.52亿元，同比增长41.44%。"
    claim = kuaiclaims.extract_claims(text)[0]
    assert (claim.speaker.kind, claim.speaker.name, claim.source_type) == ("document", "大华股份", "financial_report")


@pytest.mark.parametrize("text,name,source", [
    ("林琳给出的逻辑是，按2025年估计300亿元的净利润，市盈率不到20倍。", "林琳", "expert"),
    ("王磊的观点是，今年营收有望增长20%。", "王磊", "expert"),
    ("但斌的理由是，茅台现在市值1.9万亿元。", "但斌", "expert"),        # an investor comments: expert
], ids=lambda x: str(x))
def test_attribution_a_speakers_reasoning_after_shi(text, name, source):
    claim = kuaiclaims.extract_claims(text)[-1]
    assert (claim.speaker.name, claim.source_type) == (name, source)


def test_attribution_speech_set_off_by_punctuation_reaches_the_paragraphs_end():
    text = ("此外，韵达还强调，违规网点一经核实，处以5000元罚款。对代理其他品牌业务的行为，处以1000元/票处罚。\n"
            "全国快递平均单价为10.19元。")
    claims = kuaiclaims.extract_claims(text)
    assert [(c.speaker.name, c.source_type) for c in claims] == [
        ("韵达股份", "company_statement"), ("韵达股份", "company_statement"), (None, "journalist")]


def test_attribution_a_filings_own_data_and_a_reporter_reading_filings():
    text = "三季报数据显示，天弘余额宝三季度末的规模为1.19万亿元。同时，北京商报记者查阅过往季报发现，一季度末规模较去年末增长15.08%。"
    claims = kuaiclaims.extract_claims(text)
    assert [(c.speaker.kind, c.speaker.name, c.source_type) for c in claims] == [
        ("document", "天弘基金", "financial_report"), ("document", "天弘基金", "financial_report")]


def test_attribution_materials_a_company_provides():
    claim = kuaiclaims.extract_claims("另据极兔方面所提供资料，截至6月，极兔在全国拥有1043台长途运输车辆。")[0]
    assert (claim.speaker.kind, claim.source_type) == ("organization", "company_statement")


def test_attribution_a_market_line_after_someones_words_is_market_data():
    text = "桑德斯表示，总统的经济政策是成功的。道指尾盘一度暴跌近1600点，收跌1175点。"
    claims = kuaiclaims.extract_claims(text)
    assert [(c.speaker.kind, c.source_type) for c in claims] == [("author", "market_data")] * len(claims)


def test_attribution_a_company_and_an_app_announcing_their_own_figures():
    text = "今年2月，两家的差距进一步拉大——快手公布的日活跃用户数量是3亿，抖音公布的日活跃用户数量是6亿。"
    claims = kuaiclaims.extract_claims(text)
    assert [(c.subject.canonical, c.speaker.name, c.source_type) for c in claims] == [
        ("快手", "快手", "company_statement"), ("抖音", "抖音", "company_statement")]


def test_attribution_a_ranking_list_is_a_data_source_not_a_company():
    claim = kuaiclaims.extract_claims("据《中国上市公司品牌价值榜》，兴民智通的品牌价值为3.16亿元。")[0]
    assert (claim.speaker.name, claim.source_type) == ("中国上市公司品牌价值榜", "third_party_data")
    assert kuaiclaims.extract_entities("据《中国上市公司品牌价值榜》，") == []


def test_attribution_a_data_firm_reporting_prices_keeps_them():
    text = "据百川资讯监测，R22价格持续上涨。目前R22市场主流报价在53000-55000元/吨，较上周涨幅接近20%。"
    claims = kuaiclaims.extract_claims(text)
    assert {(c.speaker.name, c.source_type) for c in claims} == {("百川资讯", "third_party_data")}


def test_attribution_taking_a_company_as_an_example_is_no_speaker():
    claim = kuaiclaims.extract_claims("以茅台举例，2008年的茅台PE估值曾高达110倍。")[0]
    assert claim.speaker.kind == "author"


def test_attribution_ju_x_xianshi_is_a_data_cue():
    claim = kuaiclaims.extract_claims("而据天天基金网显示，天弘余额宝的最高7日年化收益率为6.19%。")[0]
    assert claim.speaker.name == "天天基金网"


def test_attribution_each_companys_filing_after_fenbie_and_a_fund_files_its_own_report():
    text = "各家公告显示，同期，顺丰、韵达分别完成件量7.3、14.6亿件。"
    claims = kuaiclaims.extract_claims(text)
    assert [(c.speaker.kind, c.speaker.name) for c in claims] == [("document", "顺丰控股"), ("document", "韵达股份")]
    text = "鑫元货币B发布三季度报告。三季报数据显示，鑫元货币B三季度末的规模为120亿元。"
    claim = kuaiclaims.extract_claims(text)[-1]
    assert (claim.speaker.kind, claim.speaker.name) == ("document", "鑫元货币B")
