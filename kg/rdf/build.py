"""KnowledgeGraph -> rdflib.Graph, following the contract and ontology/kg.ttl.

One pass over documents, entities, relations and metrics, adding triples
with `Graph.add`: linear in the size of the graph.

Choices a reader of the graph should know:
- an entity is typed with its main class (kg:Organization) and, when known,
  with its subtype (kg:GovernmentAgency) too, so that `?x a kg:Organization`
  works without the ontology and `rdfs:subClassOf*` works with it;
- a relation is a plain triple (`<person> kg:worksFor <org>`); a known
  involves role adds the subproperty triple (`kg:investor`) next to it;
- each piece of evidence of a relation is an rdf:Statement node
  (<base>statement/<hash>) with rdf:subject/rdf:predicate/rdf:object,
  kg:evidence (the sentence, absent for knowledge) and kg:mentionedIn (the
  document).
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..model import DocumentInfo, Entity, KnowledgeGraph, Metric, Relation
from .iris import (check_base, document_iri, entity_iri, metric_dataset_iri, metric_iri,
                   statement_iri)
from .terms import (DCTERMS, DEFAULT_BASE, DOCUMENT_CLASS, INVOLVES_ROLES, KG, METRIC_CLASS,
                    PREFIXES, QB, RELATION_PROPERTIES, SUBTYPES, TYPE_CLASSES)

_TRUE = Literal(True)


class _Terms:
    """The terms used per triple, looked up once (rdflib's Namespace attribute
    access took a tenth of the build time in cProfile)."""

    def __init__(self) -> None:
        for name in ("sourcePath", "encoding", "newspaper", "headline", "dateline", "title",
                     "byline", "role", "mentionedIn", "evidence", "about", "indicator", "value",
                     "unit", "rawValue", "change", "changeAbsolute", "year", "period", "status",
                     "approximate", "involves"):
            setattr(self, name, KG[name])
        self.type, self.label, self.altLabel, self.notation = RDF.type, RDFS.label, SKOS.altLabel, SKOS.notation
        self.Statement, self.subject, self.predicate, self.object = (
            RDF.Statement, RDF.subject, RDF.predicate, RDF.object)
        self.date, self.dataSet = DCTERMS.date, QB.dataSet


_T = _Terms()


def decimal_literal(number: Decimal | int | float) -> Literal:
    """An xsd:decimal in canonical form: no exponent, at least one digit after the point."""
    number = Decimal(str(number)) if isinstance(number, float) else Decimal(number)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {number}")
    text = format(number, "f")      # never an exponent; normalize() would round past 28 digits
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text += ".0" if "." not in text else ""
    if text.startswith("-") and text.strip("-0.") == "":
        text = "0.0"
    return Literal(text, datatype=XSD.decimal)


def year_literal(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _string(text: str) -> Literal:
    return Literal(text)


class _Builder:
    def __init__(self, base: str) -> None:
        self.base = check_base(base)
        self.graph = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.add = self.graph.add
        self._docs: dict[str, URIRef] = {}
        self._entities: dict[str, URIRef] = {}

    def doc(self, doc_id: str) -> URIRef:
        """The document's IRI; typed on first use, so that evidence never points
        at an untyped node even when the document has no DocumentInfo."""
        iri = self._docs.get(doc_id)
        if iri is None:
            iri = self._docs[doc_id] = document_iri(self.base, doc_id)
            self.add((iri, _T.type, DOCUMENT_CLASS))
            self.add((iri, _T.label, _string(doc_id)))
        return iri

    def entity(self, entity_id: str) -> URIRef:
        iri = self._entities.get(entity_id)
        if iri is None:
            iri = self._entities[entity_id] = entity_iri(self.base, entity_id)
        return iri

    # ------------------------------------------------------------ parts

    def add_document(self, info: DocumentInfo) -> None:
        node, add = self.doc(info.doc_id), self.add
        add((node, _T.sourcePath, _string(info.path)))
        add((node, _T.encoding, _string(info.encoding)))
        if info.newspaper:
            add((node, _T.newspaper, _string(info.newspaper)))
        if info.year is not None:
            add((node, _T.date, year_literal(info.year)))
        for headline in info.headlines:
            add((node, _T.headline, _string(headline)))
        for dateline in info.datelines:
            add((node, _T.dateline, _string(dateline)))

    def add_entity(self, entity: Entity) -> None:
        node, add = self.entity(entity.id), self.add
        main = TYPE_CLASSES.get(entity.type)
        if main is None:
            raise ValueError(f"entity {entity.id!r} has unknown type {entity.type!r}")
        add((node, _T.type, main))
        if entity.subtype and entity.subtype in SUBTYPES.get(entity.type, ()):
            add((node, _T.type, KG[entity.subtype]))
        add((node, _T.label, _zh(entity.name)))
        for alias in sorted(entity.aliases):
            if alias != entity.name:
                add((node, _T.altLabel, _zh(alias)))
        if entity.notation:
            add((node, _T.notation, _string(entity.notation)))
        for title in sorted(entity.titles):
            add((node, _T.title, _string(title)))
        if entity.byline_roles:
            add((node, _T.byline, _TRUE))
            for role in sorted(entity.byline_roles):
                add((node, _T.role, _string(role)))
        for doc_id in sorted(entity.docs):
            add((node, _T.mentionedIn, self.doc(doc_id)))

    def add_relation(self, relation: Relation) -> None:
        predicate = RELATION_PROPERTIES.get(relation.predicate)
        if predicate is None:
            raise ValueError(f"relation {relation.key!r} has unknown predicate")
        subject, obj, add = self.entity(relation.subject), self.entity(relation.object), self.add
        add((subject, predicate, obj))
        if relation.role in INVOLVES_ROLES and predicate == _T.involves:
            add((subject, INVOLVES_ROLES[relation.role], obj))
        for evidence in relation.evidence:
            statement = statement_iri(self.base, relation.subject, relation.predicate,
                                      relation.object, evidence.doc_id, evidence.sentence)
            add((statement, _T.type, _T.Statement))
            add((statement, _T.subject, subject))
            add((statement, _T.predicate, predicate))
            add((statement, _T.object, obj))
            add((statement, _T.mentionedIn, self.doc(evidence.doc_id)))
            if evidence.sentence:
                add((statement, _T.evidence, _string(evidence.sentence)))

    def add_metric(self, metric: Metric, dataset: URIRef) -> None:
        node, add = metric_iri(self.base, metric.id), self.add
        add((node, _T.type, METRIC_CLASS))
        add((node, _T.dataSet, dataset))
        if metric.about:
            add((node, _T.about, self.entity(metric.about)))
        add((node, _T.indicator, _string(metric.indicator)))
        if metric.value is not None:
            add((node, _T.value, decimal_literal(metric.value)))
        if metric.unit:
            add((node, _T.unit, _string(metric.unit)))
        if metric.raw:
            add((node, _T.rawValue, _string(metric.raw)))
        if metric.change is not None:
            add((node, _T.change, decimal_literal(metric.change)))
        if metric.change_abs is not None:
            add((node, _T.changeAbsolute, decimal_literal(metric.change_abs)))
        if metric.year is not None:
            add((node, _T.year, year_literal(metric.year)))
        if metric.period:
            add((node, _T.period, _string(metric.period)))
        add((node, _T.status, _string(metric.status)))
        if metric.approximate:
            add((node, _T.approximate, _string(metric.approximate)))
        add((node, _T.mentionedIn, self.doc(metric.evidence.doc_id)))
        if metric.evidence.sentence:
            add((node, _T.evidence, _string(metric.evidence.sentence)))

    def add_dataset(self) -> URIRef:
        dataset = metric_dataset_iri(self.base)
        self.add((dataset, _T.type, QB.DataSet))
        self.add((dataset, QB.structure, KG.MetricStructure))
        self.add((dataset, _T.label, Literal("metrics", lang="en")))
        return dataset


def build_graph(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of `kg`, resource IRIs under `base` (raises BaseIRIError for a bad base)."""
    builder = _Builder(base)
    for info in kg.documents:
        builder.add_document(info)
    for entity in kg.entities.values():
        builder.add_entity(entity)
    for relation in kg.relations:
        builder.add_relation(relation)
    if kg.metrics:
        dataset = builder.add_dataset()
        for metric in kg.metrics:
            builder.add_metric(metric, dataset)
    return builder.graph
