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

A query on a store imports neither rdflib (0.15 s to import, 0.25 s with
its SPARQL parser) nor the modules that do: rdflib is imported only by the
functions that need it (the rdflib fallback, and the check for SERVICE and
FROM of a query that has one of the words).
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
from typing import TYPE_CHECKING

from .query_order import final_order, sorted_solutions, syntax_only

if TYPE_CHECKING:
    from rdflib import Graph

GRAPH_FILE = "graph.ttl"
NTRIPLES_FILE = "graph.nt"          # the same triples as graph.ttl; Oxigraph loads it ~1.7x faster
ONTOLOGY_FILE = "ontology.ttl"
STORE_FOLDER = "oxigraph"          # an Oxigraph store of graph.ttl and the ontology, made by write_store
STORE_STAMP = "kg-source.json"    # what the store was made from: sizes and times of the files


class QueryError(Exception):
    """A query that cannot be run: missing output, unreadable graph, bad SPARQL."""


@dataclass(frozen=True)
class QueryResult:
    vars: list[str]
    rows: list[tuple[str | None, ...]]


# The prefixes every query knows without PREFIX lines: kg.rdf.terms.PREFIXES, written out
# here because that module imports rdflib (tests/test_query_run.py checks they are the same).
QUERY_PREFIXES: dict[str, str] = {
    "kg": "https://example.org/kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "dcterms": "http://purl.org/dc/terms/",
}


def load_output(out_dir: str | Path) -> Graph:
    """The graph of a build's output folder, with its ontology."""
    from rdflib import Graph

    from .rdf.terms import ontology_path

    out = _checked_output(out_dir)
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
    from rdflib import BNode

    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


# Parts of SPARQL that would read other graphs than OUT, over the network
# (rdflib fetches FROM <url> and SERVICE <url>): kg works offline.
_REMOTE = {"ServiceGraphPattern": "SERVICE", "DatasetClause": "FROM"}


def _remote_parts(query) -> list[str]:
    from rdflib.plugins.sparql.algebra import traverse
    from rdflib.plugins.sparql.parserutils import CompValue

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
    from rdflib import URIRef
    from rdflib.plugins.sparql import prepareQuery

    namespaces = {prefix: URIRef(str(ns)) for prefix, ns in graph.namespaces()}
    namespaces.update({prefix: URIRef(ns) for prefix, ns in QUERY_PREFIXES.items()})
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
    if not (out / GRAPH_FILE).is_file():
        # kg.export imports rdflib: only a folder that is no build pays for it
        from .export.outdir import missing_build

        raise QueryError(missing_build(out, GRAPH_FILE) or f"{out} holds no readable {GRAPH_FILE}")
    return out


_PREFIX_LINE = re.compile(r"@prefix\s+([^\s:]*):\s*<([^>]*)>\s*\.\s*$|PREFIX\s+([^\s:]*):\s*<([^>]*)>\s*$",
                          re.IGNORECASE)


def _prefixes(sources: list[Path]) -> dict[str, str]:
    """The prefixes declared at the top of the files (as kg writes them), then QUERY_PREFIXES."""
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
    found.update(QUERY_PREFIXES)
    return found


# The keywords, not a variable (?from), a prefixed name (ex:from) or a word of a longer name.
_REMOTE_WORDS = re.compile(r"(?<![\w?$:])(?:SERVICE|FROM)(?![\w:])", re.IGNORECASE)


def _says_service_or_from(sparql: str) -> bool:
    """Whether SERVICE or FROM is in `sparql` outside its comments, strings and IRIs."""
    return _REMOTE_WORDS.search(syntax_only(sparql)) is not None


def _refuse_remote(sparql: str, prefixes: dict[str, str]) -> None:
    """SERVICE and FROM read other graphs than OUT: refused, as by query_graph.

    Only a query that has one of the words outside its comments, strings and
    IRIs is parsed with rdflib to find out (the parser takes a third of a
    second to import; the examples say "from" in their comments)."""
    if not _says_service_or_from(sparql):
        return
    from rdflib import URIRef
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(sparql, initNs={p: URIRef(ns) for p, ns in prefixes.items()})
    except Exception as error:  # noqa: BLE001 - rdflib's parser raises many kinds
        raise QueryError(f"invalid SPARQL: {_one_line(error)}") from None
    remote = _remote_parts(query)
    if remote:
        raise QueryError(f"{' and '.join(remote)} not supported: kg query reads only the output folder")


def _sources(out: Path) -> list[Path]:
    ontology = out / ONTOLOGY_FILE
    if ontology.is_file():
        return [out / GRAPH_FILE, ontology]
    from .rdf.terms import ontology_path

    return [out / GRAPH_FILE, ontology_path("kg.ttl")]


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
    making = StoreMaking(out_dir)
    try:
        making.load_graph()
    except BaseException:
        making.discard()
        raise
    return making.finish()


class StoreMaking:
    """OUT/oxigraph/ being made, in two steps so that a build can load the graph while it
    writes its other files: `load_graph` (graph.nt when OUT has it, else graph.ttl; it may
    run in a thread of its own: Oxigraph loads a file without holding Python's lock), then
    `finish` (the ontology, the index compacted, the stamp, the folder moved into place),
    or `discard`."""

    def __init__(self, out_dir: str | Path) -> None:
        import pyoxigraph

        self.out = _checked_output(out_dir)
        self.building = Path(tempfile.mkdtemp(prefix=f".{STORE_FOLDER}.", dir=self.out))
        self.store = pyoxigraph.Store(str(self.building / "data"))

    def load_graph(self) -> None:
        # graph.nt, written by the same build, holds graph.ttl's triples and parses faster
        _load(self.store, _store_sources(self.out)[0], scratch=self.building)

    def finish(self) -> list[Path]:
        target = self.out / STORE_FOLDER
        try:
            for path in _store_sources(self.out)[1:]:
                _load(self.store, path, scratch=self.building)
            self.store.flush()
            self.store.optimize()
            del self.store
            data = self.building / "data"
            (data / STORE_STAMP).write_text(json.dumps(_stamp(_stamped_files(self.out))), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            data.rename(target)
        finally:
            shutil.rmtree(self.building, ignore_errors=True)
        return sorted(path for path in target.rglob("*") if path.is_file())

    def discard(self) -> None:
        self.__dict__.pop("store", None)
        shutil.rmtree(self.building, ignore_errors=True)


# N-Triples is bulk-loaded a piece of about this many bytes at a time (whole lines, ~200,000
# triples): Oxigraph's bulk loader holds a batch of up to a million triples a thread in
# memory, 1.7 GB for the 7M triples of 1000x the seeds in one call; in pieces it stays under
# 0.4 GB, in the same time.  With a scratch folder, each piece is written there and loaded
# from the file, which Oxigraph does without holding Python's lock.  Each call gives blank
# nodes labels of its own: from the first piece that may hold one (kg writes none), the rest
# of the file goes in one call.
_LOAD_BYTES = 40_000_000


def _load(store, path: Path, scratch: Path | None = None) -> None:
    import pyoxigraph

    try:
        if path.suffix != ".nt":
            store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
            return
        piece = None if scratch is None else scratch / "piece.nt"
        with path.open("rb") as stream:
            while lines := stream.readlines(_LOAD_BYTES):
                data = b"".join(lines)
                if b"_:" in data:
                    data += stream.read()
                if piece is None:
                    store.bulk_load(input=data, format=pyoxigraph.RdfFormat.N_TRIPLES)
                else:
                    piece.write_bytes(data)
                    store.bulk_load(path=str(piece), format=pyoxigraph.RdfFormat.N_TRIPLES)
        if piece is not None:
            piece.unlink(missing_ok=True)
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"cannot read {path}: {_one_line(error)}") from None


# From this size of graph.ttl on (about 400,000 triples), a query works on a store in OUT:
# reading the graph again for every query would take a minute at 7M triples, opening the
# store takes no time.  `kg build` writes it for a graph of 3M triples or more
# (kg.export.QUERY_STORE_FROM); for a smaller one, or when OUT has no current store (built
# by an older kg, or its files changed since), the first query writes it (8 s at 730,000
# triples).
STORE_FROM_BYTES = 30_000_000


def _current_store(out: Path):
    folder = out / STORE_FOLDER
    try:
        made_from = json.loads((folder / STORE_STAMP).read_text(encoding="utf-8"))
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


def _oxigraph_text_function():
    """A function that gives a result term as query_graph gives it (rdflib's str of the term).

    Made once per query, with pyoxigraph's classes at hand: it runs for every cell of
    the result (35,000 on a listing of 6,000 metrics)."""
    import pyoxigraph

    named_node, literal, blank_node = pyoxigraph.NamedNode, pyoxigraph.Literal, pyoxigraph.BlankNode
    decimal = named_node(_XSD_DECIMAL)

    def text(term) -> str | None:
        kind = type(term)
        if kind is named_node:
            return term.value
        if kind is literal:
            value = term.value
            # Oxigraph writes decimals canonically (12); kg's graph and rdflib write 12.0.
            if "." not in value and term.datatype == decimal:
                value += ".0"
            return value
        if term is None:
            return None
        if kind is blank_node:
            return f"_:{term.value}"
        return str(term)

    return text


def _query_store(store, sparql: str, prefixes: dict[str, str]) -> QueryResult:
    import pyoxigraph

    # A final ORDER BY of variables is done here, on the solutions as they come: Oxigraph's
    # sort reads both strings from the store at each comparison (kg.query_order says more).
    order = final_order(sparql)
    result = _evaluate(store, sparql if order is None else order.unordered, prefixes)
    text = _oxigraph_text_function()
    try:
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult(["ask"], [("true" if bool(result) else "false",)])
        if isinstance(result, pyoxigraph.QueryTriples):
            rows = sorted((text(t.subject), text(t.predicate), text(t.object)) for t in result)
            return QueryResult(["subject", "predicate", "object"], rows)
        names = [variable.value for variable in result.variables]
        # a solution iterates over its values in the order of the variables, None when unbound
        solutions = [tuple(solution) for solution in result]
        if order is not None:
            ordered = sorted_solutions(names, solutions, order.keys)
            if ordered is None:         # terms this module does not order: the engine does
                solutions = [tuple(solution) for solution in _evaluate(store, sparql, prefixes)]
            else:
                solutions = ordered
        rows = [tuple(map(text, solution)) for solution in solutions]
    except QueryError:
        raise
    except Exception as error:  # noqa: BLE001 - errors found while the results stream in
        raise QueryError(f"query failed: {_one_line(error)}") from None
    return QueryResult(names, rows)


def _evaluate(store, sparql: str, prefixes: dict[str, str]):
    try:
        return store.query(sparql, prefixes=prefixes)
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {_one_line(error)}") from None
    except Exception as error:  # noqa: BLE001 - evaluation errors (OSError and others)
        raise QueryError(f"query failed: {_one_line(error)}") from None


# ---------------------------------------------------------------- formats

class _CharWidths(dict):
    """Columns a character takes in a terminal, looked up once per character: wide and
    fullwidth characters take two, combining ones none."""

    def __missing__(self, char: str) -> int:
        if unicodedata.combining(char):
            width = 0
        else:
            width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        self[char] = width
        return width


_CHAR_WIDTHS = _CharWidths()


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: wide and fullwidth characters take two."""
    if text.isascii():
        return len(text)
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


def _cell(value: str | None) -> str:
    return "" if value is None else " ".join(value.split())


def format_table(result: QueryResult) -> str:
    """Columns aligned for a terminal, CJK counted as two columns."""
    header = list(result.vars)
    cells: dict[str | None, tuple[str, int]] = {}       # a value -> its cell and width (values repeat)

    def cell(value: str | None) -> tuple[str, int]:
        known = cells.get(value)
        if known is None:
            text = _cell(value)
            known = cells[value] = (text, _width(text))
        return known

    body = [[cell(value) for value in row] for row in result.rows]
    widths = [_width(name) for name in header]
    for row in body:
        for index, (_, width) in enumerate(row):
            if width > widths[index]:
                widths[index] = width

    def line(row: list[tuple[str, int]]) -> str:
        return "  ".join(text + " " * (widths[i] - width) for i, (text, width) in enumerate(row)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    count = f"({len(body)} row{'s' if len(body) != 1 else ''})"
    return "\n".join([line([(name, _width(name)) for name in header]), rule, *(line(row) for row in body), count])


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
