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


def test_the_exporters_are_imported_while_the_workers_extract(tmp_path):
    # kg.export.prepare runs in the parallel path only; a fresh interpreter shows what it
    # imported: the modules of the formats asked for, none of the others.
    import subprocess
    import sys
    script = (
        "import sys\n"
        "from kg.export import prepare\n"
        "before = {m for m in sys.modules if m.startswith('kg.export.')}\n"
        "prepare(['html', 'ntriples'])\n"
        "after = {m for m in sys.modules if m.startswith('kg.export.')}\n"
        "print(sorted(after - before))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    new = eval(done.stdout)
    assert "kg.export.html" in new and "kg.export.rdf_formats" in new
    assert "kg.export.graphml" not in new and "kg.export.neo4j" not in new


def test_every_exporter_has_its_module_to_prepare():
    # kg.export._MODULES repeats which module each exporter imports: a new exporter needs both
    from kg.export import _MODULES, EXPORTERS
    assert set(_MODULES) == set(EXPORTERS)


def test_a_build_with_workers_prepares_its_exporters(tmp_path, monkeypatch):
    import kg.pipeline
    asked: list = []
    monkeypatch.setattr(kg.pipeline, "prepare", lambda formats: asked.append(tuple(formats)))
    build(PAGES[:2], tmp_path / "out", BuildOptions(formats=("turtle", "html"), jobs=2))
    assert asked == [("turtle", "html")]
