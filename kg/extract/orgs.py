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
from importlib import resources

from ..model import ORGANIZATION, Mention
from ..resolve.gazetteer import load_gazetteer
from ..resolve.lexicon import load_agency_names, load_known_orgs, load_org_suffixes, load_titles
from .alternation import longest_first, longest_first_branches
from .grammar import (STOP_TAGS, ends_a_word, has_proper_noun, industry_words, is_generic, left_edge, left_stops,
                      project_suffixes)
from .metric_cues import TIME_WORDS
from .scope import Scope
from .tokens import Token, ending_at, starting_at

LEVEL_WORDS = ("自治区", "省", "市", "区", "县", "旗", "盟", "州", "镇", "乡")
_LEVEL_RE = re.compile("|".join(LEVEL_WORDS))
# The party committee of a place: 呼和浩特市委, 县委, 党工委 — but not 委员, 委员会 (a department word).
_COMMITTEE_RE = re.compile(r"(?:党工委|党委|委)(?![员会托])")
PARTY_WORDS = ("委", "党委", "党工委", "工委", "组织部", "宣传部", "统战部", "政法委", "纪委", "编办", "党校")


@lru_cache(maxsize=1)
def _agency_re() -> re.Pattern:
    return re.compile(longest_first(load_agency_names()))


# Suffixes that are also everyday nouns (清洁能源, 现代科技): a name ends in one only
# where the sentence goes on with a boundary, not with more of a longer name.
WEAK_SUFFIXES = frozenset({"科技", "能源", "乳业", "实业", "企业", "控股", "矿业", "药业", "证券", "保险", "基金",
                           "信托", "酒店", "宾馆", "商场", "超市", "农场", "煤矿", "合作社"})
_AFTER_NAME = set("，。、；：？！”）)》 \n和与及等的在将是为已")


# Government and party bodies are read by their own grammar (place + department); of their
# endings, only those that end a body with a name of its own are looked for here.
_OWN_NAME_BODIES = frozenset({"海关", "管委会", "管理委员会", "执行委员会", "边检站", "出入境边防检查站", "警备区", "军分区"})
# Endings shared by many descriptions (服务中心, 龙头企业, 创业联盟): the name must hold a proper noun.
NEEDS_PROPER_NOUN = ("中心", "联盟", "博物馆", "日报", "报社", "医院", "学校", "基地", "协会", "商会", "研究院",
                     "研究所", "实验室")
# 国家乳业技术创新中心: a national body is named through 国家/中国/全国.
_NATIONAL = ("国家", "中国", "全国", "中华")


@lru_cache(maxsize=1)
def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    # One-character endings (局, 厅, 委) belong to the government grammar; facility words
    # (工厂, 电厂, 牧场) are projects'; 企业 ends descriptions (龙头企业), not names.
    table = {s: t for s, t in load_org_suffixes() if len(s) >= 2 and s not in project_suffixes() and s != "企业"
             and (t not in ("GovernmentAgency", "PartyOrganization") or s in _OWN_NAME_BODIES)}
    # 蒙牛乳业（集团）股份有限公司, 台积电（南京）有限公司: a bracketed word may stand before the legal form.
    # (As B?S written B S|S: the same matches, found faster; the engine tries a leading optional
    # group at every position of the text.  And as one flat alternation whose branches all open
    # with a character (（…|\(…|公…|集…): the engine then skips the positions where none of those
    # characters stands, instead of trying the pattern at every one, four times faster.)
    suffix = longest_first(table)
    bracketed = r"[\u4e00-\u9fff]{1,6}[）)]" + suffix
    pattern = "（" + bracketed + r"|\(" + bracketed + "|" + longest_first_branches(table)
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
    inside_place = {i for m in places if m.sentence == sentence and not m.deictic for i in range(m.start, m.end)}
    # Divisions and named zones (和林格尔新区 + 管委会) can open a body's name.
    place_ending = {m.end: m for m in places if m.sentence == sentence and m.end > m.start
                    and (not m.deictic and m.key is not None or m.subtype == "DevelopmentZone")}
    # 和林格尔|新区管委会 is 和林格尔新区|管委会: a division inside a zone's name opens no body
    zones = [(m.start, m.end) for m in place_ending.values() if m.subtype == "DevelopmentZone"]
    place_ending = {end: m for end, m in place_ending.items()
                    if not any(a <= m.start and m.end < b for a, b in zones)}
    out: list[Mention] = []
    # only where a place ends or a level word stands can a body start: visit those positions
    candidates = sorted({*place_ending, *(m.start() for m in _LEVEL_RE.finditer(text))})
    done = 0
    for pos in candidates:
        if pos < done:
            continue          # inside a body already read
        prefix_start, prefix_name, deictic, seat = None, None, False, None
        place = place_ending.get(pos)
        body_start = pos
        if place is not None:
            # 高新区管委会 in an article about one city: that city's zone's committee (deictic)
            prefix_start, prefix_name, deictic = place.start, place.name, place.deictic
            # 和林格尔 + 县委: the short form is followed by its own level word.
            level = _LEVEL_RE.match(text, pos)
            if level and place.name.endswith(level.group()) and not place.text.endswith(level.group()):
                body_start = level.end()
        else:
            level = _LEVEL_RE.match(text, pos)
            # A level word is a prefix only where a word starts (推进/市/行政审批局, not 城市/管理局).
            if level and starting_at(tokens, pos) is not None and pos not in inside_place:
                target = scope.level(level.group(), body=True)
                if target is not None:
                    prefix_start, prefix_name, deictic, seat = pos, target.name, True, target.key
                    body_start = level.end()
        if prefix_start is None:
            continue
        body_end, body = _department_chain(text, body_start, agencies)
        if not body:
            body_end, body = _unlisted_department(tokens, body_start)
        institution = None
        if not body:
            # 市中心医院, 县人民医院: the place's own public institution
            institution = _local_institution_re().match(text, body_start)
            if institution is not None:
                body_end, body = institution.end(), institution.group()
        if not body or body[0] in _NUMERAL_START:
            continue          # 市四区机关工委, 市各部门: several bodies, no one of them
        surface = text[prefix_start:body_end]
        # Customs, garrisons and named institutions keep the place as written (南京海关, not 南京市海关).
        name = surface if (body in _OWN_NAME_BODIES or institution is not None) and not deictic \
            else prefix_name + body
        full = prefix_name + _full_body(text[body_start:body_end], agencies)
        subtype = "Institution" if institution is not None else _subtype_of(body)
        out.append(Mention(text=surface, type=ORGANIZATION, name=name, sentence=sentence,
                           start=prefix_start, end=body_end, subtype=subtype, deictic=deictic,
                           key=seat, variants=(full,) if full != name else ()))
        done = body_end
        if place is not None and place.subtype == "DevelopmentZone" and body.endswith("工委"):
            out += _zone_committee(text, sentence, out[-1], place, prefix_name)
    return out + _bare_departments(text, sentence, tokens, out, scope)


# 东海新区党工委书记、管委会主任: the 管委会 of a title chain after a zone's party committee is that
# zone's administrative committee (a zone is run by both).
_SHARED_COMMITTEE = re.compile(r"(?:副?书记|委员)[、，,](?P<body>管委会|管理委员会)")


def _zone_committee(text: str, sentence: int, party: Mention, zone: Mention, zone_name: str) -> list[Mention]:
    match = _SHARED_COMMITTEE.match(text, party.end)
    if match is None:
        return []
    name = zone_name + "管委会"
    return [Mention(text=match.group("body"), type=ORGANIZATION, name=name, sentence=sentence,
                    start=match.start("body"), end=match.end("body"), subtype="GovernmentAgency", deictic=True,
                    key=party.key, variants=(zone_name + "管理委员会",))]


# 各级税务局, 有关部门: a department word after these is no particular body.
_NOT_BEFORE_BARE = ("各", "各级", "有关", "相关", "上级", "下级", "基层", "省级", "市级", "县级", "国家", "全国",
                    "盟市", "旗县", "旗县区", "市县", "县区", "县市区", "区县", "省市", "地市", "各地")
_NUMERAL_START = frozenset("一二三四五六七八九十两几各多数")
# 盟市交通运输局, 旗县区商务局: the departments of several places
_SEVERAL_PLACES = ("盟市", "旗县", "旗县区", "市县", "县区", "县市区", "区县", "省市", "地市", "市区")


@lru_cache(maxsize=1)
def _local_institution_re() -> re.Pattern:
    names = [line.strip() for line in resources.files("kg.resources").joinpath(
        "orgs_local_institutions.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]
    return re.compile(longest_first(set(names)))


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
    out: list[Mention] = []
    for match in _agency_re().finditer(text):
        surface = match.group()
        if len(surface) < 3 or surface in known or surface.endswith("部") \
                or starting_at(tokens, match.start()) is None:
            continue
        before = ending_at(tokens, match.start())
        previous = before.text if before is not None else None
        if not ends_a_word(tokens, match.end()) or any(a <= match.start() < b for a, b in taken) \
                or (previous or "") in _NOT_BEFORE_BARE \
                or text.endswith(_SEVERAL_PLACES, 0, match.start()) \
                or (previous if previous is not None else " ")[:1] in _NUMERAL_START:
            continue          # 各级税务局, 盟市交通运输局, 十大数据中心: no one body
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


@lru_cache(maxsize=1)
def _state_group_fields() -> tuple[frozenset[str], int]:
    words = frozenset(line.strip() for line in resources.files("kg.resources").joinpath(
        "orgs_state_group_fields.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#"))
    return words, max(map(len, words))


def _is_field_head(head: str) -> bool:
    """True when `head` is made of state-group fields only (文旅, 林草|生态, 交通|投资)."""
    words, longest = _state_group_fields()
    return _composed_of(head, words, longest)


def _regional_group(surface: str, scope: Scope | None):
    """交通集团, 文旅集团, 自治区林草生态公司 in a province's or autonomous region's own paper: the
    region's state group, named with the region (内蒙古交通集团).  Returns (name, subtype, key,
    variants) or None."""
    province = scope.province if scope is not None else None
    if province is None or scope.home is None or scope.home.key != province.key or not province.short \
            or not surface.endswith(_REGIONAL_GROUP_ENDS):
        return None
    level = next((w for w in ("自治区", "省") if surface.startswith(w) and province.name.endswith(w)), "")
    bare = surface[len(level):]
    ending = next(e for e in _REGIONAL_GROUP_ENDS if bare.endswith(e))
    if len(bare) - len(ending) < 2 or not _is_field_head(bare[:-len(ending)]):
        return None
    short = province.short[0] + bare
    # 自治区文旅集团 keeps its level word (内蒙古自治区文旅集团) and is 内蒙古文旅集团 too
    forms = (province.name + bare, short) if level else (short,)
    # the name the press uses (内蒙古交通集团) stays the name; the registered one is a variant
    known = load_known_orgs().get(short)
    if known is not None:
        return forms[0], known.subtype, province.key, tuple(dict.fromkeys((*forms[1:], known.name)))
    return forms[0], "Company", province.key, forms[1:]


def _composed_of(text: str, words: frozenset[str], longest: int = 4) -> bool:
    """True when `text` splits into `words` (文旅 | 林草生态 = 林草 + 生态)."""
    reachable = {0}
    for i in range(len(text)):
        if i in reachable:
            reachable.update(i + n for n in range(1, min(longest, len(text) - i) + 1) if text[i:i + n] in words)
    return len(text) in reachable


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
        if not _all_suffixes()[0].search(rest):
            continue          # 新兴|产业: a place's short form opening a word that names no body
        subtype = _subtype_of(rest) if rest.endswith(("政府", "委", "局", "厅", "办")) else None
        out.append(Mention(text=token.text, type=ORGANIZATION, name=token.text, sentence=sentence,
                           start=token.start, end=token.end, subtype=subtype))
    return out


# 2个国家区域医疗中心, 一批重点实验室: a count before the name makes it a designation, not a name.
_COUNT_BEFORE = re.compile(r"(?:[0-9]+|[一二三四五六七八九十两几多数百千]+)[个家所座批项类]$")
# 博物馆群, 博物馆之城, 实验室体系: the ending names a group or a goal, not one body (nor does
# 城市副中心, a planning term).
_GROUP_AFTER = ("群", "之城", "集群", "体系")
# (A有限公司、B有限公司等企业签约3个项目 is a list of signatories: 等企业 closes a list of firms)
_PROJECT_LIST_AFTER = re.compile(r"(?:、[^，。；、,;]{1,30})*等(?!企业|公司|集团|单位|机构|[多数几两\d一二三四五六七八九十]+家)"
                                 r"[^，。；、,;]{0,10}?项目")
_CONJUNCTIONS = frozenset({"和", "及", "与"})
_NOUN_TAGS = frozenset({"n", "vn", "nz", "an", "ns", "j", "x"})
# A branch named by the place it serves, after its parent's name (怀柔国家实验室|内蒙古|基地).
_BRANCH_WORDS = frozenset({"基地", "分院", "分中心", "分所", "分公司", "分校", "医院", "研究院", "中心"})
_BOUNDARY = set("，。、；：？！”）)》 \n")


# 上半年公司出口额…, 今年以来公司…: time words, then the company the article is about (公司 alone).
_WHEN = re.compile(f"(?:{TIME_WORDS})+")


def _is_when(head: str) -> bool:
    return _WHEN.fullmatch(head) is not None


@lru_cache(maxsize=None)
def _project_suffixes_longer_than(length: int) -> tuple[str, ...]:
    return tuple(p for p in project_suffixes() if len(p) > length)


def find_suffixed_orgs(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]],
                       scope: Scope | None = None) -> list[Mention]:
    """Names that end in an organization suffix, read leftwards to their start; and bodies
    named as they are founded (组建民营经济发展服务局)."""
    regex, table = _suffix_re()
    out: list[Mention] = []
    by_start: dict[int, Token] = {}
    by_end: dict[int, Token] = {}
    for match in regex.finditer(text):
        end = match.end()
        if any(a <= match.start() < b for a, b in taken) or not ends_a_word(tokens, end):
            continue          # inside a body already found, or a longer word (大学|生)
        if text.endswith(_project_suffixes_longer_than(len(match.group())), 0, end):
            continue          # 数据中心, 物流中心: a facility, the project recognizer's
        if not by_start:
            by_start, by_end = {t.start: t for t in tokens}, {t.end: t for t in tokens}
        if text.startswith(_GROUP_AFTER, end) or _PROJECT_LIST_AFTER.match(text, end) \
                or text.endswith("副中心", 0, end):
            continue          # 博物馆群; A中心、B中心等项目: items of a list of projects
        floor = max((b for a, b in taken if b <= match.start()), default=0)
        start = left_edge(tokens, match.start(), floor=floor, verbs=False, numbers=False)
        start = _across_brackets(tokens, text, start, floor)
        start = _across_conjunction(tokens, by_end, text, start, floor, match.start())
        if table.get(match.group()) == "Company":
            start = _across_name_words(tokens, by_end, text, start, floor)
            start = _across_split_trade_name(tokens, start, match.start(), floor)
            start = _after_description(tokens, start, match.start())
        if _COUNT_BEFORE.search(text, 0, start) or text.endswith(_KIND_OF_FIRM, 0, match.start()):
            continue          # 3家企业; 香港上市公司, 外资企业: a kind of firm
        head = text[start:match.start()]
        regional = _regional_group(text[start:end], scope) if len(head) >= 2 else None
        if regional is not None:        # before the generic test: 能源集团 is generic words, and a name here
            out.append(Mention(text=text[start:end], type=ORGANIZATION, name=regional[0], sentence=sentence,
                               start=start, end=end, subtype=regional[1], deictic=True, key=regional[2],
                               variants=regional[3]))
            continue
        if len(head) < 2 or is_generic(head) or _composed_of(head, industry_words()) or _is_when(head):
            continue          # 龙头企业; 物流公司, 科技集团: a kind of firm, no name; 上半年|公司
        suffix = re.sub(r"^[（(][^）)]*[）)]", "", match.group())
        if suffix in WEAK_SUFFIXES and end < len(text) and text[end] not in _AFTER_NAME \
                and not text.startswith(_title_starts(), end):
            continue
        end = _branch_end(by_start, text, end)
        surface = text[start:end]
        level = _level_prefix(by_start, start, match.start(), scope)
        if level is not None:
            # 自治区动物疫苗技术创新中心: the region's own centre (内蒙古自治区…)
            word, place = level
            out.append(Mention(text=surface, type=ORGANIZATION, name=place.name + surface[len(word):],
                               sentence=sentence, start=start, end=end, subtype=table.get(suffix), deictic=True,
                               key=place.key))
            continue
        if suffix.endswith(NEEDS_PROPER_NOUN) and not head.startswith(_NATIONAL) \
                and not has_proper_noun(tokens, start, match.start()):
            shared = _shared_place(out, text, start, suffix)
            if shared is not None:
                # 自治区动物疫苗技术创新中心和草（种）业技术创新中心: the second shares the first's place
                out.append(Mention(text=surface, type=ORGANIZATION, name=_shared_name(shared, surface),
                                   sentence=sentence, start=start, end=end, subtype=table.get(suffix),
                                   deictic=True, key=shared.key))
            continue
        out.append(Mention(text=surface, type=ORGANIZATION, name=surface,
                           sentence=sentence, start=start, end=end, subtype=table.get(suffix)))
    out += _branches(text, sentence, tokens, taken)
    return out + _founded_orgs(text, sentence, tokens, [*taken, *((m.start, m.end) for m in out)], scope)


# 中国银行四川省分行, 渣打银行(中国)有限公司武汉分行: a branch is an organization of its own, named
# by its parent, the place it serves and 分行/支行.
_BRANCH_RE = re.compile(r"(?:分行|支行|营业部)")
_PARENT_ENDS = ("银行", "有限公司", "股份有限公司", "公司", "保险")
_BRANCH_PLACE_TAGS = frozenset({"ns", "nz", "j"})
_BRACKETED_BEFORE = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)]$")


def _branches(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    if "行" not in text and "营业部" not in text:
        return []
    out = []
    by_end = {t.end: t for t in tokens}
    gazetteer = load_gazetteer()
    for match in _BRANCH_RE.finditer(text):
        edge = match.start()
        # the places the branch serves, read leftwards (武汉|江岸|支行, 湖北省|分行)
        while (word := by_end.get(edge)) is not None and (
                word.tag in _BRANCH_PLACE_TAGS and gazetteer.lookup(word.text) or gazetteer.lookup(word.text)):
            edge = word.start
        if edge == match.start() or not text.endswith(_PARENT_ENDS, 0, edge):
            continue
        parent_end = edge
        suffix = next(e for e in sorted(_PARENT_ENDS, key=len, reverse=True) if text.endswith(e, 0, parent_end))
        head_end = parent_end - len(suffix)
        bracket = _BRACKETED_BEFORE.search(text, max(0, head_end - 8), head_end)
        if bracket is not None:
            head_end = bracket.start()      # 渣打银行(中国)有限公司: the parent's name opens before the bracket
        start = left_edge(tokens, head_end, verbs=False, numbers=False)
        head = text[start:parent_end - len(suffix)]
        if len(head) < 2 or is_generic(head) and not has_proper_noun(tokens, start, parent_end) \
                or any(a <= start < b for a, b in taken):
            continue          # 各银行|分行, 商业银行|分行: no parent named
        out.append(Mention(text=text[start:match.end()], type=ORGANIZATION, name=text[start:match.end()],
                           sentence=sentence, start=start, end=match.end(), subtype="Company"))
    return out


# 成立|组建 + a name: the body is named as it is founded, even with no proper noun in it
# (推动成立退役军人就业创业联盟; 组建民营经济发展服务局).
_FOUNDING_RE = re.compile(r"(?:成立|组建|设立|筹建|新设|挂牌)了?([^，。、；：！？“”《》（）()\s的,.;:!?\"]{4,30})")


@lru_cache(maxsize=1)
def _all_suffixes() -> tuple[re.Pattern, dict[str, str]]:
    table = dict(load_org_suffixes())
    return re.compile(longest_first(table) + "$"), table


def _founded_orgs(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]],
                  scope: Scope | None) -> list[Mention]:
    if "成立" not in text and "组建" not in text and "设立" not in text and "筹建" not in text \
            and "新设" not in text and "挂牌" not in text:
        return []
    regex, table = _all_suffixes()
    words = {t.start: t.text for t in tokens}
    out: list[Mention] = []
    for match in _FOUNDING_RE.finditer(text):
        start, chunk = match.start(1), match.group(1)
        # the name ends where a suffix meets the end of the phrase or a conjunction (A联盟和B协会)
        end = next((start + e for e in range(4, len(chunk) + 1)
                    if (e == len(chunk) or chunk[e] in "和与及等") and regex.search(chunk, 0, e)), None)
        if end is None:
            continue
        name = text[start:end]
        suffix = regex.search(name)
        if suffix is None or len(name) - len(suffix.group()) < 2 or start not in words \
                or not ends_a_word(tokens, end) or is_generic(name[:suffix.start()]) \
                or any(a < end and start < b for a, b in taken):
            continue
        subtype = table[suffix.group()]
        key, deictic = None, False
        level = words[start] if words[start] in LEVEL_WORDS else None      # 市|…局, not 市场|监管局
        target = scope.level(level, body=True) if scope is not None and level else None
        if target is not None:
            key, deictic, full = target.key, True, target.name + name[len(level):]
        elif subtype in ("GovernmentAgency", "PartyOrganization") and scope is not None and scope.home is not None \
                and not load_gazetteer().find_all(name[:6]):
            # 组建民营经济发展服务局 in a region's paper: the region's new bureau
            key, deictic, full = scope.home.key, True, scope.home.name + name
        else:
            full = name
        out.append(Mention(text=name, type=ORGANIZATION, name=full, sentence=sentence, start=start, end=end,
                           subtype=subtype, deictic=deictic, key=key))
    return out


# Words that open descriptions (新|材料, 建设|项目) and stand inside registered company names
# (钒源新材料有限公司, 交通路桥建设集团, 港务控股有限公司, 恒达精密制造有限公司).
_COMPANY_INNER_WORDS = frozenset({"新", "建设", "控股", "开发", "制造", "投资", "发展", "高新", "创新", "新型"})


# Words that make …公司/…企业 a kind of firm, not a name.
_KIND_OF_FIRM = ("上市", "外资", "台资", "港资", "外商", "民营", "国有", "合资", "独资", "龙头", "骨干", "外贸")
# 台资企业|昆山宏达…有限公司, 香港上市公司|海湾…控股有限公司: a description of the firm before its name.
_DESCRIPTION_ENDS = ("企业", "公司")
# 由湘通 (segmented as one unknown word): a preposition glued to the first word of a name.
_GLUED_PREPOSITIONS = frozenset("由在与和对向从把被将")


def _after_description(tokens: list[Token], start: int, suffix_start: int) -> int:
    """Where a company's name starts once a description before it (台资企业, 上市公司) and a
    preposition glued to its first word are left out."""
    inside = [t for t in tokens if start <= t.start and t.end <= suffix_start]
    for n, token in enumerate(inside[:-1]):
        if token.text.endswith(_DESCRIPTION_ENDS) and has_proper_noun(tokens, inside[n + 1].start, suffix_start):
            start = token.end
    first = starting_at(tokens, start)
    if first is not None and first.tag == "x" and len(first.text) >= 3 and first.text[0] in _GLUED_PREPOSITIONS:
        start += 1
    return start


def _across_name_words(tokens: list[Token], by_end: dict[int, Token], text: str, start: int, floor: int) -> int:
    """A company's name goes on leftwards across the words of its trade when a name of its own
    stands before them (湖南钒源|新材料有限公司); 支持|新材料有限公司 has none."""
    edge = start
    while (word := by_end.get(edge)) is not None and word.text in _COMPANY_INNER_WORDS and word.start >= floor:
        edge = word.start
    if edge == start:
        return start
    outer = left_edge(tokens, edge, floor=floor, verbs=False, numbers=False)
    head = text[outer:edge]
    if outer >= edge or is_generic(head) or _composed_of(head, industry_words()):
        return start
    return outer


def _across_split_trade_name(tokens: list[Token], start: int, suffix_start: int, floor: int) -> int:
    """湖南湘西|润|禾米业有限公司, 贵州|黔|能|清洁能源有限公司: jieba cuts an unknown two-character
    trade name (润禾, 黔能) into two one-character words, one of them a verb that stops the name.
    A registered name opens with a place: where a place stands right before such a pair and only
    nouns and adjectives follow it up to the suffix, the name opens with the place."""
    inside = [t for t in tokens if floor <= t.start and t.end <= suffix_start]
    n = max((k for k, t in enumerate(inside) if t.tag == "ns" and t.end < start), default=None)
    if n is None or len(inside) < n + 3:
        return start
    place, pair, rest = inside[n], inside[n + 1:n + 3], inside[n + 3:]
    if not all(map(_single_name_character, pair)) or pair[0].end > start \
            or sum(len(t.text) for t in rest) > 8 \
            or any(t.tag in STOP_TAGS or t.tag in ("v", "vd") or t.text in left_stops() for t in rest):
        return start
    return min(left_edge(tokens, place.end, floor=floor, verbs=False, numbers=False), place.start)


def _single_name_character(token: Token) -> bool:
    return len(token.text) == 1 and "\u4e00" <= token.text <= "\u9fff" and token.tag not in STOP_TAGS \
        and token.text not in left_stops()


def _across_brackets(tokens: list[Token], text: str, start: int, floor: int) -> int:
    """草（种）业技术创新中心: one bracketed character inside a name does not end it."""
    if start >= 4 and text[start - 1] in "）)" and text[start - 3] in "（(" and text[start - 4] not in _BOUNDARY:
        return min(start, left_edge(tokens, start - 3, floor=floor, verbs=False, numbers=False))
    return start


def _across_conjunction(tokens: list[Token], by_end: dict[int, Token], text: str, start: int, floor: int,
                        suffix_start: int) -> int:
    """锡林郭勒食品检验检测和风险评估中心: 和 joins two fields inside one name that opens with a
    place; it does not where the words before it end a name of their own (伊利集团和蒙牛乳业)."""
    conj = by_end.get(start)
    if conj is None or conj.text not in _CONJUNCTIONS or conj.start <= floor:
        return start
    left = by_end.get(conj.start)
    if left is None or left.tag not in _NOUN_TAGS or _suffix_re()[0].fullmatch(left.text) \
            or any(text.endswith(s, 0, conj.start) for s in _suffix_re()[1]):
        return start
    if _suffix_re()[0].search(text, conj.end, suffix_start):
        return start          # 风险评估中心|基因检测实验室: the words after 和 hold a name of their own
    outer = left_edge(tokens, conj.start, floor=floor, verbs=False, numbers=False)
    if outer < conj.start and any(t.tag == "ns" and outer <= t.start and t.end <= conj.start for t in tokens):
        return outer
    return start


def _branch_end(by_start: dict[int, Token], text: str, end: int) -> int:
    """怀柔国家实验室内蒙古基地: a place and a branch word after the name extend it."""
    place = by_start.get(end)
    if place is None or place.tag != "ns":
        return end
    branch = by_start.get(place.end)
    if branch is None or branch.text not in _BRANCH_WORDS or (branch.end < len(text) and text[branch.end] not in _BOUNDARY
                                                              and text[branch.end] not in "和与及等的在将是为已获"):
        return end
    return branch.end


def _level_prefix(by_start: dict[int, Token], start: int, suffix_start: int, scope: Scope | None):
    """(level word, place) when the name opens with a level word the article resolves (自治区|…中心)."""
    if scope is None:
        return None
    first = by_start.get(start)
    if first is None or first.text not in ("自治区", "省") or first.end >= suffix_start:
        return None
    place = scope.level(first.text, body=True)
    return (first.text, place) if place is not None else None


def _shared_place(out: list[Mention], text: str, start: int, suffix: str) -> Mention | None:
    """The body just before `start`, joined by 和/及/、 and with the same ending, when its place
    was resolved (a key): the second name shares it."""
    if start < 1 or text[start - 1] not in "和及与、":
        return None
    prev = next((m for m in reversed(out) if m.end == start - 1), None)
    if prev is None or prev.key is None or not prev.text.endswith(suffix[-2:]):
        return None
    return prev


def _shared_name(prev: Mention, surface: str) -> str:
    """内蒙古自治区动物疫苗技术创新中心 + 草（种）业技术创新中心 -> 内蒙古自治区草（种）业技术创新中心."""
    place = next((w for w in ("自治区", "省") if prev.text.startswith(w)), "")
    return prev.name[:len(prev.name) - len(prev.text) + len(place)] + surface
