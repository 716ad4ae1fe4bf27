"""A small hand-made KnowledgeGraph shared by the export tests.

Chinese names, one hostile name (markup) and one name with quotes, commas,
a newline, a backslash and a semicolon, so that every export has to escape.
"""
from __future__ import annotations

from decimal import Decimal

from kg.model import (
    DocumentInfo, Entity, Evidence, KnowledgeGraph, Metric, Relation,
    INITIATIVE, INVOLVES, LOCATED_IN, ORGANIZATION, PERSON, PLACE, PROJECT, TARGET, WORKS_FOR,
)

HOSTILE = "<img src=x onerror=alert(1)>"
TRICKY = 'He said "hi", ok\nnext \\ line;semi'
SCRIPT_SENTENCE = '他说</script><script>alert("x")</script>，然后离开。'

DOC1 = "001_aaaa.txt"
DOC2 = "002_bbbb.txt"


def sample_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.documents = [
        DocumentInfo(DOC1, "in/001_aaaa.txt", "utf-8", "内蒙古日报", 2023,
                     headlines=["呼和浩特市重大项目集中开工", "A股上市公司增至30家"], datelines=["本报呼和浩特2月9日电"]),
        DocumentInfo(DOC2, "in/002_bbbb.txt", "gb18030", "呼和浩特日报", 2023,
                     headlines=["数据中心建设提速"]),
    ]
    entities = [
        Entity("place/150000", PLACE, "内蒙古自治区", "province", {"内蒙古", "我区"}, {DOC1, DOC2}, "150000"),
        Entity("place/150100", PLACE, "呼和浩特市", "city", {"呼和浩特", "青城"}, {DOC1, DOC2}, "150100"),
        Entity("org/fgw", ORGANIZATION, "呼和浩特市发展和改革委员会", "government", {"市发改委"}, {DOC1}),
        Entity("person/wang", PERSON, "王雅静", None, set(), {DOC1}, titles={"主任"}),
        Entity("project/dc", PROJECT, "和林格尔数据中心", None, {"数据中心"}, {DOC2}),
        Entity("initiative/kjxm", INITIATIVE, "“科技兴蒙”行动", None, set(), {DOC1}),
        Entity("person/hostile", PERSON, HOSTILE, None, {"<b>bold</b>"}, {DOC2}),
        Entity("org/tricky", ORGANIZATION, TRICKY, "company", {"a;b", 'c,"d"'}, {DOC2}),
    ]
    kg.entities = {e.id: e for e in entities}
    kg.relations = [
        Relation("person/wang", WORKS_FOR, "org/fgw",
                 evidence=[Evidence(DOC1, "市发改委主任王雅静介绍，今年共有120个项目集中开工。")]),
        Relation("person/hostile", WORKS_FOR, "org/tricky", evidence=[Evidence(DOC2, SCRIPT_SENTENCE)]),
        Relation("org/fgw", LOCATED_IN, "place/150100", evidence=[Evidence(DOC1, None)]),
        Relation("place/150100", LOCATED_IN, "place/150000", evidence=[Evidence(DOC1, None), Evidence(DOC2, None)]),
        Relation("project/dc", LOCATED_IN, "place/150100",
                 evidence=[Evidence(DOC2, "和林格尔数据中心位于呼和浩特市。")]),
        Relation("project/dc", INVOLVES, "org/tricky", role="builder",
                 evidence=[Evidence(DOC2, "项目由该公司承建。"), Evidence(DOC2, "项目由该公司承建。")]),
        Relation("org/missing", WORKS_FOR, "org/fgw", evidence=[Evidence(DOC1, "悬空的关系。")]),
    ]
    kg.metrics = [
        Metric("metric/1", "place/150100", "地区生产总值", Decimal("3.8027E+11"), "CNY", "3802.7亿元",
               Evidence(DOC1, "呼和浩特市地区生产总值3802.7亿元，增长4.5%。"), change=Decimal("4.5"), year=2022),
        Metric("metric/2", "project/dc", "总投资", Decimal("1.2E+10"), "CNY", "120亿元",
               Evidence(DOC2, "项目计划总投资120亿元。"), status=TARGET, approximate="近"),
        Metric("metric/3", None, "增速", None, None, "5%", Evidence(DOC1, "增速5%。"), change=Decimal("5")),
        Metric("metric/4", "org/tricky", 'rate "x", y', Decimal("12.5"), "percent", "12.5%",
               Evidence(DOC2, SCRIPT_SENTENCE), year=2023),
    ]
    return kg


def test_sample_graph_is_well_formed():
    kg = sample_graph()
    assert len(kg.entities) == 8
    assert kg.count_by_type()[PERSON] == 2
