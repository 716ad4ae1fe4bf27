"""Short forms of organizations an article names in full (kg/extract/short_forms.py): found
where the article uses them, so that officials and figures keep their organization.
The sentences are made up for the test."""
from __future__ import annotations

from kg.extract import extract_article
from kg.extract.short_forms import declared_form, derived_forms
from kg.model import ORGANIZATION, PERSON
from kg.resolve.gazetteer import load_gazetteer

from conftest import make_article


def _extract(*sentences, **context):
    return extract_article(make_article(*sentences, **context))


def _works_for(ext):
    return {(ext.mentions[r.subject].name, ext.mentions[r.object].name)
            for r in ext.relations if r.predicate == "worksFor"}


def test_derived_forms_drop_endings_places_and_a_trade_word():
    gazetteer = load_gazetteer()
    assert derived_forms("黑龙江北辰光电科技股份有限公司", gazetteer) == ["黑龙江北辰光电科技", "北辰光电科技", "北辰光电"]
    assert derived_forms("甘肃天驰新能源科技有限公司", gazetteer)[-1] == "天驰新能源"     # 能源 is no legal ending
    # a name of ordinary words only names no company by itself (a city's investment company)
    assert derived_forms("黑龙江城市建设投资集团有限公司", gazetteer) == []
    assert derived_forms("黑龙江文化旅游投资集团有限公司", gazetteer) == []
    assert derived_forms("湖南省星沙重工机械有限公司", gazetteer) == ["湖南省星沙重工机械", "星沙重工机械"]
    assert derived_forms("北辰光电", gazetteer) == []                      # no ending: nothing to shorten
    # a province, then a city of it written in full; not a short place name that opens the name
    assert derived_forms("吉林省长春市北辰光电有限公司", gazetteer)[-1] == "北辰光电"
    assert derived_forms("新疆天山陆港物流集团有限公司", gazetteer)[-1] == "天山陆港物流"
    # what is left is a place or shorter than three characters: the company has no short form
    assert derived_forms("黑龙江哈尔滨实业有限公司", gazetteer) == []
    assert derived_forms("内蒙古电力集团有限责任公司", gazetteer) == []


def test_declared_form_right_after_the_name():
    text = "湖南星沙重工机械有限公司（以下简称“星沙重工”）今年营收增长。"
    assert declared_form(text, text.index("（")) == "星沙重工"
    assert declared_form("某某有限公司(简称星沙)成立", 6) == "星沙"
    assert declared_form("某某有限公司（成立于2001年）", 6) is None


def test_an_official_of_a_company_named_by_its_short_form():
    ext = _extract("黑龙江辰星光电科技股份有限公司在哈尔滨新区投资建设光学镜头项目。",
                   "辰星光电总经理赵一鸣说，项目年内投产。")
    short = [m for m in ext.mentions if m.type == ORGANIZATION and m.text == "辰星光电"]
    assert short and short[0].name == "黑龙江辰星光电科技股份有限公司"
    assert ("赵一鸣", "黑龙江辰星光电科技股份有限公司") in _works_for(ext)


def test_a_declared_short_form_is_the_company_wherever_it_is_used():
    ext = _extract("湖南星沙重工机械有限公司（以下简称“星沙重工”）是一家工程机械企业。",
                   "星沙重工董事长钱立新介绍，公司去年营收增长12%。")
    assert {m.name for m in ext.mentions if m.text == "星沙重工"} == {"湖南星沙重工机械有限公司"}
    assert ("钱立新", "湖南星沙重工机械有限公司") in _works_for(ext)


def test_a_short_form_two_companies_share_names_neither():
    ext = _extract("吉林北辰光电科技有限公司和辽宁北辰光电科技有限公司签约合作。",
                   "北辰光电总经理赵一鸣说，双方将共建实验室。")
    assert not [m for m in ext.mentions if m.type == ORGANIZATION and m.text == "北辰光电"]


def test_no_short_form_without_the_full_name():
    ext = _extract("北辰光电总经理赵一鸣说，项目年内投产。")
    assert not [m for m in ext.mentions if m.type == ORGANIZATION and m.text == "北辰光电"]


def test_a_dotted_name_goes_on_past_a_function_word_that_names_use_too():
    ext = _extract("喀什市商务局局长艾合买提·阿不都热依木介绍，今年引进企业30家。")
    persons = {m.name for m in ext.mentions if m.type == PERSON}
    assert "艾合买提·阿不都热依木" in persons


def test_an_official_named_before_is_or_after_is_and_a_comma():
    # made-up sentences: 是 joins the name and the post, or opens the apposition
    ext = _extract("“三年前我们只有两条产线。”说话的是赵国梁，河北星海重工有限公司董事长。",
                   "钱立新是湖南星沙重工机械有限公司总经理。")
    assert {("赵国梁", "河北星海重工有限公司"), ("钱立新", "湖南星沙重工机械有限公司")} <= _works_for(ext)
    denied = _extract("他说这是王明，不是局长。")
    assert not [m for m in denied.mentions if m.type == PERSON and m.titles]


def _subjects(*sentences):
    ext = _extract(*sentences, home="黑龙江省", newspaper="黑龙江日报")
    return [(m.raw, None if m.about is None else ext.mentions[m.about].name) for m in ext.metrics]


def test_trade_partners_after_dui_are_not_the_subjects_of_fenbie():
    # made up: 对日本、德国进出口 names the partners of the province's trade
    found = dict(_subjects("从市场看，对日本、德国进出口分别增长11.3%和36.8%。"))
    assert found["11.3%"] not in ("日本", "德国") and found["36.8%"] not in ("日本", "德国")


def test_a_bureau_s_figures_of_foreign_capital_and_exports_are_its_province_s():
    found = dict(_subjects("黑龙江省商务厅召开新闻发布会。",
                           "2023年，实际使用外资12.5亿美元，同比增长8.2%；出口305.2亿元，增长6.1%。"))
    assert found["12.5亿美元"] == "黑龙江省" and found["305.2亿元"] == "黑龙江省"


def test_a_declared_short_form_found_by_another_recognizer_is_the_company_too():
    # (天驰新能源 is an organization to the segmenter's recognizer too, named by itself)
    ext = _extract("签约项目中，甘肃天驰新能源科技有限公司（以下简称天驰新能源）投资建设的年产10万吨负极材料项目总投资32亿元。")
    assert {m.name for m in ext.mentions if m.type == ORGANIZATION} == {"甘肃天驰新能源科技有限公司"}
    involved = {ext.mentions[r.object].name for r in ext.relations if r.predicate == "involves"}
    assert involved == {"甘肃天驰新能源科技有限公司"}


def test_ordinary_words_of_a_company_s_name_stay_ordinary_words():
    ext = _extract("黑龙江城市建设投资集团有限公司承建该项目。", "今年以来，全省城市建设投资完成120亿元。")
    assert not [m for m in ext.mentions if m.type == ORGANIZATION and m.text == "城市建设投资"]


def test_a_declared_company_name_does_not_hide_the_short_form_it_holds():
    ext = _extract("甘肃天驰新能源科技有限公司（以下简称“天驰新能源公司”）在酒泉投资建设储能项目。",
                   "天驰新能源总经理李卫东说，项目年内投产。")
    assert {m.name for m in ext.mentions if m.type == ORGANIZATION} == {"甘肃天驰新能源科技有限公司"}
    assert ("李卫东", "甘肃天驰新能源科技有限公司") in _works_for(ext)


def test_a_bureau_s_own_new_units_stay_the_bureau_s():
    found = dict(_subjects("黑龙江省人力资源和社会保障厅今年新设内设机构3个。"))
    assert found["3个"] == "黑龙江省人力资源和社会保障厅"
