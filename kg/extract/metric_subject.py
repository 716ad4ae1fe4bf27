"""Who or what a figure is about: an index into the article's mentions, or None.

    figure_subject(frame, q, carry, mentions)   the subject of one figure
    holder(frame, q)                            the project whose name holds a figure
    distribution(frame, qs)                     分别: figure k -> the k-th listed subject

A figure's subject is, in order: the project whose name holds it
(2×66万千瓦扩建项目) or that its money builds (投资60亿元建设…项目); the
subjects a 分别 list distributes over (in the caller); the person a
clause-opening 他/她 stands for; the nearest subject mention of its clause; a
clause-opening one of its sentence; else the subject carried from the
sentences before (`metric_topic`).  Names are no subject when they are objects
(占全区…, 完成国务院发布的…), the things a count counts (金桥经济开发区、敕勒川乳业
开发区4个千亿级园区; X、Y等28个项目) or hold a figure (17万应届大学).  A
government body's figure of projects, investment or output is its
territory's.  None when there is none: the caller maps None to the article's
default place.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import ORGANIZATION, PERSON, PLACE, PROJECT, Mention
from .metric_cues import CLAUSE_BREAKS, ENUMERATION, cues
from .metric_frame import LEADING, Carry, Frame
from .numbers import COUNT_LIKE, MONEY, Quantity

SUBJECT_TYPES = frozenset({PLACE, ORGANIZATION, PROJECT, PERSON})

_SEMICOLON = re.compile("[；;]")
_FUNDING = re.compile(r"(?:用于|建设|新建|兴建|扩建|实施|打造|投建)")
_ITEMS_BEFORE_COUNT = re.compile(r"共|共计|合计|这|总计")


# ---------------------------------------------------------------- one figure

def figure_subject(frame: Frame, q: Quantity, carry: Carry, mentions: Sequence[Mention]) -> int | None:
    """The subject of a figure (see the module's docstring)."""
    held = holder(frame, q)
    if held is not None:
        return held
    funded = _funded_project(frame, q)
    if funded is not None:
        return funded
    pronoun = _pronoun_subject(frame, q, mentions)
    if pronoun is not None:
        return pronoun
    counted = _counted_names(frame)
    candidates = [(i, m) for i, m in frame.mentions
                  if m.type in SUBJECT_TYPES and not m.byline and m.end <= q.start and i not in counted
                  and not _object_marked(frame.text, m) and not _counted_item(frame.text, m, q)
                  and not _holds_a_figure(frame, m)]
    same = [i for i, m in candidates if frame.same_clause(m.start, q.start)]
    initial = [i for i, m in candidates if m.type != PROJECT and frame.clause_initial(m)
               and not _SEMICOLON.search(frame.text, m.end, q.start)]
    chosen = same[-1] if same else initial[-1] if initial else carry.subject
    return _jurisdiction(frame, q, chosen, mentions)


_GOVERNMENT = frozenset({"GovernmentAgency", "PartyOrganization"})


def _jurisdiction(frame: Frame, q: Quantity, chosen: int | None, mentions: Sequence[Mention]) -> int | None:
    """A government body's figure of projects, investment or output (市区域经济合作局将瞄准
    新引进项目400个) is its territory's: the body works on it, the territory has it.
    The territory is the place its name starts with, when the article names that place;
    else None (the caller's default place)."""
    if chosen is None:
        return None
    body = mentions[chosen]
    if body.type != ORGANIZATION or body.subtype not in _GOVERNMENT:
        return chosen
    words = frame.text[frame.clause_start(q.start):min(frame.clause_end(q.end), q.end + 12)]
    if not cues().territorial_re.search(words):
        return chosen
    best, best_len = None, 0
    for k, m in enumerate(mentions):
        if m.type == PLACE and len(m.name) > best_len and body.name.startswith(m.name):
            best, best_len = k, len(m.name)
    return best


def holder(frame: Frame, q: Quantity) -> int | None:
    """The project whose name contains the figure: 金山电厂2×66万千瓦扩建项目.  Not a
    count that opens the name (20家小微企业创业创新示范基地): that counts the things named."""
    for i, m in frame.mentions:
        if m.start <= q.start and q.end <= m.end and m.type == PROJECT and not _counts(m, q):
            return i
    return None


def _counts(m: Mention, q: Quantity) -> bool:
    return q.start == m.start and q.unit in COUNT_LIKE


def _funded_project(frame: Frame, q: Quantity) -> int | None:
    """投资60亿元建设10GW光伏N型电池片生产项目: the money is the project's."""
    if q.unit not in MONEY:
        return None
    verb = _FUNDING.match(frame.text, q.end)
    if verb is None:
        return None
    for i, m in frame.mentions:
        if m.type == PROJECT and verb.end() <= m.start <= verb.end() + 2:
            return i
    return None


def _object_marked(text: str, mention: Mention) -> bool:
    """Whether the words right before a mention make it an object (占全区…, 从自治区气象局…)."""
    before = text[max(0, mention.start - 4):mention.start]
    return before.endswith(cues().object_markers)


def _counted_item(text: str, mention: Mention, q: Quantity) -> bool:
    """X、Y等28个项目, 呼和浩特、包头共5个市: the named items are what is counted."""
    between = text[mention.end:q.start]
    if any(ch in CLAUSE_BREAKS for ch in between):
        return False
    if "等" in between:
        return True
    if q.unit not in COUNT_LIKE:
        return False
    return _ITEMS_BEFORE_COUNT.fullmatch(between) is not None or \
        (not between and text[mention.start - 1:mention.start] == "、")


def _counted_names(frame: Frame) -> set[int]:
    """The mentions of a sentence that some count of it counts."""
    if "counted" not in frame.memo:
        frame.memo["counted"] = {i for q in frame.quantities for i in _counted_run(frame, q)}
    return frame.memo["counted"]


def _counted_run(frame: Frame, q: Quantity) -> list[int]:
    """金桥经济开发区、敕勒川乳业开发区…4个千亿级园区: the names of a 、-list that runs up
    to a count (or to 等/共 and the count) are the things counted, not its subject."""
    if q.unit not in COUNT_LIKE:
        return []
    start = frame.clause_start(q.start)
    segment = frame.text[start:q.start]
    if "、" not in segment:
        return []
    first_end = start + segment.index("、")
    counted = []
    for i, m in frame.mentions:
        if (m.end == first_end or first_end < m.start) and m.end <= q.start and \
                _ITEMS_GAP.fullmatch(frame.text, m.end, _next_mark(frame.text, m.end, q.start)):
            counted.append(i)
    return counted


def _next_mark(text: str, pos: int, end: int) -> int:
    """Where the list item ending at or after pos ends: the next 、 before end, else end."""
    k = text.find("、", pos, end)
    return k if k != -1 else end


_ITEMS_GAP = re.compile(r"(?:等|共|共计|合计|总计|这)?")
# 他/她 as the subject of its clause (此外，他还主持制定了…标准7项); not 其他, 他人, 他们.
_PRONOUN = re.compile(r"(?<!其)[他她](?![们人乡国方者])")


def _pronoun_subject(frame: Frame, q: Quantity, mentions: Sequence[Mention]) -> int | None:
    """The person a clause-opening 他/她 of the figure's sentence stands for: the last
    person named before it in the article.  A pronoun subject is the subject of its
    clause and of the clauses after it; names after it are objects (制定了内蒙古…标准)."""
    for found in _PRONOUN.finditer(frame.text, 0, q.start):
        start = found.start()
        opens = not LEADING.sub("", frame.text[frame.clause_start(start):start])
        if not opens or any(frame.clause_initial(m) and start < m.start < q.start for _, m in frame.mentions):
            continue
        for k in range(len(mentions) - 1, -1, -1):
            m = mentions[k]
            if m.type == PERSON and not m.byline and m.end > m.start and \
                    (m.sentence < frame.index or (m.sentence == frame.index and m.end <= start)):
                return k
    return None


def _holds_a_figure(frame: Frame, m: Mention) -> bool:
    """A name that is not a project but spans a figure (17万应届大学), or a project named
    with a count (20家…示范基地), is no subject."""
    return any(s < m.end and m.start < e and (m.type != PROJECT or (s == m.start and u in COUNT_LIKE))
               for s, e, u in frame.quantity_units)


# ---------------------------------------------------------------- 分别

def distribution(frame: Frame, qs: list[Quantity]) -> dict[int, int]:
    """分别: the n figures after it go to the n enumerated subjects before it."""
    out: dict[int, int] = {}
    for found in re.finditer("分别", frame.text):
        pos = found.start()
        listed = [k for k, q in enumerate(qs) if q.start > pos and frame.same_clause(found.end(), q.start)]
        if len(listed) < 2:
            continue
        group = _enumerated_before(frame, pos)
        if len(group) == len(listed):
            for k, idx in zip(listed, group):
                out[k] = idx
    return out


def _enumerated_before(frame: Frame, pos: int) -> list[int]:
    """The last run of mentions joined by 、/和/及 before `pos` in the sentence."""
    before = [(i, m) for i, m in frame.mentions if m.end <= pos and m.type in SUBJECT_TYPES and not m.byline]
    if not before:
        return []
    run = [before[-1]]
    for i, m in reversed(before[:-1]):
        gap = frame.text[m.end:run[0][1].start]
        if gap and all(ch in ENUMERATION for ch in gap):
            run.insert(0, (i, m))
        else:
            break
    return [i for i, _ in run] if len(run) > 1 else []
