"""kg build -j: extraction in a pool of processes gives the same bytes as one process."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_options_given
from kg.cli import main
from kg.pipeline import BuildOptions, build, default_jobs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Three pages (the smallest, to stay fast): one of the two workers gets two of them.
PAGES = sorted(SEEDS.iterdir(), key=lambda p: p.stat().st_size)[:3]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    build(PAGES, out, BuildOptions(formats=("turtle",), jobs=1))
    return out


def test_two_processes_write_the_same_graph_as_one(serial, tmp_path):
    result = build(PAGES, tmp_path / "out", BuildOptions(formats=("turtle",), jobs=2))
    assert _digest(tmp_path / "out" / "graph.ttl") == _digest(serial / "graph.ttl")
    # The stages still add up to the build: the pool's wall time is shared among them.
    assert {"read", "normalize", "split", "extract", "resolve", "rdf"} <= set(result.seconds)
    assert [d.doc_id for d in result.graph.documents] == sorted(p.name for p in PAGES)


_options_given = build_options_given


def test_the_command_passes_jobs(monkeypatch):
    assert _options_given(monkeypatch, "-j", "3").jobs == 3
    assert _options_given(monkeypatch).jobs == default_jobs()


def test_jobs_must_be_positive(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "out"), "-j", "0"])
    assert result.exit_code == 2 and "-j" in result.output


def test_default_is_every_core():
    assert default_jobs() >= 1
