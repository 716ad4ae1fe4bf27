"""kg.query with an Oxigraph store (write_store): the same answers, never from a stale store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pyoxigraph = pytest.importorskip("pyoxigraph")

from conftest import write_sample_output

from kg.query import STORE_FOLDER, load_output, query_graph, run_query, write_store

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return write_sample_output(tmp_path_factory.mktemp("out"))


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


def test_a_large_graph_gets_its_store_on_the_first_query(out, tmp_path, monkeypatch):
    for name in ("graph.ttl", "ontology.ttl"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    monkeypatch.setattr("kg.query.STORE_FROM_BYTES", 0)        # every graph counts as large
    ask = 'ASK { ?x rdfs:label "伊利集团"@zh }'
    assert not (tmp_path / STORE_FOLDER).exists()
    assert run_query(tmp_path, ask).rows == [("true",)]
    stamp = tmp_path / STORE_FOLDER / "kg-source.json"
    made = stamp.stat().st_mtime_ns
    assert run_query(tmp_path, ask).rows == [("true",)]
    assert stamp.stat().st_mtime_ns == made                  # opened, not made again


def test_the_query_store_is_no_foreign_file_for_the_next_build(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(seeds / sorted(os.listdir(seeds))[0]), "-o", str(out),
                                     "-q", "-j", "1"]).exit_code == 0
    monkeypatch.setattr("kg.query.STORE_FROM_BYTES", 0)
    run_query(out, "ASK { ?s ?p ?o }")
    assert (out / STORE_FOLDER).is_dir()
    again = CliRunner().invoke(main, ["build", str(seeds / sorted(os.listdir(seeds))[0]), "-o", str(out),
                                      "-q", "-j", "1"])
    assert again.exit_code == 0, again.output


def test_a_large_build_writes_its_store_and_the_first_query_opens_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.export.outdir import MANIFEST

    monkeypatch.setattr("kg.export.QUERY_STORE_FROM", 0)      # every build counts as large
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(seeds / sorted(os.listdir(seeds))[0]), "-o", str(out),
                                     "-q", "-j", "1"]).exit_code == 0
    stamp = out / STORE_FOLDER / "kg-source.json"
    made = stamp.stat().st_mtime_ns
    assert f"{STORE_FOLDER}/kg-source.json" in (out / MANIFEST).read_text(encoding="utf-8")
    assert run_query(out, "ASK { ?s a kg:Organization }").rows == [("true",)]
    assert stamp.stat().st_mtime_ns == made                  # opened, not made again


def _triples_with_a_blank_node() -> bytes:
    lines = [f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(300)]
    lines.insert(0, "<http://example.org/a> <http://example.org/has> _:b .\n")
    lines.append("_:b <http://example.org/value> \"far away\" .\n")
    return "".join(lines).encode()


@pytest.mark.parametrize("blank", [False, True], ids=["iris", "a blank node"])
def test_ntriples_loaded_in_pieces_give_the_whole_graph(tmp_path, monkeypatch, blank):
    from kg.query import _load

    monkeypatch.setattr("kg.query._LOAD_BYTES", 500)              # a few lines a piece
    path = tmp_path / "graph.nt"
    data = _triples_with_a_blank_node()
    path.write_bytes(data if blank else data.replace(b"_:b", b"<http://example.org/b>"))
    store = pyoxigraph.Store()
    _load(store, path)
    assert len(store) == 302
    far = store.query('SELECT ?v WHERE { <http://example.org/a> <http://example.org/has> ?b . '
                      '?b <http://example.org/value> ?v }')
    assert [row[0].value for row in far] == ["far away"]       # the two ends of ?b are one node


def test_a_build_that_fails_while_its_store_loads_leaves_nothing_behind(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.export import EXPORTERS

    def failing(graph, rdf, out):
        raise RuntimeError("disk full")
    monkeypatch.setattr("kg.export.QUERY_STORE_FROM", 0)
    monkeypatch.setitem(EXPORTERS, "graphml", failing)          # runs after graph.ttl and graph.nt
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(seeds / sorted(os.listdir(seeds))[0]), "-o", str(out),
                                       "-q", "-j", "1"])
    assert result.exit_code != 0 and "disk full" in result.output
    assert list(tmp_path.iterdir()) == []
