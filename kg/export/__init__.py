"""Exporters: one format a module, registered here by name (like rdflib's serializers).

Each exporter takes the resolved KnowledgeGraph, its triples (kg.rdf.triples)
and the folder to write into, and returns the paths it wrote.  `write_outputs`
writes every requested format into a fresh temporary folder next to OUT and
only then swaps it into place, so that a failed or interrupted build leaves
the previous OUT as it was.
"""
from __future__ import annotations

import gc
import importlib
import multiprocessing
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

import rdflib

from ..model import KnowledgeGraph
from ..rdf.triples import Triples
from .outdir import carry_over, foreign_files, write_manifest
from .query_store import QueryStore

Exporter = Callable[[KnowledgeGraph, Triples, Path], list[Path]]

OUT_README = """# out/

What `kg build` writes here (none of it is kept in git but this README):

- `graph.ttl`: the knowledge graph in Turtle (contract: ../shared/spec/CONTRACT.md)
- `ontology.ttl`: the ontology the data uses, so `rdfs:subClassOf*` can be followed
- `graph.html`: the interactive view, one file that opens offline
- `graph.graphml`: the graph for Gephi, yEd and Cytoscape
- `neo4j/`: CSV files for `neo4j-admin database import`, `constraints.cypher`,
  `import.cypher` (LOAD CSV) and `style.grass` for Neo4j Browser
- `graph.nt`, `graph.jsonld`: the same triples as `graph.ttl` in N-Triples and
  JSON-LD (the context of ontology/context.jsonld is embedded)
- `graph.trig`, `graph.nq`: the same triples in TriG and N-Quads, one named graph
  per source document (`GRAPH ?doc { … }` tells where a statement came from);
  knowledge from the gazetteer is in the default graph
- `oxigraph/` (3M triples or more; for a smaller graph the first `kg query` writes it):
  an Oxigraph store of graph.ttl and the ontology, which `kg query` opens instead of
  reading graph.ttl

Run `kg query out/ --file queries/officials_and_organizations.rq` to ask it.
"""


def _turtle(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .turtle import write_ontology, write_turtle
    path = out / "graph.ttl"
    write_turtle(rdf, path)
    return [path, *write_ontology(out)]


def _html(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .html import write_html
    path = out / "graph.html"
    write_html(graph, path)
    return [path]


def _neo4j(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .neo4j import write_neo4j
    folder = out / "neo4j"
    write_neo4j(graph, folder)
    return sorted(folder.iterdir())


def _graphml(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .graphml import write_graphml
    path = out / "graph.graphml"
    write_graphml(graph, path)
    return [path]


def _ntriples(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .rdf_formats import write_ntriples
    return [write_ntriples(rdf, out / "graph.nt")]


def _jsonld(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .rdf_formats import write_jsonld
    return [write_jsonld(rdf, out / "graph.jsonld")]


def _trig(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .rdf_formats import write_trig
    return [write_trig(rdf, out / "graph.trig")]


def _nquads(graph: KnowledgeGraph, rdf: Triples, out: Path) -> list[Path]:
    from .rdf_formats import write_nquads
    return [write_nquads(rdf, out / "graph.nq")]


EXPORTERS: dict[str, Exporter] = {
    "turtle": _turtle,
    "ntriples": _ntriples,
    "jsonld": _jsonld,
    "trig": _trig,
    "nquads": _nquads,
    "html": _html,
    "neo4j": _neo4j,
    "graphml": _graphml,
}


# The module each exporter imports when it first runs.
_MODULES = {"turtle": "turtle", "ntriples": "rdf_formats", "jsonld": "rdf_formats", "trig": "rdf_formats",
            "nquads": "rdf_formats", "html": "html", "neo4j": "neo4j", "graphml": "graphml"}


def prepare(formats: Sequence[str]) -> None:
    """Import the exporters of `formats` now: pyvis alone takes 0.3-0.6 s to import (it brings
    IPython and networkx).  A build with workers calls it while they extract, where this
    process waits anyway, and the writers it forks later inherit the modules."""
    for module in dict.fromkeys(_MODULES[name] for name in formats if name in _MODULES):
        importlib.import_module(f"{__name__}.{module}")


def write_outputs(graph: KnowledgeGraph, rdf: Triples | rdflib.Graph, out_dir: Path,
                  formats: Sequence[str], stage: Callable,
                  extra: Callable[[Path], list[Path]] | None = None, jobs: int = 1,
                  record: Callable[[str, float], None] | None = None) -> list[Path]:
    """Write the formats into a temporary folder, then move it to `out_dir` in one step.

    `extra` writes more files into the temporary folder (the store --update reads)
    and returns their paths.  Files in `out_dir` that kg did not write are carried
    over into the new folder (the command line refuses such a folder unless --force).
    `rdf` is the build's Triples (an rdflib graph is converted once).

    With `jobs` > 1 and a graph of SIDE_BY_SIDE_FROM to SIDE_BY_SIDE_UP_TO triples, the writers
    of the triples run in `jobs` - 1 forked processes while this one writes the
    rest (where the system forks, see below); each exporter writes its own files,
    so the folder is the same byte for byte.  `record(stage, seconds)` then gets
    each exporter's share of the time (without it the time is all "export").
    """
    if not isinstance(rdf, Triples):
        from .rdf_formats import triples_of
        rdf = triples_of(rdf)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    query_store = QueryStore(tmp, formats, wanted=len(rdf) >= QUERY_STORE_FROM)
    try:
        written: list[Path] = [tmp / "README.md"]
        (tmp / "README.md").write_text(OUT_README, encoding="utf-8")
        if jobs > 1 and len(formats) > 1 and SIDE_BY_SIDE_FROM <= len(rdf) < SIDE_BY_SIDE_UP_TO and _can_fork():
            with stage("export") if record is None else nullcontext():
                written.extend(_export_side_by_side(graph, rdf, tmp, formats, jobs, extra, record))
        else:
            paths: dict[str, list[Path]] = {}
            for name in query_store.first(formats):
                with stage(f"export:{name}"):
                    paths[name] = EXPORTERS[name](graph, rdf, tmp)
                query_store.written(name)
            written.extend(path for name in formats for path in paths[name])
            if extra is not None:
                written.extend(extra(tmp))
        written.extend(query_store.finish(stage))
        write_manifest(tmp, written)
        carry_over(out_dir, tmp, foreign_files(out_dir, OUT_README))
        _swap_into_place(tmp, out_dir)
    except BaseException:
        query_store.abandon()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out_dir / path.relative_to(tmp) for path in written]


# ---------------------------------------------------------------- exporters side by side
#
# With -j N, N - 1 processes are forked once the graph is built and write some
# of the RDF files (reading the Triples of this process, copy-on-write; gc.freeze
# keeps the collector from touching every page), while this process writes the
# rest (HTML, Neo4j, GraphML, the store and the other RDF files).  A worker
# copies the pages of the strings it reads (about 40 % of a build's memory at
# 1000× the seeds), so there are no more of them than -j says.  Each exporter
# writes its own files: the folder is the same byte for byte.

SIDE_BY_SIDE_FROM = 200_000            # triples: below, forking costs about what it saves
# Past this many triples (about 400× the seeds) the exporters run one after another here:
# a forked writer copies every page that it or this process reads (reading an object
# writes its reference count), 0.9-1.1 GB at 7M triples, which took a build of 1000× the
# seeds to 2.97 GB; one after another it peaks at about 2 GB, for about 15 % more time.
SIDE_BY_SIDE_UP_TO = 3_000_000
# From the same size on, the build writes the Oxigraph store `kg query` opens
# (kg.export.query_store): the exporters then run one after another, and a core is free
# for it.  Beside forked writers it lengthened a build (-j 2 at 100×: 1.31× instead of
# 1.5-1.7×); for a smaller graph the first query writes it (8 s at 730,000 triples).
QUERY_STORE_FROM = SIDE_BY_SIDE_UP_TO
RDF_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")    # read the triples only
# How long each exporter takes on a big graph: CPU seconds at 1000× the seeds (7M triples),
# each run alone in a process forked from a finished build (the HTML view is bounded).
# The store of --update, written here, takes no time worth weighing: its documents'
# lines are written as they are extracted (kg.store).
_SECONDS = {"trig": 31.9, "nquads": 30.6, "turtle": 26.2, "ntriples": 17.8, "jsonld": 17.4,
            "graphml": 15.2, "neo4j": 11.5, "html": 6.9}
_SHARED: tuple | None = None           # (graph, triples, folder), for the forked workers


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _run(graph: KnowledgeGraph, triples: Triples, folder: Path, names: Sequence[str]) -> dict[str, tuple]:
    """name -> (paths, seconds), the exporters in turn."""
    results: dict[str, tuple] = {}
    for name in names:
        start = time.perf_counter()
        results[name] = (EXPORTERS[name](graph, triples, folder), time.perf_counter() - start)
    return results


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # this process stops them (Pool.terminate)


def _run_in_worker(names: Sequence[str]) -> tuple[dict[str, tuple], BaseException | None]:
    """What the exporters wrote, and the error that stopped them (sent back, raised there)."""
    results: dict[str, tuple] = {}
    try:
        for name in names:
            results.update(_run(*_SHARED, [name]))
    except BaseException as error:  # noqa: BLE001 - even KeyboardInterrupt: the parent decides
        return results, error
    return results, None


def _plan(formats: Sequence[str], workers: int) -> tuple[list[str], list[list[str]]]:
    """(the exporters for this process, those for each worker): the writers of the triples
    are dealt, heaviest first, to whichever side has the least to do so far; the others
    (they read the KnowledgeGraph's objects, which a worker would copy) stay here."""
    here = [name for name in formats if name not in RDF_FORMATS]
    loads = [sum(_SECONDS.get(name, 1.0) for name in here)]
    bins: list[list[str]] = [here] + [[] for _ in range(workers)]
    loads += [0.0] * workers
    for name in sorted((n for n in formats if n in RDF_FORMATS), key=lambda n: -_SECONDS.get(n, 1.0)):
        side = min(range(len(bins)), key=lambda i: (loads[i], i))
        bins[side].append(name)
        loads[side] += _SECONDS.get(name, 1.0)
    return bins[0], [names for names in bins[1:] if names]


def _export_side_by_side(graph: KnowledgeGraph, triples: Triples, folder: Path, formats: Sequence[str],
                         jobs: int, extra: Callable[[Path], list[Path]] | None,
                         record: Callable[[str, float], None] | None) -> list[Path]:
    global _SHARED
    start = time.perf_counter()
    here, bins = _plan(formats, jobs - 1)
    if not bins:                       # no writer of the triples to send away
        results = _run(graph, triples, folder, here)
        if record is not None:
            for name, (_, seconds) in results.items():
                record(f"export:{name}", seconds)
        extra_paths = extra(folder) if extra is not None else []
        return [path for name in formats for path in results[name][0]] + extra_paths
    _SHARED = (graph, triples, folder)
    was_frozen = gc.get_freeze_count() > 0     # by the build (kg.pipeline), which unfreezes
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(len(bins), initializer=_ignore_ctrl_c)
    try:
        pending = [pool.apply_async(_run_in_worker, (names,)) for names in bins]
        results = _run(graph, triples, folder, here)
        extra_seconds, extra_paths = 0.0, []
        if extra is not None:
            started = time.perf_counter()
            extra_paths = extra(folder)
            extra_seconds = time.perf_counter() - started
        for result in pending:
            done, error = result.get()
            if error is not None:
                raise error
            results.update(done)
        pool.close()
    except BaseException:
        pool.terminate()               # nothing may write into the folder once it is removed
        raise
    finally:
        pool.join()
        _SHARED = None
        if not was_frozen:
            gc.unfreeze()
    if record is not None:
        # The two sides ran at once: each exporter is given a share of the wall time in
        # proportion to its own time, so that the stage times still add up to the build's.
        wall = time.perf_counter() - start - extra_seconds
        busy = sum(seconds for _, seconds in results.values())
        for name in formats:
            record(f"export:{name}", wall * results[name][1] / busy if busy else 0.0)
    written: list[Path] = []
    for name in formats:
        written.extend(results[name][0])
    return written + extra_paths


def _swap_into_place(new: Path, target: Path) -> None:
    """Replace `target` by `new`; the old folder is only removed once the new one is there."""
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
