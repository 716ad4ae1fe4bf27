"""End to end: the `kg` command in, files and SPARQL answers out."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_every_output(seed_build):
    out, output = seed_build
    for name in ("graph.ttl", "ontology.ttl", "graph.html", "graph.graphml", "README.md"):
        assert (out / name).is_file(), name
    neo4j = out / "neo4j"
    assert (neo4j / "import.cypher").is_file()
    assert any(p.name.startswith("nodes_") for p in neo4j.iterdir())
    assert any(p.name.startswith("rels_") for p in neo4j.iterdir())
    assert "documents   5" in output and "seconds" in output


def test_turtle_parses_and_has_the_five_types(seed_build):
    out, _ = seed_build
    graph = rdflib.Graph().parse(out / "graph.ttl").parse(out / "ontology.ttl")
    kg = rdflib.Namespace("https://example.org/kg/ontology#")
    for name in ("Organization", "Place", "Project", "Person", "Metric", "Document"):
        rows = list(graph.query(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?c rdfs:subClassOf* <{kg[name]}> . ?x a ?c }}"))
        assert int(rows[0][0]) > 0, name


def test_html_references_nothing_remote(seed_build):
    out, _ = seed_build
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.I)
    assert "呼和浩特市" in html


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_queries_answer(seed_build, query):
    out, _ = seed_build
    result = CliRunner().invoke(main, ["query", str(out), "--file", str(query), "--format", "csv"])
    assert result.exit_code == 0, result.output
    if query.stem != "metric_time_series":      # the seeds hold no series of one indicator over years
        assert len(result.output.strip().splitlines()) > 1, f"{query.name} returned no rows"


def test_officials_query_names_an_official_and_his_organization(seed_build):
    out, _ = seed_build
    result = CliRunner().invoke(main, ["query", str(out), "--file", str(ROOT / "queries/officials_and_organizations.rq"),
                                       "--format", "csv"])
    assert "伊利集团" in result.output


def test_iris_are_stable_across_runs_and_inputs(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(SEEDS / "000_b3d9c44613aea8f5.txt"), "-o", str(one), "-q"]).exit_code == 0
    assert runner.invoke(main, ["build", str(SEEDS), "-o", str(two), "-q"]).exit_code == 0
    def places(path):
        g = rdflib.Graph().parse(path / "graph.ttl")
        return {str(o): str(s) for s, o in g.subject_objects(rdflib.RDFS.label)}
    small, full = places(one), places(two)
    for name in ("内蒙古自治区", "呼和浩特市", "乌拉特中旗"):
        assert small[name] == full[name]


def test_build_is_deterministic(tmp_path, seed_build):
    out, _ = seed_build
    again = tmp_path / "again"
    assert CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(again), "-q"]).exit_code == 0
    assert (again / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_skipped_file_gives_exit_1_and_builds_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((SEEDS / "000_b3d9c44613aea8f5.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "b.pdf" in result.output          # click's output holds stderr too
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_query_errors_are_one_line(tmp_path, seed_build):
    out, _ = seed_build
    bad = CliRunner().invoke(main, ["query", str(out), "SELECT WHERE {"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    missing = CliRunner().invoke(main, ["query", str(tmp_path / "none"), "SELECT * WHERE { ?s ?p ?o }"])
    assert missing.exit_code == 2


def test_python_dash_m_kg_runs():
    done = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "build" in done.stdout


def test_scorer_reads_the_build(seed_build):
    out, _ = seed_build
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/eval/score.py is not next to this checkout")
    gold = ROOT / "tests" / "gold"
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold if gold.exists() else ROOT.parent / "shared/gold"),
                           "--graph", str(out)], capture_output=True, text=True)
    assert done.returncode == 0 and "summary:" in done.stdout
