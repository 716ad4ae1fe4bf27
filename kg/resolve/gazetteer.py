"""Places known in advance: China's divisions, countries, regions, ports, sites.

The data are TSV files under kg/resources/ (see the README there for their
sources); this module loads them once and answers four questions:

- which places does a surface form name (`lookup`), and which one is meant
  near the article's home and local places (`resolve`);
- what contains a place (`ancestors`);
- where in a text are place names (`find_all`, longest match);
- which surface forms are ordinary words too (`is_common_word`), so that a
  caller can ask for a suffix or context before it believes 合作 or 青山.

Keys: the 6-digit adcode for a Chinese division ("150100"), and
"town:<county adcode>:<name>", "country:<ISO2>", "region:<name>",
"port:<name>", "site:<name>" (deserts, areas), "foreign:<ISO2>:<name>" for the rest.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# Subtypes as in the annotation guideline.
ADMINISTRATIVE_REGION = "AdministrativeRegion"
COUNTRY = "Country"
REGION = "Region"
PORT = "Port"

# Kinds, in the order resolve() prefers them when nothing else decides:
# a country or region over a province, a province over a city, a city over a
# county, any division over a port or town of the same name.
KIND_RANK = {
    "country": 0, "region": 1, "province": 2, "prefecture": 3, "county": 4,
    "foreign_division": 5, "foreign_city": 6, "port": 7, "site": 7, "town": 8,
}

# A match is refused when its last character and the next one make one of
# these words: the name then ends one character early (乌兰察布市场监管局 is
# 乌兰察布 + 市场监管局; 河南乡村 is 河南 + 乡村, not the town 河南乡).
BOUNDARY_WORDS = frozenset({"市场", "市民", "市值", "乡村", "镇化", "区域"})
# A name right before 族 is an ethnic group (蒙古族, 鄂温克族, 俄罗斯族).
ETHNIC_MARK = "族"


@dataclass(frozen=True)
class Place:
    key: str                     # "150100", "country:MN", "region:京津冀", "port:策克口岸"
    name: str                    # canonical full name: 呼和浩特市
    kind: str                    # one of KIND_RANK
    parent: str | None           # key of the containing place
    short: tuple[str, ...] = ()  # other names: 呼和浩特, 呼市, 青城
    subtype: str = ADMINISTRATIVE_REGION

    @property
    def adcode(self) -> str | None:
        """The adcode of a Chinese division (None for other places)."""
        return self.key if self.key.isdigit() else None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.short)


class GazetteerError(Exception):
    """A resource file is missing or malformed."""


class Gazetteer:
    def __init__(self, places: Iterable[Place], common_words: Iterable[str] = ()) -> None:
        self._places: dict[str, Place] = {}
        self._by_form: dict[str, list[Place]] = {}
        for place in places:
            if place.key in self._places:
                raise GazetteerError(f"duplicate place key {place.key!r}")
            self._places[place.key] = place
            for form in dict.fromkeys(place.forms):
                self._by_form.setdefault(form, []).append(place)
        for cands in self._by_form.values():
            cands.sort(key=lambda p: (KIND_RANK[p.kind], p.key))
        self._common = frozenset(common_words)
        self._matchers: dict[tuple[bool, bool], _Matcher] = {}

    # -------------------------------------------------------------- lookups

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def get(self, key: str) -> Place | None:
        return self._places.get(key)

    def lookup(self, surface: str) -> list[Place]:
        """Every place whose name or short form is exactly `surface`, higher level first."""
        return list(self._by_form.get(surface, ()))

    def ancestors(self, key: str) -> list[Place]:
        """The places containing `key`, nearest first (九原区 -> 包头市, 内蒙古自治区)."""
        chain = []
        place = self._places.get(key)
        while place is not None and place.parent is not None:
            place = self._places.get(place.parent)
            if place is None or place in chain:
                break
            chain.append(place)
        return chain

    def children(self, key: str) -> list[Place]:
        return [p for p in self._places.values() if p.parent == key]

    def is_ambiguous(self, surface: str) -> bool:
        """True when `surface` names more than one place (朝阳区, 鼓楼, 阿旗)."""
        return len(self._by_form.get(surface, ())) > 1

    def is_common_word(self, surface: str) -> bool:
        """True when `surface` is also an ordinary word (合作, 青山, 城区): ask for context."""
        return surface in self._common

    # -------------------------------------------------------------- resolve

    def resolve(self, surface: str, near: Sequence[str] = ()) -> Place | None:
        """The one place `surface` most likely names, or None.

        Candidates are scored by how deep in the tree they meet the `near`
        places (the article's home and local keys): a candidate inside the
        local city beats one that only shares the province.  Ties go to the
        higher level (KIND_RANK); a tie that remains gives None.
        """
        cands = self._by_form.get(surface)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        near_chains = [self._chain(k) for k in near if k in self._places]
        scored = sorted(
            (((-self._closeness(c, near_chains), KIND_RANK[c.kind]), c) for c in cands),
            key=lambda pair: pair[0],
        )
        best_score, best = scored[0]
        if scored[1][0] == best_score:
            return None
        return best

    def _chain(self, key: str) -> list[str]:
        """`key` and its ancestors' keys, root last."""
        return [key, *(p.key for p in self.ancestors(key))]

    def _closeness(self, place: Place, near_chains: list[list[str]]) -> int:
        """Depth of the deepest node `place` shares with any near place (0: none)."""
        chain = set(self._chain(place.key))
        best = 0
        for near_chain in near_chains:
            for i, key in enumerate(near_chain):
                if key in chain:
                    best = max(best, len(near_chain) - i)
                    break
        return best

    # -------------------------------------------------------------- scanning

    def surface_forms(self) -> Iterator[tuple[str, Place]]:
        """Every (name or short form, place), for a jieba dictionary or a matcher."""
        for form, places in self._by_form.items():
            for place in places:
                yield form, place

    def find_all(self, text: str, *, towns: bool = False,
                 common_words: bool = False) -> list[tuple[int, int, str]]:
        """Longest-match scan for place names: (start, end, surface), in order, no overlaps.

        Never returns one-character forms.  Towns (38k names, many of them
        repeated across counties: 城关镇) are left out unless `towns`.
        Forms that are ordinary words too (is_common_word: 合作, 青山, 和林)
        are left out unless `common_words`; a caller that asks for them
        should check them (a suffix after them, or resolve() near the article).
        A form right before 族 is skipped (蒙古族), and so is a form whose last
        character starts a word with the next one (BOUNDARY_WORDS): the
        scan then tries the next shorter form at that position.
        """
        matcher = self._matchers.get((towns, common_words))
        if matcher is None:
            forms = {
                form for form, places in self._by_form.items()
                if len(form) >= 2
                and (towns or any(p.kind != "town" for p in places))
                and (common_words or form not in self._common)
            }
            matcher = self._matchers[(towns, common_words)] = _Matcher(forms)
        return matcher.scan(text)


class _Matcher:
    """Longest match over a set of forms, indexed by their first two characters."""

    def __init__(self, forms: Iterable[str]) -> None:
        by_bigram: dict[str, set[int]] = {}
        self._forms = frozenset(forms)
        for form in self._forms:
            by_bigram.setdefault(form[:2], set()).add(len(form))
        self._lengths = {bg: sorted(ls, reverse=True) for bg, ls in by_bigram.items()}

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        # Only positions whose two characters could open a form are looked up: a character
        # class for each of the two (made on first use) finds them in C, and they are some
        # 15 % of the positions of a text (the bigram lookup itself hits fewer than 2 %).
        candidates = self.__dict__.get("_candidates")
        if candidates is None:
            bigrams = [bigram for bigram in self._lengths if len(bigram) == 2]
            firsts = "".join(sorted({b[0] for b in bigrams})) or "\0"
            seconds = "".join(sorted({b[1] for b in bigrams})) or "\0"
            candidates = self._candidates = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
        found = []
        lengths_of = self._lengths.get
        forms = self._forms
        n = len(text)
        i = 0               # positions before i are inside a form found
        for candidate in candidates.finditer(text):
            at = candidate.start()
            if at < i:
                continue
            lengths = lengths_of(text[at:at + 2])
            if lengths is None:
                continue
            for length in lengths:
                end = at + length
                if end > n:
                    continue
                surface = text[at:end]
                if surface not in forms:
                    continue
                if end < n and (text[end] == ETHNIC_MARK
                                or text[end - 1:end + 1] in BOUNDARY_WORDS):
                    continue
                found.append((at, end, surface))
                i = end
                break
        return found


# ------------------------------------------------------------------ loading

def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a resource TSV, without comment lines and header, padded to the header's width."""
    path = RESOURCES / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"cannot read resource {path}: {exc}") from exc
    rows: list[list[str]] = []
    width = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not width:
            width = len(fields)
            continue
        if len(fields) > width:
            raise GazetteerError(f"{path}:{number}: {len(fields)} columns, the header has {width}")
        rows.append(fields + [""] * (width - len(fields)))
    return rows


def _split(field: str) -> tuple[str, ...]:
    return tuple(f for f in field.split(",") if f)


def _divisions() -> list[Place]:
    extra: dict[str, list[str]] = {}
    for adcode, _name, form, _kind in _read_tsv("places_abbreviations.tsv"):
        extra.setdefault(adcode, []).append(form)
    places = []
    for adcode, name, level, parent, short in _read_tsv("divisions.tsv"):
        forms = tuple(dict.fromkeys((*_split(short), *extra.pop(adcode, ()))))
        places.append(Place(adcode, name, level, parent or None, forms))
    if extra:
        raise GazetteerError(f"places_abbreviations.tsv: unknown adcodes {sorted(extra)}")
    return places


def _towns() -> list[Place]:
    return [Place(f"town:{county}:{name}", name, "town", county)
            for county, name in _read_tsv("places_towns.tsv")]


def _countries() -> list[Place]:
    return [Place(f"country:{iso2}", name, "country", None,
                  tuple(dict.fromkeys(f for f in (*_split(short), formal) if f and f != name)),
                  COUNTRY)
            for iso2, name, short, formal in _read_tsv("places_countries.tsv")]


def _foreign() -> list[Place]:
    kinds = {"city": "foreign_city", "province": "foreign_division"}
    return [Place(f"foreign:{iso2}:{name}", name, kinds[kind], f"country:{iso2}", _split(short))
            for name, short, iso2, kind in _read_tsv("places_foreign.tsv")]


CHINA_KEY = "country:CN"


def _regions(divisions: list[Place]) -> list[Place]:
    """Named regions, each inside the smallest division that holds all its members
    (呼包鄂乌 -> 内蒙古自治区); a region of several provinces (京津冀) lies in China, and a
    region without members of China (东北亚) in nothing."""
    parents = {p.key: p.parent for p in divisions}
    return [Place(f"region:{name}", name, "region", _region_parent(_split(members), parents), _split(short), REGION)
            for name, short, members, _note in _read_tsv("places_regions.tsv")]


def _region_parent(members: tuple[str, ...], parents: dict[str, str | None]) -> str | None:
    """The deepest division strictly containing every member; China when the members are
    Chinese divisions with no common one; None for other regions."""
    if not members or not all(m in parents for m in members):
        return None
    common: list[str] | None = None
    for member in members:
        chain, key = [], parents.get(member)
        while key is not None:
            chain.append(key)
            key = parents.get(key)
        common = chain if common is None else [k for k in common if k in chain]
    return common[0] if common else CHINA_KEY


def _sites() -> list[Place]:
    return [Place(f"site:{name}", name, "site", parent, _split(short), subtype)
            for name, short, parent, subtype in _read_tsv("places_sites.tsv")]


def _ports() -> list[Place]:
    return [Place(f"port:{name}", name, "port", division, _split(short), PORT)
            for name, short, division, _mode in _read_tsv("places_ports.tsv")]


def load_common_words() -> frozenset[str]:
    """Place forms that are also ordinary words (kg/resources/places_ambiguous.txt)."""
    path = RESOURCES / "places_ambiguous.txt"
    if not path.exists():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, _, reason = line.partition("\t")
            if not reason.startswith("keep"):      # "keep": reviewed, a name first
                words.add(form)
    return frozenset(words)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of kg/resources, loaded once per process."""
    divisions = _divisions()
    places = [*divisions, *_towns(), *_countries(), *_foreign(), *_regions(divisions), *_ports(), *_sites()]
    gazetteer = Gazetteer(places, load_common_words())
    missing = sorted({p.parent for p in places if p.parent and gazetteer.get(p.parent) is None})
    if missing:
        raise GazetteerError(f"places refer to unknown parents: {missing[:10]}")
    return gazetteer
