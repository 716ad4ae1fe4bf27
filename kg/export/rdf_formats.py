"""The graph in the other common RDF formats: N-Triples, JSON-LD, TriG, N-Quads.

Every writer gives the same bytes for the same triples (sorted output,
UTF-8, LF).  N-Triples and JSON-LD hold the same triples as graph.ttl; TriG
and N-Quads hold them too, spread over one named graph per source document
(see named_graphs), so that SPARQL `GRAPH ?doc { … }` tells where a
statement came from.  JSON-LD embeds the context of ontology/context.jsonld,
so that no reader has to fetch it.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..rdf.terms import ontology_path
from .named_graphs import DocumentGraphs, split_by_document
from .turtle import _block, _Names, _node_key   # the Turtle writer's terms and subject blocks

_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}
_BNODE_CHAR = re.compile(r"[^A-Za-z0-9_]")
_INDENT = "    "


# ---------------------------------------------------------------- N-Triples and N-Quads

def nt_term(term) -> str:
    """One term in N-Triples syntax."""
    if isinstance(term, URIRef):
        return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", term) + ">"
    if isinstance(term, Literal):
        text = '"' + _STRING_ESCAPE.sub(
            lambda m: _STRING_ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04X}", str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{nt_term(term.datatype)}"
        return text
    if isinstance(term, BNode):
        return "_:b" + _BNODE_CHAR.sub("_", str(term))
    raise TypeError(f"cannot write {term!r} in N-Triples")


def _line(s, p, o, graph=None) -> str:
    label = f" {nt_term(graph)}" if graph is not None else ""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{label} .\n"


def _write_lines(lines, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(lines)
    return path


def write_ntriples(graph: Graph, path: str | Path) -> Path:
    """Write `graph` as N-Triples, one triple a line, lines sorted."""
    return _write_lines(sorted(_line(*triple) for triple in graph), Path(path))


def write_nquads(graph: Graph, path: str | Path, split: DocumentGraphs | None = None) -> Path:
    """Write `graph` as N-Quads: the default graph first, then each document's graph."""
    split = split or split_by_document(graph)
    lines = sorted(_line(*triple) for triple in split.default)
    for name, triples in split.named.items():
        lines.extend(sorted(_line(*triple, name) for triple in triples))
    return _write_lines(lines, Path(path))


# ---------------------------------------------------------------- TriG

def _graph_blocks(names: _Names, triples: set) -> list[str]:
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    blocks = []
    for subject in sorted(by_subject, key=_node_key):
        block = _block(names, subject, by_subject[subject])
        # split at "\n" only: splitlines() also breaks at U+2028, U+0085 … inside literals
        blocks.append("".join(_INDENT + line + "\n" for line in block.removesuffix("\n").split("\n")))
    return blocks


def iter_trig(graph: Graph, split: DocumentGraphs | None = None):
    """TriG text in pieces: prefixes, the default graph, then one block per document."""
    split = split or split_by_document(graph)
    iris = {term for triple in graph for term in triple if isinstance(term, URIRef)}
    iris.update(o.datatype for o in graph.objects() if isinstance(o, Literal) and o.datatype)
    iris.update(split.named)
    names = _Names(graph, iris)
    header = names.prefix_lines()
    if header:
        yield "\n".join(header) + "\n\n"
    if split.default:
        yield "# Knowledge (gazetteer containment, statements without a sentence) and the metric dataset\n{\n"
        yield "\n".join(_graph_blocks(names, split.default))
        yield "}\n"
    for number, (name, triples) in enumerate(split.named.items()):
        yield ("\n" if number or split.default else "") + f"{names.iri(name)} {{\n"
        yield "\n".join(_graph_blocks(names, triples))
        yield "}\n"


def write_trig(graph: Graph, path: str | Path, split: DocumentGraphs | None = None) -> Path:
    """Write `graph` as TriG with one named graph per source document."""
    return _write_lines(iter_trig(graph, split), Path(path))


# ---------------------------------------------------------------- JSON-LD

def jsonld_context() -> dict:
    """The `@context` of ontology/context.jsonld: our terms as short keys."""
    with ontology_path("context.jsonld").open("rb") as stream:
        return json.load(stream)["@context"]


def _canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _stable(value):
    """Keys sorted, and arrays too: JSON-LD arrays without @list are sets."""
    if isinstance(value, dict):
        return {key: (_stable(item) if key == "@list" else _stable_set(item)) for key, item in sorted(value.items())}
    return value


def _stable_set(value):
    if isinstance(value, list):
        return sorted((_stable(item) for item in value), key=_canonical)
    return _stable(value)


def jsonld_document(graph: Graph) -> dict:
    """The graph as one compacted JSON-LD document, nodes sorted by @id."""
    context = jsonld_context()
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(data, list):                          # an empty graph
        nodes = data
    elif "@graph" in data:
        nodes = data["@graph"]
    else:                                               # a single node is not wrapped
        nodes = [{k: v for k, v in data.items() if k != "@context"}]
    nodes = sorted((_stable(node) for node in nodes), key=lambda n: (n.get("@id", ""), _canonical(n)))
    return {"@context": context, "@graph": nodes}


def write_jsonld(graph: Graph, path: str | Path) -> Path:
    """Write `graph` as JSON-LD with the context embedded."""
    # The context keeps the order of ontology/context.jsonld; the nodes are sorted.
    text = json.dumps(jsonld_document(graph), ensure_ascii=False, indent=1) + "\n"
    return _write_lines([text], Path(path))
