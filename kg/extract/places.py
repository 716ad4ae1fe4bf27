"""Places: divisions of China from the gazetteer, countries, regions and ports,
named zones by their grammar (…开发区, …新区, …口岸, …自然保护区), towns
(…镇, …乡, …苏木) after a known place, and deictic references (我区, 全市, 首府).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import PLACE, Mention
from ..resolve.gazetteer import Gazetteer, Place, load_gazetteer
from .grammar import capitals, ends_a_word, has_proper_noun, left_edge, nicknames, starts_a_word, zone_suffixes
from .scope import Scope
from .tokens import Token

# Deictic words: (pattern, level word they point at).  我区 / 全区 / 自治区 alone,
# 我市 / 全市 / 本市, 首府 (the capital of the home region), 全省, 全县, 全旗, 全盟.
DEICTIC = {
    "我区": "区", "全区": "区", "本区": "区", "自治区": "自治区",
    "我市": "市", "全市": "市", "本市": "市",
    "我省": "省", "全省": "省", "本省": "省",
    "我县": "县", "全县": "县", "我旗": "旗", "全旗": "旗", "我盟": "盟", "全盟": "盟",
}
_DEICTIC_RE = re.compile("|".join(sorted(DEICTIC, key=len, reverse=True)))
CAPITAL_WORD = "首府"
# 自治区 followed by one of these is part of an organization's name, not a place.
_NOT_PLACE_AFTER = re.compile(r"[党政人委商发工财教科文卫民公司国交农林水审统税海]")


@lru_cache(maxsize=1)
def _zone_suffix_re() -> re.Pattern:
    suffixes = sorted(zone_suffixes(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, suffixes)) + ")")


def _mention(text: str, place: Place, sentence: int, start: int, deictic: bool = False) -> Mention:
    return Mention(text=text, type=PLACE, name=place.name, sentence=sentence, start=start,
                   end=start + len(text), subtype=place.subtype, key=place.key, deictic=deictic)


_TOWN_ENDS = ("乡", "镇", "苏木", "嘎查", "街道")


def find_divisions(text: str, sentence: int, gazetteer: Gazetteer, near: tuple[str, ...],
                   tokens: list[Token]) -> list[Mention]:
    """Names of the gazetteer (full or short), where they are words of the sentence
    (not 吉林 in 巴丹吉林, 亚洲 in 亚洲杯), and towns the segmenter knows (河南乡)."""
    out: list[Mention] = []
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    towns = [t for t in tokens if t.tag == "ns" and len(t.text) >= 3 and t.text.endswith(_TOWN_ENDS)]
    for start, end, surface in gazetteer.find_all(text):
        if start not in starts:
            continue
        if end not in ends:
            # 和林格尔县|委书记 segmented 和林格尔|县委书记: keep the longest name that ends a word.
            end = next((e for e in range(end - 1, start + 1, -1) if e in ends and gazetteer.lookup(text[start:e])), None)
            if end is None:
                continue
            surface = text[start:end]
        place = gazetteer.resolve(surface, near=near)
        if place is not None:
            out.append(_mention(surface, place, sentence, start))
    for token in towns:
        # 乌审旗河南乡: a town the segmenter knows, placed by the division named just before it
        before = [m.key for m in out if m.end == token.start and m.key]
        town = gazetteer.resolve(token.text, near=tuple(before) + near) if gazetteer.lookup(token.text) else None
        if town is not None:
            out.append(_mention(token.text, town, sentence, token.start))
        else:
            out.append(Mention(text=token.text, type=PLACE, name=token.text, sentence=sentence,
                               start=token.start, end=token.end, subtype="AdministrativeRegion"))
    return out


def chain_aliases(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """巴彦淖尔市乌拉特中旗: the inner place also gets the whole chain as a surface form."""
    out = list(mentions)
    for left, right in zip(mentions, mentions[1:]):
        if left.end == right.start and left.key and right.key and left.key != right.key:
            if any(a.key == left.key for a in gazetteer.ancestors(right.key)):
                out.append(Mention(text=left.text + right.text, type=PLACE, name=right.name,
                                   sentence=right.sentence, start=left.start, end=right.end,
                                   subtype=right.subtype, key=right.key))
    return out


def find_deictic(text: str, sentence: int, scope: Scope, capital: Place | None) -> list[Mention]:
    out: list[Mention] = []
    for match in _DEICTIC_RE.finditer(text):
        word = match.group()
        if word == "自治区" and _NOT_PLACE_AFTER.match(text, match.end()):
            continue
        place = scope.level(DEICTIC[word])
        if place is not None:
            out.append(_mention(word, place, sentence, match.start(), deictic=True))
    if capital is not None:
        for match in re.finditer(CAPITAL_WORD, text):
            out.append(_mention(CAPITAL_WORD, capital, sentence, match.start(), deictic=True))
    return out


def find_zones(text: str, sentence: int, tokens: list[Token]) -> list[Mention]:
    """Development zones, ports, reserves, towns: a proper name followed by a zone word
    (和林格尔新区, 大青山国家级自然保护区; not 优化口岸 or 天然草原)."""
    out: list[Mention] = []
    for match in _zone_suffix_re().finditer(text):
        suffix = match.group()
        if not ends_a_word(tokens, match.end()) or (len(suffix) == 1 and not starts_a_word(tokens, match.start())):
            continue          # 家|乡, 城乡|建设
        start = left_edge(tokens, match.start(), numbers=False, verbs=False)
        if match.start() - start < 2 or not has_proper_noun(tokens, start, match.start()):
            continue
        name = text[start:match.end()]
        subtype = zone_suffixes()[suffix]
        out.append(Mention(text=name, type=PLACE, name=name, sentence=sentence, start=start,
                           end=match.end(), subtype=subtype))
    return out


def capital_of(scope: Scope) -> Place | None:
    """The capital of the article's home province: what 首府 names."""
    gazetteer = load_gazetteer()
    region = scope.home
    if region is not None and region.kind != "province":
        region = next((a for a in gazetteer.ancestors(region.key) if a.kind == "province"), None)
    if region is None:
        return None
    name = capitals().get(region.name)
    return gazetteer.resolve(name) if name else None


def find_nicknames(text: str, sentence: int, scope: Scope) -> list[Mention]:
    """青城 for 呼和浩特市, only where the article is at home in that city's province."""
    gazetteer = load_gazetteer()
    home_keys = set(scope.near)
    out = []
    for nick, city_name in nicknames().items():
        start = text.find(nick)
        if start == -1:
            continue
        city = gazetteer.resolve(city_name)
        if city is None:
            continue
        lineage = {city.key} | {a.key for a in gazetteer.ancestors(city.key)}
        if lineage & home_keys:
            while start != -1:
                out.append(Mention(text=nick, type=PLACE, name=city.name, sentence=sentence, start=start,
                                   end=start + len(nick), subtype=city.subtype, key=city.key))
                start = text.find(nick, start + 1)
    return out


MIN_OPENING = 2


def place_opening(name: str, gazetteer: Gazetteer, near: tuple[str, ...]) -> Place | None:
    """The longest division or region name that a name starts with (内蒙古|大学), if any."""
    for size in range(min(len(name) - 1, 12), MIN_OPENING - 1, -1):
        if gazetteer.lookup(name[:size]):
            return gazetteer.resolve(name[:size], near=near)
    return None


def is_near(place: Place, scope: Scope, gazetteer: Gazetteer) -> bool:
    """A province or prefecture anywhere, or a county of the article's own province: a short
    name like 宝丰 opening 宝丰能源 is no reference to a county three provinces away."""
    if place.kind in ("province", "prefecture", "country", "region"):
        return True
    if scope.province is None:
        return False
    return any(a.key == scope.province.key for a in gazetteer.ancestors(place.key))
