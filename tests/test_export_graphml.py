"""GraphML export: reads back with networkx, metrics as nodes, no null attributes."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from kg.export.graphml import build_graph, write_graphml
from kg.model import KnowledgeGraph
from test_export_sample import HOSTILE, SCRIPT_SENTENCE, TRICKY, sample_graph
from test_robust_exports import graphs

# 8 entities + 4 metrics; 6 relations with known ends + 3 about links.
NODES, EDGES = 12, 9


@pytest.fixture(scope="module")
def read_back(tmp_path_factory) -> nx.MultiDiGraph:
    path = tmp_path_factory.mktemp("graphml") / "kg.graphml"
    write_graphml(sample_graph(), path)
    return nx.read_graphml(path, force_multigraph=True)


def test_reads_back_with_the_same_counts(read_back):
    built = build_graph(sample_graph())
    assert built.number_of_nodes() == read_back.number_of_nodes() == NODES
    assert built.number_of_edges() == read_back.number_of_edges() == EDGES
    assert read_back.is_directed() and read_back.is_multigraph()


def test_entity_attributes(read_back):
    city = read_back.nodes["place/150100"]
    assert city["type"] == "Place" and city["label"] == "呼和浩特市" and city["subtype"] == "city"
    assert city["notation"] == "150100" and city["aliases"] == "呼和浩特 | 青城"
    tricky = read_back.nodes["org/tricky"]
    assert tricky["label"] == TRICKY and tricky["aliases"] == 'a;b | c,"d"'
    assert read_back.nodes["person/hostile"]["label"] == HOSTILE


def test_metrics_are_nodes_linked_by_about(read_back):
    gdp = read_back.nodes["metric/1"]
    assert gdp["type"] == "Metric" and gdp["label"] == "地区生产总值"
    assert gdp["value"] == 3.8027e11 and gdp["year"] == 2022 and gdp["change"] == 4.5
    assert gdp["unit"] == "CNY" and gdp["raw"] == "3802.7亿元"
    about = [(u, v, d) for u, v, d in read_back.edges(data=True) if d["type"] == "about"]
    assert ("metric/1", "place/150100") in {(u, v) for u, v, _ in about}
    assert len(about) == 3                                    # metric/3 has no subject
    assert "value" not in read_back.nodes["metric/3"]        # absent, not None


def test_relation_edges_carry_type_and_evidence(read_back):
    works = [(u, v, d) for u, v, d in read_back.edges(data=True) if d["type"] == "worksFor"]
    assert {(u, v) for u, v, _ in works} == {("person/wang", "org/fgw"), ("person/hostile", "org/tricky")}
    assert SCRIPT_SENTENCE in {d["evidence"] for _, _, d in works}
    involves = [d for _, _, d in read_back.edges(data=True) if d["type"] == "involves"][0]
    assert involves["role"] == "builder" and involves["evidence"] == "项目由该公司承建。"


def test_attributes_are_plain_values_only():
    graph = build_graph(sample_graph())
    values = [v for _, d in graph.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in graph.edges(data=True) for v in d.values()]
    assert all(isinstance(v, (str, int, float)) for v in values)


def test_xml_invalid_characters_are_replaced(tmp_path):
    kg = sample_graph()
    kg.entities["org/fgw"].name = "控制\x01字符"
    write_graphml(kg, tmp_path / "x.graphml")
    graph = nx.read_graphml(tmp_path / "x.graphml", force_multigraph=True)
    assert graph.nodes["org/fgw"]["label"] == "控制\ufffd字符"


def test_empty_graph(tmp_path):
    write_graphml(KnowledgeGraph(), Path(tmp_path) / "empty.graphml")
    assert nx.read_graphml(tmp_path / "empty.graphml").number_of_nodes() == 0


def _networkx_bytes(kg: KnowledgeGraph, path: Path) -> bytes:
    nx.write_graphml(build_graph(kg), path, encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("kg", [sample_graph(), KnowledgeGraph()], ids=["sample", "empty"])
def test_the_file_is_what_networkx_writes(tmp_path, kg):
    write_graphml(kg, tmp_path / "ours.graphml")
    assert (tmp_path / "ours.graphml").read_bytes() == _networkx_bytes(kg, tmp_path / "networkx.graphml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["networkx.graphml", "ours.graphml"]   # no leftover


@settings(max_examples=20, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(graphs())
def test_hostile_strings_give_the_file_networkx_writes(tmp_path_factory, kg):
    folder = tmp_path_factory.mktemp("graphml")
    write_graphml(kg, folder / "ours.graphml")
    assert (folder / "ours.graphml").read_bytes() == _networkx_bytes(kg, folder / "networkx.graphml")
    assert sorted(p.name for p in folder.iterdir()) == ["networkx.graphml", "ours.graphml"]   # no leftover
