"""Organizations: government and party bodies named through their place, and
names that end in an organization suffix (…集团, …股份有限公司, …学院, …海关).

Government bodies have a grammar of their own:
    [place | level word] [委 | 政府 …] [department]*
    呼和浩特市 委 宣传部;  市 行政审批和政务服务局;  九原区 委 组织部;  自治区 商务厅
A level word (市, 区, 自治区 …) is resolved through the article's scope, so
市商务局 in a Hohhot article is 呼和浩特市商务局, and the surface form stays an
alias that never merges entities across articles.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import ORGANIZATION, Mention
from ..resolve.lexicon import load_agency_names, load_known_orgs, load_org_suffixes, load_titles
from .grammar import ends_a_word, has_proper_noun, is_generic, left_edge, project_suffixes
from .scope import Scope
from .tokens import Token

LEVEL_WORDS = ("自治区", "省", "市", "区", "县", "旗", "盟", "州", "镇", "乡")
_LEVEL_RE = re.compile("|".join(LEVEL_WORDS))
# The party committee of a place: 呼和浩特市委, 县委, 党工委 — but not 委员, 委员会 (a department word).
_COMMITTEE_RE = re.compile(r"(?:党工委|党委|委)(?![员会托])")
PARTY_WORDS = ("委", "党委", "党工委", "工委", "组织部", "宣传部", "统战部", "政法委", "纪委", "编办", "党校")


@lru_cache(maxsize=1)
def _agency_re() -> re.Pattern:
    names = sorted(load_agency_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


# Suffixes that are also everyday nouns (清洁能源, 现代科技): a name ends in one only
# where the sentence goes on with a boundary, not with more of a longer name.
WEAK_SUFFIXES = frozenset({"科技", "能源", "乳业", "实业", "企业", "控股", "矿业", "药业", "证券", "保险", "基金",
                           "信托", "酒店", "宾馆", "商场", "超市", "农场", "煤矿", "合作社"})
_AFTER_NAME = set("，。、；：？！”）)》 \n和与及等的在将是为已")


# Government and party bodies are read by their own grammar (place + department); of their
# endings, only those that end a body with a name of its own are looked for here.
_OWN_NAME_BODIES = frozenset({"海关", "管委会", "管理委员会", "边检站", "出入境边防检查站", "警备区", "军分区"})
# Endings shared by many descriptions (服务中心, 龙头企业, 创业联盟): the name must hold a proper noun.
NEEDS_PROPER_NOUN = ("中心", "联盟", "博物馆", "日报", "报社", "医院", "学校", "基地", "协会", "商会")
# 国家乳业技术创新中心: a national body is named through 国家/中国/全国.
_NATIONAL = ("国家", "中国", "全国", "中华")


@lru_cache(maxsize=1)
def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    # One-character endings (局, 厅, 委) belong to the government grammar; facility words
    # (工厂, 电厂, 牧场) are projects'; 企业 ends descriptions (龙头企业), not names.
    table = {s: t for s, t in load_org_suffixes() if len(s) >= 2 and s not in project_suffixes() and s != "企业"
             and (t not in ("GovernmentAgency", "PartyOrganization") or s in _OWN_NAME_BODIES)}
    alternatives = sorted(table, key=len, reverse=True)
    # 蒙牛乳业（集团）股份有限公司, 台积电（南京）有限公司: a bracketed word may stand before the legal form.
    pattern = r"(?:[（(][\u4e00-\u9fff]{1,6}[）)])?(?:" + "|".join(map(re.escape, alternatives)) + ")"
    return re.compile(pattern), table


_PARTY_BODY = re.compile(r"^委|党委|党工委|工委|纪委|纪工委|组织部|宣传部|统战部|政法委|编办|党校|党支部|党组")


def _subtype_of(body: str) -> str:
    """市委, 市委宣传部, 党工委 are the party's; 国资委, 商务局 the government's."""
    return "PartyOrganization" if _PARTY_BODY.search(body) else "GovernmentAgency"


_LEAGUE_RE = re.compile(r"团(省|市|区|县|旗|盟)委")


def find_league_committees(text: str, sentence: int, scope: Scope) -> list[Mention]:
    """团市委, 团区委: the Communist Youth League committee of the article's city or district."""
    out = []
    for match in _LEAGUE_RE.finditer(text):
        place = scope.level(match.group(1), body=True)
        if place is not None:
            out.append(Mention(text=match.group(), type=ORGANIZATION, name=f"共青团{place.name}委", sentence=sentence,
                               start=match.start(), end=match.end(), subtype="PartyOrganization", deictic=True,
                               key=place.key))
    return out


def find_government_bodies(text: str, sentence: int, tokens: list[Token], places: list[Mention],
                           scope: Scope) -> list[Mention]:
    """[place | level word] + committee/department chain."""
    agencies = load_agency_names()
    # A level word is a prefix only where a word starts (推进/市/行政审批局, not 城市/管理局).
    word_starts = {t.start for t in tokens}
    inside_place = {i for m in places if m.sentence == sentence and not m.deictic for i in range(m.start, m.end)}
    # Divisions and named zones (和林格尔新区 + 管委会) can open a body's name.
    place_ending = {m.end: m for m in places if m.sentence == sentence and not m.deictic
                    and (m.key is not None or m.subtype == "DevelopmentZone")}
    out: list[Mention] = []
    pos = 0
    while pos < len(text):
        prefix_start, prefix_name, deictic, seat = None, None, False, None
        place = place_ending.get(pos)
        body_start = pos
        if place is not None:
            prefix_start, prefix_name = place.start, place.name
            # 和林格尔 + 县委: the short form is followed by its own level word.
            level = _LEVEL_RE.match(text, pos)
            if level and place.name.endswith(level.group()) and not place.text.endswith(level.group()):
                body_start = level.end()
        else:
            level = _LEVEL_RE.match(text, pos)
            if level and pos in word_starts and pos not in inside_place:
                target = scope.level(level.group(), body=True)
                if target is not None:
                    prefix_start, prefix_name, deictic, seat = pos, target.name, True, target.key
                    body_start = level.end()
        if prefix_start is None:
            pos += 1
            continue
        body_end, body = _department_chain(text, body_start, agencies)
        if not body:
            body_end, body = _unlisted_department(tokens, body_start)
        if not body:
            pos = pos + 1 if place is None else max(pos + 1, place.end)
            continue
        surface = text[prefix_start:body_end]
        # Customs and garrisons are named with the place as written (南京海关, not 南京市海关).
        name = surface if body in _OWN_NAME_BODIES and not deictic else prefix_name + body
        full = prefix_name + _full_body(text[body_start:body_end], agencies)
        out.append(Mention(text=surface, type=ORGANIZATION, name=name, sentence=sentence,
                           start=prefix_start, end=body_end, subtype=_subtype_of(body), deictic=deictic,
                           key=seat, variants=(full,) if full != name else ()))
        pos = body_end
    return out + _bare_departments(text, sentence, tokens, out, scope)


# 各级税务局, 有关部门: a department word after these is no particular body.
_NOT_BEFORE_BARE = ("各", "各级", "有关", "相关", "上级", "下级", "基层", "省级", "市级", "县级", "国家", "全国")


def _bare_departments(text: str, sentence: int, tokens: list[Token], bodies: list[Mention],
                      scope: Scope) -> list[Mention]:
    """A department named without its place (与市委宣传部、教工委、国资委联合…) is the home's;
    a 厅 is a province's department (教育厅 in a city's paper is the region's)."""
    home = scope.home
    if home is None:
        return []
    province = scope.province or home
    known = load_known_orgs()
    agencies = load_agency_names()
    taken = [(m.start, m.end) for m in bodies]
    previous = {t.end: t.text for t in tokens}
    starts = {t.start for t in tokens}
    out: list[Mention] = []
    for match in _agency_re().finditer(text):
        surface = match.group()
        if len(surface) < 3 or surface in known or surface.endswith("部") or match.start() not in starts \
                or not ends_a_word(tokens, match.end()) or any(a <= match.start() < b for a, b in taken) \
                or previous.get(match.start(), "") in _NOT_BEFORE_BARE:
            continue
        seat = province if surface.endswith("厅") else home
        name = seat.name + surface
        full = seat.name + agencies[surface]
        out.append(Mention(text=surface, type=ORGANIZATION, name=name, sentence=sentence, start=match.start(),
                           end=match.end(), subtype=_subtype_of(surface), deictic=True, key=seat.key,
                           variants=(full,) if full != name else ()))
    return out


def _department_chain(text: str, pos: int, agencies: dict[str, str]) -> tuple[int, str]:
    """Read 委 / departments from `pos`: returns (end, canonical body)."""
    parts: list[str] = []
    regex = _agency_re()
    while pos < len(text):
        committee = _COMMITTEE_RE.match(text, pos)
        agency = regex.match(text, pos)
        if agency and (not committee or len(agency.group()) >= len(committee.group())):
            parts.append(agency.group())
            pos = agency.end()
        elif committee and not parts:
            parts.append(committee.group())
            pos = committee.end()
        else:
            break
    return pos, "".join(parts)


@lru_cache(maxsize=1)
def _title_starts() -> tuple[str, ...]:
    return tuple(load_titles())


# Endings of a department's name that the lexicon does not list (市区域经济合作局).
_DEPARTMENT_ENDS = ("局", "厅", "委员会", "管委会", "办公室", "办", "署", "党工委", "工委", "警备区", "军分区")


_DEPARTMENT_TAGS = frozenset({"n", "nz", "vn", "j", "x", "nt", "ns", "an", "b"})


_NOT_IN_DEPARTMENT = ("学院", "大学", "校区", "医院", "公司", "集团", "学校")


def _unlisted_department(tokens: list[Token], pos: int, max_chars: int = 12) -> tuple[int, str]:
    """[nouns] + 局/厅/委员会 … read over word tokens from `pos`, or (pos, "") when there is none.

    Every word is a noun of the name (区域经济合作|局, 公共资源|交易|监督管理局); a verb
    ends the search (市|举办 is no department).
    """
    body, end = "", pos
    for token in tokens:
        if token.end <= pos:
            continue
        if token.start < pos or (token.tag not in _DEPARTMENT_TAGS and token.text != "和") \
                or len(body) + len(token.text) > max_chars:
            break
        body += token.text
        end = token.end
        if any(word in body for word in _NOT_IN_DEPARTMENT):
            break
        if body.endswith(_DEPARTMENT_ENDS) and len(body) >= 3:
            return end, body
    return pos, ""


def _full_body(body: str, agencies: dict[str, str]) -> str:
    """市场监管局 -> 市场监督管理局: each department word in its full form."""
    regex = _agency_re()
    out, pos = [], 0
    while pos < len(body):
        match = regex.match(body, pos)
        if match:
            out.append(agencies[match.group()])
            pos = match.end()
        else:
            out.append(body[pos])
            pos += 1
    return "".join(out)


_REGIONAL_GROUP_ENDS = ("集团", "公司")
_NAME_WORD_TAGS = frozenset({"ns", "nr", "nrfg", "nrt", "nz", "nt", "x", "eng"})   # not j: 文旅 is a field


def _regional_group(surface: str, head_start: int, head_end: int, tokens: list[Token], scope: Scope | None):
    """交通集团, 文旅集团 in a province's or autonomous region's own paper: the region's state
    group, named with the region (内蒙古交通集团).  Returns (name, subtype) or None."""
    province = scope.province if scope is not None else None
    if province is None or scope.home is None or scope.home.key != province.key or not province.short:
        return None
    if not surface.endswith(_REGIONAL_GROUP_ENDS) or any(
            t.tag in _NAME_WORD_TAGS for t in tokens if head_start <= t.start and t.end <= head_end):
        return None
    name = province.short[0] + surface
    known = load_known_orgs().get(name)
    return (known.name, known.subtype, province.key) if known is not None else (name, "Company", province.key)


def find_segmenter_orgs(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]],
                        gazetteer) -> list[Mention]:
    """Organizations jieba's dictionary knows as one word, opening with a place (深圳市人民政府,
    香港特区政府, 内蒙古大学), which the place and department grammar cannot split."""
    out: list[Mention] = []
    for token in tokens:
        if token.tag != "nt" or len(token.text) < 4 or any(a < token.end and token.start < b for a, b in taken):
            continue
        opening = next((size for size in range(min(len(token.text) - 2, 9), 1, -1)
                        if gazetteer.lookup(token.text[:size])), None)
        if opening is None:
            continue
        rest = token.text[opening:]
        subtype = _subtype_of(rest) if rest.endswith(("政府", "委", "局", "厅", "办")) else None
        out.append(Mention(text=token.text, type=ORGANIZATION, name=token.text, sentence=sentence,
                           start=token.start, end=token.end, subtype=subtype))
    return out


def find_suffixed_orgs(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]],
                       scope: Scope | None = None) -> list[Mention]:
    """Names that end in an organization suffix, read leftwards to their start."""
    regex, table = _suffix_re()
    out: list[Mention] = []
    for match in regex.finditer(text):
        end = match.end()
        if any(a <= match.start() < b for a, b in taken) or not ends_a_word(tokens, end):
            continue          # inside a body already found, or a longer word (大学|生)
        if any(text.endswith(p, 0, end) and len(p) > len(match.group()) for p in project_suffixes()):
            continue          # 数据中心, 物流中心: a facility, the project recognizer's
        floor = max((b for a, b in taken if b <= match.start()), default=0)
        start = left_edge(tokens, match.start(), floor=floor, verbs=False, numbers=False)
        head = text[start:match.start()]
        regional = _regional_group(text[start:end], start, match.start(), tokens, scope) if len(head) >= 2 else None
        if regional is not None:        # before the generic test: 能源集团 is generic words, and a name here
            out.append(Mention(text=text[start:end], type=ORGANIZATION, name=regional[0], sentence=sentence,
                               start=start, end=end, subtype=regional[1], deictic=True, key=regional[2]))
            continue
        if len(head) < 2 or is_generic(head):
            continue
        suffix = re.sub(r"^[（(][^）)]*[）)]", "", match.group())
        if suffix.endswith(NEEDS_PROPER_NOUN) and not head.startswith(_NATIONAL) \
                and not has_proper_noun(tokens, start, match.start()):
            continue
        if suffix in WEAK_SUFFIXES and end < len(text) and text[end] not in _AFTER_NAME \
                and not text.startswith(_title_starts(), end):
            continue
        out.append(Mention(text=text[start:end], type=ORGANIZATION, name=text[start:end],
                           sentence=sentence, start=start, end=end, subtype=table.get(suffix)))
    return out
