"""Extraction stage: relations between the mentions of one article."""
from __future__ import annotations

from kg.extract import extract_article

from conftest import make_article


def relations(*sentences, **context):
    ext = extract_article(make_article(*sentences, **context))
    return {(ext.mentions[r.subject].name, r.predicate, ext.mentions[r.object].name) for r in ext.relations}


def test_works_for_title_after_organization():
    rels = relations("伊利集团副总裁刘大鹏介绍，项目进展顺利。")
    assert any(s == "刘大鹏" and p == "worksFor" and "伊利" in o for s, p, o in rels)


def test_works_for_committee_inside_title():
    rels = relations("和林格尔县委书记李六小表示，要加快发展。")
    assert ("李六小", "worksFor", "和林格尔县委") in rels


def test_located_in_from_the_name_and_from_context():
    rels = relations("市商务局和包头市九原区委组织部开展调研。")
    assert ("呼和浩特市商务局", "locatedIn", "呼和浩特市") in rels
    assert ("九原区委组织部", "locatedIn", "九原区") in rels


def test_involves_investor():
    rels = relations("华耀光电科技股份有限公司将投资60亿元建设10GW光伏N型电池片生产项目。")
    assert ("10GW光伏N型电池片生产项目", "involves", "华耀光电科技股份有限公司") in rels


def test_no_relation_across_sentences():
    rels = relations("伊利集团发展很快。", "副总裁刘大鹏表示，形势很好。")
    assert not any(p == "worksFor" for _, p, _ in rels)
