"""Split an rdflib graph into one named graph per source document, for TriG and N-Quads.

A build does not need this: kg.rdf.build makes each triple with its named
graphs already.  This reads the same split off an rdflib graph (the writers
take one too, and the tests check that both agree), so that the union of
the named graphs and the default graph is exactly the graph of graph.ttl, split
by the rules kg.rdf.build's docstring gives.

So `GRAPH ?doc { <a> kg:worksFor <b> }` answers with the documents that say so.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..rdf.terms import DOCUMENT_CLASS, INVOLVES_ROLES, KG, RELATION_PROPERTIES

Triple = tuple
_MENTIONED_IN, _EVIDENCE, _SOURCE_PATH = KG.mentionedIn, KG.evidence, KG.sourcePath
# relation property (and involves role) -> the property its reified statements name
_RELATION_OF = {**{p: p for p in RELATION_PROPERTIES.values()},
                **{role: KG.involves for role in INVOLVES_ROLES.values()}}


@dataclass
class DocumentGraphs:
    default: set[Triple]                       # knowledge and what belongs to no document
    named: dict[URIRef, set[Triple]]           # document IRI -> its triples

    def quads(self):
        """(s, p, o, graph) with graph None for the default graph, default graph first."""
        for triple in self.default:
            yield (*triple, None)
        for name, triples in self.named.items():
            for triple in triples:
                yield (*triple, name)


def _knowledge_statements(graph: Graph) -> set:
    return {node for node in graph.subjects(RDF.type, RDF.Statement)
            if (node, _EVIDENCE, None) not in graph}


def _sources(graph: Graph, knowledge: set) -> set:
    """Documents a named graph is made for: read from a file, or cited by something
    other than knowledge."""
    found = {doc for doc in graph.subjects(_SOURCE_PATH, None)}
    found.update(doc for node, doc in graph.subject_objects(_MENTIONED_IN) if node not in knowledge)
    return found


def _evidence_documents(graph: Graph, knowledge: set, sources: set) -> dict[tuple, set]:
    """(subject, property, object) of a relation -> documents with a sentence for it."""
    found: dict[tuple, set] = defaultdict(set)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        if statement in knowledge:
            continue
        key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
               graph.value(statement, RDF.object))
        found[key].update(d for d in graph.objects(statement, _MENTIONED_IN) if d in sources)
    return found


def split_by_document(graph: Graph) -> DocumentGraphs:
    """The triples of `graph`, each in the graph(s) of the document(s) it comes from."""
    knowledge = _knowledge_statements(graph)
    sources = _sources(graph, knowledge)
    documents = set(graph.subjects(RDF.type, DOCUMENT_CLASS))
    evidence = _evidence_documents(graph, knowledge, sources)
    mentioned: dict = defaultdict(set)
    for node, doc in graph.subject_objects(_MENTIONED_IN):
        if doc in sources and node not in knowledge:
            mentioned[node].add(doc)

    def graphs_of(s, p, o) -> set:
        if s in knowledge:
            return set()
        if s in documents:
            return {s} if s in sources else set()
        if p == _MENTIONED_IN:
            return {o} if o in sources else set()
        relation = _RELATION_OF.get(p)
        if relation is not None:
            return evidence.get((s, relation, o), set())
        return mentioned.get(s, set())

    default: set[Triple] = set()
    named: dict[URIRef, set[Triple]] = defaultdict(set)
    for triple in graph:
        homes = graphs_of(*triple)
        if not homes:
            default.add(triple)
        for home in homes:
            named[home].add(triple)
    return DocumentGraphs(default=default, named=dict(sorted(named.items())))
