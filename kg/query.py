"""SPARQL over a build's output folder, and the result as a table, CSV or JSON.

`run_query` loads OUT/graph.ttl with the ontology (OUT/ontology.ttl, or the
packaged one when OUT has none), so that `rdfs:subClassOf*` and
`rdfs:subPropertyOf*` can be followed.  The prefixes kg, rdf, rdfs, xsd,
skos, owl, org, schema, prov, qb and dcterms, and those of graph.ttl, are
known without PREFIX lines.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue

from .rdf.terms import PREFIXES, ontology_path

GRAPH_FILE = "graph.ttl"
ONTOLOGY_FILE = "ontology.ttl"


class QueryError(Exception):
    """A query that cannot be run: missing output, unreadable graph, bad SPARQL."""


@dataclass(frozen=True)
class QueryResult:
    vars: list[str]
    rows: list[tuple[str | None, ...]]


def load_output(out_dir: str | Path) -> Graph:
    """The graph of a build's output folder, with its ontology."""
    out = Path(out_dir)
    if not out.is_dir():
        raise QueryError(f"no output folder {out} (run `kg build` first)")
    data = out / GRAPH_FILE
    if not data.is_file():
        raise QueryError(f"{out} holds no {GRAPH_FILE} (run `kg build` with the turtle format)")
    graph = Graph()
    _parse(graph, data)
    ontology = out / ONTOLOGY_FILE
    if ontology.is_file():
        _parse(graph, ontology)
    else:
        with ontology_path("kg.ttl").open("rb") as stream:
            graph.parse(stream, format="turtle")
    return graph


def _parse(graph: Graph, path: Path) -> None:
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises many kinds for bad input
        raise QueryError(f"cannot read {path}: {_one_line(error)}") from None


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300] or type(error).__name__


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


# Parts of SPARQL that would read other graphs than OUT, over the network
# (rdflib fetches FROM <url> and SERVICE <url>): kg works offline.
_REMOTE = {"ServiceGraphPattern": "SERVICE", "DatasetClause": "FROM"}


def _remote_parts(query) -> list[str]:
    found: list[str] = []

    def visit(node):
        if isinstance(node, CompValue) and node.name in _REMOTE:
            found.append(_REMOTE[node.name])

    traverse(query.algebra, visit)
    return sorted(set(found))


def query_graph(graph: Graph, sparql: str) -> QueryResult:
    """Run SELECT, ASK, CONSTRUCT or DESCRIBE on `graph`.

    ASK gives one column `ask` with "true" or "false"; CONSTRUCT and
    DESCRIBE give the triples as columns subject, predicate, object.
    """
    namespaces = {prefix: URIRef(str(ns)) for prefix, ns in graph.namespaces()}
    namespaces.update({prefix: URIRef(str(ns)) for prefix, ns in PREFIXES.items()})
    try:
        query = prepareQuery(sparql, initNs=namespaces)
    except Exception as error:
        raise QueryError(f"invalid SPARQL: {_one_line(error)}") from None
    remote = _remote_parts(query)
    if remote:
        raise QueryError(f"{' and '.join(remote)} not supported: kg query reads only the output folder")
    try:
        result = graph.query(query)
        if result.type == "ASK":
            return QueryResult(["ask"], [("true" if result.askAnswer else "false",)])
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            rows = sorted((_text(s), _text(p), _text(o)) for s, p, o in result.graph)
            return QueryResult(["subject", "predicate", "object"], rows)
        names = [str(var) for var in (result.vars or [])]
        rows = [tuple(_text(value) for value in row) for row in result]
    except Exception as error:  # rdflib's evaluation errors have no common base class
        raise QueryError(f"query failed: {_one_line(error)}") from None
    return QueryResult(names, rows)


def run_query(out_dir: str | Path, sparql: str) -> QueryResult:
    """Run `sparql` on the graph of `out_dir` (graph.ttl plus the ontology)."""
    return query_graph(load_output(out_dir), sparql)


# ---------------------------------------------------------------- formats

def _width(text: str) -> int:
    """Columns `text` takes in a terminal: wide and fullwidth characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _cell(value: str | None) -> str:
    return "" if value is None else " ".join(value.split())


def format_table(result: QueryResult) -> str:
    """Columns aligned for a terminal, CJK counted as two columns."""
    header = list(result.vars)
    body = [[_cell(value) for value in row] for row in result.rows]
    widths = [_width(name) for name in header]
    for row in body:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _width(value))

    def line(cells: list[str]) -> str:
        padded = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(cells)]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    count = f"({len(body)} row{'s' if len(body) != 1 else ''})"
    return "\n".join([line(header), rule, *(line(row) for row in body), count])


def format_csv(result: QueryResult) -> str:
    """CSV with a header row; an unbound value is an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def format_json(result: QueryResult) -> str:
    """A JSON list of objects, one per row; an unbound value is null."""
    rows = [dict(zip(result.vars, row)) for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=1)
