"""Turtle files: the graph (deterministic, readable) and the ontology next to it.

`write_turtle` does not use rdflib's serializer: rdflib invents prefix names
in the order it meets namespaces and takes about 30 s for a million
triples.  This writer reads the build's `Triples` (kg.rdf.triples; an
rdflib.Graph is taken too), sorts subjects, predicates and objects, binds
one prefix per namespace that is used more than once (resource folders get
their own: `place:150100`, `organization:伊利集团`) and writes the same bytes
for the same triples, one subject block at a time.  Blank nodes keep their
own ids, so only graphs without blank nodes (all that kg builds) are
byte-stable.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..rdf.terms import ontology_path
from ..rdf.triples import BLANK, Prop, Triples, subject_key
from ._values import KeptTexts

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
# Literals of these datatypes are written bare when their text allows (3.5, not "3.5"^^xsd:decimal).
_BARE = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    str(XSD.boolean): re.compile(r"true|false"),
}
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_INDENT = "    "
_LINE = 100


def _split(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return iri[:cut], iri[cut:]


def as_triples(graph: Triples | Graph) -> Triples:
    """The writers' input: a build's Triples as they are, an rdflib graph converted."""
    return graph if isinstance(graph, Triples) else Triples.from_rdflib(graph)


class _Names:
    """Prefixes and the Turtle text of terms, for one graph."""

    def __init__(self, prefixes: Mapping[str, str], iris: Iterable[str]) -> None:
        bound: dict[str, str] = {}                       # namespace -> prefix
        for prefix, namespace in sorted(prefixes.items()):
            if _PREFIX.fullmatch(prefix) and namespace not in bound:
                bound[namespace] = prefix
        # A prefix for every other namespace that holds two or more IRIs and
        # ends in a folder with a simple name (…/resource/place/ -> place:).
        iris = list(iris)
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
        self._literal_forms: dict[Prop, tuple[re.Pattern | None, str]] = {}
        self.arcs = KeptTexts()          # form -> object -> "verb object"
        for iri in iris:            # render every IRI now: the prefixes must come first
            self.iri(iri)

    def iri(self, term: str) -> str:
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

    def node(self, value: str) -> str:
        """An IRI, or a blank node `_:label`."""
        if value.startswith(BLANK):
            label = value[2:]
            return "_:" + (label if _BNODE.fullmatch(label) else
                           re.sub(f"[^{_CHARS}]", "_", "b" + label))
        return self.iri(value)

    def object(self, kind: Prop, value: str) -> str:
        if kind.node:
            text = self._cache.get(value)       # every IRI is there (blank nodes are not)
            return text if text is not None else self.node(value)
        form = self._literal_forms.get(kind)
        if form is None:
            form = self._literal_forms[kind] = self._literal_form(kind)
        bare, suffix = form
        if bare is not None and bare.fullmatch(value):
            return value
        return '"' + quoted(value) + '"' + suffix

    def arc(self, kind: Prop, value: str) -> str:
        """"verb object" of a predicate with one object, kept for the next time (objects
        repeat: classes, places, the sentence of a statement's evidence …), a bounded
        number of them (see KeptTexts)."""
        text = ("a" if kind.iri == _RDF_TYPE else self.iri(kind.iri)) + " " + self.object(kind, value)
        return self.arcs.keep(kind, value, text)

    def _literal_form(self, kind: Prop) -> tuple[re.Pattern | None, str]:
        """(the pattern of the bare form, or None; what follows the quoted text)."""
        if kind.lang:
            return None, "@" + kind.lang
        if kind.datatype is None or kind.datatype == _XSD_STRING:
            return None, ""
        return _BARE.get(kind.datatype), "^^" + self.iri(kind.datatype)

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


def quoted(text: str) -> str:
    """The inside of a Turtle string: what must be escaped, escaped."""
    if text.isprintable() and '"' not in text and "\\" not in text:   # most text: nothing to do
        return text
    return _STRING_ESCAPE.sub(_escape_char, text)


def _object_key(pair: tuple[Prop, str]):
    """One predicate's objects: IRIs, blank nodes, then literals by datatype, language, text."""
    kind, value = pair
    if kind.node:
        if value.startswith(BLANK):
            return 1, "", "", value[2:]
        return 0, "", "", value
    return 2, kind.datatype or "", kind.lang or "", value


_FIRST_RANK = {str(term): rank for rank, term in enumerate(
    (RDF.type, RDFS.label, SKOS.altLabel, RDF.subject, RDF.predicate, RDF.object))}


class _PredicateOrder(dict):
    """IRI -> its sort key: the predicates a reader looks for first (type, label …), then
    the others by IRI (a dict, so that sorting looks keys up in C)."""

    def __missing__(self, iri: str) -> tuple[int, str]:
        key = self[iri] = (_FIRST_RANK.get(iri, len(_FIRST_RANK)), iri)
        return key


_PREDICATE_ORDER = _PredicateOrder()


def _objects(names: _Names, objects: list[tuple[Prop, str]]) -> list[str]:
    """One predicate's objects in Turtle's order, each once, as text."""
    if len(objects) == 1:
        return [names.object(*objects[0])]
    kind = objects[0][0]
    if all(other is kind for other, _ in objects) and not (
            kind.node and any(value.startswith(BLANK) for _, value in objects)):
        return [names.object(kind, value) for value in sorted({value for _, value in objects})]
    return [names.object(k, value) for k, value in sorted(set(objects), key=_object_key)]


def _layout(kinds: tuple[Prop, ...]) -> tuple:
    """How to write a subject whose arcs have these predicate forms, in this order: its
    predicates in Turtle's order, each as the index of its one arc's form in the arcs,
    or as (predicate IRI, the indexes of its arcs) when it has several."""
    found: dict[str, list[int]] = {}
    for number, kind in enumerate(kinds):
        found.setdefault(kind.iri, []).append(2 * number)
    order = sorted(found, key=_PREDICATE_ORDER.__getitem__) if len(found) > 1 else found
    layout = tuple(found[p][0] if len(found[p]) == 1 else (p, tuple(found[p])) for p in order)
    if len(_LAYOUTS) >= _KEPT_LAYOUTS:
        _LAYOUTS.clear()
    _LAYOUTS[kinds] = layout
    return layout


# The forms of a subject's arcs -> its layout: subjects of one kind (statements, metrics,
# places …) have the same forms in the same order, and sorting their predicates and
# grouping their objects took a good part of writing Turtle and TriG.
_LAYOUTS: dict[tuple[Prop, ...], tuple] = {}
_KEPT_LAYOUTS = 1 << 14


def _block(names: _Names, subject: str, arcs: list) -> str:
    """One subject with all its predicates and objects ([prop, value …]), ending with " .\n"."""
    kinds = tuple(arcs[::2])
    layout = _LAYOUTS.get(kinds) or _layout(kinds)
    parts = [names.node(subject)]
    known = names.arcs.by_form
    for step in layout:
        if type(step) is int:                  # most predicates: one object, it is the hot path
            kind = arcs[step]
            value = arcs[step + 1]
            texts = known.get(kind)
            text = None if texts is None else texts.get(value)
            parts.append(text or names.arc(kind, value))
            continue
        predicate, indexes = step
        verb = "a" if predicate == _RDF_TYPE else names.iri(predicate)
        rendered = _objects(names, [(arcs[index], arcs[index + 1]) for index in indexes])
        if len(rendered) == 1:
            text = f"{verb} {rendered[0]}"
        else:
            one_line = ", ".join(rendered)
            if _columns(one_line) + len(verb) + len(_INDENT) + 3 > _LINE:
                text = f"{verb}\n{_INDENT * 2}" + (" ,\n" + _INDENT * 2).join(rendered)
            else:
                text = f"{verb} {one_line}"
        parts.append(text)
    return parts[0] + " " + (" ;\n" + _INDENT).join(parts[1:]) + " .\n"


def iter_turtle(graph: Triples | Graph) -> Iterator[str]:
    """The Turtle text of `graph` in pieces: the same for the same triples and prefixes."""
    triples = as_triples(graph)
    names = _Names(triples.prefixes, triples.iris())
    header = names.prefix_lines()
    if header:
        yield "\n".join(header) + "\n"
    for number, subject in enumerate(sorted(triples.subjects(), key=subject_key)):
        yield ("\n" if number or header else "") + _block(names, subject, triples.arcs(subject))


def turtle_text(graph: Triples | Graph) -> str:
    """The Turtle text of `graph` as one string."""
    return "".join(iter_turtle(graph))


def write_text(pieces: Iterable[str], path: str | Path) -> Path:
    """Write text pieces to `path` (UTF-8, LF), in batches of about a megabyte."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size > 1 << 20:
                stream.write("".join(batch))
                batch, size = [], 0
        stream.write("".join(batch))
    return path


def write_turtle(graph: Triples | Graph, path: str | Path) -> Path:
    """Write `graph` as Turtle (UTF-8, LF): byte-identical for the same graph."""
    return write_text(iter_turtle(graph), path)


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
