"""What a figure measures, as the text says it: 进出境货运量, 协议总投资, 科技型中小企业.

    segment_start(frame, q, previous_end)         where the words of a figure's indicator start
    indicator(frame, q, seg_start, seg_end)       the words before the figure, or the noun after a count
    name_indicator(frame, q, project)             a capacity inside a project's name (10万吨颗粒硅项目)

Edge words (verbs of attainment, adverbs, particles: kg/resources/metric_edge_words.txt)
are stripped from both ends; the noun after a count stops at the words of
metric_after_stops.txt.
"""
from __future__ import annotations

import re

from ..model import Mention
from .metric_cues import cues
from .metric_frame import Frame
from .numbers import COUNT_LIKE, Quantity

# Indicators for a capacity written inside a project's name (10万吨颗粒硅项目).
NAME_INDICATORS = {"kW": "装机容量", "t": "产能", "head": "养殖规模", "m2": "面积", "mu": "面积",
                   "kWh": "发电量", "CNY": "投资", "PFLOPS": "算力"}
MAX_LENGTH = 18
_LIST_TAIL = re.compile(r"(?:和|及|与|以及|、)\s*$")
_NOT_WORD = re.compile(r"[\s“”\"‘’'（）()《》、]")
# A project that makes things: a GW figure in its name is output capacity, not installed capacity.
_MANUFACTURING = re.compile(r"生产|制造|产线|工厂|电池|组件|装备")
_PROJECT_HEAD = re.compile(r"(?:项目|工程|基地|工厂|电站|园区|产业园)$")
_PROJECT_VERB = re.compile(r"(?:养殖|生产|建设|扩建|新建)$")


def clean(phrase: str) -> str:
    """A phrase without the edge words, quotes and brackets at its ends, at most 18 characters."""
    c = cues()
    for _ in range(3):
        before = phrase
        phrase = c.edge_start.sub("", phrase)
        phrase = c.edge_end.sub("", phrase)
        if phrase == before:
            break
    phrase = phrase.strip("“”\"‘’'（）()")
    if len(phrase) > MAX_LENGTH:
        phrase = phrase[-MAX_LENGTH:]
    return phrase


def noun_after(text: str, end: int, limit: int | None = None) -> str:
    """The noun right after a figure, up to a stop word, a punctuation mark or `limit`;
    its head after a 的 (47个“打基础、利长远”的基建项目 -> 基建项目)."""
    stop = min(end + 20, limit if limit is not None else len(text))
    pattern = cues().after_noun
    match = pattern.match(text, end, stop)
    if match is None:
        return ""
    if text.startswith("的", match.end()):
        head = pattern.match(text, match.end() + 1, stop)
        if head is not None:
            return head.group()
    return match.group()


def predicate_after(frame: Frame, q: Quantity) -> str:
    """The words after a figure up to its clause's end, a list mark or the next figure,
    when nothing names it before (1576人达成就业意向)."""
    later = frame.quantity_starts_after(q.end)
    stop = min(frame.clause_end(q.end), later[0] if later else len(frame.text))
    words = frame.text[q.end:stop].split("、")[0]
    return clean(words) if words and not _NOT_WORD.match(words) else ""


def segment_start(frame: Frame, q: Quantity, previous_end: int | None) -> int:
    """Where the words of a figure's indicator start: after the last name, or the last
    figure, of its clause."""
    start = frame.clause_start(q.start)
    for _, m in frame.mentions:
        if start <= m.start and m.end <= q.start:
            start = m.end
    if previous_end is not None and previous_end <= q.start and frame.same_clause(previous_end, q.start):
        start = max(start, previous_end)
        if start == previous_end:            # 60万吨进口煤、7000吨原油: the first figure's noun is its own
            start += len(noun_after(frame.text, start, q.start))
    return start


def indicator(frame: Frame, q: Quantity, seg_start: int, seg_end: int) -> str:
    """The words before the figure; for a count, the noun after it (3个国家级重大创新平台),
    with a short verb before it kept (带动131家企业 -> 带动企业); the words before a
    parenthesis (签约总金额（含意向额）6.1亿元); else the words after the figure."""
    raw = frame.text[seg_start:seg_end]
    if not raw.strip() and frame.text[:seg_start].rstrip().endswith(("）", ")")):
        raw = _before_parenthesis(frame, seg_start)
    if "等" in raw:                            # 汽车、家电等以旧换新带动消费: drop the examples
        raw = raw[raw.rindex("等") + 1:]
    before = clean(raw)
    later = frame.quantity_starts_after(q.end)
    after = noun_after(frame.text, q.end, later[0] if later else None) \
        if (q.unit in COUNT_LIKE or q.implied or not before) else ""
    # 7个盟市的45个旗县: the words between two counts are the first one's noun.
    after_count = any(other.end == seg_start and other.unit in COUNT_LIKE for other in frame.quantities)
    if after:
        if not before or after_count or _LIST_TAIL.search(raw):
            return after                       # …平台和2个全国重点实验室: the words before are the last item's
        if "、" in raw and q.unit in COUNT_LIKE:
            return after                       # 马铃薯、羊绒2个产业链: the words before are the counted items
        if len(before) <= 4:
            return before + after              # 带动131家企业, 签约的292个亿元以上项目
        if raw.rstrip().endswith("的"):
            return after                       # 汇聚两院院士在内的24位首席科学家
    if not before:
        return predicate_after(frame, q)
    return before


def _before_parenthesis(frame: Frame, end: int) -> str:
    """The words of the clause before the parenthesis that ends right before `end`."""
    close = frame.text.rstrip()[:end].rstrip()
    opening = max(close.rfind("（"), close.rfind("("))
    if opening <= 0:
        return ""
    start = frame.clause_start(opening)
    for _, m in frame.mentions:
        if start <= m.start and m.end <= opening:
            start = m.end
    return frame.text[start:opening]


def name_indicator(frame: Frame, q: Quantity, project: Mention) -> str:
    """装机容量 for kW, 颗粒硅产能 for 10万吨颗粒硅项目: what a figure in a project's name measures."""
    word = NAME_INDICATORS.get(q.unit or "", "规模")
    if q.unit == "kW" and _MANUFACTURING.search(project.name):
        word = "产能"                           # 10GW光伏N型电池片生产项目
    if q.unit in ("t", "head"):
        product = noun_after(frame.text[:project.end], q.end)
        for _ in range(3):                     # 奶山羊养殖基地项目 -> 奶山羊
            product = _PROJECT_VERB.sub("", _PROJECT_HEAD.sub("", product))
        return product + word if product else word
    return word
