"""The ordered stages: paths in, graph and files out.

    read -> normalize -> split -> extract (per article) -> resolve (corpus) -> rdf -> exports

Everything a stage needs comes in through its arguments; the pipeline only
passes the dataclasses of one stage to the next and times each stage.
"""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import rdflib

from .engines import open_engine
from .export import EXPORTERS, prepare, write_outputs
from .extract import extract_article
from .ingest.normalize import normalize
from .ingest.read import read_inputs
from .ingest.script import is_traditional, keep_originals, to_simplified
from .ingest.split import split_document
from .model import ArticleExtraction, Context, KnowledgeGraph, Skipped, SourceText
from .rdf.build import graph_triples
from .rdf.terms import DEFAULT_BASE
from .rdf.triples import Triples
from .resolve.entities import resolve
from .store import (DocumentLines, StoredDocument, StoreError, document_bytes, keep_ids, load_store,
                    merge_documents, write_store)


@dataclass(frozen=True)
class BuildOptions:
    base: str = DEFAULT_BASE
    hint: Context | None = None          # --newspaper / --year given by the user
    formats: tuple[str, ...] = tuple(EXPORTERS)
    jobs: int = 1                        # processes extracting documents (`kg build -j`)
    engine: str = "local"                # `kg build --engine`: where documents are extracted (kg.engines)
    scheduler: str | None = None         # `--scheduler ADDRESS`: the dask scheduler to use (without it,
                                         # --engine dask starts a cluster of -j workers here)
    update: bool = False                 # `kg build --update`: add the inputs to the build in out_dir
    keep_going: bool = True              # a document whose extraction fails is skipped and reported
                                         # (False, with --debug: the error stops the build)


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    triples: Triples                     # the graph as the writers read it (kg.rdf.triples)
    skipped: list[Skipped]
    written: list[Path]
    seconds: dict[str, float] = field(default_factory=dict)
    characters: int = 0

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    @property
    def rdf(self) -> rdflib.Graph:
        """The graph as an rdflib.Graph, made on first use (the build itself never needs it)."""
        graph = self.__dict__.get("_rdf")
        if graph is None:
            graph = self.__dict__["_rdf"] = self.triples.to_rdflib()
        return graph


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def extract_source(source: SourceText, hint: Context | None = None,
                   timer: _Timer | None = None) -> list[ArticleExtraction]:
    """Normalize, split and extract one document: a pure function of its input."""
    timer = timer or _Timer()
    with timer.stage("normalize"):
        text = normalize(source.text)
        original = None
        if is_traditional(text):
            original, text = text, to_simplified(text)
    with timer.stage("split"):
        articles = split_document(source, text, hint)
        if original is not None:
            articles = [keep_originals(article, text, original) for article in articles]
    with timer.stage("extract"):
        return [extract_article(article) for article in articles]


# ---------------------------------------------------------------- parallel extraction
#
# Extraction is a pure function of one document, so documents can go to a
# pool of processes or to the workers of a cluster (kg.engines); the engines
# give the results back in input order, which keeps the output byte-identical
# to a build with one process.

_WARM_UP = SourceText(doc_id="warm-up.txt", path="warm-up.txt", encoding="utf-8",
                      text="本报北京1月2日讯 北京市商务局局长说，2023年全市投资增长5%。\n")
# Documents are sent to the workers in chunks of about this size: 0.5-1 s of work for one,
# so that at the end no worker waits long for the other's last chunk (200,000 left a worker
# idle for 2-3 s at 100x the seeds), and the chunks are still few enough that sending them
# costs nothing worth measuring.
_CHUNK_CHARACTERS = 50_000


def default_jobs() -> int:
    """The processes `kg build` uses when -j is not given: every core it may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _warm_up() -> None:
    """Load the dictionaries, the gazetteer and the tokenizer of this process now."""
    extract_source(_WARM_UP)
    # They live as long as the process: out of the cyclic collector's sight, its full
    # collections no longer walk them (about 2 % of a worker's time).
    gc.freeze()


@dataclass(frozen=True)
class _Failed:
    """The extraction of a document raised: a bug, reported for that document alone."""
    error: str


def _extract_or_fail(source: SourceText, hint: Context | None, timer: _Timer,
                     keep_going: bool) -> tuple[list[ArticleExtraction] | _Failed, bytes]:
    """The extraction of `source` and its line of the store (kg.store), made here, where the
    extraction is: the build then need not keep every extraction to its end for the store."""
    if keep_going:
        try:
            articles = extract_source(source, hint, timer)
        except Exception as exc:  # noqa: BLE001 - one odd document must not stop a build of thousands
            return _Failed(f"{exc.__class__.__name__}: {exc}"), b""
    else:
        articles = extract_source(source, hint, timer)
    with timer.stage("store"):
        return articles, document_bytes(source, articles)


def _extract_timed(source: SourceText, hint: Context | None, keep_going: bool
                   ) -> tuple[tuple[list[ArticleExtraction] | _Failed, bytes], dict[str, float]]:
    timer = _Timer()
    return _extract_or_fail(source, hint, timer, keep_going), timer.seconds


def _extract_all(sources: list[SourceText], options: BuildOptions, timer: _Timer,
                 progress: Callable[[Iterable[SourceText]], Iterable[SourceText]] | None
                 ) -> Iterator[tuple[list[ArticleExtraction] | _Failed, bytes]]:
    """The extraction and store line of every source, in input order: here, in -j processes,
    or on dask."""
    jobs = min(max(1, options.jobs), len(sources))
    if options.engine == "local" and jobs <= 1:
        for source in (progress(sources) if progress else sources):
            yield _extract_or_fail(source, options.hint, timer, options.keep_going)
        return
    if not sources:
        return
    start = time.perf_counter()
    worker_seconds: dict[str, float] = {}
    task = partial(_extract_timed, hint=options.hint, keep_going=options.keep_going)
    with open_engine(options.engine, jobs, options.scheduler, warm_up=_warm_up) as engine:
        average = sum(len(s.text) for s in sources) / len(sources)
        chunk = max(1, min(int(_CHUNK_CHARACTERS / max(average, 1.0)),
                           len(sources) // (4 * engine.workers) or 1))
        shown = progress(sources) if progress else sources
        results = engine.map(task, sources, chunk)
        # the workers have their documents; until the first chunk comes back, this
        # process has time for the imports of the exporters (kg.export.prepare)
        prepare(options.formats)
        for _source, (extracted, seconds) in zip(shown, results):
            for stage, value in seconds.items():
                worker_seconds[stage] = worker_seconds.get(stage, 0.0) + value
            yield extracted
    # The stages ran side by side: the wall time is shared out in proportion to
    # the workers' time, so that the stage times still add up to the build's time.
    wall, busy = time.perf_counter() - start, sum(worker_seconds.values())
    for stage, value in worker_seconds.items():
        timer.seconds[stage] = timer.seconds.get(stage, 0.0) + (wall * value / busy if busy else 0.0)


def build(paths: Sequence[str | Path], out_dir: Path, options: BuildOptions = BuildOptions(),
          progress: Callable[[Iterable[SourceText]], Iterable[SourceText]] | None = None) -> BuildResult:
    """Read every input, build the graph and write every export into `out_dir`.

    With `options.update`, the inputs are added to the documents of the build in
    `out_dir` (see kg.store; StoreError when it has none that can be used).
    """
    timer = _Timer()
    previous = load_store(out_dir) if options.update else None     # before the slow part: fail early
    if previous is not None and previous.base != options.base:
        raise StoreError(f"{out_dir} was built with the base {previous.base}; --update keeps it "
                         "(leave out --base, or run a full build)")
    with timer.stage("read"):
        sources, skipped = read_inputs(paths)
    with _long_lived_heap() as settle:
        return _build(sources, skipped, previous, out_dir, options, timer, progress, settle)


@contextmanager
def _long_lived_heap():
    """What the build keeps (extractions, the graph, the triples) lives to its end: each part
    is handed to gc.freeze once made, so that the cyclic collector's full collections walk
    only what is new.  Left alone, they walked the whole heap again and again: a tenth of
    this process's time at 100x the seeds.  Everything is handed back at the end."""
    was_frozen = gc.get_freeze_count() > 0
    try:
        yield gc.freeze
    finally:
        if not was_frozen:
            gc.unfreeze()


def _build(sources: list[SourceText], skipped: list[Skipped], previous, out_dir: Path,
           options: BuildOptions, timer: _Timer, progress, settle: Callable[[], None]) -> BuildResult:
    lines = DocumentLines(out_dir)          # the store's documents.jsonl, written as they come
    try:
        return _build_into(lines, sources, skipped, previous, out_dir, options, timer, progress, settle)
    finally:
        lines.discard()                     # moved into OUT by then, unless the build failed


def _build_into(lines: DocumentLines, sources: list[SourceText], skipped: list[Skipped], previous,
                out_dir: Path, options: BuildOptions, timer: _Timer, progress,
                settle: Callable[[], None]) -> BuildResult:
    documents: list[StoredDocument] = []
    # the extractions first: zip stops at the end of the first, and _extract_all has work to
    # do after its last item (the workers' stage times)
    for (articles, line), source in zip(_extract_all(sources, options, timer, progress), sources):
        if isinstance(articles, _Failed):
            skipped.append(Skipped(source.path, f"not built: extraction failed ({articles.error}); "
                                                "this is a bug of kg, please report it"))
        else:
            documents.append(StoredDocument.of(source, articles))
            lines.add(source.doc_id, line)
        settle()
    characters = sum(len(source.text) for source in sources)
    sources.clear()     # the texts are extracted: 2-4 bytes a character of the corpus, freed now
    previous_ids = None
    if previous is not None:
        documents = merge_documents(previous.documents, documents)
        lines.reorder(documents)
        previous_ids = previous.ids
        previous.documents.clear()          # in `documents` now: freed with them below
    with timer.stage("resolve"):
        graph = resolve([document.source() for document in documents],
                        [article for document in documents for article in document.articles])
        if previous_ids is not None:
            keep_ids(graph, previous_ids)
    # What the graph needs of the extractions is in it, and the store has their lines:
    # they go now, and the triples and the exports reuse their room (at 1000x the seeds
    # this process peaked at 2.65 GB when they were kept to the end, 1.9 GB now).
    documents.clear()
    settle()
    with timer.stage("rdf"):
        triples = graph_triples(graph, options.base)
    settle()

    def store(folder: Path) -> list[Path]:
        with timer.stage("store"):
            return write_store(folder, lines, graph, options.base)

    def record(stage: str, seconds: float) -> None:
        timer.seconds[stage] = timer.seconds.get(stage, 0.0) + seconds
    # with -j N the exporters run side by side too (the same files, byte for byte)
    written = write_outputs(graph, triples, out_dir, options.formats, timer.stage, extra=store,
                            jobs=options.jobs, record=record)
    return BuildResult(graph=graph, triples=triples, skipped=skipped, written=written,
                       seconds=timer.seconds, characters=characters)
