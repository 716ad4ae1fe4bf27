"""Exporters: one format a module, registered here by name (like rdflib's serializers).

Each exporter takes the resolved KnowledgeGraph, its RDF graph and the folder
to write into, and returns the paths it wrote.  `write_outputs` writes every
requested format into a fresh temporary folder next to OUT and only then
swaps it into place, so that a failed or interrupted build leaves the
previous OUT as it was.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import rdflib

from ..model import KnowledgeGraph
from .outdir import carry_over, foreign_files, write_manifest

Exporter = Callable[[KnowledgeGraph, rdflib.Graph, Path], list[Path]]

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

Run `kg query out/ --file queries/officials_and_organizations.rq` to ask it.
"""


def _turtle(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .turtle import write_ontology, write_turtle
    path = out / "graph.ttl"
    write_turtle(rdf, path)
    return [path, *write_ontology(out)]


def _html(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .html import write_html
    path = out / "graph.html"
    write_html(graph, path)
    return [path]


def _neo4j(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .neo4j import write_neo4j
    folder = out / "neo4j"
    write_neo4j(graph, folder)
    return sorted(folder.iterdir())


def _graphml(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .graphml import write_graphml
    path = out / "graph.graphml"
    write_graphml(graph, path)
    return [path]


def _ntriples(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .rdf_formats import write_ntriples
    return [write_ntriples(rdf, out / "graph.nt")]


def _jsonld(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .rdf_formats import write_jsonld
    return [write_jsonld(rdf, out / "graph.jsonld")]


def _trig(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
    from .rdf_formats import write_trig
    return [write_trig(rdf, out / "graph.trig")]


def _nquads(graph: KnowledgeGraph, rdf: rdflib.Graph, out: Path) -> list[Path]:
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


def write_outputs(graph: KnowledgeGraph, rdf: rdflib.Graph, out_dir: Path,
                  formats: Sequence[str], stage: Callable,
                  extra: Callable[[Path], list[Path]] | None = None) -> list[Path]:
    """Write the formats into a temporary folder, then move it to `out_dir` in one step.

    `extra` writes more files into the temporary folder (the store --update reads)
    and returns their paths.  Files in `out_dir` that kg did not write are carried
    over into the new folder (the command line refuses such a folder unless --force).
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        written: list[Path] = [tmp / "README.md"]
        (tmp / "README.md").write_text(OUT_README, encoding="utf-8")
        for name in formats:
            with stage(f"export:{name}"):
                written.extend(EXPORTERS[name](graph, rdf, tmp))
        if extra is not None:
            written.extend(extra(tmp))
        write_manifest(tmp, written)
        carry_over(out_dir, tmp, foreign_files(out_dir, OUT_README))
        _swap_into_place(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out_dir / path.relative_to(tmp) for path in written]


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
