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


@dataclass(frozen=True)
class Scope:
    home: Place | None = None
    local: Place | None = None
    by_level: dict[str, Place] = field(default_factory=dict)

    @property
    def near(self) -> tuple[str, ...]:
        keys = [p.key for p in (self.local, self.home) if p is not None]
        keys += [p.key for p in self.by_level.values()]
        return tuple(dict.fromkeys(keys))

    def level(self, char: str) -> Place | None:
        """The place a bare level word (市, 区, 县 …) refers to in this article."""
        if char in ("自治区", "省"):
            return self.home if self.home is not None and _is_province(self.home) else self.by_level.get("省")
        if char == "区":
            # 区委/区政府: a district when the article is about one, else an autonomous region at home.
            district = self.by_level.get("区")
            if district is not None:
                return district
            return self.home if self.home is not None and self.home.name.endswith("自治区") else None
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
        if place is None:
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
    return Scope(home=home, local=local, by_level=by_level)
