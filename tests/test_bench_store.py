"""kg.query with an Oxigraph store (write_store): the same answers, never from a stale store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pyoxigraph = pytest.importorskip("pyoxigraph")

from test_rdf_build import sample_kg

from kg.export.turtle import write_ontology, write_turtle
from kg.query import STORE_FOLDER, load_output, query_graph, run_query, write_store
from kg.rdf.build import build_graph

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    write_turtle(build_graph(sample_kg()), folder / "graph.ttl")
    write_ontology(folder)
    return folder


def _unordered(result):
    """Rows as a multiset; titles joined by GROUP_CONCAT come in any order."""
    return sorted(tuple("、".join(sorted(v.split("、"))) if v else v for v in row) for row in result.rows)


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_the_store_answers_as_rdflib_does(out, query):
    text = query.read_text(encoding="utf-8")
    expected = query_graph(load_output(out), text)
    files = write_store(out)
    assert files and all(f.is_file() and STORE_FOLDER in f.parts for f in files)
    answer = run_query(out, text)
    assert answer.vars == expected.vars
    assert _unordered(answer) == _unordered(expected)


def test_a_store_of_another_graph_is_not_used(out, tmp_path):
    for name in ("graph.ttl", "ontology.ttl"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    write_store(tmp_path)
    ask = 'ASK { ?x rdfs:label "伊利集团"@zh }'
    assert run_query(tmp_path, ask).rows == [("true",)]
    graph = tmp_path / "graph.ttl"
    graph.write_text(graph.read_text(encoding="utf-8").replace("伊利集团", "另一家"), encoding="utf-8")
    os.utime(graph, ns=(1, 1))
    assert run_query(tmp_path, ask).rows == [("false",)]
