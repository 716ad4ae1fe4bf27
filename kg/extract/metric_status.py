"""Whether a figure is achieved (actual), planned (target) or expected (forecast).

    figure_status(frame, q, project, in_plan, stock)   the status of one figure
    cue_status(frame, q)            the status the cue words give a figure, None when none governs it
    plan_heading(text)              True / False for the heading of a plan / review section
    project_status(frame, project)  a capacity in a project's name: a plan until the project is done

A target cue (力争, 计划, 要) governs the rest of its sentence; a clause-scoped
one (将, 争取) its own clause, or the rest of the sentence when a figure follows
it in its clause (争取获得3个批件，开展8项攻关); a forecast cue (预计) its clause
and the clauses that continue its figure.  A deadline ahead (到2025年, 年底前)
is a target cue.  A target whose clause states a past year is a result.
Without a cue: a capacity in a project's name is a plan until the sentence
says the project is done; a figure of a plan section (二、2025年工作安排) is a
target, unless it is a stock or its clause marks it done.

Cue words are data: kg/resources/metric_status_cues.tsv,
metric_status_blockers.txt (重要 holds 要 but announces nothing),
metric_disposal_verbs.txt (将…纳入: 将 = 把).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import ACTUAL, FORECAST, TARGET, Mention
from .metric_cues import cues, quoted_name
from .metric_frame import Frame
from .numbers import Quantity

# A target cue that governs only the figures of its own clause (将, 争取).
CLAUSE_TARGET = "target-in-clause"
_ACTUAL_MARK = re.compile(r"已经|已|完成了|实现了")
_ACCOMPLISHED = re.compile(r"(?:完成了|实现了|已经完成|已完成|顺利完成|超额完成|全面完成)[^，,；;。]{0,6}$")
_CONTINUATION = re.compile(r"\s*(?:同比|环比|比上年|较上年|比去年|较去年|增长|下降|增加|减少|占|其中)")
_SEMICOLON = re.compile("[；;]")
_DEADLINE = re.compile(r"(?P<this>(?<![0-9０-９])(?:今年|年)(?:底|末)前)|到(?P<to>(?:19|20)[0-9]{2})年"
                       r"|(?P<before>(?:19|20)[0-9]{2})年(?:底|末)?前(?![一二三四五六七八九十0-9０-９季半])")
_PLAN_HEADING = re.compile(r"工作安排|主要目标|预期目标|重点任务|主要任务|工作任务|工作部署|工作思路")
_REVIEW_HEADING = re.compile(r"回顾|工作总结")
_DONE = re.compile(r"建成|投产|并网|投运|投入运行|运营|竣工|完工|落成|通车|开通")


def status_cues(frame: Frame) -> list[tuple[int, int, str]]:
    """(start, end, status) of the cues of a sentence that announce a target or forecast."""
    if "status_cues" in frame.memo:
        return frame.memo["status_cues"]
    c = cues()
    text = frame.text
    blocked = [(m.start(), m.end()) for m in c.blocker_re.finditer(text)]
    found = []
    for m in c.status_re.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in blocked):
            continue
        if quoted_name(text, m.start(), m.end()):
            continue                           # “攻坚计划”, “千企连千兵”计划: a name
        if m.group() == "将" and c.disposal_re.search(text, m.end(), frame.clause_end(m.end())):
            continue                           # 将820项事项纳入…: 将 = 把
        if _ACCOMPLISHED.search(text, max(frame.clause_start(m.start()), m.start() - 12), m.start()):
            continue                           # 顺利完成了招商引资目标任务: a plan fulfilled
        found.append((m.start(), m.end(), c.status[m.group()] if m.group() not in c.clause_scoped else CLAUSE_TARGET))
    for m in _DEADLINE.finditer(text):
        year = int(m.group("to") or m.group("before") or 0)
        if m.group("this") or frame.context_year is None or year >= frame.context_year:
            found.append((m.start(), m.end(), TARGET))   # 到2023年底前…实现: a deadline ahead
    found.sort()
    frame.memo["status_cues"] = found
    return found


def figure_status(frame: Frame, q: Quantity, project: Mention | None, in_plan: bool, stock: bool = False) -> str:
    """The status of one figure: its cue's; a target whose clause states a past year
    (在去年布局5个点位基础上) is a result; without a cue, a capacity in a project's name
    is a plan until the project is done, and a figure of a plan section (二、2025年工作
    安排) a target unless the clause marks it done or it is a stock (全区有20个口岸)."""
    status = cue_status(frame, q)
    if status == TARGET:
        stated = frame.year_in_clause(q.start)
        if stated is not None and frame.context_year is not None and stated < frame.context_year:
            return ACTUAL
        return TARGET
    if status is not None:
        return status
    if project is not None:
        return project_status(frame, project)
    if in_plan and not stock and not _ACTUAL_MARK.search(frame.text, frame.clause_start(q.start), q.start):
        return TARGET
    return ACTUAL


def plan_heading(text: str) -> bool | None:
    """True for the heading of a plan section (二、2025年工作安排), False for the heading of
    a review (一、2024年工作回顾), None for any other sentence."""
    if len(text) > 24 or "，" in text:
        return None
    if _REVIEW_HEADING.search(text):
        return False
    if _PLAN_HEADING.search(text):
        return True
    return None


def cue_status(frame: Frame, q: Quantity) -> str | None:
    """The status the cues of the sentence give a figure; None when no cue governs it.

    A target cue (力争, 要, 计划) governs the rest of its sentence; a forecast
    cue (预计) only its own clause and the clauses that continue its figure
    (…68个,同比增加44个): 预计A增长4%,B带动消费300亿元 forecasts A only."""
    start, end = frame.clause_start(q.start), frame.clause_end(q.end)
    chosen = None
    for s, e, status in status_cues(frame):
        if status == FORECAST and (start <= s < end or (s < q.start and _continues(frame, s, q.start))):
            return FORECAST
        if (status == TARGET or (status == CLAUSE_TARGET and (start <= s or _opens_a_list(frame, s)))) \
                and s < q.start:
            chosen = (e, TARGET)
    if chosen is None:
        return None
    if _ACTUAL_MARK.search(frame.text, chosen[0], q.start):
        return ACTUAL
    return chosen[1]


def _opens_a_list(frame: Frame, cue: int) -> bool:
    """Whether a clause-scoped cue's own clause holds a figure: then it opens a list of
    planned figures (争取获得3个…批件，开展8项技术攻关，培育新增60家…)."""
    start, end = frame.clause_start(cue), frame.clause_end(cue)
    return any(start <= q.start < end and q.start > cue for q in frame.quantities)


def _continues(frame: Frame, cue: int, pos: int) -> bool:
    """Whether every clause from the cue's to pos's continues the one before it: a
    同比 clause, or the first clause of a new item of a ；-list (预计A…；B…)."""
    k = bisect_right(frame.breaks, cue - 1)
    while k < len(frame.breaks) and frame.breaks[k] < pos:
        brk = frame.breaks[k]
        if frame.text[brk] not in "；;" and not _CONTINUATION.match(frame.text, brk + 1):
            return False
        k += 1
    return True


def project_status(frame: Frame, project: Mention) -> str:
    """A capacity in a project's name is a plan until the sentence says the project is done."""
    rest = frame.text[project.end:]
    semicolon = _SEMICOLON.search(rest)
    rest = rest[:semicolon.start()] if semicolon else rest
    return ACTUAL if _DONE.search(rest) else TARGET
