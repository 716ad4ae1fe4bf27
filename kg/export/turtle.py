"""Turtle files: the graph (deterministic, readable) and the ontology next to it.

`write_turtle` does not use rdflib's serializer: rdflib invents prefix names
in the order it meets namespaces and takes about 30 s for a million
triples.  This writer sorts subjects, predicates and objects, binds one
prefix per namespace that is used more than once (resource folders get
their own: `place:150100`, `organization:伊利集团`) and writes the same bytes
for the same graph.  Blank nodes keep their own ids, so only graphs without
blank nodes (all that kg builds) are byte-stable.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..rdf.terms import ontology_path

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
         "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
         "\U00010000-\U000EFFFF")
_CHARS = _BASE + "_\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = "%[0-9A-Fa-f]{2}"
# PN_LOCAL of the Turtle grammar, without backslash escapes (those names get <…>).
_LOCAL = re.compile(f"(?:[{_BASE}_:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?")
_PREFIX = re.compile(f"(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?")
_SIMPLE_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_BNODE = re.compile(f"[{_BASE}_0-9](?:[{_CHARS}.]*[{_CHARS}])?")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BARE = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}
# Predicates a reader looks for first, in this order; the others follow sorted.
_FIRST = (RDF.type, RDFS.label, SKOS.altLabel, RDF.subject, RDF.predicate, RDF.object)
_INDENT = "    "
_LINE = 100


def _split(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return iri[:cut], iri[cut:]


# Terms are looked up by their plain string: rdflib's __hash__ and __eq__ are
# Python code and took a third of the writing time at 600k triples.
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_BARE_BY_IRI = {str(datatype): pattern for datatype, pattern in _BARE.items()}


class _Names:
    """Prefixes and the Turtle text of terms, for one graph."""

    def __init__(self, graph: Graph, iris: set[str]) -> None:
        bound: dict[str, str] = {}                       # namespace -> prefix
        for prefix, namespace in sorted(graph.namespaces()):
            if _PREFIX.fullmatch(prefix) and str(namespace) not in bound:
                bound[str(namespace)] = prefix
        # A prefix for every other namespace that holds two or more IRIs and
        # ends in a folder with a simple name (…/resource/place/ -> place:).
        members: dict[str, int] = defaultdict(int)
        for iri in iris:
            members[_split(iri)[0]] += 1
        taken = set(bound.values())
        for namespace in sorted(ns for ns, count in members.items()
                                if count > 1 and ns not in bound):
            name = namespace.rstrip("/#").rsplit("/", 1)[-1]
            if "://" in namespace and _SIMPLE_PREFIX.fullmatch(name) and name not in taken:
                bound[namespace] = name
                taken.add(name)
        self.prefix_of = bound
        self.used: set[str] = set()
        self._cache: dict[str, str] = {}
        for iri in iris:            # render every IRI now: the prefixes must come first
            self.iri(iri)

    def iri(self, term: str) -> str:
        term = str(term)            # a URIRef too: plain strings hash in C
        text = self._cache.get(term)
        if text is None:
            namespace, local = _split(term)
            prefix = self.prefix_of.get(namespace)
            if prefix is not None and (local == "" or _LOCAL.fullmatch(local)):
                self.used.add(namespace)
                text = f"{prefix}:{local}"
            else:
                text = "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", term) + ">"
            self._cache[term] = text
        return text

    def term(self, term) -> str:
        kind = type(term)              # exact types first: isinstance goes through abc here
        if kind is URIRef:
            return self.iri(str(term))
        if kind is Literal:
            return self.literal(term)
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            label = str(term)
            return "_:" + (label if _BNODE.fullmatch(label) else
                           re.sub(f"[^{_CHARS}]", "_", "b" + label))
        raise TypeError(f"cannot write {term!r} in Turtle")

    def literal(self, term: Literal) -> str:
        lexical = str(term)
        datatype = term.datatype
        datatype = str(datatype) if datatype is not None else None
        bare = _BARE_BY_IRI.get(datatype) if datatype is not None else None
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        text = '"' + _STRING_ESCAPE.sub(_escape_char, lexical) + '"'
        language = term.language
        if language:
            return f"{text}@{language}"
        if datatype is None or datatype == _XSD_STRING:
            return text
        return f"{text}^^{self.iri(datatype)}"

    def prefix_lines(self) -> list[str]:
        pairs = sorted((self.prefix_of[ns], ns) for ns in self.used)
        width = max((len(p) for p, _ in pairs), default=0)
        return [f"@prefix {prefix + ':':<{width + 1}} <{ns}> ." for prefix, ns in pairs]


_WIDE = re.compile("[\u2e80-\U0010ffff]")


def _columns(text: str) -> int:
    """Terminal columns, roughly: CJK and other wide characters take two."""
    return len(text) + len(_WIDE.findall(text))


def _escape_char(match: re.Match) -> str:
    char = match.group()
    return _STRING_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _node_key(term) -> tuple[int, str]:
    return (0 if isinstance(term, URIRef) else 1, str(term))


def _object_key(term) -> tuple:
    if isinstance(term, Literal):
        return (2, str(term.datatype or ""), term.language or "", str(term))
    return (*_node_key(term), "", "")


_FIRST_RANK = {str(term): rank for rank, term in enumerate(_FIRST)}


def _predicate_key(term) -> tuple[int, str]:
    text = str(term)
    return (_FIRST_RANK.get(text, len(_FIRST)), text)


def _subject_index(graph: Graph):
    """{subject: {predicate: objects}} of `graph`.

    rdflib's in-memory store keeps exactly this index; when the graph is all
    the store holds, it is read as it is instead of triple by triple (rdflib
    looks up the contexts of every triple it yields: a third of the time).
    """
    store = graph.store
    index = getattr(store, "_Memory__spo", None)
    if isinstance(index, dict) and len(graph) == len(store):
        return index
    built: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        built[s][p].append(o)
    return built


def iter_turtle(graph: Graph):
    """The Turtle text of `graph` in pieces: the same for the same triples and prefixes."""
    by_subject = _subject_index(graph)
    iris: set[str] = set()
    subjects = []
    for subject, predicates in by_subject.items():
        found = False
        for predicate, objects in predicates.items():
            if not objects:
                continue
            found = True
            iris.add(str(predicate))
            for o in objects:
                kind = type(o)
                if kind is URIRef or (kind is not Literal and isinstance(o, URIRef)):
                    iris.add(str(o))
                elif (kind is Literal or isinstance(o, Literal)) and o.datatype is not None:
                    iris.add(str(o.datatype))
        if found:
            subjects.append(subject)
            if isinstance(subject, URIRef):
                iris.add(str(subject))
    names = _Names(graph, iris)
    header = names.prefix_lines()
    if header:
        yield "\n".join(header) + "\n"
    for number, subject in enumerate(sorted(subjects, key=_node_key)):
        yield ("\n" if number or header else "") + _block(names, subject, by_subject[subject])


def _block(names: _Names, subject, predicates) -> str:
    """One subject with all its predicates and objects, ending with " .\n"."""
    lines = [names.term(subject)]
    ordered = sorted((p for p, objects in predicates.items() if objects), key=_predicate_key)
    last = len(ordered) - 1
    for index, predicate in enumerate(ordered):
        text = str(predicate)
        verb = "a" if text == _RDF_TYPE else names.iri(text)
        objects = predicates[predicate]
        if len(objects) == 1:
            for only in objects:
                text = f"{verb} {names.term(only)}"
        else:
            rendered = [names.term(o) for o in sorted(objects, key=_object_key)]
            one_line = ", ".join(rendered)
            if _columns(one_line) + len(verb) + len(_INDENT) + 3 > _LINE:
                text = f"{verb}\n{_INDENT * 2}" + (" ,\n" + _INDENT * 2).join(rendered)
            else:
                text = f"{verb} {one_line}"
        end = " ." if index == last else " ;"
        if index == 0:
            lines[0] = f"{lines[0]} {text}{end}"
        else:
            lines.append(f"{_INDENT}{text}{end}")
    return "\n".join(lines) + "\n"


def turtle_text(graph: Graph) -> str:
    """The Turtle text of `graph` as one string."""
    return "".join(iter_turtle(graph))


def write_turtle(graph: Graph, path: str | Path) -> Path:
    """Write `graph` as Turtle (UTF-8, LF): byte-identical for the same graph."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for piece in iter_turtle(graph):
            stream.write(piece)
    return path


def write_ontology(out_dir: str | Path) -> list[Path]:
    """Copy the ontology into `out_dir` as ontology.ttl, so that queries and the
    scorer can follow rdfs:subClassOf* and rdfs:subPropertyOf*.

    The SHACL shapes are not copied: every .ttl in OUT is read as data by
    the scorer and by triple stores that load the folder, and shapes are not
    data.  They stay in the package (ontology_path("shapes.ttl")).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "ontology.ttl"
    target.write_bytes(ontology_path("kg.ttl").read_bytes())
    return [target]
