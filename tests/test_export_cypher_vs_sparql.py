"""The same questions, asked in Cypher of the Neo4j files and in SPARQL of graph.ttl,
get the same answers (on the seed build)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, build
from kg.query import run_query

from test_export_neo4j import load_into_kuzu, rows_of

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("cypher") / "out"
    build([ROOT / "seeds"], out, BuildOptions(formats=("turtle", "neo4j")))
    conn = load_into_kuzu(out / "neo4j", out.parent / "db")
    return out, conn


def sparql(out: Path, query: str) -> set[tuple]:
    return {tuple(row) for row in run_query(out, query).rows}


def cypher(conn, query: str) -> set[tuple]:
    return {tuple(str(v) for v in row) for row in rows_of(conn, query)}


def test_officials_and_their_organizations(seed_build):
    out, conn = seed_build
    assert sparql(out, "SELECT ?p ?o WHERE { ?x kg:worksFor ?y . ?x rdfs:label ?p . ?y rdfs:label ?o }") == \
        cypher(conn, "MATCH (p:Person)-[:WORKS_FOR]->(o:Organization) RETURN p.name, o.name")


def test_projects_and_the_organizations_involved(seed_build):
    out, conn = seed_build
    assert sparql(out, "SELECT ?j ?o WHERE { ?x kg:involves ?y . ?x rdfs:label ?j . ?y rdfs:label ?o }") == \
        cypher(conn, "MATCH (j:Project)-[:INVOLVES]->(o:Organization) RETURN j.name, o.name")


def test_entities_per_type(seed_build):
    out, conn = seed_build
    for label in ("Organization", "Place", "Project", "Person"):
        n = sparql(out, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a kg:{label} }}")
        assert n == cypher(conn, f"MATCH (n:`{label}`) RETURN count(n)"), label


def test_metrics_of_a_place(seed_build):
    out, conn = seed_build
    sp = sparql(out, "SELECT ?i ?v WHERE { ?m kg:about ?p ; kg:indicator ?i ; kg:value ?v . "
                     "?p rdfs:label '呼和浩特市'@zh }")
    cy = cypher(conn, "MATCH (m:Metric)-[:ABOUT]->(p:Place {name: '呼和浩特市'}) WHERE m.value IS NOT NULL "
                      "RETURN m.indicator, m.value")
    assert sp and {(i, float(v)) for i, v in sp} == {(i, float(v)) for i, v in cy}
