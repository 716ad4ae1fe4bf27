"""Word lists for recognizing persons and organizations (kg/resources).

surnames.txt        Chinese surnames, compound ones included
titles.txt          post titles with the kind of body they belong to
org_suffixes.tsv    endings of organization names with their subtype
agency_names.txt    names of government bodies as a class, with their full form

Each loader reads its file once per process.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


class LexiconError(Exception):
    """A resource file is missing or malformed."""


def _rows(name: str, columns: int) -> list[list[str]]:
    """Rows of a resource file, without comments; with `columns` > 1 the first row is a header."""
    path = RESOURCES / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read resource {path}: {exc}") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise LexiconError(f"{path}:{number}: expected {columns} tab-separated columns")
        rows.append([f.strip() for f in fields])
    return rows[1:] if columns > 1 else rows


@lru_cache(maxsize=1)
def load_surnames() -> frozenset[str]:
    """Surnames: 王, 欧阳, 司马 …"""
    return frozenset(row[0] for row in _rows("surnames.txt", 1))


@lru_cache(maxsize=1)
def load_titles() -> dict[str, str]:
    """Post title -> kind (party | government | company | academic | other)."""
    return {title: kind for title, kind in _rows("titles.txt", 2)}


@lru_cache(maxsize=1)
def load_org_suffixes() -> list[tuple[str, str]]:
    """(suffix, subtype), longest suffix first: 股份有限公司 before 公司."""
    pairs = [(suffix, subtype) for suffix, subtype in _rows("org_suffixes.tsv", 2)]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=1)
def load_agency_names() -> dict[str, str]:
    """Name of a body as a class -> its canonical full name (市场监管局 -> 市场监督管理局)."""
    return {name: canonical or name for name, canonical in _rows("agency_names.txt", 2)}
