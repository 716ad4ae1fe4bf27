"""The README's two commands are what a newcomer copies: keep them true."""
from __future__ import annotations

import re
from pathlib import Path

from kg.export import OUT_README

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_readme_opens_with_install_and_test_commands():
    build, test = readme_commands()
    assert "pip install" in build and "kg build" in build
    assert "pip install" in test and "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_out_readme_is_what_a_build_writes():
    assert (ROOT / "out" / "README.md").read_text(encoding="utf-8") == OUT_README
