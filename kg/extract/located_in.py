"""locatedIn within one article: where the text, a name or the article's context puts an
organization, a zone or a project.

From the text (`located_in`):
    a place named inside the name          呼和浩特市商务局, 巴彦淖尔市乌拉特中旗…项目
    a town or site right after its division 乌审旗|河南乡
    位于/地处 + place (+ 的) before the name  位于呼和浩特市的大青山国家级自然保护区
    在/位于/落户 + place before a project   在和林格尔新区启动…项目
From the name and the context (`implied_places`), as mentions without a surface form:
    the place a level word stood for       市商务局 -> 呼和浩特市; 交通集团 -> 内蒙古自治区
    a division opening a name              内蒙古大学; 蒙牛 (内蒙古蒙牛乳业…) -> 内蒙古自治区
    a national government body             国家发展和改革委员会 -> 中国
    what the article is about, for a project, a zone, a natural site or an institution
    the text does not place                 (综合保税区, 大青山实验室 in a Hohhot paper -> 呼和浩特市)
Companies get no default place: a paper names firms from everywhere that invest in its region.
The administrative hierarchy of places is added at resolution (kg/resolve/entities.py).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from ..model import LOCATED_IN, ORGANIZATION, PLACE, PROJECT, LocalRelation, Mention
from ..resolve.gazetteer import CHINA_KEY, load_gazetteer
from ..resolve.lexicon import load_known_orgs
from . import places
from .scope import Scope

_CLAUSE_BREAK = re.compile(r"[。；！？]")
_ROUTE_RE = re.compile(r"[\u4e00-\u9fff]{2}至[\u4e00-\u9fff]{2}")
# 在|位于|落户 + place before a project (在蒙牛中国乳业产业园正式启动…项目).
_LOCATIVE = ("在", "位于", "落户", "落地", "坐落于", "地处", "于")
# 位于|地处 + place (+ 的) right before a name places anything (位于呼和浩特市的大青山…保护区).
_SITUATED = ("位于", "地处", "坐落于", "坐落在")
# Places whose name says nothing of where they are: they lie where the article is.
_DEFAULT_PLACE_SUBTYPES = frozenset({"DevelopmentZone", "NaturalSite"})


def _by_sentence(mentions: list[Mention]) -> dict[int, list[tuple[int, Mention]]]:
    """The places named in the text (implied ones have no span), per sentence."""
    out: dict[int, list[tuple[int, Mention]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.type == PLACE and m.end > m.start:
            out[m.sentence].append((i, m))
    return out


def located_in(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    """The places the text itself gives organizations, zones and projects."""
    out: list[LocalRelation] = []
    places_of = _by_sentence(mentions)
    names_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        if m.type == ORGANIZATION and m.end > m.start:
            names_of[m.sentence].append((m.start, m.end))
    for si, subject in enumerate(mentions):
        if subject.type not in (ORGANIZATION, PROJECT, PLACE) or subject.end == subject.start \
                or subject.deictic and subject.type == PLACE:
            continue          # 我区, 经开区 (a city's own): placed by what they stand for
        candidates = places_of.get(subject.sentence, ())
        if not candidates:
            continue
        place = _place_of(si, subject, candidates, sentences.get(subject.sentence, ""), names_of[subject.sentence])
        if place is not None:
            out.append(LocalRelation(si, LOCATED_IN, place, subject.sentence))
    return out


def pilot_areas(mentions: list[Mention]) -> list[LocalRelation]:
    """An area of a pilot free trade zone is in the zone (中国（福建）自由贸易试验区厦门片区 ->
    中国（福建）自由贸易试验区) wherever the article names the zone, in its sentence or not."""
    zones = {m.name: n for n, m in enumerate(mentions) if m.type == PLACE and m.text and places.is_pilot_zone(m.name)}
    return [LocalRelation(n, LOCATED_IN, zones[zone], m.sentence)
            for n, m in enumerate(mentions) if m.type == PLACE and m.text and m.name.endswith("片区")
            for zone in zones if m.name.startswith(zone) and m.name != zone]


def _is_route(m: Mention) -> bool:
    """乌兰察布至燕山石化输氢管道, 蒙西至京津冀外送通道: a line between places lies in neither."""
    return m.type == PROJECT and _ROUTE_RE.search(m.text) is not None


def _place_of(si: int, subject: Mention, candidates, text: str, org_spans=()) -> int | None:
    size = subject.end - subject.start
    if _is_route(subject):
        return None
    # a list item's project may be the very place it names (洛阳、徐州等物流集散中心项目: 洛阳 is
    # both the place and the surface of 洛阳物流集散中心项目); a direction in a name (亚太研发中心,
    # 华南生产基地) says whom a plant serves, not where it is (a zone of a region is in it: 呼包鄂…示范区)
    inner = [(i, p) for i, p in candidates if i != si and subject.start <= p.start and p.end <= subject.end
             and ((p.end - p.start) < size or subject.type == PROJECT) and p.name != subject.name
             and not (_is_region(p) and subject.type != PLACE)]
    named = None
    if inner:
        # the most specific place named inside: the last one (巴彦淖尔市乌拉特中旗…), of those that
        # say where the name lies (二连浩特|—扎门乌德经济合作区: not the partner across the border)
        own = [(i, p) for i, p in inner if not p.embedded] or inner
        named = max(own, key=lambda item: (item[1].end, item[1].start))
    if subject.type == PROJECT:
        # a project's name often opens with its owner's home (湖南X公司…项目): the place the text
        # states (在P，…项目; P的…项目; …项目落户P) wins, unless the name is more specific inside it
        stated = _stated_place(subject, candidates, text, org_spans)
        if stated is not None and (named is None or not _is_inside(named[1], stated[1])):
            return stated[0]
    if named is not None:
        return named[0]
    if subject.type == ORGANIZATION and subject.deictic:
        # 东海新区党工委书记、管委会主任: the 管委会 read as that zone's lies in the zone
        zones = [(i, p) for i, p in candidates if p.subtype == "DevelopmentZone" and subject.name.startswith(p.name)]
        if zones:
            return max(zones, key=lambda item: len(item[1].name))[0]
    if subject.type == PLACE and subject.key is None:
        # 乌审旗|河南乡: a town or site right after the division it lies in
        adjacent = [i for i, p in candidates if p.end == subject.start and p.key]
        if adjacent:
            return adjacent[0]
    if subject.type == PLACE and subject.key is not None:
        return None          # divisions are placed by the gazetteer
    # 位于呼和浩特市的大青山国家级自然保护区
    situated = [(i, p) for i, p in candidates if p.end <= subject.start and p.key
                and text[p.end:subject.start] in ("", "的") and text.endswith(_SITUATED, 0, p.start)]
    if situated:
        return max(situated, key=lambda item: item[1].end)[0]
    return None


# …项目落户P, …项目位于P: verbs that place what comes before them.
_PLACED_AT = ("位于", "落户", "落户于", "落地", "落地于", "坐落于", "坐落在", "地处", "选址", "选址于", "建在", "布局在")
_STATED_AFTER_SPAN = 30       # characters from a project's name to the verb that places it


def _stated_place(subject: Mention, candidates, text: str, org_spans=()):
    """The place the text states for a project: 在|位于|落户 P (，) … 项目, P的…项目, or
    …项目（，…）落户|位于 P; the most specific of a chain (落户广东省佛山市 -> 佛山市).
    A place inside an organization's name states nothing (在|广州海关监管下…)."""
    outside = [(i, p) for i, p in candidates if not _is_region(p)
               and (p.end <= subject.start or p.start >= subject.end)
               and not any(a <= p.start and p.end <= b and b - a > p.end - p.start for a, b in org_spans)]
    before = [(i, p) for i, p in outside if p.end <= subject.start and not p.embedded
              and (text.endswith(_LOCATIVE, 0, p.start) or _chained_after_locative(p, outside, text))
              and not _CLAUSE_BREAK.search(text, p.end, subject.start)]
    if before:
        return max(before, key=lambda item: (item[1].end, -item[1].start))
    # 南山区的…项目
    owned = [(i, p) for i, p in outside if text[p.end:subject.start] == "的" and not p.embedded]
    if owned:
        return max(owned, key=lambda item: item[1].end - item[1].start)
    after = [(i, p) for i, p in outside if p.start >= subject.end and not p.embedded
             and p.start - subject.end <= _STATED_AFTER_SPAN and text.endswith(_PLACED_AT, 0, p.start)
             and not _CLAUSE_BREAK.search(text, subject.end, p.start)]
    if not after:
        return None
    # the chain that follows the verb: 落户|广东省|佛山市|高新区
    first = max(after, key=lambda item: (-item[1].start, item[1].end - item[1].start))
    chain = first
    while True:
        following = [(i, p) for i, p in outside if p.start == chain[1].end and not p.embedded]
        if not following:
            return chain
        chain = max(following, key=lambda item: item[1].end)


def _chained_after_locative(p: Mention, outside, text: str) -> bool:
    """在广东省|佛山市: a place right after a place that follows a locative."""
    return any(q.end == p.start and text.endswith(_LOCATIVE, 0, q.start) for _, q in outside)


def _is_region(p: Mention) -> bool:
    """亚太, 华东: a region, not one place a thing stands in."""
    return bool(p.key) and p.key.startswith("region:")


def _is_inside(inner: Mention, outer: Mention) -> bool:
    """True when the place `inner` lies within the place `outer` (佛山市 in 广东省)."""
    if not inner.key or not outer.key or inner.key == outer.key:
        return False
    return any(a.key == outer.key for a in load_gazetteer().ancestors(inner.key))


def _has_place_inside(m: Mention, places_of: dict[int, list[tuple[int, Mention]]]) -> bool:
    return any(m.start <= p.start < m.end for _, p in places_of.get(m.sentence, ()))


def implied_places(mentions: list[Mention], scope: Scope, gazetteer,
                   sentences: dict[int, str] | None = None) -> list[tuple[int, int]]:
    """Places the name or the article implies for organizations, zones and projects, appended
    to `mentions` as mentions without a surface form; returns the (subject, place) pairs."""
    implied: list[tuple[int, int]] = []
    where: dict[int, set[str]] = defaultdict(set)          # subject -> keys of the places it has

    def add(subject: int, place, embedded: bool = False) -> None:
        mention = Mention(text="", type=PLACE, name=place.name, sentence=mentions[subject].sentence, start=0, end=0,
                          subtype=place.subtype, key=place.key, deictic=True, embedded=embedded)
        mentions.append(mention)
        implied.append((subject, len(mentions) - 1))
        where[subject].add(place.key)

    _embed_regions_in_names(mentions)
    places_of = _by_sentence(mentions)
    for rel in located_in(mentions, sentences or {}):
        where[rel.subject].add(mentions[rel.object].key)     # None for a zone: placed all the same
    subjects = [(n, m) for n, m in enumerate(mentions) if m.text and m.type in (ORGANIZATION, PROJECT, PLACE)]
    for n, m in subjects:
        place = _named_place(m, scope, gazetteer, places_of)
        if place is not None:
            add(n, place, embedded=m.key is None)
    default = scope.focus or scope.home
    if default is None:
        return implied
    inside = {default.key, *(a.key for a in gazetteer.ancestors(default.key))}
    for n, m in subjects:
        # the article's place, unless the text or the name puts the subject elsewhere
        # (内蒙古大数据交易中心 in a Hohhot article is in 呼和浩特市 too; 和林格尔新区 stays in 和林格尔县)
        if default.key in where[n] or not where[n] <= inside or not _takes_default(m, places_of):
            continue
        if m.type == PROJECT and scope.focus is None:
            continue          # a region's paper names projects all over the region
        add(n, default)
    return implied


def _embed_regions_in_names(mentions: list[Mention]) -> None:
    """华东 in 华东生产基地项目, 亚太 in …亚太研发中心: a region inside the name of a project or an
    organization is part of that name, no place of the text (marked embedded, in place)."""
    # (the ends of a route are places of the text: 蒙西至京津冀…通道)
    names = [(m.sentence, m.start, m.end) for m in mentions
             if m.type in (ORGANIZATION, PROJECT) and m.end > m.start and not _is_route(m)]
    for n, m in enumerate(mentions):
        if m.type == PLACE and _is_region(m) and not m.embedded and any(
                s == m.sentence and a <= m.start and m.end <= b and b - a > m.end - m.start for s, a, b in names):
            mentions[n] = replace(m, embedded=True)


def _named_place(m: Mention, scope: Scope, gazetteer, places_of):
    """The place the name of `m` implies, or None."""
    if m.type == PLACE:
        return None
    if m.type == ORGANIZATION and m.key:
        return gazetteer.get(m.key)           # 市商务局, 交通集团: named through an implicit place
    if _has_place_inside(m, places_of):
        return None
    org = load_known_orgs().get(m.text) if m.type == ORGANIZATION else None
    if org is None and m.name == m.text and not m.variants:
        # 内蒙古大学: a place opening a name that the segmenter kept in one word; embedded,
        # as it places the name but is no mention of the place by itself
        place = places.place_opening(m.text, gazetteer, scope.near)
        if place is not None and place.name != m.name and places.is_near(place, scope, gazetteer):
            return place
        return None
    if org is None:
        return None
    # 蒙牛 is 内蒙古蒙牛乳业(集团)股份有限公司, 呼石化 中国石油呼和浩特石化公司: the lexicon's full
    # name opens with the division it is in, or names the site of a national group's unit
    # (a division of China: the 中国 of 中国银行 is a brand, not a place)
    for start, _end, surface in gazetteer.find_all(org.name):
        place = gazetteer.resolve(surface, near=scope.near)
        if place is not None and place.adcode and (start == 0 or org.name.startswith("中")):
            return place
    if org.region == "CN" and org.subtype == "GovernmentAgency":
        return gazetteer.get(CHINA_KEY)       # 国家发改委, 商务部: the state's own bodies
    return None


def _takes_default(m: Mention, places_of) -> bool:
    """Projects, zones, natural sites and institutions whose names say nothing of where they are."""
    if m.type == PROJECT:
        return not _is_route(m)
    if m.type == PLACE:
        # a zone whose name holds a place we could not tell (东兴: a city and a district) stays unplaced
        return m.key is None and m.subtype in _DEFAULT_PLACE_SUBTYPES and not m.embedded \
            and (m.deictic or not load_gazetteer().find_all(m.name))
    # 大青山实验室, 国家乳业技术创新中心: a research centre, lab or museum a paper names without
    # a place is one of its own place; a known institution has its own (深交所)
    return m.subtype == "Institution" and m.text not in load_known_orgs()
