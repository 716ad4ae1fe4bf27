"""Where a project's name starts, read leftwards from its ending (the left edge of
kg/extract/grammar.py, then what that edge gets wrong for projects: verbs that govern
projects, routes 胜利至张北, water diversions 引黄入呼, fixed openers 全国一体化, words jieba
cut apart 金河|佑|本, a company's work joined by 及, a capacity opening with 年 (年加工…), the
one-character abbreviations of a railway's ends 白|阿|铁路, a date at the start 6月底|…), and the
mentions of a name with several phases (圣钒二期三期).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import PROJECT, Mention
from ..resolve.lexicon import load_org_suffixes
from .grammar import LEADING_TAGS, STOP_TAGS, left_edge, left_stops, project_suffixes
from .project_grammar import PHASE_RE, brand_end, has_name_word, is_place_word, openers, project_stops
from .tokens import Token, ending_at, starting_at

# 胜利至张北特高压输电工程, 呼和浩特至北京高铁: a route joins two places inside one name.
_CONNECTORS = ("至", "到", "—", "－")
_NOUNISH = re.compile(r"^(?:n\w*|x|j|vn|l|s)$")
MAX_ROUTE_END = 6
# 贵州某某酒业股份有限公司年产1万吨酱香型白酒技改|项目: a company's full name and what it makes
MAX_NAME = 32
# 引黄入呼, 引绰济辽, 引汉济渭: water diversions are named 引 + source + 入/济 + destination.
_DIVERSION = re.compile(r"引[\u4e00-\u9fff]{1,2}$")


def name_start(text: str, tokens: list[Token], end: int, floor: int = 0, inside: int | None = None) -> int:
    """Start of the name whose head ends at `end`: the left edge of the grammar, after the verbs
    that govern projects, through route connectors and the openers of fixed names."""
    start = left_edge(tokens, end, max_chars=MAX_NAME, floor=floor)
    if inside is not None:
        start = min(start, inside)
    start = _through_split_words(tokens, start, floor)
    start = _through_inner_adjective(text, tokens, start, end, floor)
    for token in tokens:
        if start <= token.start and token.end <= end and (token.text in project_stops() or _two_stops(token.text)
                                                          or token.text in _GOVERNING_WHEN_FOLLOWED and token.end < end):
            start = token.end
    start = after_glued_conjunction(tokens, start, end)
    start = _through_route_abbreviations(text, tokens, start, end, floor)
    start = _through_connectors(text, tokens, start, floor)
    start = _through_company_conjunct(text, tokens, start, floor)
    start = _through_capacity_conjunct(text, tokens, start, floor)
    start = _through_capacity_opening(text, tokens, start, floor)
    start = _through_per_year_capacity(text, tokens, start, floor)
    diversion = _DIVERSION.search(text, max(floor, start - 3), start)
    if diversion is not None and text[start:start + 1] in ("入", "济"):
        start = diversion.start()
    for opener in openers():
        for k in range(1, len(opener)):
            if start - k >= floor and text.startswith(opener[:k], start - k) and text.startswith(opener[k:], start):
                start -= k
                break
    start = _after_dates(text, tokens, start, end)
    # a list's 等 never stands inside a name (九州通等区域性…项目): the name starts after the last one
    deng = text.rfind("等", start, end)
    while deng != -1 and not is_list_deng(text, deng):
        deng = text.rfind("等", start, deng)
    return start if deng == -1 else max(start, deng + 1)


_NUMERAL = r"(?:\d+|[〇零一二三四五六七八九十]+)"
# 6月底, 二〇二四年第二季度, 上半年, 十四日: a date says when, it names nothing (…截至6月底已开复工项目)
_DATE = re.compile(rf"(?:{_NUMERAL}年|{_NUMERAL}月(?:底|初|末|中旬|上旬|下旬|份)?|{_NUMERAL}[日号]|[上下]半年"
                   rf"|年[底初末内中]|第?[一二三四1-4]季度|前[一二三]季度|月[底初末])+")
_GLUED_STOPS = frozenset("已将在由从")


def _after_dates(text: str, tokens: list[Token], start: int, end: int) -> int:
    """The name starts after a date at its start, and after a word jieba glued to the stop that
    follows it (6月底|已开|复工项目); the verbs left at the start are no name's either."""
    date = _DATE.match(text, start, end)
    if date is None or date.end() == start or date.group().isdigit():
        return start
    pos = date.end()
    after = [t for t in tokens if t.start >= pos and t.end <= end]
    while after and (after[0].text[0] in _GLUED_STOPS or after[0].tag in LEADING_TAGS and after[0].tag != "an"):
        pos = after.pop(0).end
    return pos


# 扩建|半导体封装生产线 governs the facility; …生产线扩建, 长盛制药扩建(等项目) names the works.
_GOVERNING_WHEN_FOLLOWED = frozenset({"扩建"})


# Words with 等 that are no list's 等 (高等研究院, 平等, 等级).
_DENG_WORDS = frozenset({"高等", "平等", "同等", "均等", "对等", "初等", "中等", "上等", "下等", "特等", "优等",
                         "头等", "相等", "何等", "次等", "劣等", "一等", "二等", "三等", "等等", "超等"})
_DENG_STARTS = ("等待", "等于", "等级", "等同", "等候", "等量", "等价", "等效", "等额", "等比", "等距")


def is_list_deng(text: str, i: int) -> bool:
    """True when the 等 at text[i] closes a list (A、B等项目): not in 高等, 平等, 等级 …"""
    return text[i] == "等" and text[i - 1:i + 1] not in _DENG_WORDS and not text.startswith(_DENG_STARTS, i)


def _through_connectors(text: str, tokens: list[Token], start: int, floor: int) -> int:
    """Extend a name's start leftwards over 'A至' when A is a noun of a few characters
    (胜利至张北…, 乌兰布和至京津冀鲁…: a conjunction right before 至 is part of A)."""
    while start > floor + 1 and text[start - 1] in _CONNECTORS:
        if getattr(starting_at(tokens, start - 1), "end", None) != start:
            break             # 截至: no connector of its own
        pos = start - 1
        for token in reversed([t for t in tokens if floor <= t.start and t.end <= start - 1]):
            if token.end != pos or start - 1 - token.start > MAX_ROUTE_END:
                break
            inside_name = token.tag == "c" and token.end == start - 1        # 乌兰布|和|至
            # the word before 至 may be any noun (胜利|至); words before it only names (建成投运|雅江|至)
            nounish = (_NOUNISH.match(token.tag) if pos == start - 1 else token.tag in _NAME_TAGS) \
                or is_place_word(token)
            if not inside_name and (not nounish or token.text in left_stops()
                                    or token.text in project_stops() or any(ch.isdigit() for ch in token.text)):
                break
            pos = token.start
        if pos == start - 1:
            break
        start = pos
    return start


# 白阿铁路, 渝昆高铁, 集大原高铁: a line is named by one character of each place it joins.
_ROUTE_ENDINGS = ("铁路", "高铁", "城际", "公路", "高速", "通道", "管道", "专线", "客专")
_GLUED_CONJUNCTIONS = frozenset("和与及同跟由在对向从把被将")


def _through_route_abbreviations(text: str, tokens: list[Token], start: int, end: int, floor: int) -> int:
    """白|阿|铁路(扩能改造工程): the one-character abbreviations before a route's ending are its
    name, though the first is an adjective or a verb that no name starts with (白, 通, 集)."""
    route = next((p for p in range(start, end + 1) if text.startswith(_ROUTE_ENDINGS, p)), None)
    if route is None:
        return start
    by_end = {t.end: t for t in tokens}
    pos, count = route, 0
    while count < 4 and (word := by_end.get(pos)) is not None and word.start >= floor and len(word.text) == 1 \
            and "\u4e00" <= word.text <= "\u9fff" and word.tag not in STOP_TAGS and word.text not in left_stops() \
            and word.text not in _GLUED_CONJUNCTIONS:
        pos, count = word.start, count + 1
    return pos if count >= 2 and pos < start else start


def after_glued_conjunction(tokens: list[Token], start: int, end: int) -> int:
    """…工程|和昌景|黄高铁: jieba glues a conjunction or preposition to the unknown word after it; the
    name starts after it."""
    for token in tokens:
        if start <= token.start < end and token.tag == "x" and len(token.text) >= 3 \
                and token.text[0] in _GLUED_CONJUNCTIONS:
            start = token.start + 1
    return start


def phase_mentions(text: str, sentence: int, start: int, end: int, brand: str = "", subtype: str | None = None) -> list[Mention]:
    """The mentions of the name [start, end): one, or one per phase when phases follow each other
    (圣钒二期三期 -> 圣钒二期, 圣钒三期; the second one's text is 三期)."""
    phases = [m for m in PHASE_RE.finditer(text, start, end)]
    while len(phases) >= 2 and phases[0].end() != phases[1].start():
        phases.pop(0)
    adjacent = len(phases) >= 2 and all(a.end() == b.start() for a, b in zip(phases, phases[1:]))
    if not adjacent or phases[0].start() == start:
        return [Mention(text=text[start:end], type=PROJECT, name=brand + text[start:end], sentence=sentence,
                        start=start, end=end, subtype=subtype)]
    stem, tail = brand + text[start:phases[0].start()], text[phases[-1].end():end]
    out = []
    for i, phase in enumerate(phases):
        a = start if i == 0 else phase.start()
        b = phase.end() + (len(tail) if i == len(phases) - 1 else 0)
        out.append(Mention(text=text[a:b], type=PROJECT, name=stem + phase.group() + tail, sentence=sentence,
                           start=a, end=b, subtype=subtype))
    return out


# 阿拉善|新|远景, 内蒙古|大|数据交易中心, 叁零陆|新|材料: a one-character adjective that stops a name
# read leftwards (签约|新|项目) stands inside one after a proper noun.
_INNER_ADJECTIVES = frozenset("新老大小")
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "x", "j", "nt"})


def _two_stops(word: str) -> bool:
    """大力支持, 全力推进: one token of two words that each stop a name (jieba keeps such phrases whole)."""
    return len(word) >= 4 and any(word[:k] in left_stops() and word[k:] in left_stops() for k in range(2, len(word) - 1))


def _through_split_words(tokens: list[Token], start: int, floor: int) -> int:
    """Extend a name's start over a one-character adjective after a proper noun, and over the
    single characters jieba cut an unknown name into (金河|佑|本|疫苗…: 本 is no pronoun here)."""
    if start <= floor:
        return start
    last = ending_at(tokens, start)
    if last is None or not (last.text in _INNER_ADJECTIVES or len(last.text) == 1 and last.tag in ("r", "d")):
        return start
    by_end = {t.end: t for t in tokens}
    while start > floor:
        prev = by_end.get(start)
        before = by_end.get(prev.start) if prev is not None else None
        if prev is None or before is None or before.start < floor:
            break
        if prev.text in _INNER_ADJECTIVES and before.tag in _NAME_TAGS and not before.text.isdigit():
            start = min(left_edge(tokens, prev.start, floor=floor), before.start)
            continue
        first = by_end.get(before.start)
        if len(prev.text) == 1 and prev.tag in ("r", "d") and len(before.text) == 1 and before.tag not in STOP_TAGS \
                and first is not None and first.start >= floor and first.tag in _NAME_TAGS and len(first.text) >= 2 \
                and (first.start == floor or by_end.get(first.start) is None
                     or by_end[first.start].tag in STOP_TAGS | {"w"}):
            start = first.start
            continue
        break
    return start


def _through_inner_adjective(text: str, tokens: list[Token], start: int, end: int, floor: int) -> int:
    """海川化工高端含氟|新|材料项目: a one-character adjective after a common noun stands inside the
    name when the words before it name someone (a company, a place); otherwise (签约|新|项目,
    高端|新|材料项目) the name starts after it."""
    prev = ending_at(tokens, start)
    prev = prev if prev is not None and prev.start >= floor else None
    if prev is None or prev.text not in _INNER_ADJECTIVES:
        return start
    before = ending_at(tokens, prev.start)
    before = before if before is not None and before.start >= floor else None
    if before is None or not before.tag.startswith("n") or before.text in left_stops() \
            or before.text in project_stops():
        return start
    wider = left_edge(tokens, prev.start, floor=floor)
    if wider < before.end and has_name_word(text, tokens, wider, prev.start):
        return wider
    return start


# 年产30GWh动力电池|及|储能电池生产基地项目: a capacity names the products of one plant
_CAPACITY = re.compile(r"年产\s*\d+(?:\.\d+)?")


def _through_capacity_conjunct(text: str, tokens: list[Token], start: int, floor: int) -> int:
    """年产N吨A及B…项目: the products joined by 及/和 after a capacity are one plant's."""
    if start - 1 <= floor or text[start - 1] not in "及和":
        return start
    left = left_edge(tokens, start - 1, floor=floor)
    capacity = _CAPACITY.match(text, left)
    if capacity is None or "，" in text[left:start] or capacity.end() >= start - 1:
        return start
    return left


# 年产 is one word, but 年 before other verbs of output is a left stop (2023年): 年加工20万吨大米…,
# 年屠宰加工10万头肉牛… open with the capacity all the same.
_OUTPUT_VERBS = ("产", "生产", "加工", "深加工", "精深加工", "屠宰", "屠宰加工", "处理", "养殖", "出栏", "回收",
                 "利用", "综合利用", "制造", "冶炼", "吞吐", "发电", "转化", "孵化", "洗选", "精炼", "制备", "储存",
                 "仓储", "消纳")
_CAPACITY_OPENING = re.compile("年(?:" + "|".join(sorted(_OUTPUT_VERBS, key=len, reverse=True)) + r")\s*\d")


def _through_capacity_opening(text: str, tokens: list[Token], start: int, floor: int) -> int:
    """年|加工20万吨大米精深加工项目: the name opens with its capacity, and with the company before
    it when one stands there (X有限公司年屠宰加工10万头肉牛项目), as with 年产."""
    for pos in range(max(floor, start - 6), start):
        opening = _CAPACITY_OPENING.match(text, pos)
        # 年 a word of its own (not the end of 今年, 2023年 is a date before 生产…)
        if opening is not None and start < opening.end() and any(t.start == pos and t.text == "年" for t in tokens) \
                and not text[pos - 1:pos].isdigit():
            return name_start(text, tokens, pos, floor) if pos > floor else pos
    return start


# 20亿立方米/年煤制天然气项目, 60万吨/年高端聚烯烃项目: a capacity per year written with a slash
_PER_YEAR_CAPACITY = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千]+)[万亿]?[\u4e00-\u9fffA-Za-z]{1,4}[/／](?:年|a)$")


def _through_per_year_capacity(text: str, tokens: list[Token], start: int, floor: int) -> int:
    """The name opens with its capacity per year (镇海炼化|60万吨/年|高端聚烯烃项目), and with what
    stands before the capacity as part of the name (a company's or a place's short name)."""
    capacity = _PER_YEAR_CAPACITY.search(text, max(floor, start - 12), start)
    if capacity is None:
        return start
    return name_start(text, tokens, capacity.start(), floor) if capacity.start() > floor else capacity.start()


def _through_company_conjunct(text: str, tokens: list[Token], start: int, floor: int) -> int:
    """三峡集团抽水蓄能|及|风光储一体化能源基地项目: a company's work joined by 及 to the rest of one
    name (the part before 及 opens with a company and goes on with what it does)."""
    if start - 1 <= floor or text[start - 1] != "及":
        return start
    left = left_edge(tokens, start - 1, floor=floor)
    brand = brand_end(text, tokens, left, start - 1) if left < start - 1 else None
    if brand is None or text.startswith(_org_endings(), brand) or text[brand:start - 1].endswith(project_suffixes()):
        return start
    return left


@lru_cache(maxsize=1)
def _org_endings() -> tuple[str, ...]:
    return tuple(s for s, _ in load_org_suffixes())
