"""The output folder: what kg wrote there, and what it must not touch.

Every build leaves a manifest (`.kg-manifest.json`) naming the files it wrote.
A folder that holds anything else, a user's own files, is not overwritten
unless the user says --force, and even then those files are carried over into
the new output: a build never deletes what it did not create.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

MANIFEST = ".kg-manifest.json"


def _ours(out_dir: Path) -> set[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return set(data.get("files", [])) | {MANIFEST}
    except (OSError, ValueError, AttributeError):
        return {MANIFEST}


# Names kg writes: in a folder that holds kg's README but no manifest (a build of an
# earlier version), files of these names are taken as kg's own.
_OUR_NAMES = ("graph.", "ontology.", "neo4j/")
# What `kg query` keeps inside a build: its Oxigraph store of the graph (kg.query.STORE_FOLDER),
# made from the build's files and made again when they change; never a user's.
_QUERY_CACHE = "oxigraph/"


def foreign_files(out_dir: Path, readme: str) -> list[Path]:
    """Files under `out_dir` that no kg build wrote (the README kg writes counts as its own)."""
    if not out_dir.is_dir():
        return []
    ours = _ours(out_dir)
    legacy = not (out_dir / MANIFEST).exists() and _same_text(out_dir / "README.md", readme)
    foreign = []
    for path in sorted(out_dir.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(out_dir).as_posix()
        if rel in ours or rel.startswith(_QUERY_CACHE) or (legacy and rel.startswith(_OUR_NAMES)):
            continue
        if rel == "README.md" and _same_text(path, readme):
            continue
        foreign.append(path)
    return foreign


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def write_manifest(folder: Path, files: list[Path]) -> None:
    rel = sorted(p.relative_to(folder).as_posix() for p in files)
    (folder / MANIFEST).write_text(json.dumps({"files": rel}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def carry_over(old: Path, new: Path, files: list[Path]) -> None:
    """Copy a user's own files from the old output into the new one, where kg wrote nothing."""
    for path in files:
        target = new / path.relative_to(old)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def missing_build(out_dir: Path, graph_file: str = "graph.ttl") -> str | None:
    """Why `out_dir` is no build that can be read (for `kg query`, `kg validate`), or None."""
    if not out_dir.is_dir():
        return f"no output folder {out_dir} (run `kg build` first)"
    if not (out_dir / graph_file).is_file():
        return f"{out_dir} holds no {graph_file} (run `kg build` with the turtle format)"
    return None
