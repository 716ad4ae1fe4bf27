"""KnowledgeGraph -> RDF: every term of the contract can be asked by SPARQL.

`sample_kg()` is also used by the other test_rdf_* and test_query_* files.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.model import (ACTUAL, FORECAST, INITIATIVE, INVOLVES, LOCATED_IN, ORGANIZATION, PERSON,
                      PLACE, PROJECT, TARGET, WORKS_FOR, DocumentInfo, Entity, Evidence,
                      KnowledgeGraph, Metric, Relation)
from kg.rdf.build import build_graph, decimal_literal
from kg.rdf.iris import BaseIRIError, entity_iri
from kg.rdf.terms import DEFAULT_BASE, KG, ontology_path

DOC_A, DOC_B = "001_a.txt", "002_b.txt"
SENT_WORK = "呼和浩特市商务局党组书记、局长张伟介绍。"
SENT_GDP_A = "2022年，全市地区生产总值3329.1亿元，同比增长4.5%。"
SENT_GDP_B = "2023年，首府地区生产总值3802亿元，增长8%。"


def _entity(entity_id, type_, name, subtype=None, aliases=(), docs=(DOC_A,), **fields):
    return Entity(entity_id, type_, name, subtype, set(aliases), set(docs), **fields)


def sample_kg() -> KnowledgeGraph:
    """A small graph with every kind of node and edge, in Chinese."""
    entities = [
        _entity("place/150000", PLACE, "内蒙古自治区", "AdministrativeRegion",
                ("内蒙古", "自治区"), (DOC_B,), notation="150000"),
        _entity("place/150100", PLACE, "呼和浩特市", "AdministrativeRegion",
                ("呼和浩特", "首府", "我市"), (DOC_A, DOC_B), notation="150100"),
        _entity("place/150105", PLACE, "赛罕区", "AdministrativeRegion", notation="150105"),
        _entity("place/和林格尔新区", PLACE, "和林格尔新区", "DevelopmentZone", ("新区",)),
        _entity("organization/伊利集团", ORGANIZATION, "伊利集团", "Company", ("伊利",)),
        _entity("organization/呼和浩特市商务局", ORGANIZATION, "呼和浩特市商务局",
                "GovernmentAgency", ("市商务局",)),
        _entity("organization/某研究院", ORGANIZATION, "某研究院", "NoSuchSubtype"),
        _entity("person/刘大鹏", PERSON, "刘大鹏", titles={"副总裁"}),
        _entity("person/张伟", PERSON, "张伟", titles={"党组书记", "局长"}),
        _entity("person/王雅静", PERSON, "王雅静", byline_roles={"记者"}),
        _entity("project/伊利液奶三期", PROJECT, "伊利液奶三期", aliases=("液奶三期",)),
        _entity("initiative/强首府工程", INITIATIVE, "强首府工程", aliases=("强首府",)),
    ]
    relations = [
        Relation("person/张伟", WORKS_FOR, "organization/呼和浩特市商务局",
                 evidence=[Evidence(DOC_A, SENT_WORK)]),
        Relation("person/刘大鹏", WORKS_FOR, "organization/伊利集团",
                 evidence=[Evidence(DOC_A, "伊利集团副总裁刘大鹏表示。"),
                           Evidence(DOC_B, "伊利集团副总裁刘大鹏说。")]),
        Relation("place/150105", LOCATED_IN, "place/150100", evidence=[Evidence(DOC_A, None)]),
        Relation("place/150100", LOCATED_IN, "place/150000", evidence=[Evidence(DOC_B, None)]),
        Relation("place/和林格尔新区", LOCATED_IN, "place/150100",
                 evidence=[Evidence(DOC_A, "呼和浩特市和林格尔新区签约项目90个。")]),
        Relation("organization/呼和浩特市商务局", LOCATED_IN, "place/150100",
                 evidence=[Evidence(DOC_A, SENT_WORK)]),
        Relation("project/伊利液奶三期", LOCATED_IN, "place/和林格尔新区",
                 evidence=[Evidence(DOC_A, "伊利液奶三期落户和林格尔新区。")]),
        Relation("project/伊利液奶三期", INVOLVES, "organization/伊利集团", role="investor",
                 evidence=[Evidence(DOC_A, "伊利集团投资建设伊利液奶三期。")]),
    ]
    metrics = [
        Metric("metric/001_a.txt#0/1", "place/150100", "地区生产总值", Decimal("3329.1E8"), "CNY",
               "3329.1亿元", Evidence(DOC_A, SENT_GDP_A), change=Decimal("4.5"), year=2022),
        Metric("metric/002_b.txt#0/1", "place/150100", "地区生产总值", Decimal("380200000000"),
               "CNY", "3802亿元", Evidence(DOC_B, SENT_GDP_B), change=Decimal("8"), year=2023),
        Metric("metric/002_b.txt#0/2", "place/150100", "货运量", None, None, "",
               Evidence(DOC_B, "货运量同比增长144.7%。"), change=Decimal("144.7"), year=2023),
        Metric("metric/001_a.txt#0/2", "place/和林格尔新区", "签约产业项目", Decimal(90), "count",
               "90个", Evidence(DOC_A, "和林格尔新区签约产业项目90个，增加44个。"),
               change_abs=Decimal(44), year=2022, approximate="余", period="1—11月"),
        Metric("metric/001_a.txt#0/3", "project/伊利液奶三期", "总投资", Decimal("6E9"), "CNY",
               "60亿元", Evidence(DOC_A, "项目计划总投资60亿元。"), status=TARGET),
        Metric("metric/001_a.txt#0/4", "organization/伊利集团", "营业收入", Decimal("1.3E11"), "CNY",
               "1300亿元", Evidence(DOC_A, "预计营业收入1300亿元。"), year=2023, status=FORECAST),
    ]
    documents = [
        DocumentInfo(DOC_A, f"seeds/{DOC_A}", "utf-8", "呼和浩特日报", 2023,
                     ["首府经济稳中向好", "项目建设提速"], ["本报讯"]),
        DocumentInfo(DOC_B, f"seeds/{DOC_B}", "gb18030", "内蒙古日报", 2024, ["自治区经济"], []),
    ]
    assert all(m.status in (ACTUAL, TARGET, FORECAST) for m in metrics)
    return KnowledgeGraph(documents=documents, entities={e.id: e for e in entities},
                          relations=relations, metrics=metrics)


def sample_graph_with_ontology() -> Graph:
    graph = build_graph(sample_kg())
    with ontology_path("kg.ttl").open("rb") as stream:
        graph.parse(stream, format="turtle")
    return graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph_with_ontology()


PREFIXES = """
PREFIX kg: <https://example.org/kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# One ASK per term of the contract, each true on the sample graph.
CONTRACT_ASKS = {
    "Organization via subClassOf*": '?x a/rdfs:subClassOf* kg:Organization ; rdfs:label "伊利集团"@zh',
    "subtype under Organization": "kg:GovernmentAgency rdfs:subClassOf* kg:Organization",
    "Place": '?x a/rdfs:subClassOf* kg:Place ; rdfs:label "和林格尔新区"@zh',
    "Project": '?x a/rdfs:subClassOf* kg:Project ; rdfs:label "伊利液奶三期"@zh',
    "Person": '?x a/rdfs:subClassOf* kg:Person ; rdfs:label "张伟"@zh',
    "Metric": "?x a/rdfs:subClassOf* kg:Metric",
    "Document": "?x a kg:Document",
    "rdfs:label": '?x rdfs:label "呼和浩特市"@zh',
    "skos:altLabel": '?x skos:altLabel "首府"@zh',
    "locatedIn": '?x kg:locatedIn ?y . ?x rdfs:label "赛罕区"@zh . ?y rdfs:label "呼和浩特市"@zh',
    "locatedIn+": '?x kg:locatedIn+ ?y . ?x rdfs:label "赛罕区"@zh . ?y rdfs:label "内蒙古自治区"@zh',
    "worksFor": '?x kg:worksFor ?y . ?x rdfs:label "张伟"@zh . ?y rdfs:label "呼和浩特市商务局"@zh',
    "title": '?x kg:title "局长" ; rdfs:label "张伟"@zh',
    "involves": '?x kg:involves ?y . ?y rdfs:label "伊利集团"@zh',
    "involves via subPropertyOf*": "?x ?p ?y . ?p rdfs:subPropertyOf+ kg:involves",
    "about": '?m kg:about ?x . ?x rdfs:label "呼和浩特市"@zh',
    "indicator": '?m kg:indicator "地区生产总值"',
    "value": '?m kg:value ?v FILTER(datatype(?v) = xsd:decimal && ?v = 332910000000)',
    "unit": '?m kg:unit "CNY"',
    "change": '?m kg:change ?c FILTER(datatype(?c) = xsd:decimal && ?c = 4.5)',
    "year": '?m kg:year ?y FILTER(datatype(?y) = xsd:gYear && STR(?y) = "2022")',
    "status": '?m kg:status "target"',
    "mentionedIn": '?x kg:mentionedIn ?d . ?d a kg:Document . ?x rdfs:label "赛罕区"@zh',
    "evidence of metric": f'?m kg:evidence "{SENT_GDP_A}" ; kg:mentionedIn ?d . ?d a kg:Document',
    "evidence of relation": f'''?s rdf:subject ?x ; rdf:predicate kg:worksFor ; rdf:object ?y ;
                                  kg:evidence "{SENT_WORK}" ; kg:mentionedIn ?d . ?d a kg:Document''',
}


@pytest.mark.parametrize("name", sorted(CONTRACT_ASKS))
def test_contract_term_is_answerable(graph, name):
    assert graph.query(PREFIXES + "ASK { " + CONTRACT_ASKS[name] + " }").askAnswer, name


def test_a_wrong_ask_is_false(graph):
    assert not graph.query(PREFIXES + 'ASK { ?x kg:worksFor ?y . ?x rdfs:label "王雅静"@zh }').askAnswer


def test_entity_has_main_type_and_subtype_but_no_unknown_subtype():
    graph = build_graph(sample_kg())
    office = entity_iri(DEFAULT_BASE, "organization/呼和浩特市商务局")
    assert set(graph.objects(office, RDF.type)) == {KG.Organization, KG.GovernmentAgency}
    institute = entity_iri(DEFAULT_BASE, "organization/某研究院")
    assert set(graph.objects(institute, RDF.type)) == {KG.Organization}


def test_labels_aliases_notation_titles_bylines():
    graph = build_graph(sample_kg())
    city = entity_iri(DEFAULT_BASE, "place/150100")
    assert list(graph.objects(city, RDFS.label)) == [Literal("呼和浩特市", lang="zh")]
    assert set(graph.objects(city, SKOS.altLabel)) == {Literal(a, lang="zh") for a in ("呼和浩特", "首府", "我市")}
    assert list(graph.objects(city, SKOS.notation)) == [Literal("150100")]
    reporter = entity_iri(DEFAULT_BASE, "person/王雅静")
    assert list(graph.objects(reporter, KG.role)) == [Literal("记者")]
    assert list(graph.objects(reporter, KG.byline)) == [Literal(True)]
    official = entity_iri(DEFAULT_BASE, "person/张伟")
    assert set(map(str, graph.objects(official, KG.title))) == {"党组书记", "局长"}
    assert (official, KG.byline, None) not in graph


def test_involves_role_adds_subproperty_next_to_plain_triple():
    graph = build_graph(sample_kg())
    project = entity_iri(DEFAULT_BASE, "project/伊利液奶三期")
    company = entity_iri(DEFAULT_BASE, "organization/伊利集团")
    assert (project, KG.involves, company) in graph
    assert (project, KG.investor, company) in graph


def test_relation_evidence_is_one_statement_per_piece():
    graph = build_graph(sample_kg())
    person = entity_iri(DEFAULT_BASE, "person/刘大鹏")
    statements = set(graph.subjects(RDF.subject, person))
    assert len(statements) == 2
    assert all((s, RDF.type, RDF.Statement) in graph for s in statements)
    # knowledge (no sentence): a statement with a document and no kg:evidence
    district = entity_iri(DEFAULT_BASE, "place/150105")
    [knowledge] = graph.subjects(RDF.subject, district)
    assert (knowledge, KG.evidence, None) not in graph
    assert (knowledge, KG.mentionedIn, None) in graph


def test_metric_fields_and_datatypes():
    graph = build_graph(sample_kg())
    zone_metric = next(graph.subjects(KG.indicator, Literal("签约产业项目")))
    assert graph.value(zone_metric, KG.value) == Literal("90.0", datatype=XSD.decimal)
    assert graph.value(zone_metric, KG.changeAbsolute) == Literal("44.0", datatype=XSD.decimal)
    assert graph.value(zone_metric, KG.year) == Literal("2022", datatype=XSD.gYear)
    assert str(graph.value(zone_metric, KG.approximate)) == "余"
    assert str(graph.value(zone_metric, KG.period)) == "1—11月"
    assert str(graph.value(zone_metric, KG.rawValue)) == "90个"
    assert str(graph.value(zone_metric, KG.status)) == "actual"
    bare = next(graph.subjects(KG.indicator, Literal("货运量")))
    assert graph.value(bare, KG.value) is None and graph.value(bare, KG.unit) is None
    assert graph.value(bare, KG.change) == Literal("144.7", datatype=XSD.decimal)


def test_decimal_literal_is_canonical():
    assert str(decimal_literal(Decimal("3329.1E8"))) == "332910000000.0"
    assert str(decimal_literal(Decimal("14.70"))) == "14.7"
    assert str(decimal_literal(Decimal("-0"))) == "0.0"
    assert str(decimal_literal(Decimal("1E-7"))) == "0.0000001"


def test_documents_carry_their_fields():
    graph = build_graph(sample_kg())
    [doc] = graph.subjects(KG.sourcePath, Literal(f"seeds/{DOC_A}"))
    assert (doc, RDF.type, KG.Document) in graph
    assert str(graph.value(doc, KG.newspaper)) == "呼和浩特日报"
    assert set(map(str, graph.objects(doc, KG.headline))) == {"首府经济稳中向好", "项目建设提速"}
    assert str(graph.value(doc, KG.encoding)) == "utf-8"


def test_a_document_without_info_is_still_a_document():
    kg = sample_kg()
    kg.entities["place/150100"].docs.add("003_c.txt")
    graph = build_graph(kg)
    city = entity_iri(DEFAULT_BASE, "place/150100")
    [doc] = [d for d in graph.objects(city, KG.mentionedIn) if str(d).endswith("/003_c.txt")]
    assert (doc, RDF.type, KG.Document) in graph


def test_base_is_used_and_checked():
    graph = build_graph(sample_kg(), base="http://data.example.com/news")
    assert URIRef("http://data.example.com/news/place/150100") in set(graph.subjects())
    with pytest.raises(BaseIRIError):
        build_graph(sample_kg(), base="not an iri")


def test_unknown_entity_type_is_an_error():
    kg = KnowledgeGraph(entities={"x/1": Entity("x/1", "Thing", "某物")})
    with pytest.raises(ValueError, match="unknown type"):
        build_graph(kg)


def test_every_kg_term_of_the_graph_is_declared_in_the_ontology():
    data = build_graph(sample_kg())
    ontology = Graph().parse(data=ontology_path("kg.ttl").read_bytes(), format="turtle")
    used = {t for triple in data for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    declared = set(ontology.subjects(RDF.type, None))
    assert used and used <= declared, used - declared
