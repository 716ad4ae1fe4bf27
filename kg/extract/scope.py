"""What 我区, 全市, 首府, 市商务局 or 区委 refer to in one article.

An article's scope holds the places its deictic words point at: the
newspaper's home region (我区 in 内蒙古日报 is 内蒙古自治区), the dateline
place, and for each level of division (市, 区, 县, 旗, 盟) the place of that
level the article is about, chosen from the places it names (the headline
counts most).  It is computed once per article, after places are recognized
and before organizations are, since 市商务局 needs it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article, Mention
from ..resolve.gazetteer import Gazetteer, Place
from .grammar import capitals

# The last character of a division's name tells its level in everyday speech.
LEVEL_CHARS = ("省", "市", "区", "县", "旗", "盟", "州", "镇", "乡")
PROVINCE_KINDS = {"province"}
# Only divisions set what a level word means (not 粤港澳大湾区, not a 开发区).
LEVEL_KINDS = {"prefecture", "county", "town"}
# 自治区 followed by one of these opens a body's name (自治区党委, 自治区商务厅): the region's
# authority, which a city's article cites as often as a region's article does.
BODY_AFTER_REGION = "[党政人委商发工财教科文卫民公司国交农林水审统税海]"
_REGION_WORDS = re.compile(r"[我全本](?:区|省)|自治区(?!" + BODY_AFTER_REGION + ")")
# 全市, 我市 in a region's paper: the city the article is about.
_CITY_WORDS = re.compile(r"[我全本]市")
MAIN_CITY_MIN = 3         # mentions (the headline counts 3) that make a city an article's main city


@dataclass(frozen=True)
class Scope:
    home: Place | None = None
    local: Place | None = None
    province: Place | None = None    # the province-level region of home (自治区, 省 in a city's paper)
    by_level: dict[str, Place] = field(default_factory=dict)
    main_city: Place | None = None   # the city the article names most, when it clearly dominates
    district_focus: Place | None = None   # a district the headline names: 全区 is that district

    @property
    def focus(self) -> Place | None:
        """The place the article is about: its dateline, its city paper's city, or its main city."""
        if self.local is not None:
            return self.local
        if self.home is not None and not _is_province(self.home):
            return self.home
        return self.main_city

    @property
    def near(self) -> tuple[str, ...]:
        keys = [p.key for p in (self.local, self.home) if p is not None]
        keys += [p.key for p in self.by_level.values()]
        return tuple(dict.fromkeys(keys))

    def level(self, char: str, body: bool = False) -> Place | None:
        """The place a bare level word (市, 区, 县 …) refers to in this article.

        `body` is True for the prefix of a government body (区委, 区商务局): there
        区 is the district the article is about, while 我区/全区 in an autonomous
        region's paper are the region itself.
        """
        if char in ("自治区", "省"):
            return self.province or self.by_level.get("省")
        if char == "区":
            # 我区/全区 is the autonomous region in its own paper and in its cities' papers;
            # a district only in a district's paper, or for a body (区委) in an article about one.
            region = self.province if self.province is not None and self.province.name.endswith("自治区") else None
            district = self.by_level.get("区")
            home_is_district = self.home is not None and self.home.name.endswith("区") and self.home.kind == "county"
            if not body and self.district_focus is not None:
                return self.district_focus         # 深入全区…企业 in an article headed 包头市九原区…
            if not body and region is not None and not home_is_district:
                return region
            return district if district is not None else region
        # In a city's own paper 市 is that city, whatever other cities the article names.
        if self.home is not None and self.home.name.endswith(char) and not _is_province(self.home):
            return self.home
        place = self.by_level.get(char)
        if place is not None:
            return place
        if self.local is not None and self.local.name.endswith(char):
            return self.local
        return None


def _is_province(place: Place) -> bool:
    return place.kind in PROVINCE_KINDS


def _level_char(place: Place) -> str | None:
    if place.name.endswith("自治区") and _is_province(place):
        return "省"
    if _is_province(place):
        return "省"
    for char in LEVEL_CHARS:
        if place.name.endswith(char):
            return char
    return None


CAPITAL_WORD = "首府"


def _capital(province: Place | None, gazetteer: Gazetteer) -> Place | None:
    """The capital of a province-level region (kg/resources/capitals.tsv)."""
    name = capitals().get(province.name) if province is not None else None
    return gazetteer.resolve(name) if name else None


def build_scope(article: Article, places: list[Mention], gazetteer: Gazetteer) -> Scope:
    ctx = article.context
    home = gazetteer.resolve(ctx.home) if ctx.home else None
    near = (home.key,) if home is not None else ()
    local = gazetteer.resolve(ctx.local, near=near) if ctx.local else None
    weights: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    # 我区, 全区, 内蒙古 …: how much the article speaks of its whole region
    region_refs = sum(len(_REGION_WORDS.findall(s.text)) for s in article.sentences)
    headline_keys = {m.key for m in places if m.sentence < 0 and m.key and not m.deictic}
    for order, mention in enumerate(places):
        if home is not None and mention.key == home.key:
            region_refs += 1
        if mention.deictic or mention.key is None:
            continue
        weights[mention.key] += 3 if mention.sentence < 0 else 1
        first_seen.setdefault(mention.key, order)
    by_level: dict[str, Place] = {}
    ranked = sorted(weights, key=lambda key: (-weights[key], first_seen[key]))
    for key in ranked:
        place = gazetteer.get(key)
        if place is None or place.kind not in LEVEL_KINDS:
            continue
        char = _level_char(place)
        if char and char not in by_level:
            by_level[char] = place
    if local is not None:
        char = _level_char(local)
        if char:
            by_level.setdefault(char, local)
    if home is not None:
        char = _level_char(home)
        if char:
            by_level.setdefault(char, home)
    province = None
    for place in (home, local):
        if place is not None:
            lineage = [place, *gazetteer.ancestors(place.key)]
            province = next((p for p in lineage if _is_province(p)), None)
            if province is not None:
                break
    # 首府 names the capital of the home region: it counts for that city as its name does.
    capital = _capital(province, gazetteer)
    if capital is not None:
        refs = sum(s.text.count(CAPITAL_WORD) for s in article.sentences) + article.headline.count(CAPITAL_WORD)
        if refs:
            weights[capital.key] += refs
            first_seen.setdefault(capital.key, len(places))
            ranked = sorted(weights, key=lambda key: (-weights[key], first_seen[key]))
    cities = [k for k in ranked if (gazetteer.get(k) or home).kind == "prefecture"]
    if cities and (home is None or _is_province(home)):
        weights[cities[0]] += sum(len(_CITY_WORDS.findall(s.text)) for s in article.sentences) \
            + len(_CITY_WORDS.findall(article.headline))
    main_city = None
    if cities and weights[cities[0]] >= MAIN_CITY_MIN and weights[cities[0]] > region_refs \
            and (len(cities) == 1 or weights[cities[0]] >= 2 * weights[cities[1]]):
        main_city = gazetteer.get(cities[0])
    district = by_level.get("区")
    district_focus = district if district is not None and district.key in headline_keys else None
    return Scope(home=home, local=local, province=province, by_level=by_level, main_city=main_city,
                 district_focus=district_focus)
