"""Turtle export: byte-identical for the same graph, readable, and read back unchanged."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.export.turtle import turtle_text, write_ontology, write_turtle
from kg.rdf.build import build_graph
from kg.rdf.terms import KG, ontology_path
from test_rdf_build import sample_kg


def _read(path) -> Graph:
    return Graph().parse(path, format="turtle")


def test_same_graph_gives_the_same_bytes(tmp_path):
    first = write_turtle(build_graph(sample_kg()), tmp_path / "a" / "graph.ttl")
    second = write_turtle(build_graph(sample_kg()), tmp_path / "b" / "graph.ttl")
    assert first.read_bytes() == second.read_bytes()


def test_order_of_insertion_does_not_matter():
    graph = build_graph(sample_kg())
    reversed_graph = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        reversed_graph.bind(prefix, namespace)
    for triple in sorted(graph, reverse=True):
        reversed_graph.add(triple)
    assert turtle_text(graph) == turtle_text(reversed_graph)


def test_written_graph_reads_back_to_the_same_triples(tmp_path):
    graph = build_graph(sample_kg())
    path = write_turtle(graph, tmp_path / "graph.ttl")
    assert set(_read(path)) == set(graph)


def test_prefixes_make_it_readable(tmp_path):
    text = turtle_text(build_graph(sample_kg()))
    assert "@prefix kg: " in text.replace("  ", " ")
    assert "organization:伊利集团 a kg:Company, kg:Organization ;" in text
    assert 'rdfs:label "伊利集团"@zh' in text
    assert "kg:value 332910000000.0 ;" in text
    assert '"2022"^^xsd:gYear' in text
    assert "ns1:" not in text


def test_awkward_names_and_literals_round_trip(tmp_path):
    graph = Graph(bind_namespaces="none")
    graph.bind("kg", KG)
    odd = [URIRef("https://example.org/kg/resource/organization/A%20(B)."),
           URIRef("https://example.org/kg/resource/organization/中国%28内蒙古%29自由贸易试验区"),
           URIRef("https://example.org/kg/resource/x"), URIRef("urn:isbn:978-7")]
    literals = [Literal('引号"与\\反斜杠\n换行\t制表\x07'), Literal("-12", datatype=XSD.integer),
                Literal("1e3", datatype=XSD.double), Literal("true", datatype=XSD.boolean),
                Literal("abc", datatype=XSD.decimal), Literal(".5", datatype=XSD.decimal),
                Literal("x", lang="zh-Hans"), Literal("")]
    for node in odd:
        for value in literals:
            graph.add((node, RDFS.label, value))
        graph.add((node, KG.locatedIn, odd[0]))
    path = write_turtle(graph, tmp_path / "odd.ttl")
    assert set(_read(path)) == set(graph)


def test_empty_graph_is_an_empty_file(tmp_path):
    assert write_turtle(Graph(bind_namespaces="none"), tmp_path / "e.ttl").read_text() == ""


def test_ontology_is_copied_next_to_the_graph(tmp_path):
    written = write_ontology(tmp_path)
    assert [p.name for p in written] == ["ontology.ttl"]
    assert written[0].read_bytes() == ontology_path("kg.ttl").read_bytes()
    assert not (tmp_path / "shapes.ttl").exists()
    assert (KG.GovernmentAgency, RDFS.subClassOf, KG.Organization) in _read(written[0])
