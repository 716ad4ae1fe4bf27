"""ontology/kg.ttl and ontology/shapes.ttl: parse, are complete, and keep the types apart."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.model import ORGANIZATION, PERSON, PLACE, PROJECT
from kg.rdf.terms import (INVOLVES_ROLES, KG, QB, RELATION_PROPERTIES, SH, SUBTYPES,
                          TYPE_CLASSES, ontology_path)

SCORED = [KG[name] for name in (ORGANIZATION, PLACE, PROJECT, PERSON, "Metric")]
CONTRACT_PROPERTIES = ["locatedIn", "worksFor", "title", "involves", "about", "indicator",
                       "value", "unit", "change", "year", "status", "mentionedIn", "evidence"]
EXTRA_PROPERTIES = ["rawValue", "approximate", "changeAbsolute", "period", "role", "byline",
                    "newspaper", "dateline", "sourcePath"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_path("kg.ttl").read_bytes(), format="turtle")


def _declared(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(str(KG))}


def test_contract_classes_and_properties_are_declared(ontology):
    declared = _declared(ontology)
    for name in ("Organization", "Place", "Project", "Person", "Metric", "Document", "Article",
                 "Initiative", "Event", "Policy", *CONTRACT_PROPERTIES, *EXTRA_PROPERTIES):
        assert KG[name] in declared, name
    for subtypes in SUBTYPES.values():
        assert {KG[name] for name in subtypes} <= declared
    assert set(TYPE_CLASSES.values()) <= declared
    assert set(RELATION_PROPERTIES.values()) | set(INVOLVES_ROLES.values()) <= declared


def test_every_term_has_chinese_and_english_label_and_a_comment(ontology):
    for term in _declared(ontology):
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, term
        if term != KG.MetricStructure:
            assert ontology.value(term, RDFS.comment) is not None, term


def test_subtypes_reach_their_main_class(ontology):
    for main, subtypes in SUBTYPES.items():
        for name in subtypes:
            assert ontology.query(f"ASK {{ <{KG[name]}> <{RDFS.subClassOf}>* <{KG[main]}> }}").askAnswer


def test_no_class_reaches_two_scored_classes(ontology):
    for cls in set(ontology.subjects(RDF.type, OWL.Class)):
        reached = {c for c in ontology.transitive_objects(cls, RDFS.subClassOf) if c in SCORED}
        assert len(reached) <= 1, (cls, reached)


def test_involves_roles_are_subproperties(ontology):
    for prop in INVOLVES_ROLES.values():
        assert (prop, RDFS.subPropertyOf, KG.involves) in ontology


def test_metrics_form_a_data_cube(ontology):
    assert (KG.Metric, RDFS.subClassOf, QB.Observation) in ontology
    dimensions = set(ontology.objects(None, QB.dimension))
    measures = set(ontology.objects(None, QB.measure))
    assert {KG.about, KG.indicator, KG.year} <= dimensions
    assert KG.value in measures
    assert (KG.MetricStructure, RDF.type, QB.DataStructureDefinition) in ontology


def test_ontology_typing_is_invisible_to_the_scorer(ontology):
    # The ontology is read as data next to the graph: nothing in it may be an entity.
    for cls in SCORED:
        subclasses = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
        for sub in subclasses:
            assert not set(ontology.subjects(RDF.type, sub)), sub


def test_shapes_parse_and_target_the_contract():
    shapes = Graph().parse(data=ontology_path("shapes.ttl").read_bytes(), format="turtle")
    targets = set(shapes.objects(None, SH.targetClass))
    assert {KG.Organization, KG.Place, KG.Project, KG.Person, KG.Metric} <= targets
    assert Literal("forecast") in set(shapes.objects())


def test_ontology_path_reports_a_missing_file():
    with pytest.raises(FileNotFoundError, match="no-such.ttl"):
        ontology_path("no-such.ttl")
