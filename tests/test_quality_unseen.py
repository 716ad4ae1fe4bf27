"""Quality floors on the held-out sets: articles no rule was written from (see their READMEs).

Issue #3 asks macro entity F1 >= 0.75 and relation F1 >= 0.60 on articles kg has never
seen; these stand in for them.
- tests/unseen: four articles (赤峰, 贵州, 苏州, a Hong Kong paper in traditional script).
- tests/unseen2: four more, written later with gold made without looking at kg
  (鄂尔多斯, 广西, 兴安盟, a Macau paper in traditional script); first scored at entity
  F1 0.834 and relation F1 0.732, before any fix it led to.
- tests/unseen3: four more, written the same way (吉林, 宁波, 新疆, 南方日报); first scored
  at entity F1 0.885 and relation F1 0.741.
The floors are a little below today's figures; raise them as kg improves, and never
write a rule or a test that quotes these articles: a failure here is fixed by a
general rule, tested on other text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import quality_report

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {
    "unseen": {
        "entities": {"Organization": 0.93, "Place": 0.97, "Project": 0.95, "Person": 0.97},
        "relations": {"worksFor": 0.97, "locatedIn": 0.86, "involves": 0.90},
        "macro": (0.80, 0.63),
        "metric_full": 0.88,          # metrics fully right (value, subject and year): 0.886 when set
    },
    "unseen2": {
        "entities": {"Organization": 0.90, "Place": 0.93, "Project": 0.79, "Person": 0.97},
        "relations": {"worksFor": 0.90, "locatedIn": 0.80, "involves": 0.71},
        "macro": (0.90, 0.80),
        "metric_full": 0.74,          # 0.758 when set
    },
    "unseen3": {
        "entities": {"Organization": 0.92, "Place": 0.88, "Project": 0.79, "Person": 0.95},
        "relations": {"worksFor": 0.89, "locatedIn": 0.78, "involves": 0.71},
        "macro": (0.89, 0.80),
        "metric_full": 0.64,          # 0.665 when set
    },
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def held_out(request, tmp_path_factory):
    name = request.param
    folder = ROOT / "tests" / name
    out = tmp_path_factory.mktemp(name) / "out"
    return FLOORS[name], quality_report(folder / "articles", folder / "gold", out)


def test_entity_f1(held_out):
    floors, report = held_out
    for typ, floor in floors["entities"].items():
        assert report["entities"][typ]["f1"] >= floor, typ


def test_relation_f1(held_out):
    floors, report = held_out
    for rel, floor in floors["relations"].items():
        assert report["relations"][rel]["f1"] >= floor, rel


def test_macro_f1_above_the_issue_targets(held_out):
    floors, report = held_out
    entity_floor, relation_floor = floors["macro"]
    assert report["summary"]["entity_f1_macro"] >= max(entity_floor, 0.75)
    assert report["summary"]["relation_f1_macro"] >= max(relation_floor, 0.60)


def test_metric_full_f1(held_out):
    """Subjects and years of figures in articles no rule was written from."""
    floors, report = held_out
    assert report["metrics"]["full_f1"] >= floors["metric_full"]
