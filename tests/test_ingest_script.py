"""Traditional characters are recognised, read as simplified, and kept as aliases."""
from __future__ import annotations

import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.ingest.script import is_traditional, to_simplified

TRADITIONAL = ("本報呼和浩特2月9日訊（記者 王雅靜）內蒙古自治區商務廳表示，"
               "伊利集團副總裁劉大鵬介紹，呼和浩特市招商引資項目簽約落地，協議總投資1297.7億元。")


def test_detection_and_one_to_one_conversion():
    assert is_traditional(TRADITIONAL)
    assert not is_traditional("内蒙古自治区商务厅表示，招商引资项目签约落地。")
    simplified = to_simplified(TRADITIONAL)
    assert len(simplified) == len(TRADITIONAL)
    assert "内蒙古自治区商务厅" in simplified and "协议总投资" in simplified


def test_traditional_article_builds_with_simplified_names_and_written_aliases(tmp_path):
    src = tmp_path / "hk.txt"
    src.write_text(TRADITIONAL, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(src), "-o", str(out), "-q"]).exit_code == 0
    g = rdflib.Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    alt = {str(o) for o in g.objects(None, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))}
    assert "内蒙古自治区商务厅" in labels
    assert "內蒙古自治區商務廳" in alt
