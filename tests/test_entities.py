"""Companies, products and people: lexicon, unknown names, canonical names, user additions."""
import jieba
import pytest

import kuaiclaims
from kuaiclaims.lexicons import builtin_entries


def _ents(text, **kw):
    nlp = kuaiclaims.load(**kw) if kw else None
    return [(e.text, e.label, e.canonical) for e in kuaiclaims.extract_entities(text, nlp=nlp)]


@pytest.mark.parametrize("text,expected", [
    ("快手科技今日公布业绩", ("快手科技", "COMPANY", "快手")),
    ("Kuaishou shares rose", ("Kuaishou", "COMPANY", "快手")),
    ("字节旗下产品", ("字节", "COMPANY", "字节跳动")),
    ("阿里与腾讯", ("阿里", "COMPANY", "阿里巴巴")),
    ("用户可以在豆包上提问", ("豆包", "PRODUCT", "豆包")),
    ("黄仁勋在演讲中提到", ("黄仁勋", "PERSON", "黄仁勋")),
    ("据路透社报道", ("路透社", "COMPANY", "路透社")),
], ids=lambda x: str(x))
def test_lexicon_names_and_aliases(text, expected):
    assert expected in _ents(text)


@pytest.mark.parametrize("text,expected", [
    ("星河智算董事长周立新表示，公司将扩产。", ("周立新", "PERSON")),
    ("首席经济学家Mark Chen认为", ("Mark Chen", "PERSON")),
    ("以及蓝鲸数科科技等新创企业", ("蓝鲸数科科技", "COMPANY")),
    ("短剧《云端奇缘》上线三天", ("云端奇缘", "PRODUCT")),
], ids=lambda x: str(x))
def test_unknown_names_by_rule(text, expected):
    assert expected in [(t, label) for t, label, _ in _ents(text)]


def test_latin_name_needs_word_boundaries():
    assert not any(t == "Meta" for t, _, _ in _ents("这个Metaverse项目"))


def test_user_entities_are_matched_and_segmented():
    extra = [{"canonical": "青梧数据", "label": "COMPANY", "aliases": ["青梧"], "type": "data_firm"}]
    nlp = kuaiclaims.load(extra_entities=extra)
    ents = [(e.text, e.canonical) for e in kuaiclaims.extract_entities("青梧数据显示，青梧的样本增长。", nlp=nlp)]
    assert ("青梧数据", "青梧数据") in ents and ("青梧", "青梧数据") in ents
    assert "青梧数据" in [t.text for t in nlp("青梧数据显示")]
    claims = kuaiclaims.extract_claims("青梧数据显示，该平台月活用户达3200万。", nlp=nlp)
    assert claims[0].source_type == "third_party_data" and claims[0].speaker.name == "青梧数据"


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
