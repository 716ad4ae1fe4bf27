"""Shared helpers for the tests: articles made from sentences."""
from __future__ import annotations

import pytest

from kg.model import Article, Context, Sentence


def make_article(*sentences: str, home: str | None = "呼和浩特市", newspaper: str | None = "呼和浩特日报",
                 year: int | None = 2023, local: str | None = None, headline: str = "",
                 doc_id: str = "t.txt") -> Article:
    return Article(doc_id=doc_id, index=0, headline=headline,
                   sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                   context=Context(newspaper=newspaper, home=home, local=local, year=year))


@pytest.fixture
def article():
    return make_article


def build_options_given(monkeypatch, *args: str):
    """The BuildOptions `kg build SEEDS -q ARGS` hands to kg.pipeline.build (which is not run)."""
    from pathlib import Path

    from click.testing import CliRunner

    from kg.cli import main

    given = []

    def fake_build(paths, out_dir, options, progress=None):
        given.append(options)
        raise KeyboardInterrupt       # stop here: only the options are looked at

    monkeypatch.setattr("kg.pipeline.build", fake_build)
    CliRunner().invoke(main, ["build", str(Path(__file__).resolve().parents[1] / "seeds"), "-q", *args])
    return given[0]


def quality_report(articles, gold, out):
    """The scorer's report (kg.evaluate) on a Turtle-only build of `articles` into `out`."""
    from kg.evaluate import Export, Gold, load_graph, score
    from kg.pipeline import BuildOptions, build

    build([articles], out, BuildOptions(formats=("turtle",)))      # the scorer reads the Turtle
    return score(Gold(gold, None), Export(load_graph(out)))


def write_sample_output(folder):
    """An output folder holding the sample graph of test_rdf_build as graph.ttl, and the ontology."""
    from kg.export.turtle import write_ontology, write_turtle
    from kg.rdf.build import build_graph
    from test_rdf_build import sample_kg

    write_turtle(build_graph(sample_kg()), folder / "graph.ttl")
    write_ontology(folder)
    return folder
