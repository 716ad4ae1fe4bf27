"""The ordered stages: paths in, graph and files out.

    read -> normalize -> split -> extract (per article) -> resolve (corpus) -> rdf -> exports

Everything a stage needs comes in through its arguments; the pipeline only
passes the dataclasses of one stage to the next and times each stage.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from .export import EXPORTERS, write_outputs
from .extract import extract_article
from .ingest.normalize import normalize
from .ingest.read import read_inputs
from .ingest.split import split_document
from .model import ArticleExtraction, Context, KnowledgeGraph, Skipped, SourceText
from .rdf.build import build_graph
from .rdf.terms import DEFAULT_BASE
from .resolve.entities import resolve


@dataclass(frozen=True)
class BuildOptions:
    base: str = DEFAULT_BASE
    hint: Context | None = None          # --newspaper / --year given by the user
    formats: tuple[str, ...] = tuple(EXPORTERS)


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    rdf: rdflib.Graph
    skipped: list[Skipped]
    written: list[Path]
    seconds: dict[str, float] = field(default_factory=dict)
    characters: int = 0

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


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
    with timer.stage("split"):
        articles = split_document(source, text, hint)
    with timer.stage("extract"):
        return [extract_article(article) for article in articles]


def build(paths: Sequence[str | Path], out_dir: Path, options: BuildOptions = BuildOptions(),
          progress: Callable[[Iterable[SourceText]], Iterable[SourceText]] | None = None) -> BuildResult:
    """Read every input, build the graph and write every export into `out_dir`."""
    timer = _Timer()
    with timer.stage("read"):
        sources, skipped = read_inputs(paths)
    extractions: list[ArticleExtraction] = []
    for source in (progress(sources) if progress else sources):
        extractions.extend(extract_source(source, options.hint, timer))
    with timer.stage("resolve"):
        graph = resolve(sources, extractions)
    with timer.stage("rdf"):
        rdf = build_graph(graph, options.base)
    written = write_outputs(graph, rdf, out_dir, options.formats, timer.stage)
    return BuildResult(graph=graph, rdf=rdf, skipped=skipped, written=written,
                       seconds=timer.seconds, characters=sum(len(s.text) for s in sources))
