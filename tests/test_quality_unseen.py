"""Quality floors on tests/unseen: four articles no rule was written from (see its README).

Issue #3 asks macro entity F1 >= 0.75 and relation F1 >= 0.60 on articles kg has never
seen; these four stand in for them.  The floors are a little below today's figures; raise
them as kg improves, and never write a rule or a test that quotes these articles: a
failure here is fixed by a general rule, tested on other text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import quality_report

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "tests" / "unseen"
FLOORS_ENTITY_F1 = {"Organization": 0.93, "Place": 0.97, "Project": 0.95, "Person": 0.97}
FLOORS_RELATION_F1 = {"worksFor": 0.97, "locatedIn": 0.86, "involves": 0.90}
FLOOR_ENTITY_MACRO, FLOOR_RELATION_MACRO = 0.80, 0.63
# Metrics fully right (value, subject and year): 0.886 when set.
FLOOR_METRIC_FULL_F1 = 0.88


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("unseen") / "out"
    return quality_report(UNSEEN / "articles", UNSEEN / "gold", out)


@pytest.mark.parametrize("typ", sorted(FLOORS_ENTITY_F1))
def test_entity_f1(report, typ):
    assert report["entities"][typ]["f1"] >= FLOORS_ENTITY_F1[typ]


@pytest.mark.parametrize("rel", sorted(FLOORS_RELATION_F1))
def test_relation_f1(report, rel):
    assert report["relations"][rel]["f1"] >= FLOORS_RELATION_F1[rel]


def test_macro_f1_above_the_issue_targets(report):
    assert report["summary"]["entity_f1_macro"] >= max(FLOOR_ENTITY_MACRO, 0.75)
    assert report["summary"]["relation_f1_macro"] >= max(FLOOR_RELATION_MACRO, 0.60)


def test_metric_full_f1(report):
    """Subjects and years of figures in articles no rule was written from."""
    assert report["metrics"]["full_f1"] >= FLOOR_METRIC_FULL_F1
