"""Writes are atomic: a build that crashes or is interrupted (Ctrl-C) while writing leaves
the previous OUT byte for byte as it was, and no temporary folder behind."""
from __future__ import annotations

import pathlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.export import EXPORTERS
from kg.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PAGE, OTHER = SEEDS / "003_6dccf2fa98633d4a.txt", SEEDS / "002_57aa74c62ebf1dbf.txt"


def kg(*args: str):
    return CliRunner().invoke(main, [*args, "-j", "1", "-q"])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A finished build in a folder of its own (so that leftovers next to it show)."""
    out = tmp_path / "parent" / "out"
    assert kg("build", str(PAGE), "-o", str(out)).exit_code == 0
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")   # kept with --force
    return out, snapshot(out)


def _fail_in_graphml(error: BaseException):
    def exporter(graph, rdf, out):
        (out / "graph.graphml").write_text("half written", encoding="utf-8")
        raise error
    return exporter


@pytest.mark.parametrize("error, exit_code, message", [
    (RuntimeError("disk full"), 2, "kg: error: RuntimeError: disk full"),
    (KeyboardInterrupt(), 130, "interrupted; the previous output is left as it was"),
], ids=["crash", "ctrl-c"])
def test_interrupted_build_leaves_the_previous_output(previous, monkeypatch, error, exit_code, message):
    out, before = previous
    monkeypatch.setitem(EXPORTERS, "graphml", _fail_in_graphml(error))
    result = kg("build", str(OTHER), "-o", str(out), "--force")
    assert result.exit_code == exit_code
    assert message in result.stderr and "Traceback" not in result.output
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["out"]          # no temporary folder left


def test_interrupted_update_leaves_the_previous_output(previous, monkeypatch):
    out, before = previous

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("kg.pipeline.write_store", interrupted)
    result = kg("build", "--update", str(out), str(OTHER), "--force")
    assert result.exit_code == 130
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_crash_between_the_two_renames_puts_the_previous_output_back(previous, monkeypatch):
    out, before = previous
    rename = pathlib.Path.rename

    def failing_rename(self, target):
        if Path(target) == out and self.name.startswith(".out.") and ".old." not in self.name:
            raise OSError(28, "No space left on device")      # the new folder cannot take OUT's place
        return rename(self, target)
    monkeypatch.setattr(pathlib.Path, "rename", failing_rename)
    result = kg("build", str(OTHER), "-o", str(out), "--force")
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_interrupted_first_build_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(EXPORTERS, "html", _fail_in_graphml(KeyboardInterrupt()))
    parent = tmp_path / "parent"
    parent.mkdir()
    assert kg("build", str(PAGE), "-o", str(parent / "out")).exit_code == 130
    assert list(parent.iterdir()) == []
