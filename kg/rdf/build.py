"""KnowledgeGraph -> its triples, following the contract and ontology/kg.ttl.

`graph_triples` makes the triples of a build once, straight from the
KnowledgeGraph, as compact `Triples` (kg.rdf.triples) that every RDF writer
reads; `build_graph` gives the same triples as an rdflib.Graph, for code
that wants rdflib's API.  One pass over documents, entities, relations and
metrics: linear in the size of the graph.

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

Each triple is made with its home, the named graph(s) of TriG and N-Quads
it belongs to, so that `GRAPH ?doc { … }` tells where a statement came from:

- a document's own triples go in its graph;
- an entity's triples go in the graph of every document that mentions it,
  except `kg:mentionedIn D`, which goes in the graph of D only;
- a metric and a reified statement with an evidence sentence go in the
  graph of their document;
- a relation triple (`<a> kg:worksFor <b>`, and a role such as
  `kg:builder`) goes in the graph of every document whose evidence sentence
  supports it;
- what comes from knowledge rather than from a sentence (the gazetteer's
  containment, statements without kg:evidence, the pseudo-document they
  cite) and the metric dataset go in the default graph.

(kg.export.named_graphs reads the same split off an rdflib graph.)
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..model import KnowledgeGraph
from .iris import (check_base, document_iri_text, entity_iri_text,
                   metric_dataset_iri_text, metric_iri_text, statement_iri_text)
from .terms import (DCTERMS, DEFAULT_BASE, DOCUMENT_CLASS, INVOLVES_ROLES, KG, METRIC_CLASS,
                    PREFIXES, QB, RELATION_PROPERTIES, SUBTYPES, TYPE_CLASSES)
from .triples import Home, Prop, Triples, node_prop, prop


def decimal_lexical(number: Decimal | int | float) -> str:
    """The canonical xsd:decimal form: no exponent, at least one digit after the point."""
    number = Decimal(str(number)) if isinstance(number, float) else Decimal(number)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {number}")
    text = format(number, "f")      # never an exponent; normalize() would round past 28 digits
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text += ".0" if "." not in text else ""
    if text.startswith("-") and text.strip("-0.") == "":
        text = "0.0"
    return text


def decimal_literal(number: Decimal | int | float) -> Literal:
    """An xsd:decimal in canonical form: no exponent, at least one digit after the point."""
    return Literal(decimal_lexical(number), datatype=XSD.decimal)


def year_lexical(year: int) -> str:
    return f"{year:04d}"


def year_literal(year: int) -> Literal:
    return Literal(year_lexical(year), datatype=XSD.gYear)


class _P:
    """The predicates of the graph with the form of their objects, made once."""
    type = node_prop(RDF.type)
    label = prop(RDFS.label, lang="zh")              # names are Chinese
    plain_label = prop(RDFS.label)                    # a document's label is its file name
    english_label = prop(RDFS.label, lang="en")
    alt_label = prop(SKOS.altLabel, lang="zh")
    notation = prop(SKOS.notation)
    subject, predicate, object = node_prop(RDF.subject), node_prop(RDF.predicate), node_prop(RDF.object)
    date = prop(DCTERMS.date, datatype=XSD.gYear)
    data_set, structure = node_prop(QB.dataSet), node_prop(QB.structure)
    mentioned_in, about = node_prop(KG.mentionedIn), node_prop(KG.about)
    byline = prop(KG.byline, datatype=XSD.boolean)
    value, change = prop(KG.value, datatype=XSD.decimal), prop(KG.change, datatype=XSD.decimal)
    change_absolute = prop(KG.changeAbsolute, datatype=XSD.decimal)
    year = prop(KG.year, datatype=XSD.gYear)
    (source_path, encoding, newspaper, headline, dateline, title, role, evidence, indicator, unit,
     raw_value, period, status, approximate) = (
        prop(KG[name]) for name in ("sourcePath", "encoding", "newspaper", "headline", "dateline",
                                    "title", "role", "evidence", "indicator", "unit", "rawValue",
                                    "period", "status", "approximate"))


_RELATIONS: dict[str, Prop] = {name: node_prop(iri) for name, iri in RELATION_PROPERTIES.items()}
_ROLES: dict[str, Prop] = {role: node_prop(iri) for role, iri in INVOLVES_ROLES.items()}
_INVOLVES = str(KG.involves)
_CLASSES: dict[str, str] = {name: str(iri) for name, iri in TYPE_CLASSES.items()}
_SUBTYPES: dict[str, dict[str, str]] = {
    main: {name: str(KG[name]) for name in names} for main, names in SUBTYPES.items()}
_DOCUMENT, _METRIC, _STATEMENT = str(DOCUMENT_CLASS), str(METRIC_CLASS), str(RDF.Statement)


def _home(graphs: set[str]) -> Home:
    if not graphs:
        return None
    if len(graphs) == 1:
        return next(iter(graphs))
    return frozenset(graphs)


class _Builder:
    def __init__(self, kg: KnowledgeGraph, base: str) -> None:
        self.kg = kg
        self.base = check_base(base)
        self.triples = Triples(PREFIXES)
        self._docs: dict[str, str] = {}
        self._entities: dict[str, str] = {}
        # Documents that get a named graph: read from a file, or cited by something other
        # than knowledge.  The others (the gazetteer's pseudo-document) are knowledge too.
        self.sources = {info.doc_id for info in kg.documents}
        for entity in kg.entities.values():
            self.sources.update(entity.docs)
        self.sources.update(e.doc_id for r in kg.relations for e in r.evidence if e.sentence)
        self.sources.update(m.evidence.doc_id for m in kg.metrics)
        self._document_arcs: dict[str, dict[tuple[Prop, str], None]] = {}

    def doc(self, doc_id: str) -> str:
        """The document's IRI; typed on first use, so that evidence never points
        at an untyped node even when the document has no DocumentInfo."""
        iri = self._docs.get(doc_id)
        if iri is None:
            iri = self._docs[doc_id] = document_iri_text(self.base, doc_id)
            self._document_arcs[doc_id] = {(_P.type, _DOCUMENT): None, (_P.plain_label, doc_id): None}
        return iri

    def home_of(self, doc_id: str) -> Home:
        """The graph of what a document says: its own, or the default graph for knowledge."""
        return self.doc(doc_id) if doc_id in self.sources else None

    def entity(self, entity_id: str) -> str:
        iri = self._entities.get(entity_id)
        if iri is None:
            iri = self._entities[entity_id] = entity_iri_text(self.base, entity_id)
        return iri

    # ------------------------------------------------------------ parts

    def add_documents(self) -> None:
        for info in self.kg.documents:
            self.doc(info.doc_id)
            arcs = self._document_arcs[info.doc_id]
            arcs[(_P.source_path, info.path)] = None
            arcs[(_P.encoding, info.encoding)] = None
            if info.newspaper:
                arcs[(_P.newspaper, info.newspaper)] = None
            if info.year is not None:
                arcs[(_P.date, year_lexical(info.year))] = None
            for headline in info.headlines:
                arcs[(_P.headline, headline)] = None
            for dateline in info.datelines:
                arcs[(_P.dateline, dateline)] = None

    def flush_documents(self) -> None:
        """Every document node, once every document cited is known."""
        for doc_id, pairs in self._document_arcs.items():
            self.triples.add(self._docs[doc_id], self.home_of(doc_id), [x for pair in pairs for x in pair])

    def add_entity(self, entity) -> None:
        node = self.entity(entity.id)
        main = _CLASSES.get(entity.type)
        if main is None:
            raise ValueError(f"entity {entity.id!r} has unknown type {entity.type!r}")
        arcs = [_P.type, main]
        subtype = _SUBTYPES.get(entity.type, {}).get(entity.subtype) if entity.subtype else None
        if subtype:
            arcs += (_P.type, subtype)
        arcs += (_P.label, entity.name)
        for alias in sorted(entity.aliases):
            if alias != entity.name:
                arcs += (_P.alt_label, alias)
        if entity.notation:
            arcs += (_P.notation, entity.notation)
        for title in sorted(entity.titles):
            arcs += (_P.title, title)
        if entity.byline_roles:
            arcs += (_P.byline, "true")
            for role in sorted(entity.byline_roles):
                arcs += (_P.role, role)
        docs = [self.doc(doc_id) for doc_id in sorted(entity.docs)]
        self.triples.add(node, _home(set(docs)), arcs)
        for doc in docs:                   # each mention in the graph of its document only
            self.triples.add(node, doc, [_P.mentioned_in, doc])

    def add_relations(self) -> None:
        # A relation triple lives in the graphs of every sentence that supports it, over
        # every Relation of the same (subject, predicate, object).
        supported: dict[tuple[str, str, str], set[str]] = {}
        roles: dict[tuple[str, str, str], dict[str, None]] = {}
        seen_statements: set[str] = set()
        for relation in self.kg.relations:
            predicate = _RELATIONS.get(relation.predicate)
            if predicate is None:
                raise ValueError(f"relation {relation.key!r} has unknown predicate")
            key = relation.key
            graphs = supported.setdefault(key, set())
            chosen = roles.setdefault(key, {})
            if relation.role in _ROLES and predicate.iri == _INVOLVES:
                chosen[relation.role] = None
            subject, obj = self.entity(relation.subject), self.entity(relation.object)
            for evidence in relation.evidence:
                statement = statement_iri_text(self.base, relation.subject, relation.predicate,
                                               relation.object, evidence.doc_id, evidence.sentence)
                doc = self.doc(evidence.doc_id)
                if statement in seen_statements:
                    continue
                seen_statements.add(statement)
                arcs = [_P.type, _STATEMENT, _P.subject, subject, _P.predicate, predicate.iri,
                        _P.object, obj, _P.mentioned_in, doc]
                if evidence.sentence:
                    arcs += (_P.evidence, evidence.sentence)
                    graphs.add(doc)
                    self.triples.add(statement, doc, arcs)
                else:
                    self.triples.add(statement, None, arcs)      # knowledge: the default graph
        for key, graphs in supported.items():
            subject_id, name, object_id = key
            obj = self.entity(object_id)
            arcs = [_RELATIONS[name], obj]
            for role in roles[key]:
                arcs += (_ROLES[role], obj)
            self.triples.add(self.entity(subject_id), _home(graphs), arcs)

    def add_metrics(self) -> None:
        if not self.kg.metrics:
            return
        dataset = metric_dataset_iri_text(self.base)
        self.triples.add(dataset, None, [_P.type, str(QB.DataSet), _P.structure, str(KG.MetricStructure),
                                         _P.english_label, "metrics"])
        seen: set[str] = set()
        for metric in self.kg.metrics:
            node = metric_iri_text(self.base, metric.id)
            arcs = [_P.type, _METRIC, _P.data_set, dataset]
            if metric.about:
                arcs += (_P.about, self.entity(metric.about))
            arcs += (_P.indicator, metric.indicator)
            if metric.value is not None:
                arcs += (_P.value, decimal_lexical(metric.value))
            if metric.unit:
                arcs += (_P.unit, metric.unit)
            if metric.raw:
                arcs += (_P.raw_value, metric.raw)
            if metric.change is not None:
                arcs += (_P.change, decimal_lexical(metric.change))
            if metric.change_abs is not None:
                arcs += (_P.change_absolute, decimal_lexical(metric.change_abs))
            if metric.year is not None:
                arcs += (_P.year, year_lexical(metric.year))
            if metric.period:
                arcs += (_P.period, metric.period)
            arcs += (_P.status, metric.status)
            if metric.approximate:
                arcs += (_P.approximate, metric.approximate)
            doc = self.doc(metric.evidence.doc_id)
            arcs += (_P.mentioned_in, doc)
            if metric.evidence.sentence:
                arcs += (_P.evidence, metric.evidence.sentence)
            if node not in seen:               # metric ids are unique: this is the rule
                seen.add(node)
                self.triples.add(node, doc, arcs)
            else:                              # a repeated id: its node gets what is new
                known = set(self.triples.pairs(node))
                self.triples.add(node, doc, [x for pair in zip(arcs[::2], arcs[1::2])
                                             if pair not in known for x in pair])


def graph_triples(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Triples:
    """The triples of `kg`, resource IRIs under `base` (raises BaseIRIError for a bad base)."""
    builder = _Builder(kg, base)
    builder.add_documents()
    for entity in kg.entities.values():
        builder.add_entity(entity)
    builder.add_relations()
    builder.add_metrics()
    builder.flush_documents()
    return builder.triples


def build_graph(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of `kg` as an rdflib.Graph (the same triples as `graph_triples`)."""
    return graph_triples(kg, base).to_rdflib()
