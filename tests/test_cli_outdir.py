"""kg build writes only into folders that are its own, and never loses a user's files."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_b3d9c44613aea8f5.txt"


def build(out: Path, *extra: str):
    return CliRunner().invoke(main, ["build", str(SEED), "-o", str(out), "-q", *extra])


def test_rebuild_into_own_folder(tmp_path):
    out = tmp_path / "out"
    assert build(out).exit_code == 0
    assert build(out).exit_code == 0
    assert (out / ".kg-manifest.json").is_file()


def test_refuses_a_folder_with_foreign_files_unless_forced(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    refused = build(out)
    assert refused.exit_code == 2 and "thesis.docx" in refused.output
    assert not (out / "graph.ttl").exists()
    forced = build(out, "--force")
    assert forced.exit_code == 0
    assert (out / "graph.ttl").is_file() and (out / "thesis.docx").read_bytes() == b"precious"
    assert build(out, "--force").exit_code == 0 and (out / "thesis.docx").exists()


def test_out_that_is_a_file_is_a_usage_error(tmp_path):
    out = tmp_path / "file.txt"
    out.write_text("x")
    result = build(out)
    assert result.exit_code == 2 and "Traceback" not in result.output
