"""SPARQL over a build's output folder, and the result as a table, CSV or JSON.

`run_query` reads OUT/graph.ttl with the ontology (OUT/ontology.ttl, or the
packaged one when OUT has none), so that `rdfs:subClassOf*` and
`rdfs:subPropertyOf*` can be followed.  The prefixes kg, rdf, rdfs, xsd,
skos, owl, org, schema, prov, qb and dcterms, and those of graph.ttl, are
known without PREFIX lines.

It runs the query with Oxigraph (pyoxigraph) when it is installed: rdflib
takes about 30 s to read a million triples and its SPARQL engine can take
minutes on one join there, Oxigraph 3 s and well under a second.  When OUT
holds an Oxigraph store made from the same graph.ttl (`write_store`, at
export time), it is opened instead of reading graph.ttl: a query on a build
of millions of triples then starts at once.  `load_output` and
`query_graph` stay rdflib's, for code that works with an rdflib graph.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue

from .rdf.terms import PREFIXES, ontology_path
from .export.outdir import missing_build

GRAPH_FILE = "graph.ttl"
NTRIPLES_FILE = "graph.nt"          # the same triples as graph.ttl; Oxigraph loads it ~1.7x faster
ONTOLOGY_FILE = "ontology.ttl"
STORE_FOLDER = "oxigraph"          # an Oxigraph store of graph.ttl and the ontology, made by write_store
_STORE_STAMP = "kg-source.json"    # what the store was made from: sizes and times of the files


class QueryError(Exception):
    """A query that cannot be run: missing output, unreadable graph, bad SPARQL."""


@dataclass(frozen=True)
class QueryResult:
    vars: list[str]
    rows: list[tuple[str | None, ...]]


def load_output(out_dir: str | Path) -> Graph:
    """The graph of a build's output folder, with its ontology."""
    out = Path(out_dir)
    problem = missing_build(out, GRAPH_FILE)
    if problem:
        raise QueryError(problem)
    data = out / GRAPH_FILE
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
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:     # rdflib alone: slower, same answers
        return query_graph(load_output(out_dir), sparql)
    out = _checked_output(out_dir)
    prefixes = _prefixes(_sources(out))
    _refuse_remote(sparql, prefixes)
    return _query_store(_open_store(out), sparql, prefixes)


# ---------------------------------------------------------------- Oxigraph

def _checked_output(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    problem = missing_build(out, GRAPH_FILE)
    if problem:
        raise QueryError(problem)
    return out


_PREFIX_LINE = re.compile(r"@prefix\s+([^\s:]*):\s*<([^>]*)>\s*\.\s*$|PREFIX\s+([^\s:]*):\s*<([^>]*)>\s*$",
                          re.IGNORECASE)


def _prefixes(sources: list[Path]) -> dict[str, str]:
    """The prefixes declared at the top of the files (as kg writes them), then those of PREFIXES."""
    found: dict[str, str] = {}
    for path in reversed(sources):          # graph.ttl's win over the ontology's
        try:
            with path.open(encoding="utf-8") as stream:
                for line in stream:
                    match = _PREFIX_LINE.match(line.strip())
                    if match is None:
                        if line.strip() and not line.lstrip().startswith("#"):
                            break
                        continue
                    found[match.group(1) if match.group(1) is not None else match.group(3)] = (
                        match.group(2) if match.group(2) is not None else match.group(4))
        except (OSError, UnicodeDecodeError):
            pass                # reading the file itself reports it
    found.update({prefix: str(namespace) for prefix, namespace in PREFIXES.items()})
    return found


_REMOTE_WORDS = re.compile(r"\b(?:SERVICE|FROM)\b", re.IGNORECASE)


def _refuse_remote(sparql: str, prefixes: dict[str, str]) -> None:
    """SERVICE and FROM read other graphs than OUT: refused, as by query_graph.

    Only a query that has one of the words is parsed with rdflib to find out
    (the parser takes a third of a second to import)."""
    if not _REMOTE_WORDS.search(sparql):
        return
    try:
        query = prepareQuery(sparql, initNs={p: URIRef(ns) for p, ns in prefixes.items()})
    except Exception as error:  # noqa: BLE001 - rdflib's parser raises many kinds
        raise QueryError(f"invalid SPARQL: {_one_line(error)}") from None
    remote = _remote_parts(query)
    if remote:
        raise QueryError(f"{' and '.join(remote)} not supported: kg query reads only the output folder")


def _sources(out: Path) -> list[Path]:
    ontology = out / ONTOLOGY_FILE
    return [out / GRAPH_FILE, ontology if ontology.is_file() else ontology_path("kg.ttl")]


def _store_sources(out: Path) -> list[Path]:
    """What write_store loads: graph.nt (written by the same build, the triples of graph.ttl,
    and faster to parse) when it is there, else graph.ttl; and the ontology."""
    sources = _sources(out)
    ntriples = out / NTRIPLES_FILE
    return [ntriples, *sources[1:]] if ntriples.is_file() else sources


def _stamped_files(out: Path) -> list[Path]:
    """The files a store must have been made from to be used: graph.ttl (what the rdflib
    path reads), the ontology, and graph.nt when the store was loaded from it."""
    return list(dict.fromkeys([*_sources(out), *_store_sources(out)]))


def _stamp(sources: list[Path]) -> list[list]:
    return [[path.name, path.stat().st_size, path.stat().st_mtime_ns] for path in sources]


def write_store(out_dir: str | Path) -> list[Path]:
    """Load OUT/graph.ttl and the ontology into an Oxigraph store OUT/oxigraph/, for `run_query`.

    Returns the files of the store (for the manifest of the output folder).
    The store notes the size and time of the files it was made from; a
    store that does not match them is not used (the graph is read instead).
    """
    import pyoxigraph

    out = _checked_output(out_dir)
    target = out / STORE_FOLDER
    building = Path(tempfile.mkdtemp(prefix=f".{STORE_FOLDER}.", dir=out))
    try:
        store = pyoxigraph.Store(str(building))
        # graph.nt, written by the same build, holds graph.ttl's triples and parses faster
        for path in _store_sources(out):
            _load(store, path)
        store.flush()
        store.optimize()
        del store
        (building / _STORE_STAMP).write_text(json.dumps(_stamp(_stamped_files(out))), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return sorted(path for path in target.rglob("*") if path.is_file())


def _load(store, path: Path) -> None:
    import pyoxigraph

    kind = pyoxigraph.RdfFormat.N_TRIPLES if path.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
    try:
        store.bulk_load(path=str(path), format=kind)
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"cannot read {path}: {_one_line(error)}") from None


# From this size of graph.ttl on (about 400,000 triples), the first query writes the store
# into OUT and the next ones open it: reading the graph again for every query would take
# a minute at 7M triples, opening the store takes no time.
STORE_FROM_BYTES = 30_000_000


def _current_store(out: Path):
    folder = out / STORE_FOLDER
    try:
        made_from = json.loads((folder / _STORE_STAMP).read_text(encoding="utf-8"))
        if made_from == _stamp(_stamped_files(out)):
            import pyoxigraph
            return pyoxigraph.Store.read_only(str(folder))
    except (OSError, ValueError):
        pass
    return None


def _open_store(out: Path):
    """The store of OUT when it was made from the files there now; for a large graph, a store
    written now; else the files read into memory."""
    import pyoxigraph

    sources = _sources(out)
    store = _current_store(out)
    if store is not None:
        return store
    if (out / GRAPH_FILE).stat().st_size >= STORE_FROM_BYTES:
        try:
            write_store(out)
            store = _current_store(out)
        except OSError:
            store = None            # a folder we may not write to: read the graph instead
        if store is not None:
            return store
    store = pyoxigraph.Store()
    for path in sources:
        _load(store, path)
    return store


_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _oxigraph_text(term) -> str | None:
    """A result term as query_graph gives it (rdflib's str of the term)."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Literal):
        value = term.value
        # Oxigraph writes decimals canonically (12); kg's graph and rdflib write 12.0.
        if term.datatype.value == _XSD_DECIMAL and "." not in value:
            value += ".0"
        return value
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    return str(term)


def _query_store(store, sparql: str, prefixes: dict[str, str]) -> QueryResult:
    import pyoxigraph

    try:
        result = store.query(sparql, prefixes=prefixes)
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {_one_line(error)}") from None
    except Exception as error:  # noqa: BLE001 - evaluation errors (OSError and others)
        raise QueryError(f"query failed: {_one_line(error)}") from None
    try:
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult(["ask"], [("true" if bool(result) else "false",)])
        if isinstance(result, pyoxigraph.QueryTriples):
            rows = sorted((_oxigraph_text(t.subject), _oxigraph_text(t.predicate), _oxigraph_text(t.object))
                          for t in result)
            return QueryResult(["subject", "predicate", "object"], rows)
        names = [variable.value for variable in result.variables]
        width = range(len(names))
        rows = [tuple(_oxigraph_text(solution[i]) for i in width) for solution in result]
    except Exception as error:  # noqa: BLE001 - errors found while the results stream in
        raise QueryError(f"query failed: {_one_line(error)}") from None
    return QueryResult(names, rows)


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
