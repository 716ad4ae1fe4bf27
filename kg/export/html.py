"""An interactive, self-contained HTML view of the knowledge graph.

pyvis draws the network; the page is then made offline (see _html_page) and
given a search box, type and document filters, a legend and a side panel
that shows an entity's aliases, documents, relations and metrics with the
sentences they come from.  Metrics are not nodes: they are listed in the
panel of the entity they are about.
"""
from __future__ import annotations

import html as html_escape
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pyvis.network import Network

from kg.export._html_assets import BODY_SKELETON, LAYOUT_CAP_SCRIPT, STYLE_SHEET, UI_SCRIPT
from kg.export._html_page import build_offline_page, script_json
from kg.export._style import relation_color, type_style
from kg.export._values import plain_decimal
from kg.model import ENTITY_TYPES, Evidence, KnowledgeGraph, Metric, Relation

DEFAULT_MAX_NODES = 1500
# The layout stops at the latest this long after the page starts to load (LAYOUT_CAP_SCRIPT).
DEFAULT_LAYOUT_SECONDS = 5.0


@dataclass(frozen=True)
class HtmlReport:
    path: Path
    entities_total: int
    entities_shown: int
    relations_total: int
    relations_shown: int        # drawn as edges
    metrics_shown: int          # listed in the panel of a drawn entity
    truncated: bool             # more than max_nodes entities: only the most connected are drawn
    size_bytes: int


# ---------------------------------------------------------------- choosing what to draw

def _known_relations(kg: KnowledgeGraph) -> list[tuple[int, Relation]]:
    """Relations whose two ends are entities of the graph, with their index."""
    return [(i, rel) for i, rel in enumerate(kg.relations)
            if rel.subject in kg.entities and rel.object in kg.entities]


def _component_sizes(kg: KnowledgeGraph) -> dict[str, int]:
    parent = {entity_id: entity_id for entity_id in kg.entities}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, rel in _known_relations(kg):
        parent[root(rel.subject)] = root(rel.object)
    sizes = Counter(root(entity_id) for entity_id in kg.entities)
    return {entity_id: sizes[root(entity_id)] for entity_id in kg.entities}


def entity_degrees(kg: KnowledgeGraph) -> Counter[str]:
    degree: Counter[str] = Counter()
    for _, rel in _known_relations(kg):
        degree[rel.subject] += 1
        degree[rel.object] += 1
    return degree


def select_entities(kg: KnowledgeGraph, max_nodes: int) -> list[str]:
    """The ids to draw, most connected first.

    Up to `max_nodes`, taking the largest connected components first and,
    inside a component, the entities with the most relations.
    """
    degree = entity_degrees(kg)
    component = _component_sizes(kg)
    metric_count = Counter(m.about for m in kg.metrics)
    ranked = sorted(kg.entities, key=lambda i: (-component[i], -degree[i], -metric_count[i],
                                                -len(kg.entities[i].docs), i))
    return ranked[:max_nodes]


# ---------------------------------------------------------------- data for the panel

def _evidence(ev: Evidence) -> dict:
    return {"doc": ev.doc_id, "sentence": ev.sentence}


def _evidence_list(evidence: list[Evidence]) -> list[dict]:
    """Each (document, sentence) once; knowledge-only evidence (no sentence) once in all."""
    seen: set[tuple[str, str]] = set()
    items: list[dict] = []
    from_knowledge = False
    for ev in evidence:
        if ev.sentence is None:
            from_knowledge = True
        elif (ev.doc_id, ev.sentence) not in seen:
            seen.add((ev.doc_id, ev.sentence))
            items.append(_evidence(ev))
    if from_knowledge:
        items.append({"doc": None, "sentence": None})
    return items


def _metric(metric: Metric) -> dict:
    return {
        "indicator": metric.indicator, "value": plain_decimal(metric.value), "unit": metric.unit,
        "raw": metric.raw, "year": metric.year, "period": metric.period,
        "change": plain_decimal(metric.change), "changeAbs": plain_decimal(metric.change_abs),
        "status": metric.status, "approximate": metric.approximate,
        "evidence": _evidence(metric.evidence),
    }


def _entity(kg: KnowledgeGraph, entity_id: str) -> dict:
    ent = kg.entities[entity_id]
    return {
        "name": ent.name, "type": ent.type, "subtype": ent.subtype, "notation": ent.notation,
        "aliases": sorted(a for a in ent.aliases if a != ent.name),
        "titles": sorted(ent.titles), "bylineRoles": sorted(ent.byline_roles),
        "docs": sorted(ent.docs),
    }


def _type_legend(kg: KnowledgeGraph, shown: list[str]) -> list[dict]:
    counts = Counter(kg.entities[i].type for i in shown)
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(t for t in counts if t not in ENTITY_TYPES)
    legend = []
    for entity_type in order:
        style = type_style(entity_type)
        title = style.title if style.title != "Other" else entity_type
        legend.append({"type": entity_type, "title": title, "color": style.color,
                       "border": style.border, "shape": style.shape, "count": counts[entity_type]})
    return legend


def _documents(kg: KnowledgeGraph, shown: list[str]) -> tuple[dict, list[str]]:
    documents = {d.doc_id: {"headline": d.headlines[0] if d.headlines else "",
                            "newspaper": d.newspaper, "year": d.year} for d in kg.documents}
    order = [d.doc_id for d in kg.documents]
    mentioned = sorted({doc for i in shown for doc in kg.entities[i].docs} - set(documents))
    return documents, order + mentioned


def panel_data(kg: KnowledgeGraph, shown: list[str], drawn: dict[int, str], notice: str) -> dict:
    """Everything the page's script needs, as plain JSON-able values.

    `drawn` maps a relation's index in kg.relations to its edge id.
    """
    shown_set = set(shown)
    relations = [(i, rel) for i, rel in _known_relations(kg)
                 if rel.subject in shown_set or rel.object in shown_set]
    listed = shown_set | {end for _, rel in relations for end in (rel.subject, rel.object)}
    large = bool(notice)        # only the most connected part is drawn: the lists are cut too
    metrics: dict[str, list[dict]] = {}
    for metric in kg.metrics:
        if metric.about in shown_set:
            listed_metrics = metrics.setdefault(metric.about, [])
            if not large or len(listed_metrics) < PANEL_METRICS_MAX:
                listed_metrics.append(_metric(metric))
    documents, document_order = _documents(kg, shown)
    predicates = Counter(kg.relations[i].predicate for i in drawn)
    return {
        "entities": {entity_id: _entity(kg, entity_id) for entity_id in sorted(listed)},
        "relations": [{"s": rel.subject, "p": rel.predicate, "o": rel.object, "role": rel.role,
                       "evidence": _evidence_list(rel.evidence)[:PANEL_EVIDENCE_MAX if large else None],
                       "edge": drawn.get(i)}
                      for i, rel in relations],
        "metrics": metrics,
        "documents": documents,
        "documentOrder": document_order,
        "types": _type_legend(kg, shown),
        "relationTypes": [{"predicate": p, "color": relation_color(p), "count": n}
                          for p, n in sorted(predicates.items())],
        "notice": notice,
    }


# ---------------------------------------------------------------- the pyvis network

def _vis_options(node_count: int) -> dict:
    """Bounded stabilization, then the page's script switches physics off.

    Barnes-Hut costs 50-200 ms an iteration at 1,500 nodes (vis-network 9.1.2
    measured under Node 20's V8), so the iteration budget shrinks as the graph
    grows and the far field is coarser (theta) on big graphs: about 4-6 s of
    layout at 750-1,500 nodes instead of minutes.
    """
    iterations = max(100, min(1000, 150_000 // max(node_count, 1)))
    theta = 0.5 if node_count <= 500 else 0.9     # coarser far-field forces on big graphs
    return {
        "autoResize": True,
        "nodes": {"scaling": {"min": 8, "max": 30, "label": {"enabled": False}},
                  "font": {"size": 13, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1.5},
        "edges": {"smooth": False, "width": 1.2, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"inherit": False}},
        "physics": {"enabled": True, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.25,
                                  "springLength": 110, "springConstant": 0.04,
                                  "damping": 0.5, "avoidOverlap": 0.1, "theta": theta},
                    "maxVelocity": 40, "minVelocity": 1, "timestep": 0.5,
                    # batches of 10 iterations: the layout's time cap stops it between two
                    "stabilization": {"enabled": True, "iterations": iterations,
                                      "updateInterval": 10, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": node_count > 800},
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
    }


def build_network(kg: KnowledgeGraph, shown: list[str]) -> tuple[Network, dict[int, str]]:
    """The pyvis network of the drawn entities, and relation index -> edge id."""
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="remote")
    degree = entity_degrees(kg)
    for entity_id in shown:
        ent = kg.entities[entity_id]
        style = type_style(ent.type)
        color = {"background": style.color, "border": style.border,
                 "highlight": {"background": style.color, "border": "#000000"},
                 "hover": {"background": style.color, "border": "#000000"}}
        # vis-network 9 shows a string title as plain text, never as HTML.
        net.add_node(entity_id, label=ent.name, shape=style.shape, color=color,
                     title=f"{ent.name}\n{ent.type}", value=degree[entity_id] + 1, kgType=ent.type)
    shown_set = set(shown)
    drawn: dict[int, str] = {}
    for i, rel in _known_relations(kg):
        if rel.subject in shown_set and rel.object in shown_set:
            edge_id = f"e{i}"
            title = rel.predicate + (f" ({rel.role})" if rel.role else "")
            net.add_edge(rel.subject, rel.object, id=edge_id, title=title,
                         color=relation_color(rel.predicate), kgPredicate=rel.predicate)
            drawn[i] = edge_id
    net.options = _vis_options(len(shown))
    return net, drawn


# In a large graph's page, the panel of an entity lists at most this many figures and a
# relation at most this many sentences: at 1000x the seeds the whole lists made a 300 MB
# page; the notice says so, and the other exports hold everything.
PANEL_METRICS_MAX = 200
PANEL_EVIDENCE_MAX = 20


def _notice(kg: KnowledgeGraph, shown: int, drawn: int) -> str:
    if shown >= len(kg.entities):
        return ""
    return (f"Large graph: showing the {shown:,} most connected of {len(kg.entities):,} entities "
            f"({drawn:,} of {len(kg.relations):,} relations); a panel lists at most "
            f"{PANEL_METRICS_MAX} figures of an entity and {PANEL_EVIDENCE_MAX} sentences of a "
            f"relation. The GraphML and Neo4j exports contain the whole graph.")


def write_html(kg: KnowledgeGraph, path: Path, max_nodes: int = DEFAULT_MAX_NODES,
               layout_seconds: float = DEFAULT_LAYOUT_SECONDS) -> HtmlReport:
    """Write one self-contained UTF-8 HTML file that needs no network to open."""
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if not layout_seconds >= 0:
        raise ValueError(f"layout_seconds must be 0 or more, not {layout_seconds}")
    path = Path(path)
    shown = select_entities(kg, max_nodes)
    net, drawn = build_network(kg, shown)
    notice = _notice(kg, len(shown), len(drawn))
    data = panel_data(kg, shown, drawn, notice)
    body_top = BODY_SKELETON.format(notice=html_escape.escape(notice),
                                    notice_hidden="" if notice else " hidden")
    # The page is made around a stand-in for the data, which is written in its place
    # piece by piece: the data grows with the corpus (16 MB at 100× the seeds) and
    # every step of build_offline_page copies the whole page.
    page = build_offline_page(net.generate_html(notebook=False), title="Knowledge graph 知识图谱",
                              style=STYLE_SHEET, body_top=body_top, data=_DATA_STAND_IN, script=UI_SCRIPT,
                              early_script=LAYOUT_CAP_SCRIPT.replace("LAYOUT_MS", str(round(layout_seconds * 1000))))
    before, stand_in, after = page.partition(script_json(_DATA_STAND_IN))
    if not stand_in or script_json(_DATA_STAND_IN) in after:
        raise RuntimeError("the data block of the page was not found once")   # a bug of kg, not of the input
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with path.open("wb") as stream:
        for piece in (before, *_script_json_pieces(data), after):
            encoded = piece.encode("utf-8", errors="replace")   # lone surrogates cannot be UTF-8
            stream.write(encoded)
            size += len(encoded)
    metrics_shown = sum(len(items) for items in data["metrics"].values())
    return HtmlReport(path=path, entities_total=len(kg.entities), entities_shown=len(shown),
                      relations_total=len(kg.relations), relations_shown=len(drawn),
                      metrics_shown=metrics_shown, truncated=len(shown) < len(kg.entities),
                      size_bytes=size)


_DATA_STAND_IN = "kg-data-stand-in-7c1e0b"


def _script_json_pieces(data: dict):
    """script_json(data) in pieces of one entry each: the same text (its escapes are of
    single characters), never the whole of it at once."""
    yield "{"
    for number, (key, value) in enumerate(data.items()):
        yield ("," if number else "") + script_json(key) + ":"
        if isinstance(value, dict):
            yield "{"
            for index, (inner_key, item) in enumerate(value.items()):
                yield ("," if index else "") + script_json(inner_key) + ":" + script_json(item)
            yield "}"
        elif isinstance(value, list):
            yield "["
            for index, item in enumerate(value):
                yield ("," if index else "") + script_json(item)
            yield "]"
        else:
            yield script_json(value)
    yield "}"
