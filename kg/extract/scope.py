"""What 我区, 全市, 首府, 市商务局 or 区委 refer to in one article.

An article's scope holds the places its deictic words point at: the
newspaper's home region (我区 in 内蒙古日报 is 内蒙古自治区), the dateline
place, and for each level of division (市, 区, 县, 旗, 盟) the place of that
level the article is about, chosen from the places it names (the headline
counts most).  It is computed once per article, after places are recognized
and before organizations are, since 市商务局 needs it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Article, Mention
from ..resolve.gazetteer import Gazetteer, Place

# The last character of a division's name tells its level in everyday speech.
LEVEL_CHARS = ("省", "市", "区", "县", "旗", "盟", "州", "镇", "乡")
PROVINCE_KINDS = {"province"}
# Only divisions set what a level word means (not 粤港澳大湾区, not a 开发区).
LEVEL_KINDS = {"prefecture", "county", "town"}


@dataclass(frozen=True)
class Scope:
    home: Place | None = None
    local: Place | None = None
    province: Place | None = None    # the province-level region of home (自治区, 省 in a city's paper)
    by_level: dict[str, Place] = field(default_factory=dict)

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
            at_home = self.home is not None and self.home.name.endswith("自治区") and _is_province(self.home)
            district = self.by_level.get("区")
            if at_home and not body:
                return self.home
            return district if district is not None else (self.home if at_home else None)
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


def build_scope(article: Article, places: list[Mention], gazetteer: Gazetteer) -> Scope:
    ctx = article.context
    home = gazetteer.resolve(ctx.home) if ctx.home else None
    near = (home.key,) if home is not None else ()
    local = gazetteer.resolve(ctx.local, near=near) if ctx.local else None
    weights: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for order, mention in enumerate(places):
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
    return Scope(home=home, local=local, province=province, by_level=by_level)
