"""Places: divisions of China from the gazetteer, countries, regions and ports,
named zones by their grammar (…开发区, …新区, …口岸, …自然保护区), towns
(…镇, …乡, …苏木) after a known place, and deictic references (我区, 全市, 首府).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..model import PLACE, Mention
from ..resolve.gazetteer import Gazetteer, Place, load_gazetteer
from .alternation import longest_first
from .grammar import (capitals, ends_a_word, has_proper_noun, is_generic, left_edge, nicknames, starts_a_word,
                      zone_suffixes)
from .scope import BODY_AFTER_REGION, Scope
from .tokens import Token, ending_at, starting_at

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
_NOT_PLACE_AFTER = re.compile(BODY_AFTER_REGION)


@lru_cache(maxsize=1)
def _zone_suffix_re() -> re.Pattern:
    return re.compile(longest_first(zone_suffixes()))


def _mention(text: str, place: Place, sentence: int, start: int, deictic: bool = False) -> Mention:
    return Mention(text=text, type=PLACE, name=place.name, sentence=sentence, start=start,
                   end=start + len(text), subtype=place.subtype, key=place.key, deictic=deictic)


_TOWN_ENDS = ("乡", "镇", "苏木", "嘎查", "街道")


def find_divisions(text: str, sentence: int, gazetteer: Gazetteer, near: tuple[str, ...],
                   tokens: list[Token]) -> list[Mention]:
    """Names of the gazetteer (full or short), where they are words of the sentence
    (not 吉林 in 巴丹吉林, 亚洲 in 亚洲杯), and towns the segmenter knows (河南乡)."""
    out: list[Mention] = []
    towns = [t for t in tokens if t.tag == "ns" and len(t.text) >= 3 and t.text.endswith(_TOWN_ENDS)]
    for start, end, surface in gazetteer.find_all(text):
        if starting_at(tokens, start) is None or _home_nickname(surface, near, gazetteer):
            continue          # 鹿城 in an Inner Mongolian paper is 包头市 (find_nicknames), not 温州's 鹿城区
        if ending_at(tokens, end) is None:
            # 和林格尔县|委书记 segmented 和林格尔|县委书记: keep the longest name that ends a word.
            end = next((e for e in range(end - 1, start + 1, -1)
                        if ending_at(tokens, e) is not None and gazetteer.lookup(text[start:e])), None)
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
    out = [m for m in out if not _inside_a_name(m, out, gazetteer)]
    return out + _shared_head(text, sentence, gazetteer, out)


def _inside_a_name(m: Mention, found: list[Mention], gazetteer: Gazetteer) -> bool:
    """湛江|东海新区: a county right after a city or province it does not lie in is part of a
    name that opens with that place (东海 here is no county of Jiangsu); 苏州|吴江 is a chain."""
    if not m.key or not m.key.isdigit() or m.key.endswith("00"):
        return False          # only counties: 广东湖南 lists two provinces
    before = next((p for p in found if p.end == m.start and p.key and p.key.isdigit()), None)
    if before is None or not before.key.endswith("00"):
        return False
    return not any(a.key == before.key for a in gazetteer.ancestors(m.key))


_REGION_HEAD = "地区"


def _shared_head(text: str, sentence: int, gazetteer: Gazetteer, found: list[Mention]) -> list[Mention]:
    """华北、西北地区: the first region shares the second's 地区 (华北 alone may be a direction)."""
    out = []
    for m in found:
        if not m.text.endswith(_REGION_HEAD) or m.start < 3 or text[m.start - 1] not in "、和与及":
            continue
        for size in (4, 3, 2):
            first = text[max(0, m.start - 1 - size):m.start - 1]
            place = gazetteer.resolve(first + _REGION_HEAD) if len(first) == size else None
            if place is not None and place.kind == "region":
                out.append(Mention(text=first, type=PLACE, name=place.name, sentence=sentence,
                                   start=m.start - 1 - size, end=m.start - 1, subtype=place.subtype, key=place.key))
                break
    return out


def _home_nickname(surface: str, near: tuple[str, ...], gazetteer: Gazetteer) -> bool:
    """True when `surface` is the nickname of a city in the article's home region."""
    city_name = nicknames().get(surface)
    if city_name is None or not near:
        return False
    city = gazetteer.resolve(city_name)
    return city is not None and bool({city.key, *(a.key for a in gazetteer.ancestors(city.key))} & set(near))


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


# Verbs that stand inside the names of zones (呼包鄂国家自主创新示范区, 承接产业转移示范区),
# where a verb elsewhere ends a name (建设|和林格尔新区).
_ZONE_NAME_VERBS = frozenset({"自主", "创新", "改革", "开放", "发展", "合作", "配套", "综合", "试验", "示范",
                              "转型", "融合", "协同", "承接", "转移", "振兴", "保护", "修复"})
# 二连浩特—扎门乌德经济合作区: two places joined by a dash name one cross-border zone.
_JOINING_DASHES = frozenset("—–-－~～")
_NAME_TAGS = frozenset({"ns", "nr", "nrfg", "nrt", "nz", "nt", "j", "x", "eng"})


def find_zones(text: str, sentence: int, tokens: list[Token], scope: Scope | None = None) -> list[Mention]:
    """Development zones, ports, reserves, towns: a proper name followed by a zone word
    (和林格尔新区, 大青山国家级自然保护区; not 优化口岸 or 天然草原); and, in an article
    about one city or county, a zone named by its class alone (综合保税区: that place's)."""
    out: list[Mention] = []
    for match in _zone_suffix_re().finditer(text):
        suffix = match.group()
        if not (ends_a_word(tokens, match.end()) or _before_locality(tokens, text, match.end())) \
                or (len(suffix) == 1 and not starts_a_word(tokens, match.start())):
            continue          # 家|乡, 城乡|建设
        start = _zone_start(tokens, text, match.start())
        if start is None or (zone_suffixes()[suffix] == "Port" and not _is_port_name(tokens, start, match.start())):
            continue
        surface = text[start:match.end()]
        # 呼和浩特经开区 is 呼和浩特经济技术开发区
        full = text[start:match.start()] + _bare_zone_re()[1].get(suffix, suffix)
        out.append(Mention(text=surface, type=PLACE, name=full, sentence=sentence, start=start,
                           end=match.end(), subtype=zone_suffixes()[suffix],
                           variants=(surface,) if surface != full else ()))
    for match in _RATED_SITE_RE.finditer(text):
        # 乌拉盖九曲湾5A级景区: the site is named before its rating
        start = left_edge(tokens, match.start(), verbs=False)      # numbers may name a site (九曲湾)
        if match.start() - start >= 2 and has_proper_noun(tokens, start, match.start()) \
                and not is_generic(text[start:match.start()]) and starts_a_word(tokens, match.start()):
            out.append(Mention(text=text[start:match.start()], type=PLACE, name=text[start:match.start()],
                               sentence=sentence, start=start, end=match.start(), subtype="NaturalSite"))
    out += find_pilot_zones(text, sentence, tokens)
    # 浙江自贸试验区 is also a zone by its suffix; the State Council's name is the one it goes by
    short_names = find_pilot_short_names(text, sentence, tokens)
    spans = {(m.start, m.end) for m in short_names}
    out = [m for m in out if (m.start, m.end) not in spans] + short_names
    out += find_bilateral_zones(text, sentence, tokens)
    if scope is not None and scope.focus is not None and scope.focus.kind in ("prefecture", "county"):
        out += _bare_zones(text, sentence, tokens, scope.focus, {(m.start, m.end) for m in out})
    return out


# The national pilot free trade zones are named 中国（省）自由贸易试验区 (中国（海南）自由贸易港), and
# their areas after them: 中国（福建）自由贸易试验区厦门片区.
_PILOT_ZONE_RE = re.compile(r"中国[（(](?P<province>[\u4e00-\u9fff]{2,3})[）)](?:自由贸易试验区|自由贸易港)"
                            r"(?P<area>[\u4e00-\u9fff]{2,8}?片区)?")


def is_pilot_zone(name: str) -> bool:
    """中国（福建）自由贸易试验区 itself (not one of its areas)."""
    match = _PILOT_ZONE_RE.fullmatch(name)
    return match is not None and not match.group("area")


def find_pilot_zones(text: str, sentence: int, tokens: list[Token]) -> list[Mention]:
    """A pilot free trade zone by its grammar, and the area of it named after it."""
    out: list[Mention] = []
    gazetteer = load_gazetteer()
    for match in _PILOT_ZONE_RE.finditer(text):
        province = gazetteer.resolve(match.group("province"))
        if province is None or province.kind != "province":
            continue
        zone_end = match.start("area") if match.group("area") else match.end()
        out.append(Mention(text=text[match.start():zone_end], type=PLACE, name=text[match.start():zone_end],
                           sentence=sentence, start=match.start(), end=zone_end, subtype="DevelopmentZone"))
        if match.group("area") and starts_a_word(tokens, zone_end) and ends_a_word(tokens, match.end()) \
                and has_proper_noun(tokens, zone_end, match.end() - 2):
            out.append(Mention(text=match.group(), type=PLACE, name=match.group(), sentence=sentence,
                               start=match.start(), end=match.end(), subtype="DevelopmentZone"))
    return out


# 中韩（长春）国际合作示范区, 中德（沈阳）高端装备制造产业园: a park of China and another
# country, named by the two, the city in brackets, then its words and a zone word.
_BILATERAL_ZONE_HEAD = re.compile(r"中[\u4e00-\u9fff]{1,2}[（(](?P<city>[\u4e00-\u9fff]{2,4})[）)]")
_BILATERAL_ZONE_WORDS = 10


def find_bilateral_zones(text: str, sentence: int, tokens: list[Token]) -> list[Mention]:
    """Parks of China and another country: 中X（city）, then at most a few words and a zone word."""
    out: list[Mention] = []
    gazetteer = load_gazetteer()
    for head in _BILATERAL_ZONE_HEAD.finditer(text):
        if head.group().startswith("中国") or not gazetteer.lookup(head.group("city")) \
                or not starts_a_word(tokens, head.start()):
            continue          # 中国（福建）自由贸易试验区: find_pilot_zones'
        # the zone's words run up to a verb or a function word (中欧（厦门）班列|途经…口岸 is no port)
        end = head.end()
        for token in (t for t in tokens if t.start >= head.end()):
            if token.start != end or token.tag in ("v", "vd") or token.tag[:1] in "pcudr" \
                    or not "\u4e00" <= token.text[0] <= "\u9fff" \
                    or token.end - head.end() > _BILATERAL_ZONE_WORDS:
                break
            end = token.end
        words = text[head.end():end]
        suffix = next((m for m in _zone_suffix_re().finditer(words)
                       if m.end() == len(words) and zone_suffixes()[m.group()] == "DevelopmentZone"), None)
        if suffix is None:
            continue
        end = head.end() + suffix.end()
        out.append(Mention(text=text[head.start():end], type=PLACE, name=text[head.start():end], sentence=sentence,
                           start=head.start(), end=end, subtype=zone_suffixes()[suffix.group()]))
    return out


_PILOT_SHORT = re.compile(r"自贸(?:试验)?区")
# What ends the name of a pilot free trade zone that an area's name may follow (…自贸试验区|喀什片区).
_PILOT_ENDINGS = ("自贸试验区", "自贸区", "自由贸易试验区")
_AREA = (2, 4)          # characters of an area's own name (南沙, 前海蛇口)


def find_pilot_short_names(text: str, sentence: int, tokens: list[Token]) -> list[Mention]:
    """浙江自贸试验区, 新疆自贸区: a pilot free trade zone by its short name, named as the State
    Council names them: 中国（浙江）自由贸易试验区."""
    out: list[Mention] = []
    gazetteer = load_gazetteer()
    for match in _PILOT_SHORT.finditer(text):
        for n in (3, 2):
            start = match.start() - n
            province = gazetteer.resolve(text[start:match.start()]) if start >= 0 else None
            if province is not None and province.kind == "province" and starts_a_word(tokens, start):
                short = text[start:match.start()].removesuffix("省").removesuffix("市")   # 浙江省 -> 浙江
                out.append(Mention(text=text[start:match.end()], type=PLACE, sentence=sentence, start=start,
                                   end=match.end(), subtype="DevelopmentZone", name=f"中国（{short}）自由贸易试验区"))
                break
    return out


def find_article_pilot_areas(texts: dict[int, str], tokens: dict[int, list[Token]],
                             mentions_of: dict[int, list[Mention]]) -> list[Mention]:
    """The areas named alone in an article that names one pilot free trade zone (find_pilot_areas
    in each sentence); none where it names two or none."""
    zones = {m.name for found in mentions_of.values() for m in found if m.type == PLACE and is_pilot_zone(m.name)}
    if len(zones) != 1:
        return []
    zone = zones.pop()
    return [area for i, text in texts.items()
            for area in find_pilot_areas(text, i, tokens[i], zone, [(m.start, m.end) for m in mentions_of.get(i, ())])]


def find_pilot_areas(text: str, sentence: int, tokens: list[Token], zone: str,
                     taken: list[tuple[int, int]]) -> list[Mention]:
    """In an article about one pilot free trade zone, its areas by their own names: 南沙片区、
    前海蛇口片区, 自贸试验区霍尔果斯片区, 力争宁波片区… are 中国（广东）自由贸易试验区南沙片区 …
    The name is the words right before 片区, two to four characters of them, up to punctuation,
    the zone's name or a word that cannot be part of a name (力争, 三个, 老旧)."""
    out: list[Mention] = []
    low, high = _AREA
    by_end = {t.end: t for t in tokens}
    for match in re.finditer("片区", text):
        start = match.start()
        while start in by_end and by_end[start].tag[:1] not in _NOT_IN_AREA_NAMES \
                and by_end[start].tag != "w" and match.start() - by_end[start].start <= high \
                and not text.endswith(_PILOT_ENDINGS, 0, start):
            start = by_end[start].start
        # 力争|厦门片区: words before a division that opens the name are the sentence's
        first_place = next((t.start for t in tokens if start <= t.start and t.end <= match.start()
                            and load_gazetteer().lookup(t.text)), None)
        if first_place is not None:
            start = first_place
        if not low <= match.start() - start or not all("\u4e00" <= ch <= "\u9fff" for ch in text[start:match.start()]):
            continue
        # a division inside the name stays inside it (南沙 of 南沙片区); anything else there wins
        if any(a < match.end() and start < b and not (start <= a and b <= match.end()) for a, b in taken):
            continue
        words = [t for t in tokens if start <= t.start and t.end <= match.start()]
        if text[start:match.start()] in _GENERIC_AREAS or all(t.tag in ("f", "s") for t in words):
            continue          # 中心片区, 东部片区, 城北片区: parts of a city, no areas of the zone
        surface = text[start:match.end()]
        out.append(Mention(text=surface, type=PLACE, name=zone + surface, sentence=sentence,
                           start=start, end=match.end(), subtype="DevelopmentZone"))
    return out


# Words that name a part of any city, not an area of a pilot free trade zone.
_GENERIC_AREAS = frozenset({"中心", "核心", "重点", "老城", "新城", "主城", "城区", "中部", "先行", "起步",
                            "示范", "试点", "首开", "棚户", "老旧", "商业", "居住", "生活", "产业"})
# Tags (first letter) of words an area's name never holds: verbs, adverbs, numbers,
# pronouns, prepositions, conjunctions, particles, adjectives (not measure words: 蛇|口).
_NOT_IN_AREA_NAMES = frozenset("vdmrpcua")


def _before_locality(tokens: list[Token], text: str, end: int) -> bool:
    """柳东新|区内: jieba joins a zone's last character and the locality word after it (区内, 区外)."""
    return end < len(text) and text[end] in "内外" \
        and any(t.start == end - 1 and t.end == end + 1 for t in tokens)


def _zone_start(tokens: list[Token], text: str, suffix_start: int) -> int | None:
    """Where the name of the zone whose suffix starts at `suffix_start` begins, or None."""
    start = _named_zone_start(tokens, text, suffix_start)
    if start is None or is_generic(text[start:suffix_start]):
        return None           # 高水平工业园区: a kind of zone
    return _from_first_place(tokens, start, suffix_start)


# Tags of the common words that may stand before a zone's place without being part of its name.
_COMMON_TAGS = frozenset({"n", "vn", "v", "nn", "ng"})


def _from_first_place(tokens: list[Token], start: int, suffix_start: int) -> int:
    """研究院选址|长沙高铁新城: common words read before the division that opens a zone's name
    are the sentence's, not the zone's."""
    inside = [t for t in tokens if start <= t.start and t.end <= suffix_start]
    for n, token in enumerate(inside):
        if token.tag == "ns" and load_gazetteer().lookup(token.text):
            return token.start if n and all(t.tag in _COMMON_TAGS for t in inside[:n]) else start
    return start


def _named_zone_start(tokens: list[Token], text: str, suffix_start: int) -> int | None:
    start = left_edge(tokens, suffix_start, numbers=False, verbs=False)
    if suffix_start - start < 2 or not has_proper_noun(tokens, start, suffix_start):
        # 呼包鄂国家自主创新示范区: verbs of a zone's name after a proper noun
        start = left_edge(tokens, suffix_start, numbers=False, verbs=True)
        inside = [t for t in tokens if start <= t.start and t.end <= suffix_start]
        first = next((i for i, t in enumerate(inside) if t.tag in _NAME_TAGS and not t.text.isdigit()), None)
        if first is None or any(t.tag in ("v", "vd") and t.text not in _ZONE_NAME_VERBS for t in inside[first:]):
            return None
        start = inside[first].start
        if suffix_start - start < 2 or not has_proper_noun(tokens, start, suffix_start):
            return None
    if start >= 2 and text[start - 1] in _JOINING_DASHES:
        # 二连浩特—扎门乌德经济合作区: the place before the dash belongs to the name
        before = ending_at(tokens, start - 1)
        if before is not None and (before.tag == "ns" or load_gazetteer().lookup(before.text)):
            start = left_edge(tokens, start - 1, numbers=False, verbs=False)
    return start


# A port is named by its place and, at most, its mode: 满洲里铁路口岸, 二连浩特公路口岸.
_PORT_MODES = frozenset({"铁路", "公路", "航空", "陆路", "水运", "水路", "国际", "国际航空", "机场", "港"})
# 中蒙口岸, 中俄口岸: China and a neighbour, the ports between them, no one port.
_BILATERAL = re.compile(r"^中[蒙俄哈吉塔越老缅朝巴尼印阿欧]$")


def _is_port_name(tokens: list[Token], start: int, end: int) -> bool:
    """True when [start, end) is one place name (+ a mode word): not 内蒙古口岸, 中蒙最大综合性枢纽口岸,
    二连浩特智慧口岸."""
    inside = [t for t in tokens if start <= t.start and t.end <= end]
    if not inside or any(t.text not in _PORT_MODES for t in inside[1:]):
        return False
    name = inside[0].text
    if _BILATERAL.match(name):
        return False
    place = load_gazetteer().resolve(name)
    return place is None or place.kind not in ("province", "country", "region")


_RATED_SITE_RE = re.compile(r"[1-5][AＡ]级(?:旅游)?景区")
_DESIGNATION_BEFORE = re.compile(r"(?:国家级|省级|自治区级|申报|申建|创建|争创|升级为|成为|获批)$")


@lru_cache(maxsize=1)
def _bare_zone_re() -> tuple[re.Pattern, dict[str, str]]:
    lines = resources.files("kg.resources").joinpath("grammar_bare_zones.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in lines.splitlines() if line.strip() and not line.startswith("#")]
    forms = {form: full for form, full in rows[1:]}
    return re.compile(longest_first(forms)), forms


def _bare_zones(text: str, sentence: int, tokens: list[Token], place: Place,
                named: set[tuple[int, int]]) -> list[Mention]:
    """综合保税区, 经开区 standing alone (not after a name: 金桥|经济开发区) in an article about
    `place`: that place's zone, 呼和浩特综合保税区.  The surface is deictic: it names
    another zone in another article."""
    regex, forms = _bare_zone_re()
    if not regex.search(text):
        return []
    short = next((f for f in place.short if len(f) >= 2), place.name)
    by_end = {t.end: t for t in tokens}
    starts = {t.start for t in tokens}
    out = []
    for match in regex.finditer(text):
        start, end = match.start(), match.end()
        if not ends_a_word(tokens, end) or any(a <= start < b or a < end <= b for a, b in named):
            continue
        before = by_end.get(start)
        if start not in starts and before is None or _DESIGNATION_BEFORE.search(text, 0, start):
            continue          # 申报国家级高新区: a status applied for, no zone of the place yet
        if before is not None and before.tag in _NAME_TAGS and before.tag != "x":
            continue          # 呼和浩特|经开区 is named (find_zones); x may be a verb (建设|经开区)
        modifier = ""
        if before is not None and before.tag == "n" and len(before.text) >= 2:
            # 航天|经济开发区: one noun of the zone's own, right after a list mark or a verb
            outer = by_end.get(before.start)
            if outer is not None and outer.tag not in ("w", "v", "vn", "p", "c", "u", "d"):
                continue
            modifier, start = before.text, before.start
        full = short + modifier + forms[match.group()]
        surface = short + modifier + match.group()
        out.append(Mention(text=text[start:end], type=PLACE, name=full, sentence=sentence, start=start, end=end,
                           subtype="DevelopmentZone", deictic=True,
                           variants=(surface,) if surface != full else ()))
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


@lru_cache(maxsize=1)
def _nickname_re() -> re.Pattern:
    return re.compile(longest_first(nicknames()))


def find_nicknames(text: str, sentence: int, scope: Scope) -> list[Mention]:
    """青城 for 呼和浩特市, only where the article is at home in that city's province."""
    if not _nickname_re().search(text):
        return []             # most sentences: one scan for all the nicknames
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
            if name[size] in _FEATURE_CHARS:
                return None       # 紫金|山实验室: a mountain named like a county, not the county
            return gazetteer.resolve(name[:size], near=near)
    return None


# Characters that make a place's name the start of a feature's (紫金山, 太湖, 长江路).
_FEATURE_CHARS = frozenset("山湖河江海岛峰湾路街桥村")


def is_near(place: Place, scope: Scope, gazetteer: Gazetteer) -> bool:
    """A province or prefecture anywhere, or a county of the article's own province: a short
    name like 宝丰 opening 宝丰能源 is no reference to a county three provinces away."""
    if place.kind in ("province", "prefecture", "country", "region"):
        return True
    if scope.province is None:
        return False
    return any(a.key == scope.province.key for a in gazetteer.ancestors(place.key))
