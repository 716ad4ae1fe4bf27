"""Word lists for recognizing persons and organizations (kg/resources).

surnames.txt        Chinese surnames, compound ones included
titles.txt          post titles with the kind of body they belong to
org_suffixes.tsv    endings of organization names with their subtype
agency_names.txt    names of government bodies as a class, with their full form
orgs_national.tsv, orgs_companies.tsv, orgs_institutions.tsv
                    named organizations known in advance, with their short forms

Each loader reads its file once per process.
"""
from __future__ import annotations

from collections.abc import Sequence

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


class LexiconError(Exception):
    """A resource file is missing or malformed."""


def _numbered_rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a resource file, without comments; with `columns` > 1
    the first row is a header and is left out."""
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
            raise LexiconError(
                f"{path}:{number}: expected {columns} tab-separated columns, found {len(fields)}")
        rows.append((number, [f.strip() for f in fields]))
    return rows[1:] if columns > 1 else rows


def _rows(name: str, columns: int) -> list[list[str]]:
    """Rows of a resource file, without comments; with `columns` > 1 the first row is a header."""
    return [fields for _, fields in _numbered_rows(name, columns)]


@lru_cache(maxsize=1)
def load_surnames() -> frozenset[str]:
    """Surnames: 王, 欧阳, 司马 …"""
    return frozenset(row[0] for row in _rows("surnames.txt", 1))


@lru_cache(maxsize=1)
def load_titles() -> dict[str, str]:
    """Post title -> kind (party | government | company | academic | other)."""
    return {title: kind for title, kind in _rows("titles.txt", 2)}


def without_endings(name: str, endings: Sequence[str], stacked: int = 3) -> str:
    """`name` without the endings it ends with, up to `stacked` of them one after the other
    (有限公司, then 控股, then 集团), always leaving two characters; `endings` longest first."""
    core = name
    for _ in range(stacked):
        ending = next((e for e in endings if core.endswith(e) and len(core) - len(e) >= 2), None)
        if ending is None:
            break
        core = core[: -len(ending)]
    return core


@lru_cache(maxsize=1)
def load_org_suffixes() -> list[tuple[str, str]]:
    """(suffix, subtype), longest suffix first: 股份有限公司 before 公司."""
    pairs = [(suffix, subtype) for suffix, subtype in _rows("org_suffixes.tsv", 2)]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=1)
def load_agency_names() -> dict[str, str]:
    """Name of a body as a class -> its canonical full name (市场监管局 -> 市场监督管理局)."""
    return {name: canonical or name for name, canonical in _rows("agency_names.txt", 2)}


# ------------------------------------------------------------ known organizations

# Subtypes of Organization in the annotation guideline.
ORG_SUBTYPES = frozenset({
    "GovernmentAgency", "PartyOrganization", "Company", "Institution", "Association", "Media",
})
# (file, number of columns); the national file has no region column: all its rows are CN.
ORG_FILES = (("orgs_national.tsv", 3), ("orgs_companies.tsv", 4), ("orgs_institutions.tsv", 4))
NATIONAL = "CN"
WEAK_MARK = "*"     # after a short form: also an ordinary word, ask for a cue (远景*)
STRONG_MARK = "!"   # after a short form: a name first, even if jieba counts it common (百度!)
# A form of at most two characters is weak when jieba's dictionary knows it as
# an ordinary word at least this often (the threshold of places_ambiguous.txt).
COMMON_WORD_MIN_FREQ = 300
# jieba tags of proper names and abbreviations: such entries are names, not words.
JIEBA_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})


@dataclass(frozen=True)
class KnownOrg:
    name: str             # canonical name: 中国石油化工集团有限公司
    subtype: str          # one of ORG_SUBTYPES
    region: str | None    # "CN" (national) or a province's adcode ("150000")
    weak: bool            # the surface it was found under is also an ordinary word


@dataclass(frozen=True)
class _OrgRow:
    name: str
    subtype: str
    region: str
    forms: tuple[tuple[str, str], ...]   # (surface, mark) with mark "", "*" or "!"
    where: str                           # file:line, for messages


def _org_rows(name: str, columns: int) -> list[_OrgRow]:
    path = RESOURCES / name
    rows = []
    for number, fields in _numbered_rows(name, columns):
        where = f"{path}:{number}"
        canonical, subtype, shorts = fields[:3]
        region = fields[3] if columns == 4 else NATIONAL
        if not canonical or canonical[-1] in (WEAK_MARK, STRONG_MARK) or " " in canonical:
            raise LexiconError(f"{where}: bad canonical name {canonical!r}")
        if subtype not in ORG_SUBTYPES:
            raise LexiconError(
                f"{where}: unknown subtype {subtype!r} (expected one of {sorted(ORG_SUBTYPES)})")
        if region != NATIONAL and not (len(region) == 6 and region.isdigit()):
            raise LexiconError(f"{where}: region must be CN or a 6-digit adcode, not {region!r}")
        forms = [(canonical, "")]
        for short in shorts.split(",") if shorts else ():
            short = short.strip()
            mark = short[-1:] if short[-1:] in (WEAK_MARK, STRONG_MARK) else ""
            surface = short[:-1] if mark else short
            if not surface or WEAK_MARK in surface or STRONG_MARK in surface or " " in surface:
                raise LexiconError(f"{where}: bad short form {short!r}")
            forms.append((surface, mark))
        rows.append(_OrgRow(canonical, subtype, region, tuple(_with_variants(forms)), where))
    return rows


def _with_variants(forms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The forms plus their spellings with ASCII brackets and, for （集团）, without them:
    包头钢铁（集团）有限责任公司 is also written 包头钢铁(集团)… and 包头钢铁集团…"""
    out = dict.fromkeys(forms)
    for surface, mark in forms:
        if "（" in surface:
            out.setdefault((surface.replace("（", "(").replace("）", ")"), mark))
            if "（集团）" in surface:
                out.setdefault((surface.replace("（集团）", "集团"), mark))
    return list(out)


def _jieba_common_words(candidates: set[str]) -> frozenset[str]:
    """The candidates that jieba's dictionary lists as frequent ordinary words."""
    if not candidates:
        return frozenset()
    import jieba   # a run-time dependency of kg; imported here to keep this module light

    path = Path(jieba.__file__).parent / "dict.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read jieba's dictionary {path}: {exc}") from exc
    # dict.txt lines are "word frequency tag"; one regex pass picks the candidates' lines.
    alternatives = "|".join(map(re.escape, sorted(candidates, key=len, reverse=True)))
    entry = re.compile(rf"^({alternatives}) (\d+) (\w+)\s*$", re.MULTILINE)
    return frozenset(
        m.group(1) for m in entry.finditer(text)
        if int(m.group(2)) >= COMMON_WORD_MIN_FREQ and m.group(3) not in JIEBA_NAME_TAGS)


@lru_cache(maxsize=1)
def _known_orgs_and_conflicts() -> tuple[dict[str, KnownOrg], tuple[tuple[str, str, str], ...]]:
    rows = [row for name, columns in ORG_FILES for row in _org_rows(name, columns)]
    seen: dict[str, str] = {}
    for row in rows:
        if row.name in seen:
            raise LexiconError(f"{row.where}: {row.name!r} is listed twice (first at {seen[row.name]})")
        seen[row.name] = row.where
    short = {s for row in rows for s, mark in row.forms if len(s) <= 2 and mark == ""}
    common = _jieba_common_words(short)

    owner: dict[str, _OrgRow] = {}
    known: dict[str, KnownOrg] = {}
    conflicts: list[tuple[str, str, str]] = []
    # Canonical names first, so that no short form can take one.
    ordered = [(row, f) for row in rows for f in row.forms[:1]] + \
              [(row, f) for row in rows for f in row.forms[1:]]
    for row, (surface, mark) in ordered:
        first = owner.setdefault(surface, row)
        if first is not row:          # canonical names are unique: another organization
            conflicts.append((surface, first.name, row.name))
            continue
        weak = mark == WEAK_MARK or (mark == "" and surface in common)
        known[surface] = KnownOrg(row.name, row.subtype, row.region, weak)
    return known, tuple(conflicts)


def load_known_orgs() -> dict[str, KnownOrg]:
    """Every surface form of a known organization -> the organization.

    Canonical names and short forms of kg/resources/orgs_*.tsv (国务院 ->
    中华人民共和国国务院, 中石化 -> 中国石油化工集团有限公司, 深交所 ->
    深圳证券交易所), plus bracket variants (华润(集团)有限公司, 华润集团有限公司).
    `weak` is True for a surface that is also an ordinary word (远景, 美的,
    联想): marked * in the file, or of at most two characters and frequent
    in jieba's dictionary as a common word.  When two organizations claim one
    surface the first listed keeps it (see org_surface_conflicts).
    Cached: callers must not modify the dictionary.
    """
    return _known_orgs_and_conflicts()[0]


def org_surface_conflicts() -> tuple[tuple[str, str, str], ...]:
    """(surface, organization that keeps it, organization that lost it) for every
    surface form listed by two organizations."""
    return _known_orgs_and_conflicts()[1]
