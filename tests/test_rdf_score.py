"""The shared scorer reads our Turtle output without error."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.export.turtle import write_ontology, write_turtle
from kg.rdf.build import build_graph
from test_rdf_build import sample_kg

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER, GOLD = SHARED / "eval" / "score.py", SHARED / "gold"


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not on this machine")
def test_scorer_reads_the_output(tmp_path):
    out = tmp_path / "out"
    write_turtle(build_graph(sample_kg()), out / "graph.ttl")
    write_ontology(out)
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--graph", str(out),
                          "--json"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    # the sample names seed entities, so some are found: the scorer did see our types and labels
    assert report["entities"]["Place"]["exported"] == 4
    assert report["entities"]["Organization"]["found"] >= 1
    assert report["metrics"]["exported"] == 6
    assert report["relations"]["locatedIn"]["exported"] >= 1
