"""What `kg build --update` needs to add documents to a build, kept in OUT/.kg-store/.

Extraction is a pure function of one document, and resolution needs nothing
but the extractions and the documents' names; so a build keeps

- `documents.jsonl`: one line per document, in build order: its id, path,
  encoding, length in characters and the extraction of each of its articles
  (ArticleExtraction as JSON).  A build writes each line as soon as the
  document is extracted (`document_bytes`, in the process that extracted it)
  into a file next to OUT (`DocumentLines`), so that it need not keep the
  extractions, most of its memory, until the end for the store;
- `build.json`: the store's format, the version of kg that wrote it, the
  base IRI, and the IRI-relevant id, type and name of every entity.

`--update OUT FILES` then extracts only FILES, puts them in place of the
stored documents of the same doc_id (or adds them), resolves old and new
together and writes every output again.  Entity ids come from canonical
names, and a new article can bring a fuller name (伊利 -> 伊利集团): an
entity of the previous build that resolution would now call differently
keeps the id it had (`keep_ids`), so IRIs never change under --update.

JSON of the model's dataclasses: one object per dataclass with its field
names as keys (fields at their default left out), tuples as lists, Decimal
as a string (exact); reading follows the dataclasses' type hints.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from . import __version__
from .model import ArticleExtraction, KnowledgeGraph, SourceText

STORE = ".kg-store"
DOCUMENTS = "documents.jsonl"
BUILD = "build.json"
FORMAT = 1


class StoreError(Exception):
    """OUT holds no store that --update can use; the message says why and what to do."""


@dataclass(frozen=True)
class StoredDocument:
    """One document of a build: what resolution needs of it."""
    doc_id: str
    path: str
    encoding: str
    characters: int
    articles: tuple[ArticleExtraction, ...]

    @classmethod
    def of(cls, source: SourceText, articles: Iterable[ArticleExtraction]) -> StoredDocument:
        return cls(source.doc_id, source.path, source.encoding, len(source.text), tuple(articles))

    def source(self) -> SourceText:
        """The document as resolution sees it (its text is not kept: only its sentences are used)."""
        return SourceText(doc_id=self.doc_id, path=self.path, text="", encoding=self.encoding)


@dataclass(frozen=True)
class Store:
    documents: list[StoredDocument]
    base: str
    ids: dict[str, tuple[str, str]]      # entity id -> (type, canonical name)


# ---------------------------------------------------------------- dataclasses <-> JSON

def to_json(value):
    """A model value as JSON data: dataclasses as objects without their default fields."""
    kind = type(value)
    if kind is str or kind is int or value is None:     # most values: first, and cheap
        return value
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _converter(value)
    return convert(value)


def _list(value) -> list:
    return [item if type(item) is str else to_json(item) for item in value]


def _sorted(value) -> list:
    return sorted(to_json(item) for item in value)


def _same_value(value):
    return value


# type -> value -> JSON data.  A dataclass gets a function of its own, written once
# (_dataclass_converter): walking dataclasses.fields() per value took most of the
# time of writing the store.
_CONVERTERS: dict[type, typing.Callable] = {
    Decimal: str, tuple: _list, list: _list, set: _sorted, frozenset: _sorted,
    bool: _same_value, float: _same_value,
}


def _converter(value) -> typing.Callable:
    """The converter of `value`'s type (made and kept for a dataclass; a slow path for
    subclasses of the usual types, which are not kept)."""
    kind = type(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        convert = _CONVERTERS[kind] = _dataclass_converter(kind)
        return convert
    if isinstance(value, Decimal):
        return str
    if isinstance(value, (tuple, list)):
        return _list
    if isinstance(value, (set, frozenset)):
        return _sorted
    if isinstance(value, (str, int, float)):
        return _same_value
    raise TypeError(f"cannot store {type(value).__name__}: {value!r}")


def _dataclass_converter(cls: type) -> typing.Callable:
    """A function that turns a `cls` into a dict: its fields in order, those at their
    default left out (a value equal to the default but of another type is kept)."""
    namespace: dict[str, object] = {"to_json": to_json}
    lines = ["def convert(value):", "    data = {}"]
    for number, item in enumerate(dataclasses.fields(cls)):
        if item.default is not dataclasses.MISSING:
            default = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()           # compared, never handed out
        else:
            default = dataclasses.MISSING
        lines.append(f"    v = value.{item.name}")
        indent = "    "
        if default is None:
            lines.append("    if v is not None:")
            indent = "        "
        elif default is not dataclasses.MISSING:
            namespace[f"T{number}"], namespace[f"D{number}"] = type(default), default
            lines.append(f"    if not (type(v) is T{number} and v == D{number}):")
            indent = "        "
        lines.append(f"{indent}data[{item.name!r}] = v if type(v) is str or type(v) is int or v is None "
                     "else to_json(v)")
    lines.append("    return data")
    exec("\n".join(lines), namespace)   # noqa: S102 - our own code, from the fields of a model class
    return namespace["convert"]


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def from_json(hint, data):
    """The value of type `hint` (a model dataclass, tuple[X, ...], X | None, Decimal, str …)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot read a value of {hint}")
        return from_json(options[0], data)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(from_json(item, value) for value in data)
    if origin in (set, frozenset):
        item = typing.get_args(hint)[0]
        return origin(from_json(item, value) for value in data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{name: from_json(hints[name], value) for name, value in data.items()})
    if hint is Decimal:
        return Decimal(data)
    return data


def document_line(document: StoredDocument) -> str:
    return json.dumps(to_json(document), ensure_ascii=False, separators=(",", ":")) + "\n"


def document_bytes(source: SourceText, articles: Iterable[ArticleExtraction]) -> bytes:
    """The line of documents.jsonl of a document just extracted, in UTF-8."""
    return document_line(StoredDocument.of(source, articles)).encode("utf-8")


def read_document(line: str) -> StoredDocument:
    return from_json(StoredDocument, json.loads(line))


class DocumentLines:
    """documents.jsonl in the making: a file next to the output folder `beside`, a line added
    as each document is extracted, moved into the store when the build writes it.  `discard`
    removes it when the build does not get that far."""

    def __init__(self, beside: Path) -> None:
        self._beside = Path(beside)
        self._beside.parent.mkdir(parents=True, exist_ok=True)
        self._open()

    def _open(self) -> None:
        handle, name = tempfile.mkstemp(prefix=f".{self._beside.name}.documents.", suffix=".jsonl",
                                        dir=self._beside.parent)
        self.path = Path(name)
        self._stream = os.fdopen(handle, "wb")
        self._spans: dict[str, tuple[int, int]] = {}     # doc_id -> (offset, length) of its line
        self._end = 0

    def add(self, doc_id: str, line: bytes) -> None:
        self._stream.write(line)
        self._spans[doc_id] = (self._end, len(line))
        self._end += len(line)

    def reorder(self, documents: Sequence[StoredDocument]) -> None:
        """Make the file the lines of `documents` in their order (--update: the stored and
        the new documents merged): a line added here is taken as it is, the others are
        written from the document."""
        self._stream.close()
        added_path, added_spans = self.path, self._spans
        self._open()
        with added_path.open("rb") as added:
            for document in documents:
                span = added_spans.get(document.doc_id)
                if span is None:
                    line = document_line(document).encode("utf-8")
                else:
                    added.seek(span[0])
                    line = added.read(span[1])
                self.add(document.doc_id, line)
        added_path.unlink()

    def move_to(self, target: Path) -> Path:
        self._stream.close()
        shutil.move(self.path, target)
        return target

    def discard(self) -> None:
        self._stream.close()
        self.path.unlink(missing_ok=True)


# ---------------------------------------------------------------- writing and reading OUT

def write_store(folder: Path, documents: DocumentLines, graph: KnowledgeGraph, base: str) -> list[Path]:
    """Write the store of a build into `folder` (the build's temporary OUT): the lines of its
    documents are moved there; the paths written."""
    store = folder / STORE
    store.mkdir(parents=True, exist_ok=True)
    documents.move_to(store / DOCUMENTS)
    ids = {entity.id: [entity.type, entity.name] for entity in sorted(graph.entities.values(), key=lambda e: e.id)}
    build = {"format": FORMAT, "kg": __version__, "base": base, "entities": ids}
    (store / BUILD).write_text(json.dumps(build, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [store / DOCUMENTS, store / BUILD]


def stored_base(out_dir: Path) -> str | None:
    """The base IRI the build in `out_dir` used, if it has a readable store."""
    try:
        return _read_build(Path(out_dir))["base"]
    except (StoreError, KeyError, TypeError):
        return None


def _read_build(out_dir: Path) -> dict:
    path = out_dir / STORE / BUILD
    if not out_dir.is_dir():
        raise StoreError(f"no build at {out_dir} to update: run `kg build -o {out_dir} FILES` first")
    try:
        build = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{out_dir} holds no {STORE}/ (built by an older kg, or not by kg): "
                         "run a full build instead of --update") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}; run a full build instead of --update") from None
    if not isinstance(build, dict) or build.get("format") != FORMAT:
        raise StoreError(f"{path} is of another format; run a full build instead of --update")
    if build.get("kg") != __version__:
        raise StoreError(f"{out_dir} was built by kg {build.get('kg')} and this is kg {__version__}, "
                         "whose extraction may differ: run a full build instead of --update")
    return build


def load_store(out_dir: Path) -> Store:
    """The store of the build in `out_dir`; StoreError when there is none that can be used."""
    out_dir = Path(out_dir)
    build = _read_build(out_dir)
    path = out_dir / STORE / DOCUMENTS
    try:
        with path.open(encoding="utf-8") as stream:
            documents = [read_document(line) for line in stream if line.strip()]
        ids = {ident: (typ, name) for ident, (typ, name) in build["entities"].items()}
        return Store(documents=documents, base=build["base"], ids=ids)
    except (OSError, ValueError, TypeError, KeyError, InvalidOperation) as exc:
        raise StoreError(f"cannot read {path}: {exc}; run a full build instead of --update") from None


# ---------------------------------------------------------------- --update

def merge_documents(old: Sequence[StoredDocument], new: Sequence[StoredDocument]) -> list[StoredDocument]:
    """Old and new documents, a new one in place of an old one of the same doc_id, in doc_id order.

    The order does not depend on the order of the updates, so that adding B then
    C gives the same files as adding C then B, and as a full build of a folder.
    """
    by_id = {document.doc_id: document for document in old}
    by_id.update((document.doc_id, document) for document in new)
    return [by_id[doc_id] for doc_id in sorted(by_id)]


def _name_key(name: str) -> str:
    from .resolve.entities import normalize_name      # the form resolution compares names in
    return normalize_name(name)


def keep_ids(graph: KnowledgeGraph, previous: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Give entities of the previous build back their ids; returns {new id: kept id}.

    An id of the previous build that resolution no longer gives goes to the new
    entity of the same type that carries the previous canonical name as its
    name or an alias (the first by id when several do), unless that entity
    already has an id of the previous build.  Relations and metrics follow.
    """
    lost = {ident: entry for ident, entry in previous.items() if ident not in graph.entities}
    if not lost:
        return {}
    # (type, name as compared) -> the entities that carry it and have no id of the previous build
    carriers: dict[tuple[str, str], list[str]] = {}
    for entity in sorted(graph.entities.values(), key=lambda e: e.id):
        if entity.id in previous:
            continue
        for key in sorted({_name_key(name) for name in (entity.name, *entity.aliases)}):
            carriers.setdefault((entity.type, key), []).append(entity.id)
    renames: dict[str, str] = {}
    for old_id, (typ, name) in sorted(lost.items()):
        new_id = next((i for i in carriers.get((typ, _name_key(name)), ()) if i not in renames), None)
        if new_id is not None:
            renames[new_id] = old_id
    if renames:
        _rename(graph, renames)
    return renames


def _rename(graph: KnowledgeGraph, renames: dict[str, str]) -> None:
    entities = {}
    for ident, entity in graph.entities.items():
        if ident in renames:
            entity.id = renames[ident]
        entities[entity.id] = entity
    graph.entities = entities
    for relation in graph.relations:
        relation.subject = renames.get(relation.subject, relation.subject)
        relation.object = renames.get(relation.object, relation.object)
    graph.relations.sort(key=lambda relation: relation.key)
    for metric in graph.metrics:
        if metric.about is not None:
            metric.about = renames.get(metric.about, metric.about)
