"""GraphML export for Gephi, yEd and Cytoscape, through networkx.

Entities and metrics are nodes (metrics have type "Metric" and an `about`
edge to their subject), relations are edges.  GraphML attributes must have
one type per key and no null: absent values are left out of a node rather
than written as None, multi-valued ones are joined with " | ".  Node ids
are the entity/metric ids; edge ids are unique ("r<n>" for relations,
"a<n>" for about links), as yEd and Gephi expect.
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.export._values import plain_decimal, unique_sentences
from kg.model import METRIC, Entity, KnowledgeGraph, Metric, Relation

ABOUT = "about"
LIST_SEPARATOR = " | "      # "; " and "、" occur inside Chinese names


# Characters XML 1.0 cannot carry, even escaped (C0 controls but tab/LF/CR, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _joined(items: set[str] | list[str]) -> str:
    return LIST_SEPARATOR.join(sorted(items))


def _present(attributes: dict[str, object]) -> dict[str, str | int | float]:
    """Drop the absent values: GraphML has no null."""
    return {k: _xml_safe(v) if isinstance(v, str) else v for k, v in attributes.items() if v is not None}


def _entity_attributes(entity: Entity) -> dict[str, str | int | float]:
    return _present({
        "type": entity.type, "label": entity.name, "name": entity.name, "subtype": entity.subtype or "",
        "aliases": _joined(entity.aliases - {entity.name}), "notation": entity.notation or "",
        "titles": _joined(entity.titles), "docs": _joined(entity.docs),
    })


def _metric_attributes(metric: Metric) -> dict[str, str | int | float]:
    value = plain_decimal(metric.value)
    change = plain_decimal(metric.change)
    change_abs = plain_decimal(metric.change_abs)
    return _present({
        "type": METRIC, "label": metric.indicator, "name": metric.indicator, "indicator": metric.indicator,
        "value": float(value) if value is not None else None, "unit": metric.unit,
        "raw": metric.raw, "change": float(change) if change is not None else None,
        "change_abs": float(change_abs) if change_abs is not None else None,
        "year": metric.year, "period": metric.period, "status": metric.status,
        "approximate": metric.approximate, "evidence": metric.evidence.sentence or "",
        "docs": metric.evidence.doc_id,
    })


def _relation_attributes(relation: Relation) -> dict[str, str | int | float]:
    return _present({
        "type": relation.predicate, "predicate": relation.predicate, "role": relation.role,
        "evidence": "\n".join(unique_sentences([ev.sentence for ev in relation.evidence])),
        "docs": _joined({ev.doc_id for ev in relation.evidence}),
    })


def build_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Entities and metrics as nodes, relations and `about` links as edges."""
    graph = nx.MultiDiGraph(name="kg")
    for entity in kg.entities.values():
        graph.add_node(_xml_safe(entity.id), **_entity_attributes(entity))
    for i, metric in enumerate(kg.metrics):
        if _xml_safe(metric.id) in graph:
            raise ValueError(f"metric id {metric.id!r} is also an entity id")
        graph.add_node(_xml_safe(metric.id), **_metric_attributes(metric))
        if metric.about in kg.entities:
            graph.add_edge(_xml_safe(metric.id), _xml_safe(metric.about), key=f"a{i}", type=ABOUT, predicate=ABOUT)
    for i, relation in enumerate(kg.relations):
        if relation.subject in kg.entities and relation.object in kg.entities:   # dangling: left out
            graph.add_edge(_xml_safe(relation.subject), _xml_safe(relation.object), key=f"r{i}", **_relation_attributes(relation))
    return graph


def write_graphml(kg: KnowledgeGraph, path: Path) -> None:
    """Write `kg` as a GraphML file (UTF-8)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(build_graph(kg), path, encoding="utf-8")
