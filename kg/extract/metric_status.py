"""Whether a figure is achieved (actual), planned (target) or expected (forecast).

    status_cues(frame)              the target and forecast cues of a sentence
    cue_status(frame, q)            the status the cues give one figure, None when none governs it
    project_status(frame, project)  a capacity in a project's name: a plan until the project is done

Cue words are data: kg/resources/metric_status_cues.tsv (力争, 计划, 预计 …),
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

_ACTUAL_MARK = re.compile(r"已经|已|完成了|实现了")
_ACCOMPLISHED = re.compile(r"(?:完成了|实现了|已经完成|已完成|顺利完成|超额完成|全面完成)[^，,；;。]{0,6}$")
_CONTINUATION = re.compile(r"\s*(?:同比|环比|比上年|较上年|比去年|较去年|增长|下降|增加|减少|占|其中)")
_SEMICOLON = re.compile("[；;]")
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
        found.append((m.start(), m.end(), c.status[m.group()]))
    frame.memo["status_cues"] = found
    return found


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
        if status == TARGET and s < q.start:
            chosen = (e, status)
    if chosen is None:
        return None
    if _ACTUAL_MARK.search(frame.text, chosen[0], q.start):
        return ACTUAL
    return chosen[1]


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
