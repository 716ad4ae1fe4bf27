"""Extraction stage: a sentence in, mentions out."""
from __future__ import annotations

from kg.extract import extract_article
from kg.model import ORGANIZATION, PERSON, PLACE, PROJECT

from conftest import make_article


def mentions(*sentences, **context):
    return extract_article(make_article(*sentences, **context)).mentions


def names(ms, typ):
    return {m.name for m in ms if m.type == typ and m.text}


def test_places_full_short_and_chain():
    ms = mentions("巴彦淖尔市乌拉特中旗和呼市、包头都在内蒙古。")
    assert {"巴彦淖尔市", "乌拉特中旗", "呼和浩特市", "包头市", "内蒙古自治区"} <= names(ms, PLACE)
    chain = [m for m in ms if m.text == "巴彦淖尔市乌拉特中旗"]
    assert chain and chain[0].name == "乌拉特中旗" and chain[0].key == "150824"


def test_deictic_places_follow_the_newspaper():
    city = mentions("首府全市招商引资成效显著。")
    assert {m.name for m in city if m.deictic and m.text} == {"呼和浩特市"}
    region = mentions("我区口岸货运量增长，全区经济平稳。", home="内蒙古自治区", newspaper="内蒙古日报")
    assert {m.name for m in region if m.text in ("我区", "全区")} == {"内蒙古自治区"}


def test_government_bodies_take_their_place_from_context():
    ms = mentions("市行政审批和政务服务局与自治区商务厅召开会议。", home="呼和浩特市")
    orgs = {m.text: m for m in ms if m.type == ORGANIZATION}
    assert orgs["市行政审批和政务服务局"].name == "呼和浩特市行政审批和政务服务局"
    assert orgs["市行政审批和政务服务局"].deictic
    assert orgs["自治区商务厅"].name == "内蒙古自治区商务厅"


def test_party_committee_and_its_departments():
    ms = mentions("包头市九原区委组织部和和林格尔县委共同举办活动。", home="内蒙古自治区")
    assert {"九原区委组织部", "和林格尔县委"} <= names(ms, ORGANIZATION)


def test_company_names_end_in_a_suffix_and_start_after_a_verb():
    ms = mentions("华耀光电科技股份有限公司将投资60亿元建设10GW光伏N型电池片生产项目。")
    assert names(ms, ORGANIZATION) == {"华耀光电科技股份有限公司"}
    assert names(ms, PROJECT) == {"10GW光伏N型电池片生产项目"}


def test_generic_phrases_are_not_names():
    ms = mentions("全市签约重点项目55个，龙头企业和有关部门积极参与。")
    assert not names(ms, PROJECT)
    assert not names(ms, ORGANIZATION)


def test_listed_projects_before_deng_xiangmu():
    ms = mentions("重点推动伊利液奶三期、奶粉二期、金宇兽用疫苗智能制造示范工厂等项目开工建设。")
    assert {"伊利液奶三期", "伊利奶粉二期", "金宇兽用疫苗智能制造示范工厂"} <= names(ms, PROJECT)   # 奶粉二期 takes 伊利


def test_officials_title_before_and_after_the_name():
    ms = mentions("市行政审批和政务服务局党组书记、局长韩文相说，服务要好。",
                  "刘大鹏，伊利集团副总裁。", "和林格尔县委书记李六小表示，要加快发展。")
    persons = {m.name: m for m in ms if m.type == PERSON}
    assert persons["韩文相"].titles == ("党组书记", "局长")
    assert persons["刘大鹏"].titles == ("副总裁",)
    assert "李六小" in persons


def test_zones_and_ports():
    ms = mentions("和林格尔新区和甘其毛都口岸发展迅速。", home="内蒙古自治区")
    subtypes = {m.name: m.subtype for m in ms if m.type == PLACE}
    assert subtypes.get("和林格尔新区") == "DevelopmentZone"
    assert subtypes.get("甘其毛都口岸") == "Port"


def test_quoted_campaigns_are_not_projects():
    ms = mentions("推进“强首府”工程建设。")
    assert not names(ms, PROJECT)


def test_official_patterns_of_news_prose():
    ms = mentions("呼和浩特市市场监督管理局党组书记、局长，一级调研员云春雷获评先进个人。",
                  "他就是锡林郭勒职业学院研究院主任——郭梁。",
                  "根本在于习近平总书记的掌舵领航。",
                  "华耀光电科技股份有限公司总经理助理刘党旗感触颇深。")
    persons = {m.name: m.titles for m in ms if m.type == PERSON}
    assert persons["云春雷"] == ("党组书记", "局长", "一级调研员")
    assert "郭梁" in persons and "习近平" in persons and "刘党旗" in persons


def test_common_words_after_a_title_are_not_names():
    ms = mentions("副总经理项目推进很快。", "局长毕业后到基层工作。")
    assert not [m for m in ms if m.type == PERSON]


def test_other_provinces_customs_and_bracketed_company_names():
    ms = mentions("据南京海关统计，台积电（南京）有限公司扩产项目落户南京江北新区。", home="江苏省", newspaper="新华日报")
    assert {"南京海关", "台积电（南京）有限公司"} <= names(ms, ORGANIZATION)
    places = {m.name for m in ms if m.type == PLACE and not m.embedded and m.text}
    assert "南京江北新区" in places and "南京市" in places
    assert not any(name.startswith("江北区") for name in places)     # 江北 inside the zone's name is no place


def test_expressway_sections_are_projects():
    ms = mentions("开工建设G0616海乌段、G1817乌巴段，建成S29呼凉高速。")
    assert {"G0616海乌段", "G1817乌巴段", "S29呼凉高速"} <= names(ms, PROJECT)


def test_organizations_the_segmenter_knows_as_one_word():
    ms = mentions("深圳市人民政府与香港特区政府签署合作协议。", home="广东省", newspaper="南方日报")
    assert {"深圳市人民政府", "香港特区政府"} <= names(ms, ORGANIZATION)
