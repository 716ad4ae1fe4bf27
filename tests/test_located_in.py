"""locatedIn within one article (kg/extract/located_in.py): from the text, the name and the
article's context.  Made-up sentences about other provinces than the seeds'."""
from __future__ import annotations

from kg.extract import extract_article

from conftest import make_article

CHENGDU = {"home": "成都市", "newspaper": "成都日报"}
GUANGDONG = {"home": "广东省", "newspaper": "南方日报"}


def located(*sentences, **context):
    ext = extract_article(make_article(*sentences, **context))
    return {(ext.mentions[r.subject].name, ext.mentions[r.object].name) for r in ext.relations
            if r.predicate == "locatedIn"}


def test_a_bare_zone_in_a_city_paper_is_the_citys_own():
    rels = located("综合保税区、经开区发展迅速。", **CHENGDU)
    assert ("成都综合保税区", "成都市") in rels
    assert ("成都经济技术开发区", "成都市") in rels


def test_a_zone_applied_for_is_no_zone():
    rels = located("积极申报国家级高新区。", **CHENGDU)
    assert not any("高新" in s for s, _ in rels)


def test_a_company_without_a_place_gets_none_from_the_paper():
    rels = located("恒信公司扩大产能。", **CHENGDU)
    assert not any(s == "恒信公司" for s, _ in rels)


def test_an_institution_without_a_place_is_the_papers():
    rels = located("要建设好岭南现代农业实验室。", **GUANGDONG)
    assert ("岭南现代农业实验室", "广东省") in rels


def test_situated_before_a_name_places_it():
    rels = located("位于宁夏回族自治区的贺兰山国家级自然保护区迎来降雪。", **GUANGDONG)
    assert ("贺兰山国家级自然保护区", "宁夏回族自治区") in rels


def test_a_route_between_places_lies_in_neither():
    rels = located("加快建设陇东至山东特高压输电工程。", **GUANGDONG)
    assert not any("输电工程" in s for s, _ in rels)


def test_a_national_body_is_in_china_and_a_plant_where_its_name_says():
    rels = located("国家能源局批复后，燕山石化启动扩能。", **GUANGDONG)
    assert ("国家能源局", "中国") in rels
    assert ("中国石化北京燕山石化公司", "北京市") in rels


def test_a_mountain_named_like_a_county_places_nothing():
    rels = located("建设好紫金山实验室。", home="江苏省", newspaper="新华日报")
    assert not any(o == "紫金县" for _, o in rels)


def test_a_cross_border_zone_lies_on_this_side():
    rels = located("推进中越凭祥—同登跨境经济合作区建设。", **GUANGDONG)
    assert ("凭祥—同登跨境经济合作区", "凭祥市") in rels


def test_a_zone_named_by_a_place_we_cannot_tell_gets_no_default():
    # 东兴 is a city of Guangxi and a district of Sichuan: no guess, and not the paper's province
    ext = extract_article(make_article("建设好东兴边境经济合作区。", **GUANGDONG))
    assert "东兴边境经济合作区" in {m.name for m in ext.mentions}
    rels = {(ext.mentions[r.subject].name, ext.mentions[r.object].name) for r in ext.relations}
    assert not any(s == "东兴边境经济合作区" for s, _ in rels)


def test_a_project_named_with_the_region_is_also_in_the_citys_article_city():
    rels = located("重点推动内蒙古大数据交易中心项目开工。", home="内蒙古自治区", newspaper="内蒙古日报",
                   local="呼和浩特市")
    assert ("内蒙古大数据交易中心项目", "呼和浩特市") in rels


def test_the_stated_place_wins_over_a_wider_place_inside_the_name():
    rels = located("在白云区，广州凯越空港物流园项目同步开工。", home="广州市", newspaper="广州日报")
    assert ("广州凯越空港物流园项目", "白云区") in rels
    assert ("广州凯越空港物流园项目", "广州市") not in rels


def test_an_investors_home_in_a_projects_name_is_not_where_it_is():
    rels = located("在黔东南苗族侗族自治州凯里市，湖南湘联新能源科技有限公司年产5万吨电池项目开工。", **GUANGDONG)
    assert ("湖南湘联新能源科技有限公司年产5万吨电池项目", "凯里市") in rels
    assert ("湖南湘联新能源科技有限公司", "湖南省") in rels          # the company stays at home


def test_a_more_specific_place_inside_the_name_still_wins():
    rels = located("在广东省，佛山华美铝材项目开工。", **GUANGDONG)
    assert ("佛山华美铝材项目", "佛山市") in rels


def test_a_place_before_de_and_a_place_after_the_project():
    rels = located("南海区的佛山华美铝材年产10万吨铝型材项目投产。", "广州凯森智能装备项目正式落户番禺区。",
                   home="广州市", newspaper="广州日报")
    assert ("佛山华美铝材年产10万吨铝型材项目", "南海区") in rels
    assert ("广州凯森智能装备项目", "番禺区") in rels


def test_a_place_inside_an_organizations_name_states_nothing():
    rels = located("在广州海关监管下，从韶关市曲江铁路物流中心项目发出班列。", **GUANGDONG)
    assert not any(o == "广州市" and "物流中心" in s for s, o in rels)


def test_a_direction_inside_a_name_is_no_place():
    ext = extract_article(make_article("德国凯森亚太研发中心项目和华南生产基地项目开工。", **GUANGDONG))
    named = {m.name for m in ext.mentions if m.type == "Place" and m.text and not m.embedded}
    assert "亚太" not in named and "华南地区" not in named
    rels = {(ext.mentions[r.subject].name, ext.mentions[r.object].name) for r in ext.relations
            if r.predicate == "locatedIn"}
    assert not any(o in ("亚太", "华南地区") for _, o in rels)


def test_the_committee_in_a_zones_title_chain_is_the_zones():
    ext = extract_article(make_article("湛江东海新区党工委书记、管委会主任王强表示，项目进展顺利。",
                                       home="湛江市", newspaper="湛江日报"))
    rels = {(r.predicate, ext.mentions[r.subject].name, ext.mentions[r.object].name) for r in ext.relations}
    assert ("worksFor", "王强", "湛江东海新区管委会") in rels
    assert ("worksFor", "王强", "湛江东海新区党工委") in rels
    assert ("locatedIn", "湛江东海新区管委会", "湛江东海新区") in rels
