"""Projects named by the items of a list.

    推动伊利液奶三期、奶粉二期、蒙牛九期奶粉工厂等项目开工    items before 等(…)项目|工程
    实施好A公园和B综合治理两个重点生态项目                    as many items as the count says
    蒙牛5G数字工厂低温奶、鲜奶、奶酪项目建成投产               items sharing the last one's ending
    蒙西至京津冀、库布其至上海外送通道                         (外送通道 is every item's)

An item that is no project's name by itself takes the list's head (中农联 + 项目);
an item with no name word of its own takes the brand of the item before it
(奶粉二期 after 伊利液奶三期 is 伊利奶粉二期).  A list whose items are mostly
products or sectors (多晶硅、光伏玻璃等新材料项目) names no project.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import ORGANIZATION, PROJECT, Mention
from .grammar import STOP_TAGS, left_stops, project_suffixes
from .project_edges import is_list_deng, name_start, phase_mentions
from .project_grammar import (PHASE_RE, brand_end, brand_phrase_end, generic_prefix, has_name_word, is_generic_phrase,
                              project_stops, unquoted)
from .tokens import Token, starting_at

# Marks a project named by a list item, so that the company of the same item may share its span;
# extract_article removes the mark once overlaps are settled.
LISTED = "listed"
# 等项目, 等重点项目, 等35个新型储能项目, 等“半拉子”工程: the words between 等 and the ending are
# the items' shared head once counts and generic words are dropped (等区域性物流总部基地项目).
_LIST_END_RE = re.compile(r"等(?P<head>[^，。；：、（）等]{0,16}?)(?P<ending>项目|工程)")
# A和B两个重点生态项目: a count right after the items, with no 等, says how many there are.
_COUNT_END_RE = re.compile(r"(?P<count>[两二三四五六七八九十]|\d{1,2})个(?P<head>[^，。；：、（）等]{0,10}?)(?P<ending>项目|工程)")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_JOINTS = frozenset({"和", "及", "以及", "与"})
_CONNECTORS = ("至", "到")
_CLAUSE_STOPS = "，。；：！？"
# Tags that never stand inside a list item between two separators (adverbs may: 最先进).
_ITEM_STOP_TAGS = STOP_TAGS - {"d"}
MAX_ITEM = 24
MAX_COMPANY_ITEM = 4
# 奶粉二期, 智慧牧场: a product of the brand before it is short; a longer item without a name word
# is a name of its own (国家级气象高性能计算机迭代工程 after 交通银行数据中心)
MAX_INHERITING = 6


@lru_cache(maxsize=1)
def _suffix_end_re() -> re.Pattern:
    one = "(?:" + "|".join(map(re.escape, project_suffixes())) + ")"
    return re.compile(f"{one}+$")


@lru_cache(maxsize=1)
def _last_ending_re() -> re.Pattern:
    one = "(?:" + "|".join(map(re.escape, project_suffixes())) + ")"
    return re.compile(f"{one}$")


# G0616海乌段, S22白永段: a numbered expressway section is a whole name
_EXPRESSWAY_END = re.compile(r"[GS]\d{1,4}[\u4e00-\u9fff]{1,4}?(?:段|高速公路|高速)$")


@dataclass
class _Item:
    start: int
    end: int
    own: str | None          # the project ending the item has of its own (二期, 工厂), or None
    named: bool              # holds a name word (a brand, a place, a known organization)
    brand: str = ""          # inherited from the item before it


def find_lists(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for match in _LIST_END_RE.finditer(text):
        if not is_list_deng(text, match.start()):
            continue              # 高等, 平等: no list's 等
        items = _chain(text, tokens, match.start(), joints=True)
        if _organizations(text, tokens, items):
            continue
        out += _mentions(text, sentence, tokens, items, _head(match.group("head"), match.group("ending")), taken)
    for match in _COUNT_END_RE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == "等":
            continue              # 等26个项目: a count of more than the items named
        count = _COUNTS.get(match.group("count")) or int(match.group("count"))
        items = _chain(text, tokens, match.start(), joints=True)
        if count >= 2 and len(items) == count and not _organizations(text, tokens, items):
            out += _mentions(text, sentence, tokens, items, _head(match.group("head"), match.group("ending")), taken)
    return out


def shared_head_list(text: str, sentence: int, tokens: list[Token], start: int, suffix: int, end: int) -> list[Mention]:
    """The items of 'A、B、C+ending' when the name [start, end) is the last item of such a list
    (鲜奶、奶酪|项目; 库布其至上海、乌兰布和至京津冀鲁|外送通道), or [] when it is not.  When every
    item has an ending of its own (伊利液奶三期、奶粉二期) they share nothing but a brand."""
    if start == 0 or text[start - 1] != "、" or start >= suffix:
        return []
    before = _chain(text, tokens, start - 1, joints=False)
    if not before:
        return []
    owned = [bool(_suffix_end_re().search(text, a, b)) or bool(_EXPRESSWAY_END.search(text, a, b)) for a, b in before]
    if all(owned):
        return _mentions(text, sentence, tokens, before + [(start, end)], _Head("", False, False), [],
                         endings_name=False)
    if any(owned):
        return []
    last_end = suffix
    if all(_is_place(tokens, a, b) for a, b in before):
        # 呼和浩特、乌兰察布中欧班列集散中心: places share all that follows the last one
        first = starting_at(tokens, start)
        if first is None or first.tag != "ns" or first.end >= suffix:
            return []
        last_end = first.end
    elif not all(has_name_word(text, tokens, a, b) for a, b in before):
        # 伊利液奶、奶粉、智慧牧场项目: products of one brand share only the last ending
        last = _last_ending_re().search(text, suffix, end)
        last_end = last.start() if last is not None and last.start() > start else suffix
    elif all(any(c in text[a:b] for c in _CONNECTORS) for a, b in before):
        # 陇东至山东、哈密至重庆特高压输电通道: routes share what follows the last one's destination
        connector = next((t for t in tokens if start < t.start < suffix and t.text in _CONNECTORS), None)
        place = starting_at(tokens, connector.end) if connector else None
        if place is not None and place.tag == "ns" and place.end < suffix:
            last_end = place.end
    shared = text[last_end:end]
    head = _Head(shared, append_bare=True, has_content=shared not in ("项目", "工程"))
    return _mentions(text, sentence, tokens, before + [(start, last_end)], head, [], last_span=(start, end),
                     endings_name=False)


@dataclass(frozen=True)
class _Head:
    words: str                # what unnamed items take: 区域性物流总部基地项目, 外送通道, 项目
    append_bare: bool         # whether an item with no ending takes it (项目 does; a bare 工程 does not)
    has_content: bool         # more than a bare ending: a phase takes it too (移动二期 + 数据中心项目)


def _head(words: str, ending: str) -> _Head:
    kept = words[generic_prefix(words):]
    if kept:
        return _Head(kept + ending, append_bare=True, has_content=True)
    return _Head(ending, append_bare=ending == "项目", has_content=False)


def _chain(text: str, tokens: list[Token], end: int, joints: bool) -> list[tuple[int, int]]:
    """The items of the list that ends at `end`, read leftwards over 、 (and 和/及/与 when
    `joints`) while each piece is a clean item; the first item is read like a name's head."""
    floor = max(text.rfind(ch, 0, end) for ch in _CLAUSE_STOPS) + 1
    seps = [t for t in tokens if floor <= t.start and t.end <= end
            and (t.text == "、" or joints and _is_joint(text, t))]
    pieces: list[tuple[int, int]] = []
    right = end
    while True:
        sep = next((t for t in reversed(seps) if t.end <= right), None)
        if sep is not None and _clean_item(text, tokens, sep.end, right):
            pieces.insert(0, (sep.end, right))
            right = sep.start
            continue
        start = name_start(text, tokens, right, floor=sep.end if sep is not None else floor)
        if not joints:            # 智慧牧场项目和|蒙牛5G数字工厂低温奶: a conjunction opens the list
            start = max([start] + [t.end for t in tokens if start <= t.start and t.end <= right and _is_joint(text, t)])
        if start < right:
            pieces.insert(0, (start, right))
        return pieces


# The endings of who signs a project, never of a project (unlike 中心, 工厂, 能源 of the suffix list).
_SIGNATORY_ENDINGS = ("公司", "集团", "株式会社", "合作社", "银行", "政府", "管委会", "委员会", "大学", "学院",
                      "研究院")


def _organizations(text: str, tokens: list[Token], items: list[tuple[int, int]]) -> bool:
    """True when most items are organizations (与A公司、B集团、C公司集中签约3个项目): the list
    names who signed, not the projects."""
    return sum(1 for a, b in items if _is_org_item(text, tokens, a, b)) * 2 > len(items)


def _is_org_item(text: str, tokens: list[Token], start: int, end: int) -> bool:
    """An item that is an organization's name, or one followed only by the verb of the clause
    (C公司|集中签约)."""
    ends = [t.end for t in tokens if start < t.end <= end and text[:t.end].endswith(_SIGNATORY_ENDINGS)]
    if not ends:
        return False
    rest = [t for t in tokens if max(ends) <= t.start and t.end <= end]
    return all(t.tag.startswith(("v", "d", "a")) for t in rest)


def _is_joint(text: str, token: Token) -> bool:
    # 乌兰布|和|至: a conjunction before a route's 至 is part of a name
    return token.text in _JOINTS and token.tag == "c" and text[token.end:token.end + 1] not in ("至", "到")


def _clean_item(text: str, tokens: list[Token], start: int, end: int) -> bool:
    """A piece between two separators that is one item: short, not opening with a governing word,
    with no function word inside (but the 至 of a route, 库布其至上海)."""
    if not 0 < end - start <= MAX_ITEM:
        return False
    inside = [t for t in tokens if start <= t.start and t.end <= end]
    if not inside or inside[0].tag.startswith("v") and inside[0].tag != "vn" or inside[0].text in left_stops():
        return False
    return not any((t.tag in _ITEM_STOP_TAGS and t.text not in "“”" and t.text not in _CONNECTORS
                    and not _is_joint_inside(text, t)) or t.text in project_stops() for t in inside)


def _is_joint_inside(text: str, token: Token) -> bool:
    return token.tag == "c" and text[token.end:token.end + 1] in ("至", "到")


def _is_place(tokens: list[Token], start: int, end: int) -> bool:
    token = starting_at(tokens, start)
    return token is not None and token.end == end and token.tag == "ns"


def _mentions(text: str, sentence: int, tokens: list[Token], spans: list[tuple[int, int]], head: _Head,
              taken: list[tuple[int, int]], last_span: tuple[int, int] | None = None,
              endings_name: bool = True) -> list[Mention]:
    """The projects of a list's items.  With `endings_name` (a list closed by 等…项目) an item with a
    project's ending is a project by itself (209国道西侧环境综合整治); otherwise it needs a name word."""
    items: list[_Item | None] = []
    for a, b in spans:
        item = text[a:b]
        if len(unquoted(item)) < 2 or is_generic_phrase(item) or "的" in item \
                or any(x <= a and b <= y for x, y in taken):
            items.append(None)
            continue
        own = _suffix_end_re().search(item)
        items.append(_Item(a, b, own.group() if own else None, has_name_word(text, tokens, a, b)))
    _inherit_brands(text, tokens, items)
    real = [i for i in items if i is not None]
    if not real or sum(1 for i in real if i.named or i.own and endings_name) * 2 <= len(real):
        return []                 # 多晶硅、光伏玻璃、线缆等新能源新材料项目: products, not names
    out: list[Mention] = []
    for item in real:
        if not (item.named or item.own and endings_name):
            continue
        start, end = item.start, item.end
        name = _name(item, text[start:end], head)
        if last_span is not None and start == last_span[0]:
            start, end = last_span          # the last item carries the shared ending in the text
            name = item.brand + text[start:end]
        if item.own and name == item.brand + text[start:end]:
            out += phase_mentions(text, sentence, start, end, item.brand)
        else:
            out.append(Mention(text=text[start:end], type=PROJECT, name=name, sentence=sentence,
                               start=start, end=end, subtype=None if item.own else LISTED))
        company = _company_word(text, tokens, item) if not item.own and not item.brand else None
        if company is not None:
            out.append(Mention(text=company.text, type=ORGANIZATION, name=company.text, sentence=sentence,
                               start=company.start, end=company.end, subtype="Company"))
    return out


# Items that end in a facility or a kind of works are names without the list's bare 项目
# (…交易中心, …准轨增二线, …改造), unlike a company's or a product's (中农联项目).
_WORKS_ENDINGS = ("中心", "线", "改造", "站", "馆", "楼", "路", "桥", "港", "场", "城")


def _name(item: _Item, surface: str, head: _Head) -> str:
    """An item named by its own ending keeps it (金宇…示范工厂), but a phase is a phase of what the
    head names (移动二期 + 数据中心项目); other items take the head (中农联 + 项目)."""
    if item.own and not (PHASE_RE.fullmatch(item.own) and head.has_content):
        return item.brand + surface
    if not item.own and not head.has_content and surface.endswith(_WORKS_ENDINGS):
        return item.brand + surface
    return item.brand + surface + (head.words if head.append_bare or item.own else "")


def _inherit_brands(text: str, tokens: list[Token], items: list[_Item | None]) -> None:
    """奶粉二期 after 伊利液奶三期, 鲜奶 after 蒙牛5G数字工厂低温奶: an item with no name word of its
    own is the product of the brand of the item before it, when that item is a brand and a product."""
    brand = ""
    for item in items:
        if item is None:
            brand = ""
            continue
        if not item.named and brand and item.end - item.start <= MAX_INHERITING:
            item.brand, item.named = brand, True
            continue
        end = brand_phrase_end(text, tokens, item.start, item.end, project_suffixes()) if item.named else None
        brand = text[item.start:end] if end is not None else ""


def _company_word(text: str, tokens: list[Token], item: _Item) -> Token | None:
    """A short item that holds a word jieba does not know (伊顺, 明品福) is the name of a company;
    one that opens with a brand (伊利|液奶) names a product of that brand."""
    inside = [t for t in tokens if item.start <= t.start and t.end <= item.end]
    if item.end - item.start > MAX_COMPANY_ITEM or not any(t.tag == "x" and not t.text.isdigit() for t in inside) \
            or brand_end(text, tokens, item.start, item.end) is not None:
        return None
    return Token(text="".join(t.text for t in inside), start=item.start, end=item.end, tag="nt")
