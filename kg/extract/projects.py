"""Projects by their grammar: a name that ends in …项目, …工程, …一期/二期,
…基地, …电站, …铁路 (kg/resources/grammar_project_suffixes.tsv), and the items
of a list that ends in 等项目 (推动A、B、C等项目开工).

A quoted name before 工程/行动/计划 ("强首府"工程) is a campaign, not a project.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import INITIATIVE, ORGANIZATION, PROJECT, Mention
from ..resolve.gazetteer import load_gazetteer
from ..resolve.lexicon import load_known_orgs
from .grammar import STOP_TAGS, ends_a_word, has_proper_noun, industry_words, is_generic, left_edge, left_stops, project_suffixes
from .tokens import Token

_CAMPAIGN_RE = re.compile(r"“[^”]{1,12}”(?:工程|行动|计划|战略|活动|工作)")
# 等项目, 等重点项目, 等区域性物流总部基地项目: the words between 等 and 项目 are the
# items' shared head (伊顺、申通等区域性物流总部基地项目 -> 伊顺区域性物流总部基地项目).
# The items between 、 and 以及 (not 和: 和林格尔 starts with it).
_ITEM_RE = re.compile(r"(?:(?!以及)[^、])+")
_LIST_END_RE = re.compile(r"等(?:重点|重大|一批)?([^，。；：、“”（）]{0,12}?)项目")
MIN_HEAD = 2


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    one = "(?:" + "|".join(map(re.escape, project_suffixes())) + ")"
    return re.compile(f"{one}+")          # 三期 + 工程, 二期 + 项目


_OWNER_TAGS = frozenset({"x", "nz", "nt"})
# Facilities a company builds for itself; routes and networks (…铁路, …通道) are named after places.
_OWNED_ENDINGS = re.compile(r"(?:期|项目|工厂|车间|基地|产业园|数据中心|牧场)$")


def owners_in_names(projects: list[Mention], places: list[Mention], tokens: dict[int, list[Token]]) -> list[Mention]:
    """The company a project is named after (伊利|液奶三期, 华耀|三期, 和林县|正邦|…基地项目):
    the first word of the name after any place, when it is a proper noun jieba does not
    know as a common word.  ANNOTATION.md: such a company is an Organization the project involves."""
    out: list[Mention] = []
    for project in projects:
        if project.type != PROJECT or not project.text or not _OWNED_ENDINGS.search(project.text):
            continue
        pos = project.start
        for place in sorted((p for p in places if p.sentence == project.sentence), key=lambda p: p.start):
            if place.start == pos and place.end < project.end:
                pos = place.end
        text = project.text[pos - project.start:]
        known = _known_prefix(text)
        if known is not None:
            surface, org = known
            out.append(Mention(text=surface, type=ORGANIZATION, name=org.name, sentence=project.sentence,
                               start=pos, end=pos + len(surface), subtype=org.subtype))
            continue
        words = [t for t in tokens.get(project.sentence, ()) if pos <= t.start and t.end <= project.end]
        first = words[0] if words else None
        if first is None or first.start != pos or first.tag not in _OWNER_TAGS or not 2 <= len(first.text) <= 4 \
                or first.end >= project.end or any(ch.isdigit() or ch.isascii() for ch in first.text) \
                or first.text in left_stops() or first.text[0] in "以深招重强补延引":
            continue
        end = first.end
        if len(words) > 2 and words[1].text in industry_words():       # 天能|重工, 普泽|生物
            end = words[1].end
        name = "".join(t.text for t in words if t.end <= end)
        out.append(Mention(text=name, type=ORGANIZATION, name=name, sentence=project.sentence,
                           start=pos, end=end, subtype="Company"))
    return out


def _known_prefix(text: str):
    """The longest name of a known organization that opens `text` (weak forms too: 远景|零碳电池项目)."""
    known = load_known_orgs()
    for size in range(min(len(text) - 1, 16), 1, -1):
        org = known.get(text[:size])
        if org is not None:
            return text[:size], org
    return None


# China's expressways are numbered G… (national) and S… (provincial): G0616海乌段, S29呼凉高速.
_EXPRESSWAY_RE = re.compile(r"(?<![A-Za-z0-9])[GS]\d{1,4}[\u4e00-\u9fff]{1,4}?(?:段|高速公路|高速)")


def find_expressways(text: str, sentence: int) -> list[Mention]:
    return [Mention(text=m.group(), type=PROJECT, name=m.group(), sentence=sentence, start=m.start(), end=m.end())
            for m in _EXPRESSWAY_RE.finditer(text)]


def find_campaigns(text: str, sentence: int) -> list[Mention]:
    return [Mention(text=m.group(), type=INITIATIVE, name=m.group().replace("“", "").replace("”", ""),
                    sentence=sentence, start=m.start(), end=m.end()) for m in _CAMPAIGN_RE.finditer(text)]


def find_projects(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for match in _suffix_re().finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken) or not ends_a_word(tokens, match.end()):
            continue
        floor = max((b for a, b in taken if b <= match.start()), default=0)
        start = _through_connectors(text, tokens, left_edge(tokens, match.start(), floor=floor), floor)
        # a list's 等 never stands inside a name (九州通等区域性…项目): the name starts after it
        start = max(start, text.rfind("等", start, match.start()) + 1)
        head = text[start:match.start()]
        if len(head) < MIN_HEAD or is_generic(head) or not has_proper_noun(tokens, start, match.start()):
            continue
        end = _extended_end(text, tokens, match.end())
        name = text[start:end]
        out.append(Mention(text=name, type=PROJECT, name=name, sentence=sentence, start=start, end=end))
    out.extend(_list_items(text, sentence, tokens, taken))
    return out


MAX_INFIX = 6     # 蒙牛5G数字工厂|低温奶|项目: words between two endings of one name


def _extended_end(text: str, tokens: list[Token], end: int) -> int:
    """A name goes on past an ending when a few more nouns and another ending follow."""
    match = _suffix_re().search(text, end, end + MAX_INFIX + 8)
    if match is None or match.start() - end > MAX_INFIX or not ends_a_word(tokens, match.end()):
        return end
    infix = [t for t in tokens if end <= t.start and t.end <= match.start()]
    if any(t.tag in STOP_TAGS or t.tag.startswith("v") or t.text in left_stops() for t in infix):
        return end
    return match.end()


# 胜利至张北特高压输电工程, 呼和浩特至北京高铁: a route joins two places inside one name.
_CONNECTORS = ("至", "到", "—", "－")


def _through_connectors(text: str, tokens: list[Token], start: int, floor: int) -> int:
    """Extend a name's start leftwards over 'A至' when A is a proper noun."""
    while start > floor and text[start - 1] in _CONNECTORS:
        before = left_edge(tokens, start - 1, floor=floor)
        if before >= start - 1 or not has_proper_noun(tokens, before, start - 1):
            break
        start = before
    return start


MAX_COMPANY_ITEM = 4
# Marks a project named by a list item, so that the company of the same item may share its span;
# extract_article removes the mark once overlaps are settled.
LISTED = "listed"


def _company_word(tokens: list[Token], start: int, end: int) -> Token | None:
    """A short item that holds a word jieba does not know (伊顺, 明品福) is the name of a company."""
    inside = [t for t in tokens if start <= t.start and t.end <= end]
    if end - start > MAX_COMPANY_ITEM or not any(t.tag == "x" for t in inside):
        return None
    return Token(text="".join(t.text for t in inside), start=start, end=end, tag="nt")


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a list's items: split at 、 and 以及, and at 和/及 unless a place name starts
    there (和林格尔)."""
    gazetteer = load_gazetteer()
    spans = []
    for piece in _ITEM_RE.finditer(text, start, end):
        a = piece.start()
        for joint in _JOINT_RE.finditer(text, piece.start(), piece.end()):
            rest = text[joint.start():piece.end()]
            if any(gazetteer.lookup(rest[:size]) for size in range(2, min(len(rest), 6) + 1)):
                continue
            spans.append((a, joint.start()))
            a = joint.end()
        spans.append((a, piece.end()))
    return [(a, b) for a, b in spans if b > a]


_JOINT_RE = re.compile(r"和|及")


def _list_items(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    """推动伊利液奶三期、奶粉二期、蒙牛九期奶粉工厂等项目开工建设: every item is a project.

    An item that is not itself a project's name (中农联 in 中农联、明品福等项目) names the
    company behind it: the project is the item with the list's head (中农联项目), and the
    item is also an organization.
    """
    out: list[Mention] = []
    suffix_end = _suffix_re()
    for end_match in _LIST_END_RE.finditer(text):
        list_end = end_match.start()
        head = end_match.group(1) + "项目"
        if is_generic(end_match.group(1)) or not end_match.group(1):
            head = "项目"
        # The list starts after the clause's last comma-like stop before it.
        clause_start = max(text.rfind(ch, 0, list_end) for ch in "，。；：") + 1
        start = left_edge(tokens, text.find("、", clause_start, list_end) if "、" in text[clause_start:list_end]
                          else list_end, floor=clause_start)
        for item_start, item_end in _items(text, start, list_end):
            item = text[item_start:item_end]
            if len(item) < MIN_HEAD or is_generic(item) or "的" in item:
                continue
            if any(a <= item_start and item_end <= b for a, b in taken):
                continue
            own = suffix_end.search(item)
            named = own is not None and own.end() == len(item)
            if not named and not has_proper_noun(tokens, item_start, item_end):
                continue          # 多晶硅、光伏玻璃等新材料项目: products, not names
            if named:
                out.append(Mention(text=item, type=PROJECT, name=item, sentence=sentence,
                                   start=item_start, end=item_end))
                continue
            out.append(Mention(text=item, type=PROJECT, name=item + head, sentence=sentence,
                               start=item_start, end=item_end, subtype=LISTED))
            company = _company_word(tokens, item_start, item_end)
            if company is not None:
                out.append(Mention(text=company.text, type=ORGANIZATION, name=company.text, sentence=sentence,
                                   start=company.start, end=company.end, subtype="Company"))
    return out
