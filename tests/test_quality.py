"""Quality floors on the seed articles, measured with the project's scorer (kg eval).

The floors are what the extractor reaches today, a little below, so that a change
that makes the graph worse fails CI.  Raise them as the extractor improves; the
targets of the issues are higher (entities 0.90, relations 0.80, metric full 0.75).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from conftest import quality_report

ROOT = Path(__file__).resolve().parents[1]
FLOORS_ENTITY_F1 = {"Organization": 0.96, "Place": 0.93, "Project": 0.98, "Person": 0.95}
FLOORS_RELATION_F1 = {"worksFor": 0.95, "locatedIn": 0.85, "involves": 0.96}
# canonical_name_exact: the share of found entities named as the gold names them (issue #3: 0.80)
FLOORS_CANONICAL = {"Organization": 0.80, "Place": 0.93, "Project": 0.94, "Person": 0.95}
FLOOR_METRIC_VALUE_F1 = 0.95
FLOOR_METRIC_FULL_F1 = 0.82


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("quality") / "out"
    return quality_report(ROOT / "seeds", ROOT / "tests" / "gold", out)


@pytest.mark.parametrize("typ", sorted(FLOORS_ENTITY_F1))
def test_entity_f1(report, typ):
    assert report["entities"][typ]["f1"] >= FLOORS_ENTITY_F1[typ]


@pytest.mark.parametrize("typ", sorted(FLOORS_CANONICAL))
def test_canonical_names(report, typ):
    assert report["entities"][typ]["canonical_name_exact"] >= FLOORS_CANONICAL[typ]


@pytest.mark.parametrize("rel", sorted(FLOORS_RELATION_F1))
def test_relation_f1(report, rel):
    assert report["relations"][rel]["f1"] >= FLOORS_RELATION_F1[rel]


def test_metrics(report):
    assert report["metrics"]["value_f1"] >= FLOOR_METRIC_VALUE_F1
    assert report["metrics"]["full_f1"] >= FLOOR_METRIC_FULL_F1


def test_no_gold_entity_split_much(report):
    for typ, row in report["entities"].items():
        assert row["split_into_duplicates"] <= max(2, 0.05 * row["found"]), typ


def test_kg_eval_prints_the_table(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(ROOT / "seeds" / "000_b3d9c44613aea8f5.txt"), "-o", str(out), "-q"]).exit_code == 0
    result = CliRunner().invoke(main, ["eval", str(out), "--gold", str(ROOT / "tests" / "gold")])
    assert result.exit_code == 0 and "summary:" in result.output


def test_scorer_copy_matches_the_project_scorer():
    original = ROOT.parent / "shared" / "eval" / "score.py"
    if not original.exists():
        pytest.skip("the project scorer (../shared/eval/score.py) is not next to this checkout")
    assert (ROOT / "kg" / "evaluate.py").read_bytes() == original.read_bytes()
