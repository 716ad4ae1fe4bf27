"""The HTML view: one offline UTF-8 file, data escaped, metrics in panels."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from kg.export._html_assets import UI_SCRIPT
from kg.export._html_page import script_json, vis_bundle_dir
from kg.export.html import select_entities, write_html
from test_export_sample import HOSTILE, SCRIPT_SENTENCE, TRICKY, sample_graph

SCRIPT_BLOCK = re.compile(r"(<script\b[^>]*>)(.*?)</script\s*>", re.I | re.S)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    report = write_html(sample_graph(), path)
    assert report.path == path and report.size_bytes == path.stat().st_size
    return path.read_bytes().decode("utf-8")          # strict: must be valid UTF-8


def data_block(page: str) -> tuple[str, dict]:
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return raw, json.loads(raw)


def vis_nodes(page: str) -> list[dict]:
    return json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))


def vis_edges(page: str) -> list[dict]:
    return json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))


def test_no_remote_or_external_scripts_and_styles(page):
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
    assert not re.search(r"<link\b[^>]*stylesheet", page, re.I)
    for cdn in ("cdn.jsdelivr", "cdnjs.cloudflare", "bootstrap.min", "unpkg.com"):
        assert cdn not in page


def test_vis_network_is_inlined_from_the_pyvis_package(page):
    js = (vis_bundle_dir() / "vis-network.min.js").read_text(encoding="utf-8").replace("\r\n", "\n")
    css = (vis_bundle_dir() / "vis-network.css").read_text(encoding="utf-8")
    assert js[:300] in page and js[-300:] in page
    assert css[:300] in page


def test_page_is_a_standards_mode_utf8_document(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page


def test_pyvis_globals_are_kept(page):
    for line in ("nodes = new vis.DataSet(", "edges = new vis.DataSet(", "network = new vis.Network("):
        assert line in page


def test_panel_data_holds_entities_relations_metrics_and_evidence(page):
    _, data = data_block(page)
    city = data["entities"]["place/150100"]
    assert city["name"] == "呼和浩特市" and city["subtype"] == "city" and city["notation"] == "150100"
    assert "呼和浩特" in city["aliases"]
    gdp = data["metrics"]["place/150100"][0]
    assert gdp["indicator"] == "地区生产总值" and gdp["value"] == "380270000000"
    assert gdp["unit"] == "CNY" and gdp["year"] == 2022 and gdp["change"] == "4.5"
    assert gdp["evidence"]["sentence"].startswith("呼和浩特市地区生产总值")
    works = [r for r in data["relations"] if r["s"] == "person/wang"]
    assert works[0]["p"] == "worksFor" and works[0]["evidence"][0]["doc"] == "001_aaaa.txt"
    involves = [r for r in data["relations"] if r["p"] == "involves"][0]
    assert len(involves["evidence"]) == 1 and involves["role"] == "builder"   # duplicate evidence shown once
    assert data["documents"]["001_aaaa.txt"]["headline"] == "呼和浩特市重大项目集中开工"


def test_metrics_are_not_nodes_and_dangling_relations_are_not_edges(page):
    ids = {n["id"] for n in vis_nodes(page)}
    assert ids == set(sample_graph().entities)
    assert not any(i.startswith("metric/") for i in ids)
    assert len(vis_edges(page)) == 6                  # the relation to org/missing is left out


def test_nodes_are_labelled_coloured_and_shaped_by_type(page):
    nodes = {n["id"]: n for n in vis_nodes(page)}
    assert nodes["place/150100"]["label"] == "呼和浩特市"
    assert nodes["org/fgw"]["shape"] != nodes["place/150100"]["shape"]
    assert nodes["org/fgw"]["color"]["background"] != nodes["person/wang"]["color"]["background"]
    assert nodes["org/fgw"]["color"] == nodes["org/tricky"]["color"]


def test_hostile_strings_are_escaped_everywhere(page):
    raw, data = data_block(page)
    assert "<img" not in page.lower()
    assert "<b>bold" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in raw
    assert "<" not in raw and ">" not in raw
    assert data["entities"]["person/hostile"]["name"] == HOSTILE
    assert data["entities"]["org/tricky"]["name"] == TRICKY
    assert SCRIPT_SENTENCE not in page
    # No script ends early: each closing tag closes one of the page's own blocks.
    blocks = SCRIPT_BLOCK.findall(page)
    assert len(blocks) == 6 == len(re.findall(r"</script", page, re.I))
    assert "<!--" not in page
    hostile_node = next(n for n in vis_nodes(page) if n["id"] == "person/hostile")
    assert hostile_node["label"] == HOSTILE


def test_script_json_escapes_markup_and_round_trips():
    text = script_json({"a": "</script><!--x-->&", "b": "\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!--x-->&", "b": "\u2028"}


def test_ui_script_builds_the_dom_with_text_only():
    assert "innerHTML" not in UI_SCRIPT and "insertAdjacentHTML" not in UI_SCRIPT
    assert "document.write" not in UI_SCRIPT and "eval(" not in UI_SCRIPT
    assert "textContent" in UI_SCRIPT


def test_content_security_policy_allows_exactly_the_page_scripts(page):
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    scripts = [body for tag, body in SCRIPT_BLOCK.findall(page) if "application/json" not in tag]
    assert len(scripts) == 5           # pyvis bindings, vis-network, pyvis drawing, layout cap, kg UI
    for body in scripts:
        assert base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() in allowed


def test_the_layout_cap_is_armed_before_the_data_is_read(page):
    # after pyvis' drawing (which makes `network`), before the 16 MB of data at 100x
    cap = page.index("window.kgLayoutStopped = true")
    assert page.index("network = new vis.Network") < cap < page.index('id="kg-data"')
    assert "setTimeout(stop, Math.max(0, 5000 - performance.now()))" in page


def test_physics_stabilizes_a_bounded_number_of_times_then_stops(page):
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page, re.S).group(1))
    stabilization = options["physics"]["stabilization"]
    assert stabilization["enabled"] and stabilization["iterations"] <= 1000
    assert 'network.once("stabilizationIterationsDone", freeze)' in page
    assert "physics: {enabled: false}" in page


def test_legend_filters_search_and_document_select_are_present(page):
    for element_id in ("kg-search", "kg-legend", "kg-doc", "kg-panel", "kg-notice"):
        assert f'id="{element_id}"' in page
    assert '<div id="kg-notice" hidden>' in page    # small graph: nothing left out


def test_large_graph_draws_the_most_connected_part_and_says_so(tmp_path):
    report = write_html(sample_graph(), tmp_path / "small.html", max_nodes=3)
    page = (tmp_path / "small.html").read_text(encoding="utf-8")
    assert report.truncated and report.entities_shown == 3 and report.entities_total == 8
    assert len(vis_nodes(page)) == 3
    assert "place/150100" in {n["id"] for n in vis_nodes(page)}     # the hub
    assert "showing the 3 most connected of 8 entities" in page
    assert '<div id="kg-notice" hidden>' not in page


def test_selection_prefers_big_components_then_degree():
    kg = sample_graph()
    ranked = select_entities(kg, 100)
    assert ranked[0] == "place/150100"
    assert ranked[-1] == "initiative/kjxm"            # isolated


def test_bad_max_nodes_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="max_nodes"):
        write_html(sample_graph(), tmp_path / "x.html", max_nodes=0)


def test_empty_graph_still_writes_a_page(tmp_path):
    from kg.model import KnowledgeGraph

    report = write_html(KnowledgeGraph(), Path(tmp_path) / "empty.html")
    assert report.entities_shown == 0 and "network = new vis.Network(" in report.path.read_text("utf-8")


def test_a_large_graphs_panels_list_a_bounded_number_of_figures_and_sentences(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.export.html.PANEL_METRICS_MAX", 1)
    monkeypatch.setattr("kg.export.html.PANEL_EVIDENCE_MAX", 1)
    from dataclasses import replace

    from kg.model import Evidence
    kg = sample_graph()
    kg.metrics += [replace(m, id=m.id + "-again") for m in kg.metrics]        # two figures an entity
    for rel in kg.relations:
        rel.evidence.append(Evidence("other.txt", "又一句。"))                   # two sentences a relation
    write_html(kg, tmp_path / "all.html")
    write_html(kg, tmp_path / "cut.html", max_nodes=3)
    whole = data_block((tmp_path / "all.html").read_text(encoding="utf-8"))[1]
    cut = data_block((tmp_path / "cut.html").read_text(encoding="utf-8"))[1]
    assert max(len(items) for items in whole["metrics"].values()) > 1      # a small graph lists everything
    assert max(len(r["evidence"]) for r in whole["relations"]) > 1
    assert max(len(items) for items in cut["metrics"].values()) == 1
    assert max(len(r["evidence"]) for r in cut["relations"]) == 1
    assert "at most 1 figures of an entity" in (tmp_path / "cut.html").read_text(encoding="utf-8")
