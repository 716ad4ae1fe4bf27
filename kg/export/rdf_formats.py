"""The graph in the other common RDF formats: N-Triples, JSON-LD, TriG, N-Quads.

Every writer gives the same bytes for the same triples (sorted output,
UTF-8, LF) and writes as it goes, a subject at a time, from the build's
`Triples` (kg.rdf.triples; an rdflib.Graph is taken too).  N-Triples and
JSON-LD hold the same triples as graph.ttl; TriG and N-Quads hold them too,
spread over one named graph per source document (the home of each triple,
see kg.rdf.build), so that SPARQL `GRAPH ?doc { … }` tells where a
statement came from.  JSON-LD embeds the context of ontology/context.jsonld,
so that no reader has to fetch it, and is written here rather than by
rdflib, whose serializer needs the whole graph as one JSON tree.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _json_string
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..rdf.terms import ontology_path
from ..rdf.triples import BLANK, Prop, Triples, subject_key
from ._values import KeptTexts
from .named_graphs import split_by_document
from .turtle import _block, _Names, write_text   # Turtle's terms and subject blocks

_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}
_BNODE_CHAR = re.compile(r"[^A-Za-z0-9_]")
_XSD_STRING, _XSD_BOOLEAN, _RDF_TYPE = str(XSD.string), str(XSD.boolean), str(RDF.type)
_INDENT = "    "


def triples_of(graph: Triples | Graph) -> Triples:
    """The writers' input: a build's Triples as they are; an rdflib graph converted, each
    triple in the graphs of its documents (named_graphs reads them off the graph)."""
    if isinstance(graph, Triples):
        return graph
    split = split_by_document(graph)
    homes: dict = {}
    for triple in split.default:
        homes[triple] = ()
    for name, triples in split.named.items():
        for triple in triples:
            homes.setdefault(triple, []).append(name)
    return Triples.from_rdflib(graph, homes)


# ---------------------------------------------------------------- N-Triples and N-Quads

def _escape_char(match: re.Match) -> str:
    char = match.group()
    return _STRING_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _nt_iri(iri: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def _nt_blank(label: str) -> str:
    return "_:b" + _BNODE_CHAR.sub("_", label)


def nt_term(term) -> str:
    """One rdflib term in N-Triples syntax."""
    if isinstance(term, URIRef):
        return _nt_iri(term)
    if isinstance(term, Literal):
        text = '"' + _STRING_ESCAPE.sub(_escape_char, str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{_nt_iri(term.datatype)}"
        return text
    if isinstance(term, BNode):
        return _nt_blank(str(term))
    raise TypeError(f"cannot write {term!r} in N-Triples")


class _NTerms:
    """The N-Triples text of the terms of one graph (IRIs of objects are kept: they repeat)."""

    def __init__(self) -> None:
        self._nodes: dict[str, str] = {}
        self._suffix: dict[Prop, str] = {}
        self._predicates: dict[str, str] = {}
        self._verbs: dict[Prop, str] = {}            # "<p> " of each predicate form
        self._known = KeptTexts()                    # form -> object -> "<p> o"

    def node(self, value: str) -> str:
        if value.startswith(BLANK):
            return _nt_blank(value[2:])
        return _nt_iri(value)

    def object(self, kind: Prop, value: str) -> str:
        if kind.node:
            text = self._nodes.get(value)
            if text is None:
                text = self._nodes[value] = self.node(value)
            return text
        suffix = self._suffix.get(kind)
        if suffix is None:
            suffix = self._suffix[kind] = (
                "@" + kind.lang if kind.lang else
                "" if kind.datatype is None or kind.datatype == _XSD_STRING else
                "^^" + _nt_iri(kind.datatype))
        if value.isprintable() and '"' not in value and "\\" not in value:   # most text: nothing to escape
            return '"' + value + '"' + suffix
        return '"' + _STRING_ESCAPE.sub(_escape_char, value) + '"' + suffix

    def predicate(self, iri: str) -> str:
        text = self._predicates.get(iri)
        if text is None:
            text = self._predicates[iri] = _nt_iri(iri)
        return text

    def lines(self, subject: str, arcs: list, end: str) -> str:
        """The sorted lines of one subject ([prop, value …]), each once, each ending with `end`."""
        # Every line starts with the subject: sorting "<p> o" gives the order of the
        # lines, and the subject is put in front once, by the join.
        known = self._known.by_form
        pairs = iter(arcs)
        rendered = set()
        add = rendered.add
        for kind, value in zip(pairs, pairs):
            texts = known.get(kind)
            text = None if texts is None else texts.get(value)
            if text is None:
                text = self._arc(kind, value)
            add(text)
        head = self.node(subject) + " "
        return head + (end + head).join(sorted(rendered)) + end

    def _arc(self, kind: Prop, value: str) -> str:
        """"<p> o" of one arc, kept for the next time (see KeptTexts)."""
        verb = self._verbs.get(kind)
        if verb is None:
            verb = self._verbs[kind] = self.predicate(kind.iri) + " "
        return self._known.keep(kind, value, verb + self.object(kind, value))


def _nt_order(subjects: list[str]) -> list[str]:
    """Subjects in the order of their lines, so that sorting each subject's lines gives
    the lines of the whole graph sorted (a subject's text is followed by a space, which
    sorts before anything that could continue it)."""
    terms = _NTerms()
    return sorted(subjects, key=terms.node)


def iter_ntriples(graph: Triples | Graph) -> Iterator[str]:
    """N-Triples, one triple a line, lines sorted: a piece per subject."""
    triples = triples_of(graph)
    terms = _NTerms()
    for subject in _nt_order(triples.subjects()):
        yield terms.lines(subject, triples.arcs(subject), " .\n")


def write_ntriples(graph: Triples | Graph, path: str | Path) -> Path:
    """Write `graph` as N-Triples, one triple a line, lines sorted."""
    return write_text(iter_ntriples(graph), path)


def _graph_order(by_graph: dict) -> list:
    """The default graph first, then the named graphs by IRI."""
    return ([None] if None in by_graph else []) + sorted(g for g in by_graph if g is not None)


def iter_nquads(graph: Triples | Graph) -> Iterator[str]:
    """N-Quads: the default graph first, then each document's graph, lines sorted in each."""
    triples = triples_of(graph)
    terms = _NTerms()
    by_graph = triples.by_graph(_nt_order(triples.subjects()))
    for name in _graph_order(by_graph):
        end = " .\n" if name is None else f" {_nt_iri(name)} .\n"
        for subject, arcs in by_graph.pop(name):
            yield terms.lines(subject, arcs, end)


def write_nquads(graph: Triples | Graph, path: str | Path) -> Path:
    """Write `graph` as N-Quads: the default graph first, then each document's graph."""
    return write_text(iter_nquads(graph), path)


# ---------------------------------------------------------------- TriG

def iter_trig(graph: Triples | Graph) -> Iterator[str]:
    """TriG text in pieces: prefixes, the default graph, then one block per document."""
    triples = triples_of(graph)
    names = _Names(triples.prefixes, triples.iris(graphs=True))
    header = names.prefix_lines()
    if header:
        yield "\n".join(header) + "\n\n"
    by_graph = triples.by_graph(sorted(triples.subjects(), key=subject_key))
    for number, name in enumerate(_graph_order(by_graph)):
        if name is None:
            yield "# Knowledge (gazetteer containment, statements without a sentence) and the metric dataset\n{\n"
        else:
            yield ("\n" if number else "") + f"{names.iri(name)} {{\n"
        for index, (subject, arcs) in enumerate(by_graph.pop(name)):
            block = _block(names, subject, arcs)
            # indent at "\n" only (not at U+2028, U+0085 … inside literals, as splitlines() would)
            yield ("\n" if index else "") + _INDENT + block[:-1].replace("\n", "\n" + _INDENT) + "\n"
        yield "}\n"


def write_trig(graph: Triples | Graph, path: str | Path) -> Path:
    """Write `graph` as TriG with one named graph per source document."""
    return write_text(iter_trig(graph), path)


# ---------------------------------------------------------------- JSON-LD

def jsonld_context() -> dict:
    """The `@context` of ontology/context.jsonld: our terms as short keys."""
    with ontology_path("context.jsonld").open("rb") as stream:
        return json.load(stream)["@context"]


def _split_iri(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return iri[:cut], iri[cut:]


class _Context:
    """How a JSON-LD context writes IRIs, keys and values: the compaction of the JSON-LD
    spec for the terms such a context has (prefixes, @vocab, terms with an @id and
    an @type of @id, @vocab or a datatype, or an @language)."""

    def __init__(self, context: dict) -> None:
        self.vocab: str | None = context.get("@vocab")
        simple = {key: value for key, value in context.items()
                  if not key.startswith("@") and isinstance(value, str)}
        # namespace -> prefix: terms whose IRI ends with / or #, as JSON-LD 1.1 takes for prefixes
        self.prefix_of: dict[str, str] = {}
        for key, value in sorted(simple.items(), key=lambda item: (len(item[0]), item[0])):
            if value.endswith(("/", "#")) and ":" not in key:
                self.prefix_of.setdefault(value, key)
        # term -> (IRI, coercion: "@id", "@vocab", a datatype IRI or None, language or None)
        self.terms: dict[str, tuple[str, str | None, str | None]] = {}
        for key, value in context.items():
            if key.startswith("@"):
                continue
            if isinstance(value, str):
                self.terms[key] = (self.expand(value), None, None)
            elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                coercion = value.get("@type")
                if coercion is not None and coercion not in ("@id", "@vocab"):
                    coercion = self.expand(coercion)
                self.terms[key] = (self.expand(value["@id"]), coercion, value.get("@language"))
        self._forms: dict[Prop, tuple[str, Callable[[str], str | tuple]]] = {}
        self._ids: dict[str, str] = {}
        self._vocab_names: dict[str, str] = {}
        # the forms of a node's arcs -> how to write it (see _layout): nodes of one kind
        # (statements, metrics, places …) have the same forms in the same order
        self._layouts: dict[tuple[Prop, ...], tuple] = {}

    def expand(self, value: str) -> str:
        prefix, colon, rest = value.partition(":")
        if colon and not rest.startswith("//"):
            namespace = next((ns for ns, p in self.prefix_of.items() if p == prefix), None)
            if namespace is not None:
                return namespace + rest
        if not colon and self.vocab:
            return self.vocab + value
        return value

    def _free(self, name: str, iri: str) -> bool:
        """`name` may stand for `iri` where IRIs are expanded with the vocabulary."""
        term = self.terms.get(name)
        return term is None or term[0] == iri

    def compact_id(self, iri: str) -> str:
        """An IRI where JSON-LD expects one (@id): a compact IRI when a prefix fits."""
        text = self._ids.get(iri)
        if text is None:
            if iri.startswith(BLANK):
                text = iri
            else:
                namespace, local = _split_iri(iri)
                prefix = self.prefix_of.get(namespace)
                text = iri
                if prefix is not None and local and not local.startswith("//") \
                        and f"{prefix}:{local}" not in self.terms:
                    text = f"{prefix}:{local}"
            self._ids[iri] = text
        return text

    def compact_vocab(self, iri: str) -> str:
        """An IRI where JSON-LD expands with the vocabulary (@type, @vocab values): a term,
        a name of the vocabulary, a compact IRI, or the IRI."""
        text = self._vocab_names.get(iri)
        if text is None:
            text = self._vocab_names[iri] = self._compact_vocab(iri)
        return text

    def _compact_vocab(self, iri: str) -> str:
        for name, (term_iri, coercion, language) in self.terms.items():
            if term_iri == iri and coercion is None and language is None:
                return name
        namespace, local = _split_iri(iri)
        if self.vocab and namespace == self.vocab and local and ":" not in local and self._free(local, iri):
            return local
        return self.compact_id(iri)

    def form(self, kind: Prop) -> tuple[str, Callable[[str], str | tuple]]:
        """(key, value -> the value as written) for the objects of `kind`."""
        found = self._forms.get(kind)
        if found is None:
            key, how = self._form(kind)
            found = self._forms[kind] = (key, self._writer(kind, how))
        return found

    def _writer(self, kind: Prop, how: str) -> Callable[[str], str | tuple]:
        """value -> its JSON text, or the (key, JSON text) entries of a value object."""
        if how == "text":
            return _json_string
        if how == "id":
            return lambda value: _json_string(self.compact_id(value))
        if how in ("type", "vocab"):
            return lambda value: _json_string(self.compact_vocab(value))
        if how == "boolean":
            typed = (("@type", _json_string(self.compact_vocab(kind.datatype))),)
            return lambda value: value if value in ("true", "false") else typed + (("@value", _json_string(value)),)
        if how == "node":
            return lambda value: (("@id", _json_string(self.compact_id(value))),)
        if how == "lang":
            language = ("@language", _json_string(kind.lang))
            return lambda value: (language, ("@value", _json_string(value)))
        datatype = ("@type", _json_string(self.compact_vocab(kind.datatype)))
        return lambda value: (datatype, ("@value", _json_string(value)))

    def _form(self, kind: Prop) -> tuple[str, str]:
        plain = not kind.node and not kind.lang and kind.datatype in (None, _XSD_STRING)
        if kind.iri == _RDF_TYPE and kind.node:
            return "@type", "type"
        best: list[tuple[int, int, str, str]] = []
        for name, (iri, coercion, language) in self.terms.items():
            if iri != kind.iri:
                continue
            if kind.node and coercion in ("@id", "@vocab") and language is None:
                best.append((0 if coercion == "@id" else 1, len(name), name, coercion[1:]))
            elif kind.node and coercion is None and language is None:
                best.append((2, len(name), name, "node"))
            elif kind.lang and language == kind.lang and coercion is None:
                best.append((0, len(name), name, "text"))
            elif not kind.node and not kind.lang and coercion is not None and coercion == kind.datatype:
                best.append((0, len(name), name, "text"))
            elif plain and coercion is None and language is None:
                best.append((0, len(name), name, "text"))
        if best:
            return min(best)[2:]
        namespace, local = _split_iri(kind.iri)
        if self.vocab and namespace == self.vocab and local and ":" not in local and local not in self.terms:
            key = local
        else:
            key = self.compact_id(kind.iri)
            if key in self.terms:
                key = kind.iri
        if kind.node:
            return key, "node"
        if plain:
            return key, "text"
        if kind.lang:
            return key, "lang"
        if kind.datatype == _XSD_BOOLEAN:
            return key, "boolean"
        return key, "typed"

    def node(self, subject: str, arcs: list) -> str:
        """The JSON text of one node ([prop, value …]), as json.dumps(indent=1) writes an
        element of @graph."""
        kinds = tuple(arcs[::2])
        layout = self._layouts.get(kinds) or self._layout(kinds)
        parts = ['{\n   "@id": ', _json_string(self.compact_id(subject))]
        for name, place, write, places in layout:
            if places is None:                 # most keys: one value
                item = write(arcs[place])
                text = item if type(item) is str else _render(item, 3)
            else:
                found = {write(arcs[index]) for index, write in places}
                if len(found) == 1:
                    (item,) = found
                    text = item if type(item) is str else _render(item, 3)
                else:  # JSON-LD arrays without @list are sets: sorted as their one-line JSON text
                    text = "[\n" + ",\n".join("    " + _render(item, 4) for item in sorted(found, key=_one_line)) + "\n   ]"
            parts.append(name)
            parts.append(text)
        parts.append("\n  }")
        return "".join(parts)

    def _layout(self, kinds: tuple[Prop, ...]) -> tuple:
        """How to write a node whose arcs have these forms, in this order: its keys in
        order, each as (its text, the index of its one value and its writer, None) or
        (its text, None, None, ((index, writer) …)) when it has several values."""
        values: dict[str, list] = {}
        for number, kind in enumerate(kinds):
            key, write = self.form(kind)
            values.setdefault(key, []).append((2 * number + 1, write))
        layout = []
        for key in sorted(values):
            name = f",\n   {_json_string(key)}: "
            found = values[key]
            layout.append((name, *found[0], None) if len(found) == 1 else (name, None, None, tuple(found)))
        if len(self._layouts) >= _KEPT_LAYOUTS:
            self._layouts.clear()
        layout = self._layouts[kinds] = tuple(layout)
        return layout


_KEPT_LAYOUTS = 1 << 14


def _one_line(value: str | tuple) -> str:
    """The text json.dumps(sort_keys=True) gives a value on one line."""
    if isinstance(value, str):
        return value
    return "{" + ", ".join(f"{_json_string(k)}: {v}" for k, v in value) + "}"


def _render(value: str | tuple, depth: int) -> str:
    """A value at `depth` as json.dumps(indent=1) writes it (object keys already in order)."""
    if isinstance(value, str):
        return value
    inner = " " * (depth + 1)
    return "{\n" + ",\n".join(f"{inner}{_json_string(k)}: {v}" for k, v in value) + "\n" + " " * depth + "}"


def iter_jsonld(graph: Triples | Graph, context: dict | None = None) -> Iterator[str]:
    """The graph as one compacted JSON-LD document, context embedded, nodes sorted by @id:
    the text json.dumps(indent=1) gives, written a node at a time."""
    triples = triples_of(graph)
    context = jsonld_context() if context is None else context
    writer = _Context(context)
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1)
    yield head.removesuffix("\n}") + ",\n \"@graph\": ["
    subjects = sorted((writer.compact_id(s), s) for s in triples.subjects())
    for number, (_, subject) in enumerate(subjects):
        yield ("\n  " if not number else ",\n  ") + writer.node(subject, triples.arcs(subject))
    yield "\n ]\n}\n" if subjects else "]\n}\n"


def jsonld_document(graph: Triples | Graph) -> dict:
    """The graph as one compacted JSON-LD document (a dict), nodes sorted by @id."""
    return json.loads("".join(iter_jsonld(graph)))


def write_jsonld(graph: Triples | Graph, path: str | Path) -> Path:
    """Write `graph` as JSON-LD with the context embedded."""
    return write_text(iter_jsonld(graph), path)
