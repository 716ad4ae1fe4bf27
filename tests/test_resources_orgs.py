"""Sanity of the known-organization files (kg/resources/orgs_*.tsv) and their loader."""
from __future__ import annotations

from collections import Counter

import pytest

from kg.resolve import lexicon
from kg.resolve.gazetteer import load_gazetteer
from kg.resolve.lexicon import (
    ORG_FILES, ORG_SUBTYPES, KnownOrg, LexiconError, load_known_orgs, org_surface_conflicts,
)

# Surfaces that two organizations must share (the first listed keeps them).  None so far.
KNOWN_CONFLICTS: set[tuple[str, str, str]] = set()


@pytest.fixture(scope="module")
def orgs() -> dict[str, KnownOrg]:
    return load_known_orgs()


def _rows():
    return [row for name, columns in ORG_FILES for row in lexicon._org_rows(name, columns)]


def test_files_load_with_expected_sizes():
    sizes = {name: len(lexicon._org_rows(name, columns)) for name, columns in ORG_FILES}
    assert 150 <= sizes["orgs_national.tsv"] <= 400
    assert 400 <= sizes["orgs_companies.tsv"] <= 1500
    assert 300 <= sizes["orgs_institutions.tsv"] <= 1000


def test_canonical_names_are_unique():
    names = Counter(row.name for row in _rows())
    assert [name for name, n in names.items() if n > 1] == []


def test_no_surface_names_two_organizations():
    assert set(org_surface_conflicts()) == KNOWN_CONFLICTS


def test_every_canonical_name_maps_to_itself(orgs):
    for row in _rows():
        assert orgs[row.name].name == row.name


def test_subtypes_and_regions_are_valid(orgs):
    provinces = {p.key for p in load_gazetteer() if p.kind == "province"}
    for org in orgs.values():
        assert org.subtype in ORG_SUBTYPES, org
        assert org.region == "CN" or org.region in provinces, org


def test_companies_file_holds_companies_only():
    rows = lexicon._org_rows("orgs_companies.tsv", 4)
    assert {row.subtype for row in rows} == {"Company"}


def test_forms_are_clean(orgs):
    for surface in orgs:
        assert len(surface) >= 2, surface
        assert surface == surface.strip() and "*" not in surface and "!" not in surface, surface


@pytest.mark.parametrize("surface, name", [
    ("国务院", "中华人民共和国国务院"),
    ("中共中央", "中国共产党中央委员会"),
    ("中组部", "中共中央组织部"),
    ("商务部", "中华人民共和国商务部"),
    ("国家发改委", "中华人民共和国国家发展和改革委员会"),
    ("工信部", "中华人民共和国工业和信息化部"),
    ("全国人大常委会", "全国人民代表大会常务委员会"),
    ("中石化", "中国石油化工集团有限公司"),
    ("国家电投", "国家电力投资集团有限公司"),
    ("工行", "中国工商银行股份有限公司"),
    ("华为", "华为技术有限公司"),
    ("中通", "中通快递股份有限公司"),
    ("伊利", "内蒙古伊利实业集团股份有限公司"),
    ("包钢", "包头钢铁（集团）有限责任公司"),
    ("深交所", "深圳证券交易所"),
    ("中科院", "中国科学院"),
    ("全国工商联", "中华全国工商业联合会"),
    ("新华社", "新华通讯社"),
])
def test_lookups(orgs, surface, name):
    assert orgs[surface].name == name


def test_ambiguous_local_forms_are_left_out(orgs):
    # every province and city has one of these: they are not national names
    for surface in ("发改委", "统计局", "国资委", "人大", "政协", "中大", "南航"):
        assert surface not in orgs


def test_regions(orgs):
    assert orgs["国家电网"].region == "CN"
    assert orgs["蒙牛"].region == "150000"
    assert orgs["内蒙古大学"].region == "150000"
    assert orgs["外交部"].region == "CN"


def test_weak_forms(orgs):
    assert orgs["远景"].weak            # marked * in the file
    assert orgs["美的"].weak            # marked *
    assert orgs["小米"].weak            # a common word by jieba's dictionary
    assert orgs["联想"].weak
    assert not orgs["百度"].weak        # marked !: a name first
    assert not orgs["中通"].weak
    assert not orgs["中国石油化工集团有限公司"].weak


def test_place_names_are_weak(orgs):
    gazetteer = load_gazetteer()
    clashes = [s for s, org in orgs.items() if gazetteer.lookup(s) and not org.weak]
    assert clashes == []


def test_bracket_variants(orgs):
    assert orgs["华润(集团)有限公司"].name == "华润（集团）有限公司"
    assert orgs["包头钢铁集团有限责任公司"].name == "包头钢铁（集团）有限责任公司"


def test_malformed_lines_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "RESOURCES", tmp_path)
    header = "canonical\tsubtype\tshort_forms\tregion\n"
    cases = {
        "甲公司\tCompany\t甲\n": "expected 4 tab-separated columns",
        "甲公司\tFirm\t甲\tCN\n": "unknown subtype",
        "甲公司\tCompany\t甲\tInnerMongolia\n": "region must be",
        "甲公司\tCompany\t甲,,乙\tCN\n": "bad short form",
    }
    for line, message in cases.items():
        (tmp_path / "bad.tsv").write_text("# comment\n" + header + line, encoding="utf-8")
        with pytest.raises(LexiconError, match=f"bad.tsv:3: {message}"):
            lexicon._org_rows("bad.tsv", 4)
