"""Who or what a figure is about: an index into the article's mentions, or None.

    figure_subject(frame, q, carry, mentions)   the subject of one figure
    holder(frame, q)                            the project whose name holds a figure
    distribution(frame, qs)                     分别: figure k -> the k-th listed subject

A figure's subject is, in order: the project whose name holds it
(2×66万千瓦扩建项目) or that its money builds (投资60亿元建设…项目); the
subjects a 分别 list distributes over (in the caller); the person a
clause-opening 他/她 stands for; the project whose name the investment follows
(…项目总投资1.5亿美元); the nearest subject mention of its clause; the project
the sentence is about (it heads a clause: X公司投资建设的Y项目已开工，年产…; a
clause-opening 该项目/项目 stands for it) when it comes after the last
clause-opening name; a clause-opening name of its sentence; else the subject
carried from the sentences before (`metric_topic`).  Names are no subject when
they are objects (占全区…, 与A、B签约), glosses in parentheses, the things a
count counts (金桥经济开发区、敕勒川乳业开发区4个千亿级园区; X、Y等28个项目) or
hold a figure (17万应届大学).  A government body's figure of projects,
investment or output is its territory's.  None when there is none: the caller
maps None to the article's default place.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import ORGANIZATION, PERSON, PLACE, PROJECT, Mention
from .metric_cues import CLAUSE_BREAKS, ENUMERATION, cues
from .metric_frame import LEADING, Carry, Frame
from .numbers import COUNT_LIKE, MONEY, MULTIPLE, PERCENT, Quantity

SUBJECT_TYPES = frozenset({PLACE, ORGANIZATION, PROJECT, PERSON})

_SEMICOLON = re.compile("[；;]")
# The verb that spends money on a project: right after the figure, or after a comma and
# where it is built (投资20亿元，在某园区建设…).
_FUNDING = re.compile(r"(?:人民币)?(?:[，,]?(?:在|于)[^，,。；;、]{1,20}?)?(?:用于|建设|新建|兴建|扩建|实施|打造|投建)")
_OWN_CAPITAL = ("增资", "注资")
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
    invested = _invested_project(frame, q)
    if invested is not None:
        return invested
    counted = _counted_names(frame)
    candidates = [(i, m) for i, m in frame.mentions
                  if m.type in SUBJECT_TYPES and not m.byline and m.end <= q.start and i not in counted
                  and not _object_marked(frame.text, m) and not _in_object_list(frame, m)
                  and not _counted_item(frame, m, q) and not _holds_a_figure(frame, m)
                  and not _parenthesized(frame.text, m)]
    same = [i for i, m in candidates if frame.same_clause(m.start, q.start)]
    if same:
        return _jurisdiction(frame, q, same[-1], mentions)
    initial = [(m.start, i) for i, m in candidates if m.type != PROJECT and frame.clause_initial(m)
               and not _SEMICOLON.search(frame.text, m.end, q.start)]
    topic = _topic_project(frame, q, mentions, [i for i, _ in candidates])
    if topic is not None and (not initial or topic[0] > initial[-1][0]):
        return topic[1]
    chosen = initial[-1][1] if initial else carry.subject
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
    """投资60亿元建设10GW光伏N型电池片生产项目, 计划投资20亿元，在某园区建设…项目: the money
    is the project's.  Not money a company adds to its own capital (增资1亿美元扩建…): that
    is the company's."""
    if q.unit not in MONEY or frame.text.endswith(_OWN_CAPITAL, 0, q.start):
        return None
    verb = _FUNDING.match(frame.text, q.end)
    if verb is None:
        return None
    for i, m in frame.mentions:
        if m.type == PROJECT and verb.end() <= m.start <= verb.end() + 2:
            return i
    return None


def _invested_project(frame: Frame, q: Quantity) -> int | None:
    """…项目总投资1.5亿美元: the investment said right after a project's name is the project's."""
    if q.unit not in MONEY:
        return None
    words = _INVESTMENT.search(frame.text, frame.clause_start(q.start), q.start)
    if words is None:
        return None
    for i, m in frame.mentions:
        if m.type == PROJECT and m.end == words.start():
            return i
    return None


def _object_marked(text: str, mention: Mention) -> bool:
    """Whether the words right before a mention make it an object (占全区…, 从自治区气象局…)."""
    before = text[max(0, mention.start - 4):mention.start]
    return before.endswith(cues().object_markers)


def _counted_item(frame: Frame, mention: Mention, q: Quantity) -> bool:
    """X、Y等28个项目, 呼和浩特、包头共5个市: the named items are what is counted.  A name
    is one of them when 等 follows it, or follows the names listed after it: not a 等
    further on (全省共组织赴A、B等地招商活动186批次 is the province's)."""
    text = frame.text
    between = text[mention.end:q.start]
    if any(ch in CLAUSE_BREAKS for ch in between):
        return False
    if text.startswith("等", _list_end(frame, mention)):
        return True
    if q.unit not in COUNT_LIKE:
        return False
    return _ITEMS_BEFORE_COUNT.fullmatch(between) is not None or \
        (not between and text[mention.start - 1:mention.start] == "、")


def _list_end(frame: Frame, mention: Mention) -> int:
    """Where the run of names joined by 、/和/及 that starts with `mention` ends."""
    end = mention.end
    while end < len(frame.text) and frame.text[end] in ENUMERATION:
        following = [m.end for _, m in frame.mentions if m.start == end + 1]
        if not following:
            break
        end = max(following)
    return end


def _in_object_list(frame: Frame, mention: Mention) -> bool:
    """A name listed after an object (与A、B、C签约): it is an object too."""
    run_start = mention
    while run_start.start > 0 and frame.text[run_start.start - 1] == "、":
        before = [m for _, m in frame.mentions if m.end == run_start.start - 1]
        if not before:
            return False
        run_start = before[0]
    return run_start is not mention and _object_marked(frame.text, run_start)


def _parenthesized(text: str, mention: Mention) -> bool:
    """A name in parentheses glosses the name before it (2023苏州（德国）交流会): no subject."""
    return text[mention.start - 1:mention.start] in ("（", "(") and text[mention.end:mention.end + 1] in ("）", ")")


# ---------------------------------------------------------------- the project a sentence is about

# A clause that opens with a noun standing for a name said before: 该项目, 项目, 研究院.
_ANAPHOR = re.compile(r"(?:该|这一|这个|这家|此|本)?(项目|工程|研究院|公司|集团)")
_ANAPHOR_REACH = 5            # sentences back in which the name it stands for is looked for
# What a sum of money is right after when it is a project's investment (总投资, 计划投资).
_INVESTMENT = re.compile(r"(?:计划|总|拟|预计|累计|完成|协议|共)?投资(?:总额|额)?(?:为|达|约|超|近|超过|达到)*$")


def _topic_project(frame: Frame, q: Quantity, mentions: Sequence[Mention],
                   candidates: list[int]) -> tuple[int, int] | None:
    """(position, index) of the project a figure's sentence is about before the figure,
    when the figure's clause names no subject of its own.

    A project is what its sentence is about when it heads a clause (the clause opens
    with it, or a relative clause ends in 的 before it: X公司投资建设的Y项目已开工，
    年产…); when a noun opening a clause stands for it (该项目由…投资建设，总投资…;
    项目建成后…); and, for its investment (…引进Y项目，计划投资8000万美元), when it is
    named earlier in the sentence at all.  The latest such project is the topic."""
    if q.unit in (PERCENT, MULTIPLE) and cues().change_before.search(frame.text, frame.clause_start(q.start), q.start):
        return None                            # a change (…投资增长40%) is of what its clause measures
    best: tuple[int, int] | None = None
    investment = q.unit in MONEY and _INVESTMENT.search(frame.text, frame.clause_start(q.start), q.start)
    counted = _counted_names(frame)
    for i, m in frame.mentions:
        if m.type != PROJECT or m.end > q.start:
            continue
        heads = i in candidates and (frame.clause_initial(m) or frame.text[m.start - 1:m.start] == "的") \
            and not _listed(frame, m) and not _SEMICOLON.search(frame.text, m.end, q.start)
        named = investment and i not in counted and not _counted_item(frame, m, q) and not _holds_a_figure(frame, m)
        if heads or named:
            best = (m.start, i)
    anaphor = _anaphor(frame, q, mentions)
    if anaphor is not None and (best is None or anaphor[0] > best[0]):
        best = anaphor
    return best


def _listed(frame: Frame, m: Mention) -> bool:
    """Whether a name is an item of a list (A、B等项目已投产): a list is no topic."""
    return frame.text[m.end:m.end + 1] in ENUMERATION or frame.text.startswith("等", _list_end(frame, m)) \
        or frame.text[m.start - 1:m.start] in ENUMERATION


def _anaphor(frame: Frame, q: Quantity, mentions: Sequence[Mention]) -> tuple[int, int] | None:
    """The last clause-opening 该项目 / 项目 / 研究院 before the figure and the name it stands for:
    the last project (for 项目, 工程) or organization whose name ends in the noun, named
    before it in this sentence or the few before."""
    found = None
    for start in sorted({0, *(b + 1 for b in frame.breaks)}):
        if start >= q.start:
            break
        rest = frame.text[start:q.start]
        at = start + len(rest) - len(LEADING.sub("", rest, count=1))
        word = _ANAPHOR.match(frame.text, at)
        if word is None or at >= q.start or any(m.start <= at < m.end for _, m in frame.all_mentions):
            continue
        noun = word.group(1)
        referent = _last_named(frame, at, mentions, noun)
        if referent is not None:
            found = (at, referent)
    return found


def _last_named(frame: Frame, pos: int, mentions: Sequence[Mention], noun: str) -> int | None:
    best, best_at = None, None
    for k, m in enumerate(mentions):
        if m.end <= m.start or m.byline or not (frame.index - _ANAPHOR_REACH <= m.sentence <= frame.index):
            continue
        if m.sentence == frame.index and m.end > pos:
            continue
        fits = m.type == PROJECT if noun in ("项目", "工程") else \
            (m.type == ORGANIZATION and m.name.endswith(noun))
        if fits and (best_at is None or (m.sentence, m.start) > best_at):
            best, best_at = k, (m.sentence, m.start)
    return best


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
    if _object_marked(frame.text, run[0][1]):
        return []       # 对韩国、俄罗斯进出口分别增长…: the trade partners, not whose trade it is
    return [i for i, _ in run] if len(run) > 1 else []
