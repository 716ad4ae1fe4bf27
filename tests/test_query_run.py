"""kg.query: the example queries of queries/ on the sample graph, and errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import QUERY_PREFIXES, QueryError, run_query
from conftest import write_sample_output

QUERIES = Path(__file__).resolve().parents[1] / "queries"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return write_sample_output(tmp_path_factory.mktemp("out"))


def _run(out: Path, name: str) -> list[dict]:
    result = run_query(out, (QUERIES / name).read_text(encoding="utf-8"))
    return [dict(zip(result.vars, row)) for row in result.rows]


def test_the_required_queries_exist_with_a_comment_header():
    names = {p.name for p in QUERIES.glob("*.rq")}
    assert {"officials_and_organizations.rq", "projects_investors_places.rq",
            "metrics_of_place_by_year.rq", "places_in_hohhot.rq", "metric_evidence.rq",
            "metric_time_series.rq"} <= names
    for path in QUERIES.glob("*.rq"):
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.rq")))
def test_every_query_returns_rows(out, name):
    assert _run(out, name)


def test_officials(out):
    rows = _run(out, "officials_and_organizations.rq")
    zhang = [r for r in rows if r["name"] == "张伟"]
    assert len(zhang) == 1
    assert set(zhang[0]["titles"].split("、")) == {"党组书记", "局长"}
    assert zhang[0]["organization"] == "呼和浩特市商务局"
    assert zhang[0]["evidence"] == "呼和浩特市商务局党组书记、局长张伟介绍。"
    assert zhang[0]["documents"] == "1"
    [liu] = [r for r in rows if r["name"] == "刘大鹏"]
    assert liu["documents"] == "2" and liu["evidence"]                # said in two documents
    assert not [r for r in rows if r["name"] == "王雅静"]           # a byline is no official


def test_projects(out):
    [row] = _run(out, "projects_investors_places.rq")
    assert row == {"project": "伊利液奶三期", "organization": "伊利集团", "role": "investor",
                   "place": "和林格尔新区"}


def test_metrics_of_hohhot_by_year(out):
    rows = _run(out, "metrics_of_place_by_year.rq")
    assert [r["year"] for r in rows] == ["2022", "2023", "2023"]
    assert {r["indicator"] for r in rows} == {"地区生产总值", "货运量"}


def test_places_in_hohhot(out):
    rows = _run(out, "places_in_hohhot.rq")
    assert {r["place"] for r in rows} == {"赛罕区", "和林格尔新区"}
    assert {r["directlyIn"] for r in rows} == {"呼和浩特市"}


def test_metric_evidence(out):
    rows = _run(out, "metric_evidence.rq")
    assert len(rows) == 3 and {r["subject"] for r in rows} == {"呼和浩特市"}     # the subject's own metrics
    assert {r["indicator"] for r in rows} == {"地区生产总值", "货运量"}
    assert all(r["evidence"] and r["document"] for r in rows)


def test_time_series_spans_years_and_documents(out):
    rows = _run(out, "metric_time_series.rq")
    assert [(r["year"], r["document"]) for r in rows] == [("2022", "001_a.txt"), ("2023", "002_b.txt")]
    assert rows[0]["value"] == "332910000000.0"


def test_entity_counts(out):
    rows = {r["type"]: int(r["count"]) for r in _run(out, "entity_counts.rq")}
    assert rows == {"Organization": 3, "Place": 4, "Project": 1, "Person": 3, "Metric": 6}


def test_ask_and_construct(out):
    assert run_query(out, 'ASK { ?x rdfs:label "伊利集团"@zh }').rows == [("true",)]
    assert run_query(out, 'ASK { ?x rdfs:label "不存在"@zh }').rows == [("false",)]
    result = run_query(out, "CONSTRUCT { ?p kg:worksFor ?o } WHERE { ?p kg:worksFor ?o }")
    assert result.vars == ["subject", "predicate", "object"] and len(result.rows) == 2


def test_bad_sparql_is_a_one_line_error(out):
    with pytest.raises(QueryError) as error:
        run_query(out, "SELEC ?x WHERE { ?x ?p ?o }")
    assert str(error.value).startswith("invalid SPARQL") and "\n" not in str(error.value)
    with pytest.raises(QueryError, match="invalid SPARQL"):
        run_query(out, "SELECT ?x WHERE { ?x nope:p ?o }")


def test_remote_graphs_are_refused(out):
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(out, "SELECT * WHERE { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="FROM"):
        run_query(out, "SELECT * FROM <http://localhost:9/g.ttl> WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="FROM"):
        run_query(out, "# a comment\nselect * from named<http://localhost:9/g.ttl> where { ?s ?p ?o }")
    with pytest.raises(QueryError, match="SERVICE"):       # after a string that holds a # and a quote
        run_query(out, 'SELECT * WHERE { ?s ?p "a # \\" b" SERVICE silent <http://localhost:9/s> { ?s ?p ?o } }')


def test_the_words_in_comments_strings_iris_and_names_are_no_remote_graphs(out):
    from kg.query import _says_service_or_from

    query = ('# the figure and where it comes from\n'
             'SELECT ?from WHERE { ?from rdfs:label ?name FILTER(?name != "from here"@zh '
             '&& ?from != <http://example.org/service#from> && ?name != \'\'\'from\nservice\'\'\') }')
    assert not _says_service_or_from(query)          # so rdflib is not imported to parse it
    assert run_query(out, query).rows
    for remote in ("SELECT * FROM <g> { ?s ?p ?o }", "select * from named <g> { ?s ?p ?o }",
                   "SELECT * { ?s ?p ?o FILTER(?o<3) SERVICE <s> { ?s ?p ?o } }",
                   '# "\nSELECT * { ?s ?p "#" . service ?x { ?s ?p ?o } }'):
        assert _says_service_or_from(remote), remote


def test_a_query_on_a_build_imports_no_rdflib(out):
    """rdflib takes 0.15 s to import (0.25 s with its SPARQL parser): kg query with Oxigraph needs
    neither, even for a query that says "from" in a comment."""
    example = (QUERIES / "metric_evidence.rq").read_text(encoding="utf-8")
    assert "from" in example
    code = ("import sys\n"
            "from kg.query import run_query\n"
            f"result = run_query({str(out)!r}, sys.stdin.read())\n"
            "assert result.rows, 'no rows'\n"
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'rdflib'))\n")
    done = subprocess.run([sys.executable, "-c", code], input=example, capture_output=True, text=True,
                          encoding="utf-8", cwd=Path(__file__).resolve().parents[1], check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_prefixes_known_without_prefix_lines_are_those_of_the_graph_terms():
    from kg.rdf.terms import PREFIXES

    assert QUERY_PREFIXES == {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def test_missing_output_is_an_error(tmp_path):
    with pytest.raises(QueryError, match="no output folder"):
        run_query(tmp_path / "nowhere", "ASK {}")
    with pytest.raises(QueryError, match="no graph.ttl"):
        run_query(tmp_path, "ASK {}")


def test_unreadable_graph_is_an_error(tmp_path):
    (tmp_path / "graph.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot read"):
        run_query(tmp_path, "ASK {}")


def test_ontology_is_found_when_out_has_none(tmp_path):
    write_sample_output(tmp_path)
    (tmp_path / "ontology.ttl").unlink()
    result = run_query(tmp_path, "ASK { ?x a/rdfs:subClassOf+ kg:Organization }")
    assert result.rows == [("true",)]
