"""SHACL: the sample graph conforms to ontology/shapes.ttl; broken graphs do not."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from kg.model import LOCATED_IN, WORKS_FOR, Relation
from kg.rdf.build import build_graph
from kg.rdf.iris import entity_iri
from kg.rdf.terms import DEFAULT_BASE, KG, ontology_path
from test_rdf_build import sample_kg

pyshacl = pytest.importorskip("pyshacl", reason="pyshacl is a test-only dependency; pip install pyshacl")

def _load(name: str) -> Graph:
    return Graph().parse(data=ontology_path(name).read_bytes(), format="turtle")

@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _load("shapes.ttl")

@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _load("kg.ttl")

def _validate(graph: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                         inference="none", allow_warnings=True)
    return conforms, text

def test_sample_graph_conforms(shapes, ontology):
    conforms, text = _validate(build_graph(sample_kg()), shapes, ontology)
    assert conforms, text

def test_an_entity_with_two_labels_fails(shapes, ontology):
    graph = build_graph(sample_kg())
    graph.add((entity_iri(DEFAULT_BASE, "place/150100"), RDFS.label, Literal("呼市", lang="zh")))
    conforms, text = _validate(graph, shapes, ontology)
    assert not conforms and "rdfs:label" in text

def test_a_label_without_language_fails(shapes, ontology):
    graph = build_graph(sample_kg())
    city = entity_iri(DEFAULT_BASE, "place/150100")
    graph.remove((city, RDFS.label, None))
    graph.add((city, RDFS.label, Literal("呼和浩特市")))
    assert not _validate(graph, shapes, ontology)[0]

def test_works_for_a_place_fails(shapes, ontology):
    kg = sample_kg()
    kg.relations.append(Relation("person/刘大鹏", WORKS_FOR, "place/150100"))
    conforms, text = _validate(build_graph(kg), shapes, ontology)
    assert not conforms and "worksFor" in text

def test_a_containment_cycle_fails(shapes, ontology):
    kg = sample_kg()
    kg.relations.append(Relation("place/150000", LOCATED_IN, "place/150105"))
    conforms, text = _validate(build_graph(kg), shapes, ontology)
    assert not conforms and "cycle" in text


def test_metric_without_value_or_change_fails(shapes, ontology):
    kg = sample_kg()
    kg.metrics[0].value = None
    kg.metrics[0].change = None
    assert not _validate(build_graph(kg), shapes, ontology)[0]

def test_unknown_status_fails(shapes, ontology):
    kg = sample_kg()
    kg.metrics[0].status = "maybe"
    assert not _validate(build_graph(kg), shapes, ontology)[0]

def test_metric_about_a_document_fails(shapes, ontology):
    graph = build_graph(sample_kg())
    metric = next(graph.subjects(KG.indicator, Literal("总投资")))
    graph.remove((metric, KG.about, None))
    graph.add((metric, KG.about, next(graph.subjects(KG.sourcePath, None))))
    assert not _validate(graph, shapes, ontology)[0]

def test_value_must_be_decimal(shapes, ontology):
    graph = build_graph(sample_kg())
    metric = next(graph.subjects(KG.indicator, Literal("总投资")))
    graph.set((metric, KG.value, Literal(6000000000)))
    assert not _validate(graph, shapes, ontology)[0]
