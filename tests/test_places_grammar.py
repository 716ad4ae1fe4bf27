"""Places by their grammar and the gazetteer's regions and sites (kg/extract/places.py,
kg/resolve/gazetteer.py).  Made-up sentences about other provinces than the seeds'."""
from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.model import PLACE
from kg.resolve.gazetteer import load_gazetteer

from conftest import make_article

GUANGDONG = {"home": "广东省", "newspaper": "南方日报"}


def places(*sentences, **context):
    ext = extract_article(make_article(*sentences, **context))
    return {m.text: m for m in ext.mentions if m.type == PLACE and m.text}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_a_region_lies_in_the_smallest_division_holding_its_members(gaz):
    assert gaz.get(gaz.resolve("长株潭").parent).name == "湖南省"
    assert gaz.resolve("京津冀").parent == "country:CN"
    assert gaz.resolve("东北亚").parent is None          # a world region: no container


def test_deserts_and_sandy_lands_are_sites_in_their_division(gaz):
    kubuqi = gaz.resolve("库布其")
    assert (kubuqi.name, kubuqi.subtype) == ("库布其沙漠", "NaturalSite")
    assert gaz.get(kubuqi.parent).name == "鄂尔多斯市"
    assert gaz.get(gaz.resolve("塔克拉玛干沙漠").parent).name == "新疆维吾尔自治区"


def test_two_regions_share_one_head():
    found = places("华东、华南地区需求旺盛。", **GUANGDONG)
    assert found["华东"].name == "华东地区" and found["华南地区"].name == "华南地区"


def test_verbs_of_a_zones_name_after_its_place():
    found = places("支持长株潭国家自主创新示范区建设。", **GUANGDONG)
    assert "长株潭国家自主创新示范区" in found
    assert "加快建设现代物流示范区" not in places("加快建设现代物流示范区。", **GUANGDONG)


def test_a_site_is_named_before_its_rating():
    found = places("黄果树瀑布5A级景区游客增多。", **GUANGDONG)
    assert found["黄果树瀑布"].subtype == "NaturalSite"


def test_a_port_is_one_place_and_its_mode():
    found = places("中俄口岸贸易增长,黑龙江口岸货运量上升,绥芬河智慧口岸建设加快。", **GUANGDONG)
    assert not any(t.endswith("口岸") for t in found)


def test_a_kind_of_zone_is_no_zone():
    found = places("加快推进高水平工业园区建设。", **GUANGDONG)
    assert not any(t.endswith("园区") for t in found)


def test_a_bare_zone_is_named_after_the_articles_city_and_merges_with_its_full_name():
    found = places("经开区管委会负责招商,成都经开区产值增长。", home="成都市", newspaper="成都日报")
    assert found["经开区"].name == "成都经济技术开发区" and found["经开区"].deictic
    assert found["成都经开区"].name == "成都经济技术开发区"


def test_a_home_nickname_is_the_city_not_a_far_district():
    found = places("鹿城经济平稳。", home="内蒙古自治区", newspaper="内蒙古日报")
    assert found["鹿城"].name == "包头市"
    assert places("鹿城区经济平稳。", home="温州市", newspaper="温州日报")["鹿城区"].key == "330302"


def test_the_national_new_areas_are_zones_of_their_province():
    found = places("在贵安新区建设数据中心。", "雄安新区和天府新区发展迅速。", **GUANGDONG)
    assert "安新" not in found                     # 贵|安新|区 is no county of Hebei
    assert found["贵安新区"].subtype == "DevelopmentZone"
    gazetteer = load_gazetteer()
    assert gazetteer.get(found["贵安新区"].key).parent == "520000"
    assert gazetteer.get(found["雄安新区"].key).parent == "130000"


def test_a_county_right_after_a_city_it_is_not_in_is_part_of_a_name():
    found = places("湛江东海新区管委会主任王强表示。", "苏州吴江区和东海县签约。", **GUANGDONG)
    assert "东海" not in found                     # not 东海县 of Jiangsu
    assert found["湛江东海新区"].subtype == "DevelopmentZone"
    assert "东海县" in found and "吴江区" in found


def test_bonded_port_areas_and_new_towns_are_zones():
    found = places("钦州保税港区和长沙高铁新城发展迅速。", "研究院选址长沙高铁新城。", "加快建设新城。", **GUANGDONG)
    assert found["钦州保税港区"].subtype == "DevelopmentZone"
    assert found["长沙高铁新城"].subtype == "DevelopmentZone"
    assert not any(text.startswith(("研究院", "建设")) for text in found)


def test_a_pilot_free_trade_zone_and_its_area():
    found = places("在中国（福建）自由贸易试验区厦门片区，一批项目落地。", "中国（海南）自由贸易港建设提速。",
                   home="厦门市", newspaper="厦门日报")
    area, zone = found["中国（福建）自由贸易试验区厦门片区"], found["中国（福建）自由贸易试验区"]
    assert area.subtype == zone.subtype == "DevelopmentZone"
    assert found["中国（海南）自由贸易港"].subtype == "DevelopmentZone"
    ext = extract_article(make_article("在中国（福建）自由贸易试验区厦门片区，一批项目落地。", home="厦门市",
                                       newspaper="厦门日报"))
    named = {i: m.name for i, m in enumerate(ext.mentions)}
    placed = {(named[r.subject], named[r.object]) for r in ext.relations if r.predicate == "locatedIn"}
    assert ("中国（福建）自由贸易试验区厦门片区", "中国（福建）自由贸易试验区") in placed
    assert ("中国（福建）自由贸易试验区", "福建省") in placed


def test_a_cooperation_zone_and_a_zone_before_qu_nei():
    found = places("前海深港现代服务业合作区发布新政。", "赣州市蓉江新区内，项目正在安装设备。", **GUANGDONG)
    assert found["前海深港现代服务业合作区"].subtype == "DevelopmentZone"
    assert "赣州市蓉江新区" in found          # jieba: 蓉|江新|区内
