"""Projects by their grammar: a name that ends in …项目, …工程, …一期/二期,
…基地, …电站, …铁路 (kg/resources/grammar_project_suffixes.tsv), read leftwards
to its start; the items of lists (kg/extract/project_lists.py); and the company
a project is named after (kg/extract/project_owners.py).

A quoted name before 工程/行动/计划 ("强首府"工程) is a campaign, not a project.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import INITIATIVE, PROJECT, Mention
from ..resolve.lexicon import load_org_suffixes
from . import project_lists
from .alternation import longest_first
from .grammar import STOP_TAGS, ends_a_word, left_stops, project_suffixes, zone_suffixes
from .project_edges import after_glued_conjunction, name_start, phase_mentions
from .project_grammar import has_name_word, is_count, is_generic_phrase, names_no_project
from .project_lists import LISTED  # noqa: F401  (spans.py reads projects.LISTED)
from .project_owners import owners_in_names  # noqa: F401  (kg/extract/__init__.py calls it from here)
from .tokens import Token

_CAMPAIGN_RE = re.compile(r"“[^”]{1,12}”(?:工程|行动|计划|战略|活动|工作)")
MIN_HEAD = 2
# 数据中心|集群, 项目|库, 项目|部: the ending is part of another noun (a group, a database, an office)
_GROUPS = ("集群", "体系", "库", "部", "组", "办")
_AREAS = ("新城", "新区", "片区", "商圈", "小镇")
MAX_INFIX = 6     # 蒙牛5G数字工厂|低温奶|项目: words between two endings of one name
# Endings that name a kind of work rather than a facility: a place with generic words before
# them (呼和浩特经济技术开发区|基础设施建设|工程) is a programme, not one project.
_ABSTRACT_ENDINGS = ("项目", "工程")
# The main works of a facility are the facility's project (…国际机场|主体工程).
_PART_ENDINGS = ("主体工程", "配套工程", "附属工程", "主体结构")


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    one = longest_first(project_suffixes())
    # {one}+ written as {one}{one}*: the same matches, and the regex engine then skips
    # positions where no ending starts (it does not for a pattern that opens with a repeat)
    return re.compile(f"{one}{one}*")          # 三期 + 工程, 二期 + 项目


@lru_cache(maxsize=None)
def _zone_suffixes_longer_than(length: int) -> tuple[str, ...]:
    # one startswith over a tuple instead of a loop over every zone suffix for each ending
    return tuple(z for z in zone_suffixes() if len(z) > length)


@lru_cache(maxsize=1)
def _org_endings() -> tuple[str, ...]:
    return tuple(s for s, _ in load_org_suffixes())


# China's expressways are numbered G… (national) and S… (provincial): G0616海乌段, S29呼凉高速.
_EXPRESSWAY_RE = re.compile(r"(?<![A-Za-z0-9])[GS]\d{1,4}[\u4e00-\u9fff]{1,4}?(?:段|高速公路|高速)")


def find_expressways(text: str, sentence: int) -> list[Mention]:
    return [Mention(text=m.group(), type=PROJECT, name=m.group(), sentence=sentence, start=m.start(), end=m.end())
            for m in _EXPRESSWAY_RE.finditer(text)]


def find_campaigns(text: str, sentence: int) -> list[Mention]:
    return [Mention(text=m.group(), type=INITIATIVE, name=m.group().replace("“", "").replace("”", ""),
                    sentence=sentence, start=m.start(), end=m.end()) for m in _CAMPAIGN_RE.finditer(text)]


@dataclass(frozen=True)
class Candidate:
    """A name read leftwards from its ending: [start, suffix) is its head, [suffix, end) the ending."""
    start: int
    suffix: int
    end: int
    quoted: bool = False      # opens with a quoted term (“四横六纵”500千伏主干网架)


def find_projects(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    named: list[Mention] = []
    shared: list[Mention] = []
    for cand in _candidates(text, tokens, taken):
        items = project_lists.shared_head_list(text, sentence, tokens, cand.start, cand.suffix, cand.end)
        if items:
            shared += items
        elif _is_name(text, tokens, cand):
            named += _mentions(text, sentence, cand)
    listed = project_lists.find_lists(text, sentence, tokens, taken) + shared
    # A list's items know more than a reading from one ending (their shared head, their brand):
    # they replace the readings they overlap.
    spans = [(m.start, m.end) for m in listed]
    out = [m for m in named if not any(a < m.end and m.start < b for a, b in spans)]
    seen: set[tuple[int, int]] = set()
    for m in listed:
        if (m.start, m.end, m.type) not in seen:
            seen.add((m.start, m.end, m.type))
            out.append(m)
    return out


def _candidates(text: str, tokens: list[Token], taken: list[tuple[int, int]]):
    for match in _suffix_re().finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken) or not ends_a_word(tokens, match.end()):
            continue
        if text.startswith(_org_endings(), match.end()) or text.startswith(_GROUPS, match.end()):
            continue          # 君诚兴业管道|有限责任公司, 生物工程|研究院: inside an organization's name
        if text.startswith(_AREAS, match.end()):
            continue          # 武进高铁|新城, 机场|片区: an area named after a facility
        if text.startswith(_zone_suffixes_longer_than(match.end() - match.start()), match.start()):
            continue          # 高新技术产业园|区: the ending opens a zone's (产业园区)
        floor = max((b for a, b in taken if b <= match.start()), default=0)
        start = name_start(text, tokens, match.start(), floor)
        quoted = False
        if start > floor + 2 and text[start - 1] == "”":
            opening = text.rfind("“", max(floor, start - 12), start - 1)
            if opening != -1 and start < match.start():
                start, quoted = name_start(text, tokens, opening, floor, inside=opening), True
        end = _extended_end(text, tokens, start, match.end())
        half = (end - start) // 2
        if (end - start) % 2 == 0 and text[start:start + half] == text[start + half:end]:
            start += half         # a name printed twice (a headline's PDF scar): one name
        yield Candidate(start, match.start(), end, quoted)


def _is_name(text: str, tokens: list[Token], cand: Candidate) -> bool:
    head = text[cand.start:cand.suffix]
    ending = text[cand.suffix:cand.end]
    if len(head) < MIN_HEAD or is_generic_phrase(head) or is_count(head):
        return False
    if not cand.quoted and not has_name_word(text, tokens, cand.start, cand.suffix) \
            and (text[cand.start - 1:cand.start] in _CUT_ADJECTIVES or not _invested(text, cand.start, cand.end)):
        return False          # 新|材料项目由X投资: a description cut in two is no name
    if names_no_project(text[cand.start:cand.end]):
        return False
    if _LINE_OF_A_PLANT.match(text, cand.start, cand.end):
        return False
    # 呼和浩特经济技术开发区|基础设施建设|工程 is a programme; 三北|六期工程 is one project
    rest = head[_place_prefix(text, tokens, cand):]
    if rest:
        return not (ending.endswith(_ABSTRACT_ENDINGS) and is_generic_phrase(rest))
    return ending not in _ABSTRACT_ENDINGS


# 将投资100亿元在溧阳建设动力电池生产基地项目, 由中国电建投资建设的海上风电项目, 共同投资建设…项目,
# A公司增资2亿美元扩建…生产线, A市政府与B公司签约的…项目, …项目由A公司投资建设: a project
# described rather than named is one project all the same when the clause states its investment,
# its investor or its signatories.
# 建设年产5万吨正极材料生产线: a line described by its output is a part of a plant (the project
# named before it, or its phase), not a project of its own.
_LINE_OF_A_PLANT = re.compile(r"年产[^，。；]*(?:生产线|产线|车间)$")
_CUT_ADJECTIVES = ("新", "老", "大", "小")
_MONEY = r"\d+(?:\.\d+)?\s*[万亿]?(?:元|美元|欧元|港元|日元)"
_INVESTMENT = re.compile(r"投资\s*" + _MONEY)
_INVESTED_BY = re.compile(r"(?:(?:投资|投建|建设|承建|兴建|扩建)的|与[^，。；]{2,40}(?:签约|签署|签订|合作)的?"
                          r"|(?:投资|投建|出资|增资)(?:\s*" + _MONEY + r")?(?:建设|兴建|扩建|新建)?)$")
_INVESTED_AFTER = re.compile(r"(?:[，,]?(?:由|是由|将由|已由))[^，。；：]{2,40}?"
                             r"(?:投资|投建|出资|合资|承建|建设|兴建)"
                             r"|[，,]?(?:项目)?(?:协议|计划|总|预计|拟)投资(?:额)?(?:约|达|超)?\s*\d")


def _invested(text: str, start: int, end: int | None = None) -> bool:
    clause = text[max(text.rfind(ch, 0, start) for ch in "，。；：！？") + 1:start]
    if _INVESTMENT.search(clause) or _INVESTED_BY.search(clause):
        return True
    return end is not None and bool(_INVESTED_AFTER.match(text, end))


def _place_prefix(text: str, tokens: list[Token], cand: Candidate) -> int:
    """Length of the places (and the zone named after them) that open the head."""
    pos = cand.start
    for token in tokens:
        if token.start == pos and token.end <= cand.suffix and token.tag == "ns":
            pos = token.end
    if pos > cand.start:          # 呼和浩特|经济技术开发区: the zone named after the place
        zone = next((z for z in sorted(zone_suffixes(), key=len, reverse=True) if text.startswith(z, pos)), "")
        pos += len(zone) if pos + len(zone) <= cand.suffix else 0
    return pos - cand.start


def _mentions(text: str, sentence: int, cand: Candidate) -> list[Mention]:
    """The mentions of one name: the name, or one per phase (圣钒二期三期 -> 圣钒二期, 圣钒三期)."""
    end = cand.end
    for part in _PART_ENDINGS:
        base = text[cand.start:end - len(part)]
        if text.endswith(part, 0, end) and base.endswith(project_suffixes()):
            end -= len(part)          # …国际机场|主体工程
            break
    return phase_mentions(text, sentence, cand.start, end)


def _extended_end(text: str, tokens: list[Token], start: int, end: int) -> int:
    """A name goes on past an ending when a few more nouns and another ending follow."""
    match = _suffix_re().search(text, end, end + MAX_INFIX + 8)
    if match is None or match.start() - end > MAX_INFIX or not ends_a_word(tokens, match.end()):
        return end
    if text.startswith(text[start:start + 2], end):
        return end            # the same company's next name (a headline listing names)
    infix = [t for t in tokens if end <= t.start and t.end <= match.start()]
    if infix and after_glued_conjunction(infix, infix[0].start, match.start()) > infix[0].start:
        return end            # …工程|和昌景|黄高铁: a conjunction glued to the next name's first word
    if any(t.tag in STOP_TAGS or t.tag.startswith("v") or t.text in left_stops() for t in infix):
        return end
    return match.end()
