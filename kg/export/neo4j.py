"""Neo4j export: CSV files for `neo4j-admin database import`, plus scripts.

The folder gets
  nodes_<Label>.csv      one per label: entity types, Metric, Document
  rels_<TYPE>.csv        one per relationship type: WORKS_FOR, LOCATED_IN,
                         INVOLVES, ABOUT (metric -> entity), MENTIONED_IN
                         (entity -> document)
  constraints.cypher     uniqueness of `id` per label (the import creates no index)
  import.cypher          the same files through LOAD CSV, for Neo4j Browser
  style.grass            Neo4j Browser style: colours, nodes captioned by `name`
  README.md              how to run either import

Entity nodes carry their type label and the shared label `Entity`, so that
relationship loading in import.cypher can find both ends through one index.
Arrays use `;` (neo4j-admin's default delimiter); a `;` inside an element
is written as the full-width `；` so that it cannot split the element.
CSVs are RFC 4180 (quotes doubled, fields with newlines quoted).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.export._style import DOCUMENT, pascal_case, type_style, upper_snake
from kg.export._values import plain_decimal, unique_sentences
from kg.model import ENTITY_TYPES, METRIC, Entity, KnowledgeGraph, Metric, Relation

ARRAY_DELIMITER = ";"
ENTITY_LABEL = "Entity"
ABOUT = "ABOUT"
MENTIONED_IN = "MENTIONED_IN"

ENTITY_HEADER = ["id:ID", "name", "aliases:string[]", "subtype", "notation", "titles:string[]",
                 "docs:string[]", ":LABEL"]
METRIC_HEADER = ["id:ID", "name", "indicator", "value:float", "unit", "raw", "change:float",
                 "change_abs:float", "year:int", "period", "status", "approximate", "evidence",
                 "doc", ":LABEL"]
DOCUMENT_HEADER = ["id:ID", "name", "headline", "headlines:string[]", "newspaper", "year:int",
                   "path", "encoding", ":LABEL"]
RELATION_HEADER = [":START_ID", ":END_ID", ":TYPE", "evidence", "docs:string[]", "role"]


@dataclass
class _NodeFile:
    label: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"nodes_{self.label}.csv"


@dataclass
class _RelationFile:
    rel_type: str
    start_label: str               # the label import.cypher matches each end by
    end_label: str
    rows: list[list[str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"rels_{self.rel_type}.csv"


# ---------------------------------------------------------------- cell values

def _text(value: object) -> str:
    return "" if value is None else str(value)


def _array(items: Iterable[str], keep_order: bool = False) -> str:
    """A neo4j-admin array cell: sorted (sets) or in the given order (lists), without repeats."""
    cleaned = dict.fromkeys(i.replace(ARRAY_DELIMITER, "；") for i in items if i)
    return ARRAY_DELIMITER.join(cleaned if keep_order else sorted(cleaned))


def document_node_id(doc_id: str) -> str:
    return f"doc/{doc_id}"


# ---------------------------------------------------------------- rows

def _entity_label(entity: Entity) -> str:
    label = pascal_case(entity.type)
    if label in (METRIC, DOCUMENT, ENTITY_LABEL):
        raise ValueError(f"entity {entity.id!r} has type {entity.type!r}, a label the Neo4j export reserves")
    return label


def _entity_row(entity: Entity, label: str) -> list[str]:
    return [entity.id, entity.name, _array(entity.aliases - {entity.name}), _text(entity.subtype),
            _text(entity.notation), _array(entity.titles), _array(entity.docs),
            f"{label}{ARRAY_DELIMITER}{ENTITY_LABEL}"]


def _metric_row(metric: Metric) -> list[str]:
    return [metric.id, metric.indicator, metric.indicator, _text(plain_decimal(metric.value)),
            _text(metric.unit), metric.raw, _text(plain_decimal(metric.change)),
            _text(plain_decimal(metric.change_abs)), _text(metric.year), _text(metric.period),
            metric.status, _text(metric.approximate), _text(metric.evidence.sentence),
            metric.evidence.doc_id, METRIC]


def _relation_rows(relations: list[Relation], rel_type: str) -> list[list[str]]:
    """One row per (subject, object): MERGE in import.cypher keys on that pair."""
    grouped: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for rel in relations:
        grouped[(rel.subject, rel.object)].append(rel)
    rows = []
    for (subject, obj), group in grouped.items():
        evidence = [ev for rel in group for ev in rel.evidence]
        roles = sorted({rel.role for rel in group if rel.role})
        rows.append([subject, obj, rel_type, "\n".join(unique_sentences([ev.sentence for ev in evidence])),
                     _array(ev.doc_id for ev in evidence), ", ".join(roles)])
    return rows


def _document_ids(kg: KnowledgeGraph) -> list[str]:
    """The documents of the graph and any an entity is mentioned in (evidence ids stay properties)."""
    known = [d.doc_id for d in kg.documents]
    mentioned = {doc for e in kg.entities.values() for doc in e.docs}
    return known + sorted(mentioned - set(known))


def _node_files(kg: KnowledgeGraph) -> list[_NodeFile]:
    files: dict[str, _NodeFile] = {}
    for entity in kg.entities.values():
        label = _entity_label(entity)
        files.setdefault(label, _NodeFile(label, ENTITY_HEADER)).rows.append(_entity_row(entity, label))
    type_order = {pascal_case(t): i for i, t in enumerate(ENTITY_TYPES)}
    files = {label: files[label] for label in sorted(files, key=lambda l: (type_order.get(l, len(type_order)), l))}
    if kg.metrics:
        files[METRIC] = _NodeFile(METRIC, METRIC_HEADER, [_metric_row(m) for m in kg.metrics])
    info = {d.doc_id: d for d in kg.documents}
    documents = _NodeFile(DOCUMENT, DOCUMENT_HEADER)
    for doc_id in _document_ids(kg):
        d = info.get(doc_id)
        headlines = d.headlines if d else []
        documents.rows.append([document_node_id(doc_id), doc_id, headlines[0] if headlines else "",
                               _array(headlines, keep_order=True), _text(d and d.newspaper), _text(d and d.year),
                               _text(d and d.path), _text(d and d.encoding), DOCUMENT])
    if documents.rows:
        files[DOCUMENT] = documents
    return list(files.values())


def _relation_files(kg: KnowledgeGraph) -> list[_RelationFile]:
    by_type: dict[str, list[Relation]] = defaultdict(list)
    for rel in kg.relations:
        if rel.subject in kg.entities and rel.object in kg.entities:   # dangling ends would abort an import
            by_type[upper_snake(rel.predicate)].append(rel)
    reserved = {ABOUT, MENTIONED_IN} & set(by_type)
    if reserved:
        raise ValueError(f"relation predicates map to reserved Neo4j types: {sorted(reserved)}")
    files = [_RelationFile(t, ENTITY_LABEL, ENTITY_LABEL, _relation_rows(rels, t))
             for t, rels in sorted(by_type.items())]
    about = [[m.id, m.about, ABOUT, "", "", ""] for m in kg.metrics if m.about in kg.entities]
    if about:
        files.append(_RelationFile(ABOUT, METRIC, ENTITY_LABEL, about))
    mentioned = [[e.id, document_node_id(doc), MENTIONED_IN, "", "", ""]
                 for e in kg.entities.values() for doc in sorted(e.docs)]
    if mentioned:
        files.append(_RelationFile(MENTIONED_IN, ENTITY_LABEL, DOCUMENT, mentioned))
    return files


def _check_unique_ids(node_files: list[_NodeFile]) -> None:
    seen: dict[str, str] = {}
    for node_file in node_files:
        for row in node_file.rows:
            if row[0] in seen:
                raise ValueError(f"node id {row[0]!r} is used by both {seen[row[0]]} and {node_file.label}")
            seen[row[0]] = node_file.label


# ---------------------------------------------------------------- files

def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        # RFC 4180 line ends: with "\n" alone, csv leaves a field holding a lone "\r" unquoted,
        # and every reader splits the row there
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def _cypher_value(column: str) -> str:
    """The LOAD CSV expression for one neo4j-admin column (headers are read literally)."""
    kind = column.partition(":")[2]
    cell = f"row.`{column}`"
    if kind == "string[]":
        return f"split({cell}, '{ARRAY_DELIMITER}')"
    if kind == "float":
        return f"toFloat({cell})"
    if kind == "int":
        return f"toInteger({cell})"
    return cell


def _property_sets(header: list[str], rows: list[list[str]], var: str) -> list[str]:
    """SET items for the property columns that hold a value in some row."""
    sets = []
    for i, column in enumerate(header):
        name = column.partition(":")[0]
        if name and column != "id:ID" and any(row[i] for row in rows):
            sets.append(f"{var}.`{name}` = {_cypher_value(column)}")
    return sets


def _load_nodes(node_file: _NodeFile) -> str:
    if node_file.header is ENTITY_HEADER:
        merge = f"MERGE (n:`{ENTITY_LABEL}` {{id: row.`id:ID`}})\nSET n:`{node_file.label}`,\n    "
    else:
        merge = f"MERGE (n:`{node_file.label}` {{id: row.`id:ID`}})\nSET "
    return (f"LOAD CSV WITH HEADERS FROM 'file:///{node_file.name}' AS row\n" + merge
            + ",\n    ".join(_property_sets(node_file.header, node_file.rows, "n")) + ";\n")


def _load_relations(rel_file: _RelationFile) -> str:
    sets = ",\n    ".join(_property_sets(RELATION_HEADER, rel_file.rows, "r"))
    return (f"LOAD CSV WITH HEADERS FROM 'file:///{rel_file.name}' AS row\n"
            f"MATCH (a:`{rel_file.start_label}` {{id: row.`:START_ID`}})\n"
            f"MATCH (b:`{rel_file.end_label}` {{id: row.`:END_ID`}})\n"
            f"MERGE (a)-[r:`{rel_file.rel_type}`]->(b)"
            + (f"\nSET {sets};\n" if sets else ";\n"))


def constraints_cypher(labels: list[str]) -> str:
    lines = ["// Uniqueness of `id` per label; run before importing (neo4j-admin creates no index)."]
    for label in labels:
        lines.append(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                     f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE;")
    return "\n".join(lines) + "\n"


IMPORT_PREAMBLE = """\
// Load the kg export with LOAD CSV (Neo4j 5; Neo4j Browser or cypher-shell -f).
// 1. Copy the .csv files of this folder into the database's `import` folder.
// 2. Run constraints.cypher, then this script.
// The files quote fields as RFC 4180 ("" inside quotes). Set
//   dbms.import.csv.legacy_quote_escaping=false
// in neo4j.conf, or a backslash just before a quote inside a field is misread.
// The headers are those of neo4j-admin import; LOAD CSV reads them literally,
// hence row.`id:ID`, and the typed columns are converted here.

"""


def import_cypher(node_files: list[_NodeFile], rel_files: list[_RelationFile]) -> str:
    parts = [IMPORT_PREAMBLE]
    parts += [_load_nodes(f) + "\n" for f in node_files]
    parts += [_load_relations(f) + "\n" for f in rel_files]
    return "".join(parts)


def style_grass(labels: list[str]) -> str:
    blocks = [
        'node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n'
        '  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: "{name}";\n}',
        'relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n'
        '  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: "<type>";\n}',
        # First, so that the more specific type rules below take precedence.
        f'node.{ENTITY_LABEL} {{\n  caption: "{{name}}";\n}}',
    ]
    for label in labels:
        if label == ENTITY_LABEL:
            continue
        style = type_style(label)
        diameter = "35px" if label in (METRIC, DOCUMENT) else "50px"
        blocks.append(f"node.{label} {{\n  color: {style.color};\n  border-color: {style.border};\n"
                      f"  diameter: {diameter};\n  text-color-internal: #FFFFFF;\n"
                      f'  caption: "{{name}}";\n}}')
    return "\n\n".join(blocks) + "\n"


def readme(node_files: list[_NodeFile], rel_files: list[_RelationFile]) -> str:
    nodes = " ".join(f"--nodes={f.name}" for f in node_files)
    rels = " ".join(f"--relationships={f.name}" for f in rel_files)
    return f"""# Neo4j export of a kg knowledge graph

Either import into an empty database with neo4j-admin (Neo4j 5, database stopped):

    neo4j-admin database import full --multiline-fields=true --array-delimiter=";" \\
        {nodes} \\
        {rels} \\
        neo4j

then run `constraints.cypher`; or, on a running database, copy the CSV files into its
`import` folder and run `constraints.cypher` then `import.cypher` (LOAD CSV).
`style.grass` can be dropped onto Neo4j Browser to colour and caption nodes by `name`.

Labels: one per entity type plus `{ENTITY_LABEL}` on every entity; `Metric` (a figure, linked
to its subject by `ABOUT`); `Document` (linked from entities by `MENTIONED_IN`).
"""


def write_neo4j(kg: KnowledgeGraph, folder: Path) -> None:
    """Write the Neo4j import files of `kg` into `folder` (created if needed)."""
    folder = Path(folder)
    node_files = _node_files(kg)
    _check_unique_ids(node_files)
    rel_files = _relation_files(kg)
    folder.mkdir(parents=True, exist_ok=True)
    for node_file in node_files:
        _write_csv(folder / node_file.name, node_file.header, node_file.rows)
    for rel_file in rel_files:
        _write_csv(folder / rel_file.name, RELATION_HEADER, rel_file.rows)
    labels = [f.label for f in node_files]
    if any(f.header is ENTITY_HEADER for f in node_files):
        labels.append(ENTITY_LABEL)
    (folder / "constraints.cypher").write_text(constraints_cypher(labels), encoding="utf-8")
    (folder / "import.cypher").write_text(import_cypher(node_files, rel_files), encoding="utf-8")
    (folder / "style.grass").write_text(style_grass(labels), encoding="utf-8")
    (folder / "README.md").write_text(readme(node_files, rel_files), encoding="utf-8")
