"""`kg validate`: the seed build conforms to the SHACL shapes; broken graphs are
reported in plain words; a missing folder or a missing pyshacl is one line, exit 2."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDFS

from kg.cli import main
from kg.export.turtle import write_turtle
from kg.rdf.build import build_graph
from kg.rdf.iris import entity_iri
from kg.rdf.terms import DEFAULT_BASE
from kg.validate import INSTALL_HINT, ValidateError, validate_output
from test_rdf_build import sample_kg

ROOT = Path(__file__).resolve().parents[1]
needs_pyshacl = pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import pyshacl"], capture_output=True).returncode != 0,
    reason='pyshacl is not installed (pip install "kg[validate]")')


def _write(graph, folder: Path) -> Path:
    write_turtle(graph, folder / "graph.ttl")
    return folder


@needs_pyshacl
def test_seed_build_has_no_violations(tmp_path):
    out = tmp_path / "out"
    build = subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "-o", str(out), "-q"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("conforms to the SHACL shapes")


@needs_pyshacl
def test_sample_graph_conforms(tmp_path):
    report = validate_output(_write(build_graph(sample_kg()), tmp_path))
    assert report.conforms and report.violations == () and report.triples > 100


@needs_pyshacl
def test_two_labels_on_one_entity_fail_in_plain_words(tmp_path):
    graph = build_graph(sample_kg())
    graph.add((entity_iri(DEFAULT_BASE, "place/150100"), RDFS.label, Literal("呼市", lang="zh")))
    out = _write(graph, tmp_path)
    report = validate_output(out)
    assert not report.conforms
    [violation] = report.violations
    assert violation.label == "呼和浩特市" and violation.focus == "place:150100"
    assert violation.message == "an entity needs exactly one rdfs:label, in Chinese (@zh)"
    assert violation.values == ('"呼和浩特市"@zh', '"呼市"@zh')
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("1 violation of the SHACL shapes")
    assert lines[1] == ('  呼和浩特市 (place:150100): an entity needs exactly one rdfs:label, in Chinese (@zh)'
                        ' — rdfs:label values "呼和浩特市"@zh, "呼市"@zh')


@needs_pyshacl
def test_a_wrong_relation_names_the_value(tmp_path):
    from kg.model import WORKS_FOR, Relation

    kg = sample_kg()
    kg.relations.append(Relation("person/刘大鹏", WORKS_FOR, "place/150100"))
    report = validate_output(_write(build_graph(kg), tmp_path))
    described = [v.describe() for v in report.violations]
    assert "刘大鹏 (person:刘大鹏): kg:worksFor points at an organization — kg:worksFor value place:150100" in described


def test_missing_output_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"kg: no output folder {tmp_path / 'nowhere'} (run `kg build` first)"]
    empty = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert empty.exit_code == 2 and "holds no graph.ttl" in empty.output


def test_missing_pyshacl_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyshacl", None)          # import pyshacl -> ImportError
    with pytest.raises(ValidateError, match="pip install"):
        validate_output(_write(build_graph(sample_kg()), tmp_path))
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2 and result.output.strip() == f"kg: {INSTALL_HINT}"
