"""IRIs of the resources of the graph: stable, readable, valid.

An IRI is the base followed by the resolver's id (entity ids look like
"place/150100" or "organization/伊利集团").  Characters that IRIs allow
(CJK among them, RFC 3987 `ucschar`) are kept as they are, so that the
Turtle stays readable; only what an IRI forbids, or what would change its
meaning (`#`, `?`, `%`, spaces, controls, invisible characters), is
percent-encoded as UTF-8.  The mapping is a pure function of its input,
so the same name gives the same IRI in every run.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from .terms import DEFAULT_BASE


class BaseIRIError(ValueError):
    """The base given by the user cannot prefix resource IRIs."""


_ASCII_KEPT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        "-._~!$&'()*+,;=:@")


@lru_cache(maxsize=65536)
def _char_allowed(char: str) -> bool:
    """True when `char` may stand unencoded in an IRI path segment."""
    code = ord(char)
    if code < 0x80:
        return char in _ASCII_KEPT
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn"):
        return False    # invisible, private or unassigned: encode, never guess
    return (0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
            or (0x10000 <= code <= 0xEFFFD and (code & 0xFFFF) < 0xFFFE))


def _encode_char(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


# Text made only of kept ASCII and of CJK unified ideographs (every one of them assigned and
# allowed): most ids, told in one regular-expression match instead of a test per character.
_PLAINLY_KEPT = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@\u4E00-\u9FFF]+")


def encode_segment(text: str) -> str:
    """Percent-encode one path segment (a `/` in it is encoded too)."""
    if text in (".", ".."):
        return text.replace(".", "%2E")          # would be removed by IRI normalization
    if _PLAINLY_KEPT.fullmatch(text) or all(_char_allowed(char) for char in text):
        return text
    return "".join(char if _char_allowed(char) else _encode_char(char) for char in text)


def encode_id(text: str) -> str:
    """Percent-encode an id "folder/name": the first `/` separates, any later one is
    part of the name (A/B公司) and is encoded, so that every IRI of a folder
    shares one namespace (and one Turtle prefix)."""
    folder, slash, name = text.partition("/")
    if not slash:
        return encode_segment(text)
    return encode_segment(folder) + "/" + encode_segment(name)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def check_base(base: str) -> str:
    """The base as used: an absolute IRI ending with `/` or `#` (a `/` is added)."""
    if not base or not _SCHEME.match(base) or any(c in base for c in '<>"{}|\\^`'):
        raise BaseIRIError(f"base IRI {base!r} is not an absolute IRI "
                           f"(expected something like {DEFAULT_BASE})")
    return base if base.endswith(("/", "#")) else base + "/"


def entity_iri(base: str, entity_id: str) -> URIRef:
    """IRI of an entity, e.g. entity_iri(base, "place/150100") -> <base>place/150100."""
    return URIRef(entity_iri_text(base, entity_id))


def document_iri(base: str, doc_id: str) -> URIRef:
    """IRI of a source document: <base>document/<file name>."""
    return URIRef(document_iri_text(base, doc_id))


def metric_iri(base: str, metric_id: str) -> URIRef:
    """IRI of a metric: <base>metric/<id>, the id as one segment (a leading metric/ is not doubled)."""
    return URIRef(metric_iri_text(base, metric_id))


def statement_iri(base: str, subject: str, predicate: str, obj: str,
                  doc_id: str, sentence: str | None) -> URIRef:
    """IRI of the reified statement that records one piece of evidence for a relation.

    A hash of everything the statement says, so that it is stable from run
    to run and two different pieces of evidence never share a node.
    """
    return URIRef(statement_iri_text(base, subject, predicate, obj, doc_id, sentence))


def metric_dataset_iri(base: str) -> URIRef:
    """The one qb:DataSet every metric of a build belongs to."""
    return URIRef(metric_dataset_iri_text(base))


# The same IRIs as plain strings, for kg.rdf.build (a URIRef costs more and
# compares slower; the triples of a build keep str).

def entity_iri_text(base: str, entity_id: str) -> str:
    return base + encode_id(entity_id)


def document_iri_text(base: str, doc_id: str) -> str:
    return base + "document/" + encode_segment(doc_id)


def metric_iri_text(base: str, metric_id: str) -> str:
    return base + "metric/" + encode_segment(metric_id.removeprefix("metric/"))


def statement_iri_text(base: str, subject: str, predicate: str, obj: str,
                       doc_id: str, sentence: str | None) -> str:
    key = "\x1f".join((subject, predicate, obj, doc_id, sentence or ""))
    return f"{base}statement/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def metric_dataset_iri_text(base: str) -> str:
    return base + "dataset/metrics"
