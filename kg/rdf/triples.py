"""The triples of a build, kept compact: what every RDF writer reads.

An rdflib.Graph keeps each triple as three Python objects in three indexes
and five contexts: at 100× the seeds it took most of a build's memory
(1.4 GB) and a tenth of its time, although the writers only ever walk it
subject by subject.  `Triples` keeps what they need and nothing more:

- a term is a plain `str`: an IRI as it is (`https://…/place/150100`), a
  blank node as `_:label` (IRIs never start with `_:`), a literal as its
  lexical form (`呼和浩特市`, `3329.1`);
- what a literal is (its datatype or language) is carried by the predicate:
  a `Prop` is a predicate with the form of its objects, interned, so that
  rdfs:label with `@zh` objects and rdfs:label with plain objects are two
  `Prop`s of one IRI;
- the triples of a subject are kept in groups, each with its *home*: the
  named graph(s) of TriG and N-Quads it belongs to (None for the default
  graph, one graph IRI, or a frozenset of them), see kg.rdf.build.

The strings are mostly those of the KnowledgeGraph itself (names, sentences),
so the triples of a build cost little more than two pointers each.  A
`Triples` holds no triple twice: the code that fills it sees to that (see
`add`), and the writers drop repeats anyway as they sort.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Union

from rdflib import BNode, Graph, Literal, URIRef

Home = Union[None, str, frozenset]      # the default graph, one named graph, several
BLANK = "_:"                            # how a blank node's label starts


class Prop:
    """A predicate with the form of its objects: IRIs (and blank nodes), or literals
    of one datatype, or literals of one language.  Made by `prop`, one per form."""

    __slots__ = ("iri", "node", "datatype", "lang")

    def __init__(self, iri: str, node: bool, datatype: str | None, lang: str | None) -> None:
        self.iri = iri
        self.node = node                 # objects are IRIs or blank nodes
        self.datatype = datatype         # literals of this datatype (None: plain or with a language)
        self.lang = lang                 # literals with this language tag

    def __repr__(self) -> str:
        form = "node" if self.node else f"^^{self.datatype}" if self.datatype else f"@{self.lang}" if self.lang else "plain"
        return f"Prop({self.iri} {form})"

    def term(self, value: str):
        """The object `value` of this predicate as an rdflib term."""
        if self.node:
            return BNode(value[2:]) if value.startswith(BLANK) else URIRef(value)
        return Literal(value, lang=self.lang, datatype=self.datatype)


_PROPS: dict[tuple, Prop] = {}


def prop(iri: str, *, node: bool = False, datatype: str | None = None, lang: str | None = None) -> Prop:
    """The one Prop of this predicate and object form."""
    key = (str(iri), node, None if datatype is None else str(datatype), lang)
    found = _PROPS.get(key)
    if found is None:
        if node and (datatype or lang):
            raise ValueError("IRI objects have no datatype or language")
        if datatype and lang:
            raise ValueError("a literal has a datatype or a language, not both")
        found = _PROPS[key] = Prop(*key)
    return found


def node_prop(iri: str) -> Prop:
    return prop(iri, node=True)


def _home_graphs(home: Home) -> Iterable[str | None]:
    if home is None:
        return (None,)
    if type(home) is str:
        return (home,)
    return home


def subject_key(subject: str) -> tuple[bool, str]:
    """Subjects in Turtle's order: IRIs by their text, then blank nodes by label."""
    return (True, subject[2:]) if subject.startswith(BLANK) else (False, subject)


class Triples:
    """The triples of one graph, by subject, each group with its home (see the module)."""

    def __init__(self, prefixes: Mapping[str, str] | None = None) -> None:
        self.prefixes: dict[str, str] = {p: str(ns) for p, ns in (prefixes or {}).items()}
        self._subjects: dict[str, list] = {}     # subject -> [home, [prop, value, prop, value …], home, …]
        self._count = 0

    # ------------------------------------------------------------ filling

    def add(self, subject: str, home: Home, arcs: list) -> None:
        """Add the triples (subject, arcs[0], arcs[1]), (subject, arcs[2], arcs[3]) …, all in `home`.

        The caller sees to it that none of them is in this Triples already: a
        repeat would be written once but counted twice.
        """
        if not arcs:
            return
        groups = self._subjects.get(subject)
        if groups is None:
            self._subjects[subject] = [home, arcs]
        else:
            groups.append(home)
            groups.append(arcs)
        self._count += len(arcs) // 2

    # ------------------------------------------------------------ reading

    def __len__(self) -> int:
        return self._count

    def __contains__(self, subject: str) -> bool:
        return subject in self._subjects

    def subjects(self) -> list[str]:
        """Every subject, in no particular order."""
        return list(self._subjects)

    def arcs(self, subject: str) -> list:
        """[prop, value, prop, value …] of `subject` in every graph, unsorted (read only:
        it may be the list the Triples keeps).  Read it as pairs with `zip(it, it)`
        over one iterator `it`."""
        groups = self._subjects[subject]
        if len(groups) == 2:
            return groups[1]
        arcs: list = []
        for group in groups[1::2]:
            arcs += group
        return arcs

    def pairs(self, subject: str) -> list[tuple[Prop, str]]:
        """The (predicate, object) pairs of `subject`, in every graph, unsorted."""
        arcs = iter(self.arcs(subject))
        return list(zip(arcs, arcs))

    def groups(self, subject: str) -> list:
        """[home, arcs, home, arcs …] of `subject` (read only)."""
        return self._subjects[subject]

    def __iter__(self) -> Iterator[tuple[str, Prop, str]]:
        for subject, groups in self._subjects.items():
            for arcs in groups[1::2]:
                for index in range(0, len(arcs), 2):
                    yield subject, arcs[index], arcs[index + 1]

    def iris(self, graphs: bool = False) -> set[str]:
        """Every IRI used: subjects, predicates, IRI objects, datatypes (and with `graphs`,
        the names of the named graphs)."""
        found = {s for s in self._subjects if not s.startswith(BLANK)}
        # the forms of a group's arcs -> a function that picks the IRI objects out of the
        # arcs (groups of one kind of subject share their forms: found once per form)
        pickers: dict[tuple, Callable[[list], tuple]] = {}
        add, update = found.add, found.update
        for groups in self._subjects.values():
            for index in range(0, len(groups), 2):
                home, arcs = groups[index], groups[index + 1]
                if graphs and home is not None:
                    if type(home) is str:
                        add(home)
                    else:
                        update(home)
                kinds = tuple(arcs[::2])
                pick = pickers.get(kinds)
                if pick is None:
                    pick = pickers[kinds] = _picker(kinds)
                update(pick(arcs))
        props = {kind for kinds in pickers for kind in kinds}
        found.update(p.iri for p in props)
        found.update(p.datatype for p in props if p.datatype)
        return {iri for iri in found if not iri.startswith(BLANK)}

    def by_graph(self, order: list[str]) -> dict[str | None, list[tuple[str, list]]]:
        """{graph: [(subject, [prop, value, …]) …]}: the triples of each graph, subjects in
        the order of `order` (every subject), each subject once per graph.  The default
        graph is None."""
        found: dict[str | None, list[tuple[str, list]]] = {}
        subjects = self._subjects
        for subject in order:
            groups = subjects[subject]
            if len(groups) == 2:              # most subjects: one group, in one graph
                home = groups[0]
                if home is None or type(home) is str:
                    listed = found.get(home)
                    if listed is None:
                        listed = found[home] = []
                    listed.append((subject, groups[1]))
                    continue
                for graph in home:
                    found.setdefault(graph, []).append((subject, groups[1]))
                continue
            mine: dict[str | None, list] = {}
            for index in range(0, len(groups), 2):
                for graph in _home_graphs(groups[index]):
                    arcs = mine.get(graph)
                    if arcs is None:
                        mine[graph] = groups[index + 1]
                    else:
                        if type(arcs) is not _Joined:
                            arcs = mine[graph] = _Joined(arcs)
                        arcs.extend(groups[index + 1])
            for graph, arcs in mine.items():
                found.setdefault(graph, []).append((subject, arcs))
        return found

    # ------------------------------------------------------------ rdflib

    def to_rdflib(self) -> Graph:
        """The same triples as an rdflib.Graph, with the prefixes bound (for callers
        that want rdflib's API; the build itself never needs it)."""
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace)
        nodes: dict[str, URIRef | BNode] = {}

        def node(value: str):
            term = nodes.get(value)
            if term is None:
                term = nodes[value] = BNode(value[2:]) if value.startswith(BLANK) else URIRef(value)
            return term

        predicates: dict[str, URIRef] = {}
        store_add = graph.add

        def triples():
            for subject, groups in self._subjects.items():
                s = node(subject)
                for arcs in groups[1::2]:
                    for index in range(0, len(arcs), 2):
                        kind, value = arcs[index], arcs[index + 1]
                        p = predicates.get(kind.iri)
                        if p is None:
                            p = predicates[kind.iri] = URIRef(kind.iri)
                        yield s, p, node(value) if kind.node else kind.term(value)
        for triple in triples():
            store_add(triple)
        return graph

    @classmethod
    def from_rdflib(cls, graph: Graph, homes: Mapping | None = None) -> Triples:
        """The triples of an rdflib graph, with its bound prefixes.  `homes`, when given,
        maps each triple to the set of its named graphs (empty: the default graph);
        without it every triple is in the default graph."""
        triples = cls({prefix: str(ns) for prefix, ns in graph.namespaces()})
        by_subject: dict[str, dict[Home, list]] = {}
        for s, p, o in graph:
            subject = _value(s)
            if isinstance(o, Literal):
                kind = prop(str(p), datatype=str(o.datatype) if o.datatype is not None else None,
                            lang=o.language or None)
            else:
                kind = prop(str(p), node=True)
            places = homes.get((s, p, o), ()) if homes is not None else ()
            home: Home = (None if not places else str(next(iter(places))) if len(places) == 1
                          else frozenset(str(g) for g in places))
            by_subject.setdefault(subject, {}).setdefault(home, []).extend((kind, _value(o)))
        for subject, groups in by_subject.items():
            for home, arcs in groups.items():
                triples.add(subject, home, arcs)
        return triples


def _value(term) -> str:
    if isinstance(term, BNode):
        return BLANK + str(term)
    if isinstance(term, (URIRef, Literal)):
        return str(term)
    raise TypeError(f"cannot keep {term!r} as a term")


def _picker(kinds: tuple) -> Callable[[list], tuple]:
    """arcs -> the objects of their IRI (node) forms, as a tuple."""
    places = [2 * number + 1 for number, kind in enumerate(kinds) if kind.node]
    if not places:
        return lambda arcs: ()
    if len(places) == 1:
        place = places[0]
        return lambda arcs: (arcs[place],)
    return itemgetter(*places)


class _Joined(list):
    """The arcs of one subject in one graph gathered from several groups (a fresh list,
    so that the groups themselves are never changed)."""
