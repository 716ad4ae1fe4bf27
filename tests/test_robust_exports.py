"""Every export survives any text: random Unicode in names, aliases, titles,
indicators, headlines and evidence sentences, and each file still loads in the
program that reads it, giving back the same strings.

The graph is built by hand (no extraction), so the strings reach the exporters
exactly as drawn.  Cleaned forms, where a format cannot hold a character:
- GraphML (XML 1.0) writes U+FFFD for C0 controls other than tab/LF/CR and for
  U+FFFE/U+FFFF, and a CR in a text value reads back as LF (XML's end-of-line
  handling; ids are attributes, where the writer escapes CR);
- Neo4j arrays write a `;` inside an element as the full-width `；` (`;` splits
  the array).
Lone surrogates are left out of the alphabet: no decoded file can hold one.
"""
from __future__ import annotations

import csv
import json
import re
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDFS, SKOS

from kg.export import EXPORTERS, write_outputs
from kg.model import (DocumentInfo, Entity, Evidence, KnowledgeGraph, Metric, Relation,
                      INVOLVES, LOCATED_IN, ORGANIZATION, PERSON, PLACE, PROJECT, WORKS_FOR)
from kg.rdf.build import build_graph
from kg.rdf.iris import entity_iri
from kg.rdf.terms import DEFAULT_BASE, KG

pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.* is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

# What breaks writers: quoting, escaping, markup, JSON/Cypher braces, controls, invisible
# and right-to-left marks, line and paragraph separators, emoji (outside the BMP).
NASTY = ['"', "'", "\\", "\n", "\r", "\r\n", "\t", "<script>", "</script>", "<!--", "]]>", "}", "{",
         "${x}", "`", "&amp;", "&#0;", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
         "\x85", "\u200b", "\u200e", "\u200f", "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffe",
         "\uffff", "😀", "👨‍👩‍👧", "𠀀", ";", ",", "|", "#", "%", "%20", "@zh", "^^", "_:b0", "<", ">",
         " ", "\u3000", "，", "。", "“", "”", "呼和浩特市"]
_CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(NASTY), _CHARS), min_size=1, max_size=8).map("".join)

# XML 1.0 cannot hold these even escaped; the GraphML writer puts U+FFFD in their place.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@st.composite
def graphs(draw) -> KnowledgeGraph:
    """Four entities, three relations, two metrics and two documents, every string drawn."""
    doc_ids = draw(st.lists(TEXT, min_size=2, max_size=2, unique=True))
    names = draw(st.lists(TEXT, min_size=4, max_size=4, unique=True))
    kg = KnowledgeGraph()
    kg.documents = [DocumentInfo(doc, draw(TEXT), "utf-8", draw(st.none() | TEXT), 2023,
                                 headlines=draw(st.lists(TEXT, max_size=2)),
                                 datelines=draw(st.lists(TEXT, max_size=1)))
                    for doc in doc_ids]
    types = (ORGANIZATION, PERSON, PROJECT, PLACE)
    ids = []
    for typ, name in zip(types, names):
        ident = f"{typ.lower()}/{name}"       # ids come from names: the IRI must encode anything
        ids.append(ident)
        kg.entities[ident] = Entity(ident, typ, name, aliases=set(draw(st.lists(TEXT, max_size=3))),
                                    docs=set(doc_ids), titles=set(draw(st.lists(TEXT, max_size=2))))
    org, person, project, place = ids
    sentence = lambda: Evidence(draw(st.sampled_from(doc_ids)), draw(TEXT))  # noqa: E731
    kg.relations = [Relation(person, WORKS_FOR, org, evidence=[sentence(), sentence()]),
                    Relation(project, LOCATED_IN, place, evidence=[sentence(), Evidence(doc_ids[0], None)]),
                    Relation(project, INVOLVES, org, role="builder", evidence=[sentence()])]
    kg.metrics = [Metric(f"metric/{draw(TEXT)}", project, draw(TEXT), Decimal("1.2E+10"), "CNY", draw(TEXT),
                         sentence(), change=Decimal("-4.5"), year=2022, period=draw(st.none() | TEXT)),
                  Metric("metric/2", None, draw(TEXT), None, None, draw(TEXT), sentence(), approximate=draw(TEXT))]
    return kg


@contextmanager
def _no_timing(name):
    yield


def _write(kg: KnowledgeGraph, out: Path) -> Graph:
    rdf = build_graph(kg)
    write_outputs(kg, rdf, out, tuple(EXPORTERS), _no_timing)
    return rdf


def _triples(path: Path, fmt: str) -> set:
    if fmt in ("trig", "nquads"):
        return {(s, p, o) for s, p, o, _ in Dataset().parse(path, format=fmt).quads((None, None, None, None))}
    return set(Graph().parse(path, format=fmt))


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def check_rdf(kg: KnowledgeGraph, rdf: Graph, out: Path) -> None:
    expected = set(rdf)
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"),
                      ("graph.trig", "trig"), ("graph.nq", "nquads")):
        assert _triples(out / name, fmt) == expected, name
    parsed = Graph().parse(out / "graph.ttl", format="turtle")
    for entity in kg.entities.values():
        node = entity_iri(DEFAULT_BASE, entity.id)
        assert set(parsed.objects(node, RDFS.label)) == {Literal(entity.name, lang="zh")}
        assert set(parsed.objects(node, SKOS.altLabel)) == {Literal(a, lang="zh") for a in entity.aliases - {entity.name}}
        assert {str(t) for t in parsed.objects(node, KG.title)} == entity.titles
    sentences = {e.sentence for r in kg.relations for e in r.evidence if e.sentence}
    assert {str(o) for o in parsed.objects(None, KG.evidence)} == sentences | {m.evidence.sentence for m in kg.metrics}


def _array(items) -> set[str]:
    return {i.replace(";", "；") for i in items if i}


def check_neo4j(kg: KnowledgeGraph, folder: Path) -> None:
    for entity in kg.entities.values():
        rows = [r for r in _csv_rows(folder / f"nodes_{entity.type}.csv") if r["id:ID"] == entity.id]
        assert len(rows) == 1, entity.id
        row = rows[0]
        assert row["name"] == entity.name
        assert set(filter(None, row["aliases:string[]"].split(";"))) == _array(entity.aliases - {entity.name})
        assert set(filter(None, row["titles:string[]"].split(";"))) == _array(entity.titles)
    (works,) = _csv_rows(folder / "rels_WORKS_FOR.csv")      # one row per pair, its sentences one a line
    assert works["evidence"] == "\n".join(dict.fromkeys(e.sentence for e in kg.relations[0].evidence))
    metrics = {r["id:ID"]: r for r in _csv_rows(folder / "nodes_Metric.csv")}
    for metric in kg.metrics:
        assert metrics[metric.id]["indicator"] == metric.indicator
        assert metrics[metric.id]["raw"] == metric.raw
        assert metrics[metric.id]["evidence"] == metric.evidence.sentence
    documents = _csv_rows(folder / "nodes_Document.csv")
    assert {r["path"] for r in documents} == {d.path for d in kg.documents}


def _xml_id(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _xml_text(text: str) -> str:
    return _xml_id(text).replace("\r\n", "\n").replace("\r", "\n")


def check_graphml(kg: KnowledgeGraph, path: Path) -> None:
    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == {_xml_id(i) for i in kg.entities} | {_xml_id(m.id) for m in kg.metrics}
    for entity in kg.entities.values():
        assert graph.nodes[_xml_id(entity.id)]["label"] == _xml_text(entity.name)
    for metric in kg.metrics:
        assert graph.nodes[_xml_id(metric.id)]["raw"] == _xml_text(metric.raw)


SCRIPT_TAG = re.compile(r"<\s*/?\s*script", re.I)


def check_html(kg: KnowledgeGraph, path: Path, baseline: int) -> None:
    page = path.read_bytes().decode("utf-8")
    assert len(SCRIPT_TAG.findall(page)) == baseline, "a <script> tag came from the data"
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert {e["name"] for e in data["entities"].values()} == {e.name for e in kg.entities.values()}


@pytest.fixture(scope="module")
def script_tags_of_a_plain_page(tmp_path_factory) -> int:
    out = tmp_path_factory.mktemp("plain") / "out"
    _write(KnowledgeGraph(), out)
    return len(SCRIPT_TAG.findall((out / "graph.html").read_text(encoding="utf-8")))


@settings(max_examples=20, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(graphs())
def test_every_export_loads_and_gives_back_the_strings(tmp_path_factory, script_tags_of_a_plain_page, kg):
    out = tmp_path_factory.mktemp("hostile") / "out"
    rdf = _write(kg, out)
    check_rdf(kg, rdf, out)
    check_neo4j(kg, out / "neo4j")
    check_graphml(kg, out / "graph.graphml")
    check_html(kg, out / "graph.html", script_tags_of_a_plain_page)


def test_hostile_strings_load_into_a_cypher_engine(tmp_path):
    """One fixed graph of the nastiest strings, loaded for real (kuzu), names read back by Cypher."""
    from test_export_neo4j import load_into_kuzu, rows_of
    kg = KnowledgeGraph()
    kg.documents = [DocumentInfo("a'\"}.txt", "in/a'\"}.txt", "utf-8", None, None)]
    names = ["</script><script>alert('x')</script>", 'quo"te\\back\nline}', "\u202eRTL\u200f😀", "ctl\x01\x1f\x7f"]
    for typ, name in zip((ORGANIZATION, PERSON, PROJECT, PLACE), names):
        kg.entities[f"{typ.lower()}/{name}"] = Entity(f"{typ.lower()}/{name}", typ, name, docs={"a'\"}.txt"})
    kg.relations = [Relation(f"person/{names[1]}", WORKS_FOR, f"organization/{names[0]}",
                             evidence=[Evidence("a'\"}.txt", "他说：“}'\\\n”")])]
    out = tmp_path / "out"
    _write(kg, out)
    conn = load_into_kuzu(out / "neo4j", tmp_path / "db")
    assert rows_of(conn, "MATCH (p:Person)-[r:WORKS_FOR]->(o:Organization) RETURN p.name, o.name, r.evidence") == [
        [names[1], names[0], "他说：“}'\\\n”"]]
    assert {row[0] for row in rows_of(conn, "MATCH (n) WHERE n.name IS NOT NULL RETURN n.name")} >= set(names)
