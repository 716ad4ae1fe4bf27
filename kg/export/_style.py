"""Colours, shapes and display names shared by the visual exports.

One table so that the HTML view and the Neo4j Browser style agree: an
organization is the same blue square in both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import (
    EVENT, INITIATIVE, INVOLVES, LOCATED_IN, METRIC, ORGANIZATION, PERSON,
    PLACE, POLICY, PROJECT, WORKS_FOR,
)

DOCUMENT = "Document"


@dataclass(frozen=True)
class TypeStyle:
    color: str        # fill
    border: str       # outline, a darker shade of the fill
    shape: str        # a vis-network shape whose label is drawn outside it
    title: str        # name shown in legends


# Initiative, Event and Policy are the unscored "programme-like" types: one
# colour family, told apart by shape.
TYPE_STYLES: dict[str, TypeStyle] = {
    ORGANIZATION: TypeStyle("#4e79a7", "#2c4a6b", "square", "Organization 机构"),
    PLACE: TypeStyle("#59a14f", "#336b2d", "dot", "Place 地点"),
    PROJECT: TypeStyle("#f28e2b", "#a85a12", "diamond", "Project 项目"),
    PERSON: TypeStyle("#e15759", "#9a2c2e", "triangle", "Person 人物"),
    INITIATIVE: TypeStyle("#b07aa1", "#6f4565", "star", "Initiative 举措"),
    EVENT: TypeStyle("#b07aa1", "#6f4565", "triangleDown", "Event 事件"),
    POLICY: TypeStyle("#b07aa1", "#6f4565", "hexagon", "Policy 政策"),
    METRIC: TypeStyle("#76b7b2", "#3f7a75", "dot", "Metric 指标"),
    DOCUMENT: TypeStyle("#9c9c9c", "#5e5e5e", "square", "Document 文档"),
}
UNKNOWN_STYLE = TypeStyle("#bab0ac", "#7a706c", "dot", "Other")

RELATION_COLORS: dict[str, str] = {
    WORKS_FOR: "#e15759",
    LOCATED_IN: "#59a14f",
    INVOLVES: "#f28e2b",
}
UNKNOWN_RELATION_COLOR = "#8c8c8c"


def type_style(entity_type: str) -> TypeStyle:
    return TYPE_STYLES.get(entity_type, UNKNOWN_STYLE)


def relation_color(predicate: str) -> str:
    return RELATION_COLORS.get(predicate, UNKNOWN_RELATION_COLOR)


def pascal_case(name: str) -> str:
    """A Neo4j label: "Organization" stays, "some_type"/"some type" -> "SomeType"."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", name) if p]
    label = "".join(p[:1].upper() + p[1:] for p in parts)
    if not label or label[0].isdigit():
        label = "T" + label
    return label


def upper_snake(name: str) -> str:
    """A Neo4j relationship type: "worksFor" -> "WORKS_FOR", "located-in" -> "LOCATED_IN"."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", spaced) if p]
    rel_type = "_".join(p.upper() for p in parts)
    if not rel_type or rel_type[0].isdigit():
        rel_type = "R_" + rel_type
    return rel_type
