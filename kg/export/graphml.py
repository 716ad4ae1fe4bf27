"""GraphML export for Gephi, yEd and Cytoscape.

Entities and metrics are nodes (metrics have type "Metric" and an `about`
edge to their subject), relations are edges.  GraphML attributes must have
one type per key and no null: absent values are left out of a node rather
than written as None, multi-valued ones are joined with " | ".  Node ids
are the entity/metric ids; edge ids are unique ("r<n>" for relations,
"a<n>" for about links), as yEd and Gephi expect.

`build_graph` gives the graph as a networkx.MultiDiGraph.  `write_graphml`
writes the file networkx's writer would write for it, byte for byte, but a
node at a time: networkx builds an ElementTree of the whole document
first, which took 7 % of a build at 100× the seeds (and a gigabyte at 1000×).
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from kg.export._values import plain_decimal, unique_sentences
from kg.model import METRIC, Entity, KnowledgeGraph, Metric, Relation

ABOUT = "about"
LIST_SEPARATOR = " | "      # "; " and "、" occur inside Chinese names


# Characters XML 1.0 cannot carry, even escaped (C0 controls but tab/LF/CR, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    # printable text holds none of them (they are controls, surrogates or unassigned):
    # the test is cheaper than the regular expression, and most text passes it
    return text if text.isprintable() else _NOT_XML.sub("\ufffd", text)


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


# ---------------------------------------------------------------- streaming writer
#
# What networkx's GraphMLWriter (with ElementTree, pretty printed) writes for
# build_graph(kg): the keys, newest first, ids d0, d1 … in the order their
# attributes are first met (the graph's, the nodes', the edges'); nodes in
# insertion order, edges by source node, then target (first edge first),
# then key; ElementTree's escaping and indentation.

_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_GRAPH_ATTRIBUTES = {"name": "kg"}
_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


# (character, what XML writes for it), in the order xml.sax.saxutils and networkx apply them
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ESCAPES = _TEXT_ESCAPES + (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, entity in escapes:
        if char in text:          # most text holds none: no new string
            text = text.replace(char, entity)
    return text


def _escape_text(text: str) -> str:
    return _escaped(text, _TEXT_ESCAPES)


def _escape_attribute(text: str) -> str:
    return _escaped(text, _ATTRIBUTE_ESCAPES)


class _Layout:
    """The nodes and edges of build_graph(kg), in networkx's order, without their attributes."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        # node id -> what it is made of (ids that XML-clean to the same text are one node, as in networkx)
        self.nodes: dict[str, list[Entity | Metric]] = {}
        for entity in kg.entities.values():
            self.nodes.setdefault(_xml_safe(entity.id), []).append(entity)
        # source -> target -> [(edge id, metric or relation)], in the order edges were added
        self.edges: dict[str, dict[str, list[tuple[str, Metric | Relation]]]] = {}
        for i, metric in enumerate(kg.metrics):
            node = _xml_safe(metric.id)
            if node in self.nodes:
                raise ValueError(f"metric id {metric.id!r} is also an entity id")
            self.nodes[node] = [metric]
            if metric.about in kg.entities:
                self._edge(node, _xml_safe(metric.about), f"a{i}", metric)
        for i, relation in enumerate(kg.relations):
            if relation.subject in kg.entities and relation.object in kg.entities:   # dangling: left out
                self._edge(_xml_safe(relation.subject), _xml_safe(relation.object), f"r{i}", relation)

    def _edge(self, source: str, target: str, key: str, item: Metric | Relation) -> None:
        self.edges.setdefault(source, {}).setdefault(target, []).append((key, item))

    def node_attributes(self) -> Iterator[tuple[str, dict]]:
        for node, items in self.nodes.items():
            attributes: dict = {}
            for item in items:
                attributes.update(_metric_attributes(item) if isinstance(item, Metric)
                                  else _entity_attributes(item))
            yield node, attributes

    def edge_attributes(self) -> Iterator[tuple[str, str, str, dict]]:
        for source in self.nodes:
            for target, edges in self.edges.get(source, {}).items():
                for key, item in edges:
                    if isinstance(item, Metric):
                        yield source, target, key, {"type": ABOUT, "predicate": ABOUT}
                    else:
                        yield source, target, key, _relation_attributes(item)


def write_graphml(kg: KnowledgeGraph, path: Path) -> None:
    """Write `kg` as a GraphML file (UTF-8): what networkx writes for build_graph(kg).

    The keys come first in the file but are only known once every attribute has
    been seen: the nodes and edges go to a file next to `path` first, and are
    copied after the keys.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layout = _Layout(kg)
    keys: dict[tuple[str, str, str], str] = {}
    # (scope, indent) -> value type -> attribute name -> the start of its <data> element
    starts: dict[tuple[str, str], dict[type, dict[str, str]]] = {}

    def start(scope: str, indent: str, kind: type, name: str) -> str:
        key = (name, _XML_TYPES[kind], scope)
        ident = keys.get(key)
        if ident is None:
            ident = keys[key] = f"d{len(keys)}"
        text = starts[scope, indent].setdefault(kind, {})[name] = f'{indent}<data key="{ident}"'
        return text

    def data(scope: str, attributes: dict, indent: str) -> str:
        by_type = starts.get((scope, indent))
        if by_type is None:
            by_type = starts[scope, indent] = {}
        lines = []
        for name, value in attributes.items():
            kind = type(value)
            known = by_type.get(kind)
            head = None if known is None else known.get(name)
            if head is None:
                head = start(scope, indent, kind, name)
            text = value if kind is str else str(value)
            if "&" in text or "<" in text or ">" in text:
                text = _escape_text(text)
            lines.append(head + ">" + text + "</data>" if text else head + " />")
        return "\n".join(lines)

    graph_data = data("graph", _GRAPH_ATTRIBUTES, "    ")
    body = path.with_name(f".{path.name}.body")
    try:
        with body.open("w", encoding="utf-8", newline="\n") as stream:
            batch: list[str] = []
            for node, attributes in layout.node_attributes():
                head = f'    <node id="{_escape_attribute(node)}"'
                batch.append(f"{head}>\n{data('node', attributes, '      ')}\n    </node>\n"
                             if attributes else f"{head} />\n")
                if len(batch) >= 2048:
                    stream.write("".join(batch))
                    batch.clear()
            for source, target, key, attributes in layout.edge_attributes():
                head = (f'    <edge source="{_escape_attribute(source)}" target="{_escape_attribute(target)}" '
                        f'id="{_escape_attribute(key)}"')
                batch.append(f"{head}>\n{data('edge', attributes, '      ')}\n    </edge>\n"
                             if attributes else f"{head} />\n")
                if len(batch) >= 2048:
                    stream.write("".join(batch))
                    batch.clear()
            stream.write("".join(batch))
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(_GRAPHML_HEAD)
            stream.write("".join(
                f'  <key id="{ident}" for="{scope}" attr.name="{_escape_attribute(name)}" attr.type="{kind}" />\n'
                for (name, kind, scope), ident in reversed(keys.items())))
            stream.write('  <graph edgedefault="directed">\n')
            stream.flush()
            with body.open("rb") as nodes_and_edges:
                shutil.copyfileobj(nodes_and_edges, stream.buffer, 1 << 20)
            stream.write(graph_data + "\n  </graph>\n</graphml>\n")
    finally:
        body.unlink(missing_ok=True)
