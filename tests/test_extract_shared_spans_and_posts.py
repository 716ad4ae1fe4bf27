"""Made-up sentences for three rules of extraction:

- a list item's project shares its span with the company or place the item names
  (中行、农行等数据中心项目; 洛阳、徐州等物流集散中心项目), and is placed by that place;
- the organization of an official whose posts are in units of it (…大学生命科学与工程系系主任,
  …化学系系主任、…实验室主任——王建国), or whose title opens with it (市委书记、市长);
- a title that names its body alone right after the name (习近平总书记), and not before
  another body's name (越共中央总书记阮富仲).
"""
from __future__ import annotations

from kg.extract import extract_article
from kg.extract.spans import resolve_overlaps
from kg.model import ORGANIZATION, PLACE, PROJECT, Mention

from conftest import make_article


def _extract(*sentences, **context):
    context.setdefault("home", "河南省")
    context.setdefault("newspaper", None)
    ext = extract_article(make_article(*sentences, **context))
    spans = {(m.text, m.type, m.name) for m in ext.mentions}
    rels = {(ext.mentions[r.subject].name, r.predicate, ext.mentions[r.object].name) for r in ext.relations}
    return spans, rels


# ---------------------------------------------------------------- list items sharing a span

def test_listed_project_keeps_the_company_of_its_item():
    spans, rels = _extract("重点建设了贵阳大数据中心，中行、农行等数据中心项目全面开工。", home="贵州省")
    assert {("中行", PROJECT, "中行数据中心项目"), ("农行", PROJECT, "农行数据中心项目")} <= spans
    assert ("中行", ORGANIZATION, "中国银行股份有限公司") in spans
    assert ("中行数据中心项目", "involves", "中国银行股份有限公司") in rels


def test_listed_project_keeps_the_place_of_its_item_and_lies_there():
    spans, rels = _extract("加快推进洛阳、徐州等物流集散中心项目建设。")
    assert {("洛阳", PLACE, "洛阳市"), ("徐州", PROJECT, "徐州物流集散中心项目")} <= spans
    assert ("洛阳物流集散中心项目", "locatedIn", "洛阳市") in rels
    assert ("徐州物流集散中心项目", "locatedIn", "徐州市") in rels
    assert ("徐州物流集散中心项目", "locatedIn", "河南省") not in rels


def _mention(typ, subtype=None, start=0, end=2):
    return Mention(text="中行", type=typ, name="中行" + typ, sentence=0, start=start, end=end, subtype=subtype)


def test_only_a_listed_project_shares_an_exact_span():
    listed = resolve_overlaps([_mention(ORGANIZATION, "Company"), _mention(PROJECT, "listed")])
    assert {m.type for m in listed} == {ORGANIZATION, PROJECT}
    assert all(m.subtype != "listed" for m in listed)          # the mark is gone once overlaps are settled
    plain = resolve_overlaps([_mention(ORGANIZATION, "Company"), _mention(PROJECT)])
    assert [m.type for m in plain] == [ORGANIZATION]
    two_projects = resolve_overlaps([_mention(PROJECT, "listed"), _mention(PROJECT)])
    assert len(two_projects) == 1
    crossing = resolve_overlaps([_mention(ORGANIZATION, "Company", 0, 3), _mention(PROJECT, "listed", 1, 4)])
    assert len(crossing) == 1


# ---------------------------------------------------------------- worksFor

def test_works_for_the_organization_of_a_unit_before_the_title():
    _, rels = _extract("四川大学生命科学与工程系系主任张明华表示，合作前景广阔。", home="四川省")
    assert ("张明华", "worksFor", "四川大学") in rels


def test_works_for_a_row_of_posts_in_units_of_one_organization():
    _, rels = _extract("他就是四川大学化学系系主任、环境监测重点实验室主任——王建国。", home="四川省")
    assert ("王建国", "worksFor", "四川大学") in rels
    # a unit the recognizers know as a body of its own is the nearer organization
    _, rels = _extract("他就是四川大学分析化学研究所所长、环境监测重点实验室主任——王建国。", home="四川省")
    assert ("王建国", "worksFor", "四川大学分析化学研究所") in rels


def test_no_unit_across_a_clause_or_a_possessive():
    _, rels = _extract("四川大学在当地建设的研究院院长张明华表示，合作前景广阔。", home="四川省")
    assert not any(p == "worksFor" for _, p, _ in rels)
    _, rels = _extract("四川大学举办论坛。研究院院长张明华表示，合作前景广阔。", home="四川省")
    assert not any(p == "worksFor" for _, p, _ in rels)


def test_works_for_the_body_that_opens_the_title():
    _, rels = _extract("市委书记、市长李明主持会议。", home="洛阳市", local="洛阳市")
    assert ("李明", "worksFor", "洛阳市委") in rels


def test_a_title_after_the_name_that_names_its_body():
    spans, rels = _extract("要全面落实习近平总书记的重要指示精神。")
    assert ("习近平", "worksFor", "中国共产党中央委员会") in rels
    assert not any(name == "中国共产党中央委员会" and text for text, _, name in spans)   # implied, not written


def test_a_title_before_the_name_implies_no_body():
    _, rels = _extract("越共中央总书记阮富仲会见了代表团。")
    assert ("阮富仲", "worksFor", "中国共产党中央委员会") not in rels
