"""The gazetteer: lookup, resolve, containment and the longest-match scan."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kg.resolve.gazetteer import Gazetteer, Place, load_gazetteer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_load_is_cached(gaz):
    assert load_gazetteer() is gaz


def test_conventional_abbreviation_names_the_city(gaz):
    [place] = gaz.lookup("呼市")
    assert (place.key, place.name, place.kind) == ("150100", "呼和浩特市", "prefecture")
    assert gaz.resolve("呼和浩特").key == "150100"


def test_county_has_its_city_and_region_as_ancestors(gaz):
    place = gaz.resolve("九原区")
    assert place.key == "150207"
    assert [p.name for p in gaz.ancestors(place.key)] == ["包头市", "内蒙古自治区"]


def test_rule_made_short_forms(gaz):
    assert gaz.resolve("内蒙古").name == "内蒙古自治区"
    assert gaz.resolve("广西").name == "广西壮族自治区"
    assert gaz.resolve("鄂伦春旗").name == "鄂伦春自治旗"
    assert gaz.resolve("和林格尔").name == "和林格尔县"
    assert gaz.resolve("锡林郭勒").name == "锡林郭勒盟"
    # a banner's name is not shortened to a fragment
    assert gaz.lookup("乌拉特中") == []


def test_hand_abbreviations(gaz):
    assert gaz.resolve("和林县").name == "和林格尔县"
    assert gaz.resolve("土左旗").name == "土默特左旗"
    assert gaz.resolve("达旗").name == "达拉特旗"
    assert gaz.resolve("内蒙").name == "内蒙古自治区"


def test_ambiguous_name_needs_near(gaz):
    assert gaz.is_ambiguous("朝阳区")
    assert gaz.resolve("朝阳区") is None
    assert gaz.resolve("朝阳区", near=["110000"]).key == "110105"
    assert gaz.resolve("朝阳区", near=["220100"]).key == "220104"


def test_near_prefers_the_local_city_over_the_home_region(gaz):
    # 阿旗 is 阿鲁科尔沁旗 (赤峰) and 阿荣旗 (呼伦贝尔): the region alone cannot tell
    assert gaz.resolve("阿旗", near=["150000"]) is None
    assert gaz.resolve("阿旗", near=["150000", "150400"]).key == "150421"
    assert gaz.resolve("阿旗", near=["150000", "150700"]).key == "150721"


def test_short_form_of_a_higher_level_wins(gaz):
    # 海南区 (乌海) and 吉林市 do not take the provinces' short forms
    assert [p.key for p in gaz.lookup("海南")] == ["460000"]
    assert gaz.resolve("海南", near=["150300"]).key == "460000"
    assert gaz.resolve("吉林").key == "220000"
    # a county-level city and a port share 满洲里: the city is the division
    assert {p.kind for p in gaz.lookup("满洲里")} == {"county", "port"}
    assert gaz.resolve("满洲里").key == "150781"


def test_countries_regions_ports(gaz):
    assert gaz.resolve("蒙古国").key == "country:MN"
    assert gaz.resolve("阿联酋").name == "阿拉伯联合酋长国"
    assert gaz.resolve("沙特").name == "沙特阿拉伯"
    assert gaz.resolve("华北").name == "华北地区"
    assert gaz.resolve("长三角").subtype == "Region"
    port = gaz.resolve("甘其毛都")
    assert (port.name, port.subtype) == ("甘其毛都口岸", "Port")
    assert gaz.get(port.parent).name == "乌拉特中旗"
    assert gaz.get("port:策克口岸").parent == "152923"          # 额济纳旗


def test_unknown_surface(gaz):
    assert gaz.lookup("不存在的地方") == []
    assert gaz.resolve("不存在的地方") is None
    assert gaz.get("999999") is None
    assert gaz.ancestors("999999") == []


def test_find_all_keeps_the_pieces_of_a_compound(gaz):
    text = "项目落户巴彦淖尔市乌拉特中旗，双方将深化合作。"
    found = gaz.find_all(text)
    assert [s for _, _, s in found] == ["巴彦淖尔市", "乌拉特中旗"]
    start, end, surface = found[1]
    assert text[start:end] == surface


def test_find_all_guards(gaz):
    # single characters are never forms
    assert all(len(s) >= 2 for _, _, s in gaz.find_all("县里和区里、盟市、旗县"))
    # a common word is left out unless asked for
    assert gaz.is_common_word("合作")
    assert gaz.find_all("加强合作") == []
    assert [s for _, _, s in gaz.find_all("加强合作", common_words=True)] == ["合作"]
    # its full name is not a common word
    assert [s for _, _, s in gaz.find_all("甘肃省合作市")] == ["甘肃省", "合作市"]
    # 蒙古族 is a people, not the country
    assert gaz.find_all("蒙古族群众") == []
    # 乌兰察布市场监管局 is 乌兰察布 + 市场监管局
    assert [s for _, _, s in gaz.find_all("乌兰察布市场监管局")] == ["乌兰察布"]


def test_surface_forms_cover_names_and_short_forms(gaz):
    forms = {form for form, _ in gaz.surface_forms()}
    assert {"呼和浩特市", "呼和浩特", "呼市", "蒙古国", "京津冀", "甘其毛都口岸"} <= forms


def test_small_gazetteer_without_files():
    places = [Place("1", "甲乙市", "prefecture", None, ("甲乙",)),
              Place("2", "丙丁县", "county", "1", ("丙丁",))]
    gaz = Gazetteer(places)
    assert gaz.find_all("甲乙市丙丁县") == [(0, 3, "甲乙市"), (3, 6, "丙丁县")]
    assert gaz.ancestors("2") == [places[0]]


def _seed_text() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seeds folder")
def test_find_all_is_fast(gaz):
    text = _seed_text()
    gaz.find_all(text)                     # build the matcher
    start = time.perf_counter()
    gaz.find_all(text)
    rate = len(text) / (time.perf_counter() - start)
    # measured ≈ 5M chars/s on the 2-core machine; the bound leaves room for a busy CI
    assert rate > 500_000, f"{rate:,.0f} chars/s"
