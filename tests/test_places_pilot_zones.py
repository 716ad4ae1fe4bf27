"""Pilot free trade zones by their short names, and their areas by their own names, in an
article about one such zone (kg/extract/places.py).  The sentences are made up."""
from __future__ import annotations

from kg.extract import extract_article
from kg.model import PLACE

from conftest import make_article


def _extract(*sentences):
    return extract_article(make_article(*sentences, home="福建省", newspaper="福建日报"))


def _places(ext):
    return {m.text: m.name for m in ext.mentions if m.type == PLACE and m.text}


def test_a_short_name_is_the_state_council_s_name():
    ext = _extract("福建自贸试验区新设企业1.2万家。")
    assert _places(ext)["福建自贸试验区"] == "中国（福建）自由贸易试验区"
    assert "推动自贸试验区" not in _places(_extract("推动自贸试验区提质增效。"))


def test_areas_named_alone_belong_to_the_article_s_zone():
    ext = _extract("记者从省商务厅获悉，福建自贸试验区新设企业1.2万家。",
                   "其中，厦门片区、福州片区分别新设企业5200家和4100家。",
                   "依托自贸试验区平潭片区和三个片区的政策优势，企业加快集聚。")
    places = _places(ext)
    assert places["厦门片区"] == "中国（福建）自由贸易试验区厦门片区"
    assert places["福州片区"] == "中国（福建）自由贸易试验区福州片区"
    assert places["平潭片区"] == "中国（福建）自由贸易试验区平潭片区"
    assert not [t for t in places if t.endswith("三个片区")]
    figures = {m.raw: ext.mentions[m.about].name for m in ext.metrics if m.about is not None}
    assert figures["5200家"] == "中国（福建）自由贸易试验区厦门片区"


def test_no_areas_without_a_zone_or_with_two_zones():
    assert "老城片区" not in _places(_extract("全市推进老城片区、新城片区更新改造。"))
    ext = _extract("福建自贸试验区和广东自贸试验区签署合作协议。", "其中，厦门片区新设企业5200家。")
    assert "厦门片区" not in _places(ext)


def test_a_park_of_china_and_another_country_named_with_its_city_in_brackets():
    ext = _extract("中新（福州）国际合作示范区举行重点项目集中签约仪式。")
    assert _places(ext).get("中新（福州）国际合作示范区") == "中新（福州）国际合作示范区"
    assert "中欧（厦门）班列" not in _places(_extract("中欧（厦门）班列开行300列。"))


def test_an_area_s_name_stops_at_a_verb_before_it():
    ext = _extract("福建自贸试验区新设企业1.2万家。", "今年，力争厦门片区新设企业6000家。")
    places = _places(ext)
    assert places.get("厦门片区") == "中国（福建）自由贸易试验区厦门片区"
    assert not [t for t in places if t.startswith("力争")]


def test_an_area_named_alone_is_in_its_zone():
    ext = _extract("福建自贸试验区新设企业1.2万家。", "其中，厦门片区新设企业5200家。")
    located = {(ext.mentions[r.subject].name, ext.mentions[r.object].name)
               for r in ext.relations if r.predicate == "locatedIn"}
    assert ("中国（福建）自由贸易试验区厦门片区", "中国（福建）自由贸易试验区") in located


def test_parts_of_a_city_are_no_areas_of_the_zone():
    ext = _extract("福建自贸试验区新设企业1.2万家。", "福州市将城区划分为东部片区、中心片区和城北片区。",
                   "核心片区完成投资8亿元。")
    assert not [name for name in _places(ext).values() if name.startswith("中国（福建）自由贸易试验区") and name.endswith("片区")]


def test_a_short_name_with_its_level_word_is_the_same_zone():
    assert _places(_extract("浙江省自贸试验区新设企业3000家。"))["浙江省自贸试验区"] == "中国（浙江）自由贸易试验区"


def test_a_bilateral_name_that_runs_into_a_verb_is_no_zone():
    places = _places(_extract("中欧（厦门）班列途经阿拉山口口岸出境。", "中欧（西安）班列运输黄河沿线货物。"))
    assert not [t for t in places if t.startswith("中欧")]
