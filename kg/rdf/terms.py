"""The vocabulary of the exported graph: namespaces, classes, properties.

The fixed core is ../../shared/spec/CONTRACT.md; ontology/kg.ttl declares
every term used here.  Code that writes or reads the graph takes its terms
from this module, never from string literals, so that a renamed term fails
at import time instead of silently producing an empty query.
"""
from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..model import (EVENT, INITIATIVE, ORGANIZATION, PERSON, PLACE, POLICY, PROJECT,
                     INVOLVES, LOCATED_IN, WORKS_FOR)

KG = Namespace("https://example.org/kg/ontology#")
DEFAULT_BASE = "https://example.org/kg/resource/"
RES = Namespace(DEFAULT_BASE)                    # resources under the default base only

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")        # rdflib's SDO uses the https form too
PROV = Namespace("http://www.w3.org/ns/prov#")
QB = Namespace("http://purl.org/linked-data/cube#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Prefixes bound in every graph we write and in every query we run, so that
# `kg query` users can leave out the PREFIX lines for these.
PREFIXES: dict[str, Namespace] = {
    "kg": KG, "rdf": Namespace(str(RDF)), "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)), "skos": Namespace(str(SKOS)), "owl": Namespace(str(OWL)),
    "org": ORG, "schema": SCHEMA, "prov": PROV, "qb": QB, "dcterms": DCTERMS,
}

# model.py type name -> class; the five scored ones plus the unscored ones we keep.
TYPE_CLASSES = {name: KG[name] for name in (ORGANIZATION, PLACE, PROJECT, PERSON,
                                            INITIATIVE, EVENT, POLICY)}
METRIC_CLASS = KG.Metric
DOCUMENT_CLASS = KG.Document

# Subtypes of ANNOTATION.md, by the type they refine.  An entity's subtype
# is only used when it belongs to the entity's own type: a subclass of two
# scored classes would make the scorer (and any reader) see two types.
SUBTYPES: dict[str, frozenset[str]] = {
    ORGANIZATION: frozenset({"GovernmentAgency", "PartyOrganization", "Company",
                             "Institution", "Association", "Media"}),
    PLACE: frozenset({"Country", "AdministrativeRegion", "Port", "DevelopmentZone",
                      "NaturalSite", "Region"}),
}

RELATION_PROPERTIES = {name: KG[name] for name in (WORKS_FOR, LOCATED_IN, INVOLVES)}
# involves roles (LocalRelation.role) -> subproperties of kg:involves
INVOLVES_ROLES = {role: KG[role] for role in ("investor", "builder", "operator", "partner")}


def ontology_path(name: str = "kg.ttl") -> Traversable:
    """The file `name` of the ontology folder, installed or in a checkout.

    Looked for as package data of `kg.ontology` first (a wheel maps the
    repository's ontology/ there), then under kg/resources/ontology/, then in
    the ontology/ folder next to the kg package (a source checkout).
    """
    candidates: list[Traversable] = []
    for package, parts in (("kg.ontology", ()), ("kg.resources", ("ontology",))):
        try:
            folder = resources.files(package)
        except (ModuleNotFoundError, TypeError):
            continue
        for part in parts:
            folder = folder / part
        candidates.append(folder / name)
    candidates.append(Path(__file__).resolve().parents[2] / "ontology" / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"ontology file {name!r} not found (looked in kg.ontology, "
                            f"kg/resources/ontology and the repository's ontology/)")
