"""The triples of a build (kg.rdf.triples): made once from the KnowledgeGraph, the same
triples as the rdflib graph, each in the named graphs the document split gives, and the
writers' bytes the same whether they read Triples or an rdflib graph."""
from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.export.named_graphs import split_by_document
from kg.export.rdf_formats import iter_jsonld, iter_nquads, iter_ntriples, iter_trig
from kg.export.turtle import iter_turtle
from kg.model import LOCATED_IN, DocumentInfo, Evidence, Metric, Relation
from kg.rdf.build import build_graph, graph_triples
from kg.rdf.triples import Triples, prop
from test_rdf_build import sample_kg
from test_robust_exports import graphs

pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.* is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]
WRITERS = {"turtle": iter_turtle, "nt": iter_ntriples, "jsonld": iter_jsonld, "trig": iter_trig, "nq": iter_nquads}


def _kg():
    """The sample graph plus containment known only from the gazetteer pseudo-document."""
    kg = sample_kg()
    kg.relations.append(Relation("place/150105", LOCATED_IN, "place/150000",
                                 evidence=[Evidence("gazetteer", None)]))
    return kg


def _quads(triples: Triples) -> set:
    """(s, p, o, graph) of every triple in every graph it lives in (graph None: the default)."""
    found = set()
    for subject, groups in ((s, triples.groups(s)) for s in triples.subjects()):
        for index in range(0, len(groups), 2):
            home, arcs = groups[index], groups[index + 1]
            places = (None,) if home is None else (home,) if isinstance(home, str) else home
            for graph in places:
                for at in range(0, len(arcs), 2):
                    quad = (subject, arcs[at].iri, str(arcs[at].term(arcs[at + 1])), graph)
                    found.add(quad)
    return found


def _split_quads(graph: Graph) -> set:
    split = split_by_document(graph)
    quads = {(str(s), str(p), str(o), None) for s, p, o in split.default}
    for name, triples in split.named.items():
        quads.update((str(s), str(p), str(o), str(name)) for s, p, o in triples)
    return quads


def _check(kg) -> None:
    triples = graph_triples(kg)
    graph = build_graph(kg)
    assert set(triples.to_rdflib()) == set(graph)
    assert len(triples) == len(graph) == len(set(triples.to_rdflib()))     # no triple twice
    # each triple in the graphs the split of the rdflib graph gives it (the split the
    # writers used to make), so TriG and N-Quads keep their named graphs
    assert _quads(triples) == _split_quads(graph)
    for name, writer in WRITERS.items():
        assert "".join(writer(triples)) == "".join(writer(graph)), name


def test_sample_graph():
    _check(_kg())


@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_hostile_graphs(kg):
    _check(kg)


def test_repeats_in_the_knowledge_graph_give_each_triple_once():
    kg = _kg()
    info = kg.documents[0]
    info.headlines.append(info.headlines[0])                 # a page with the same headline twice
    kg.documents.append(DocumentInfo(info.doc_id, info.path, info.encoding, info.newspaper, info.year,
                                     ["又一个标题"], []))
    kg.relations.append(Relation(**{**kg.relations[0].__dict__, "evidence": list(kg.relations[0].evidence)}))
    metric = kg.metrics[0]
    kg.metrics.append(Metric(metric.id, metric.about, metric.indicator, Decimal("1.5"), metric.unit,
                             metric.raw, metric.evidence))
    triples = graph_triples(kg)
    assert len(triples) == len(set(triples.to_rdflib())) == len(build_graph(kg))
    lines = "".join(iter_ntriples(triples)).splitlines()
    assert len(lines) == len(set(lines)) == len(triples)


def test_rdflib_graphs_round_trip_with_blank_nodes_and_odd_literals():
    graph = Graph(bind_namespaces="none")
    a, b = URIRef("https://example.org/a"), BNode("x1")
    graph.add((a, RDFS.label, Literal("中", lang="zh-Hans")))
    graph.add((a, RDFS.label, Literal("x", datatype=XSD.string)))
    graph.add((a, RDFS.seeAlso, b))
    graph.add((b, RDFS.label, Literal("-12", datatype=XSD.integer)))
    graph.add((b, RDFS.comment, Literal('引号"\n')))
    assert set(Triples.from_rdflib(graph).to_rdflib()) == set(graph)


def test_a_literal_has_one_form():
    with pytest.raises(ValueError):
        prop("https://example.org/p", datatype=str(XSD.string), lang="zh")
    with pytest.raises(ValueError):
        prop("https://example.org/p", node=True, lang="zh")
    assert prop("https://example.org/p", lang="zh") is prop(URIRef("https://example.org/p"), lang="zh")


def test_the_build_never_makes_an_rdflib_graph(monkeypatch, tmp_path):
    from pathlib import Path

    from kg.pipeline import BuildOptions, build
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    made = []
    original_add = rdflib.Graph.add

    def counting_add(self, triple):
        made.append(triple)
        return original_add(self, triple)
    monkeypatch.setattr(rdflib.Graph, "add", counting_add)
    result = build([seeds / "003_6dccf2fa98633d4a.txt"], tmp_path / "out", BuildOptions(jobs=1))
    assert made == [] and len(result.triples) > 1000
    assert len(result.rdf) == len(result.triples) == len(made)      # made on demand, once
    assert result.rdf is result.rdf
    written = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert set(written) == set(result.rdf)
