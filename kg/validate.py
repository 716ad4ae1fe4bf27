"""SHACL validation of a build: OUT/graph.ttl against ontology/shapes.ttl.

pyshacl is an optional dependency (`pip install "kg[validate]"`).  The
ontology is given to pyshacl as `ont_graph`, so that `sh:class kg:Organization`
accepts a kg:GovernmentAgency.  Each result is turned into one line a
person can act on: the focus node's label, the shape's message and the
offending value(s).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .query import GRAPH_FILE
from .rdf.terms import SH, ontology_path
from .export.outdir import missing_build

INSTALL_HINT = 'kg validate needs pyshacl: pip install "kg[validate]" (or pip install pyshacl)'
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_MAX_VALUES = 5


class ValidateError(Exception):
    """Validation could not run: no output folder, no graph, or no pyshacl."""


@dataclass(frozen=True)
class Violation:
    focus: str                  # the focus node, as a prefixed name or <IRI>
    label: str | None           # its rdfs:label, when it has one
    message: str                # the shape's sh:message, or pyshacl's own words
    path: str | None            # the property checked, when the shape has one
    values: tuple[str, ...]     # the offending value(s), or the values found on `path`
    severity: str = "violation"

    def describe(self) -> str:
        who = f"{self.label} ({self.focus})" if self.label else self.focus
        text = f"{who}: {self.message}"
        if self.values:
            shown = ", ".join(self.values[:_MAX_VALUES])
            more = f" and {len(self.values) - _MAX_VALUES} more" if len(self.values) > _MAX_VALUES else ""
            noun = "value" if len(self.values) == 1 else "values"
            text += f" — {self.path + ' ' if self.path else ''}{noun} {shown}{more}"
        return text if self.severity == "violation" else f"[{self.severity}] {text}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int                # in the data graph

    def describe(self) -> str:
        if self.conforms and not self.violations:
            return f"conforms to the SHACL shapes ({self.triples:,} triples checked)"
        count = sum(1 for v in self.violations if v.severity == "violation")
        head = (f"{count} violation{'s' if count != 1 else ''} of the SHACL shapes "
                f"({self.triples:,} triples checked):")
        return "\n".join([head, *("  " + v.describe() for v in self.violations)])


def _pyshacl():
    try:
        import pyshacl
    except ImportError:
        raise ValidateError(INSTALL_HINT) from None
    return pyshacl


def _load_packaged(name: str) -> Graph:
    with ontology_path(name).open("rb") as stream:
        return Graph().parse(stream, format="turtle")


def _name(data: Graph, term: Node) -> str:
    """A term as a reader of graph.ttl would write it: prefixed when possible."""
    if isinstance(term, Literal):
        return term.n3(data.namespace_manager)
    if isinstance(term, URIRef):
        try:
            return data.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - rdflib raises several kinds for odd IRIs
            return f"<{term}>"
    return term.n3()


def _label(data: Graph, node: Node) -> str | None:
    labels = sorted(str(label) for label in data.objects(node, RDFS.label))
    return labels[0] if labels else None


def _violation(data: Graph, results: Graph, result: Node) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    value = results.value(result, SH.value)
    if value is not None:
        values = (_name(data, value),)
    elif isinstance(path, URIRef):                 # e.g. maxCount: show what is there
        values = tuple(sorted(_name(data, o) for o in data.objects(focus, path)))
    else:
        values = ()
    if not messages:
        component = results.value(result, SH.sourceConstraintComponent)
        messages = [f"breaks {_name(results, component)}" if component is not None else "invalid"]
    return Violation(focus=_name(data, focus), label=_label(data, focus), message="; ".join(messages),
                     path=_name(data, path) if isinstance(path, URIRef) else None, values=values,
                     severity=_SEVERITY.get(results.value(result, SH.resultSeverity), "violation"))


def validate_graph(data: Graph) -> ValidationReport:
    """Validate `data` against the packaged shapes, with the packaged ontology."""
    pyshacl = _pyshacl()
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=_load_packaged("shapes.ttl"), ont_graph=_load_packaged("kg.ttl"),
        inference="none", allow_warnings=True)
    violations = sorted(
        (_violation(data, results, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (v.severity != "violation", v.label or "", v.focus, v.path or "", v.message, v.values))
    unique = tuple(dict.fromkeys(violations))      # one line per distinct problem
    return ValidationReport(conforms=bool(conforms), violations=unique, triples=len(data))


def validate_output(out_dir: str | Path) -> ValidationReport:
    """Validate the graph.ttl of a build's output folder."""
    out = Path(out_dir)
    problem = missing_build(out, GRAPH_FILE)
    if problem:
        raise ValidateError(problem)
    path = out / GRAPH_FILE
    _pyshacl()                                     # fail before a long parse
    try:
        data = Graph().parse(path, format="turtle")
    except Exception as error:  # noqa: BLE001 - rdflib raises many kinds for bad input
        raise ValidateError(f"cannot read {path}: {' '.join(str(error).split())[:300]}") from None
    return validate_graph(data)
