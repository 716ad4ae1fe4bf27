"""involves: a project and an organization that invests in, builds, runs, signs or owns it
(ANNOTATION.md), within one sentence:

owner     the company a project is named after: inside the name (伊利|液奶三期), or the
          brand a list item took from the item before it (奶粉二期 of 伊利液奶三期、奶粉二期)
X的Y      a company's project (华耀的二期项目)
verb      an organization (or several joined by 、/和/与) before the project, and a verb of
          investing, building, running or signing between them (华耀…将投资60亿元建设…项目;
          A、B、C五方达成战略合作，在…启动Y项目); or the project, 由, the organization and the verb
          (Y项目由X公司投资建设)
speaker   我们/本公司 + verb in a quotation: the company of the person quoted (…公司总经理助理
          刘党旗说：“…我们将投资60亿元建设10GW…项目”)

Government and party bodies host, approve and push projects; they are involved only when
they sign (the partner role).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import INVOLVES, ORGANIZATION, PROJECT, LocalRelation, Mention
from .grammar import left_stops
from .project_grammar import project_stops

_ROLE_VERBS = (
    ("investor", ("投资", "投建", "出资", "注资", "斥资", "控股", "合资", "增资")),
    ("builder", ("承建", "建设", "建成", "新建", "兴建", "扩建", "打造", "开工", "启动", "施工", "完成")),
    ("operator", ("运营", "经营", "投产", "运行")),
    ("partner", ("签约", "签订", "签署", "合作", "携手", "联合", "共建", "参与")),
)
_BODY_SUBTYPES = ("GovernmentAgency", "PartyOrganization")
_CLAUSE_BREAK = re.compile(r"[。；！？]")
# 、 和 与 及 同 以及 …五方/双方: what may stand between the organizations of one subject
_COORDINATION = re.compile(r"^(?:、|，|和|与|及|以及|同|跟)$")
# 在/于/位于 + a project: the place of the event (在蒙牛中国乳业产业园启动…), not its object
_LOCATIVE = re.compile(r"(?:在|于|位于|落户|落地|入驻|坐落于)$")
_LIST_JOINT = re.compile(r"^(?:、|和|及|以及|与)$")
MAX_GAP = 40
# X公司表示，将投资…建设Y项目: one clause may stand between; more, and X is no longer the subject
MAX_COMMAS = 1
# Y项目由X投资建设, Y项目总投资48亿元，由X与Z合资建设: 由 right after the project or after one clause
# X公司与Y签署协议，计划投资80亿元，在Z建设W项目: clauses with no subject of their own go on with X's
_SUBJECTLESS = re.compile(r"^(?:计划|将|拟|预计|并|共同|在|于|总投资|投资|建设|新建|已|正|还|同时)")
MAX_SUBJECTLESS = 3
_BY = re.compile(r"^(?:[^，,。；！？“”]{0,20}[，,]){0,2}(?:由|是由|将由|已由)$")
# 该项目由X投资建设 after a sentence about a project: the project that sentence ends with
_THIS_PROJECT = re.compile(r"^(?:该项目|此项目|该工程|项目)(?:[^，。；！？“”]{0,20}，)?(?:由|是由|将由|已由)")
MAX_VERB_AFTER = 6
# 我们将投资…, 本公司计划…: the speaker's company in a quotation
_FIRST_PERSON = re.compile(r"(?:我们|我公司|我们公司|本公司|我集团|本集团)")
_QUOTE_INTRO = re.compile(r"(?:[：:]|说|表示|介绍|谈到)\s*$")
MAX_QUOTE_SENTENCES = 6
# 引进X公司投资建设的Y项目: X governed by 引进 is still the subject of the relative clause
_RELATIVE = re.compile(r"^(?:投资|投建|出资|承建|建设|兴建|运营)[^，]{0,8}的$")
# Words of the left-stop lists that join or place rather than govern (与X签约, 由X投资, 在X…)
_NOT_GOVERNING = frozenset({"其中", "包括", "以上", "以下", "目前", "当前", "今年", "去年", "明年", "近年来"})


def roles_in(text: str) -> list[str]:
    """The roles whose verbs `text` holds, in the order of _ROLE_VERBS."""
    return [role for role, verbs in _ROLE_VERBS if any(v in text for v in verbs)]


def involves(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    out: list[LocalRelation] = []
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}
    for i, m in enumerate(mentions):
        if m.end > m.start and m.text and m.type in (PROJECT, ORGANIZATION):
            by_sentence.setdefault(m.sentence, []).append((i, m))
    for sentence, text in sentences.items():
        here = by_sentence.get(sentence, [])
        projects = [(i, m) for i, m in here if m.type == PROJECT]
        orgs = [(i, m) for i, m in here if m.type == ORGANIZATION]
        if not projects:
            out += _this_project(sentence, text, orgs, by_sentence.get(sentence - 1, []))
            continue
        out += _named_after(projects, orgs, sentence)
        free = [(i, o) for i, o in orgs if not any(p.start <= o.start and o.end <= p.end for _, p in projects)]
        for ji, project in projects:
            if _LOCATIVE.search(text[:project.start]):
                continue
            out += _by_verb(ji, project, free, projects, orgs, text)
            out += _by_speaker(ji, project, mentions, sentences, text)
    seen: set[tuple[int, int]] = set()
    unique = []
    for rel in out:
        if (rel.subject, rel.object) not in seen:
            seen.add((rel.subject, rel.object))
            unique.append(rel)
    return unique


def _named_after(projects, orgs, sentence: int) -> list[LocalRelation]:
    out = []
    for ji, project in projects:
        for oi, org in orgs:
            if org.subtype in _BODY_SUBTYPES:
                continue
            # an organization that ends where the project's name does is the facility itself
            # (内蒙古大数据|交易中心 read as a body), not its owner; but a list's item named with the
            # list's head is the company (中行 of 中行、农行等数据中心项目)
            inside = project.start <= org.start and org.end <= project.end \
                and (org.end != project.end or project.name != project.text)
            inherited = org.end <= project.start and project.name != project.text \
                and project.name.startswith(org.text) and not project.text.startswith(org.text)
            if inside or inherited:
                out.append(LocalRelation(ji, INVOLVES, oi, sentence, role="owner"))
    return out


def _by_verb(ji: int, project: Mention, free, projects, orgs, text: str) -> list[LocalRelation]:
    out = []
    list_start = _list_start(project, projects, text)
    for oi, org in free:
        if org.end <= project.start:
            chain_end = _chain_end(org, orgs, text, list_start)
            tail = text[chain_end:list_start]
            if _governed(text, org.start) and not _RELATIVE.match(tail):
                continue          # 筹建X研究院，加快建设Y基地: X is an object, not who builds
            if len(tail) > MAX_GAP or _CLAUSE_BREAK.search(tail) or not _same_subject(tail) \
                    or "、" in tail or _stands_between(chain_end, list_start, projects, free, text):
                continue
            roles = ["owner"] if tail == "的" and org.subtype not in _BODY_SUBTYPES else roles_in(tail)
        elif project.end <= org.start and _led_by(project, org, orgs, text) \
                and not any(project.end <= p.start < org.start for _, p in projects):
            end = _chain_end(org, orgs, text, len(text))                   # Y项目由X公司投资建设
            roles = roles_in(text[end:end + MAX_VERB_AFTER])
        else:
            continue
        if org.subtype in _BODY_SUBTYPES:
            roles = [r for r in roles if r == "partner"]
        if roles:
            out.append(LocalRelation(ji, INVOLVES, oi, project.sentence, role=roles[0]))
    return out


def _this_project(sentence: int, text: str, orgs, before) -> list[LocalRelation]:
    """该项目由X投资建设: the organizations after 由 and the last project of the sentence before."""
    opening = _THIS_PROJECT.match(text)
    previous = [(i, m) for i, m in before if m.type == PROJECT]
    if opening is None or not previous:
        return []
    ji, _ = max(previous, key=lambda item: item[1].end)
    out = []
    for oi, org in orgs:
        if org.start >= opening.end() and org.subtype not in _BODY_SUBTYPES \
                and _chain_start(org, orgs, text) == opening.end():
            end = _chain_end(org, orgs, text, len(text))
            roles = roles_in(text[end:end + MAX_VERB_AFTER])
            if roles:
                out.append(LocalRelation(ji, INVOLVES, oi, sentence, role=roles[0]))
    return out


def _chain_start(org: Mention, orgs, text: str) -> int:
    """The start of the first organization coordinated with `org` (A与B: A's start for B)."""
    first = org
    changed = True
    while changed:
        changed = False
        for _, other in orgs:
            if other.end <= first.start and _COORDINATION.match(text[other.end:first.start]) \
                    and text[other.end:first.start] != "，":
                first, changed = other, True
    return first.start


def _same_subject(tail: str) -> bool:
    """True when the clauses of `tail` share the subject before it: one comma, or a few clauses
    that open with no subject of their own."""
    clauses = tail.split("，")
    if len(clauses) - 1 <= MAX_COMMAS:
        return True
    return len(clauses) - 1 <= MAX_SUBJECTLESS and all(_SUBJECTLESS.match(c) for c in clauses[1:])


def _led_by(project: Mention, org: Mention, orgs, text: str) -> bool:
    """True when `org`, or the first of the organizations it is coordinated with, follows the
    project after 由 (Y项目由X与Z合资建设: Z too)."""
    start = _chain_start(org, orgs, text)
    return start >= project.end and bool(_BY.match(text[project.end:start]))


def _governed(text: str, start: int) -> bool:
    """True when a verb governs the organization at `start` in its clause (筹建|X, 引进|X)."""
    before = text[max(text.rfind(ch, 0, start) for ch in "，。；：“") + 1:start]
    return any(before.endswith(word) for word in _governing_words())


@lru_cache(maxsize=1)
def _governing_words() -> tuple[str, ...]:
    words = {w for w in left_stops() | project_stops() if len(w) >= 2} | {v for _, vs in _ROLE_VERBS for v in vs}
    return tuple(sorted(words - _NOT_GOVERNING))


def _list_start(project: Mention, projects, text: str) -> int:
    """Where the list that ends with `project` starts (投资建设A、B和C项目: B and C are built too)."""
    start = project.start
    changed = True
    while changed:
        changed = False
        for _, other in projects:
            if other.end <= start and _LIST_JOINT.match(text[other.end:start]):
                start, changed = other.start, True
    return start


def _chain_end(org: Mention, orgs, text: str, limit: int) -> int:
    """The end of the organizations coordinated with `org` (和林县政府、蒙牛集团、…正缘农牧业公司)."""
    end = org.end
    changed = True
    while changed:
        changed = False
        for _, other in orgs:
            if end < other.start < limit and _COORDINATION.match(text[end:other.start]):
                end, changed = other.end, True
    return end


def _stands_between(lo: int, hi: int, projects, orgs, text: str) -> bool:
    """Another organization (not one inside a project's name), or a project that is not a place
    (在X), between lo and hi."""
    if any(lo <= o.start < hi for _, o in orgs):
        return True
    return any(lo <= p.start < hi and not _LOCATIVE.search(text[:p.start]) for _, p in projects)


def _by_speaker(ji: int, project: Mention, mentions: list[Mention], sentences: dict[int, str],
                text: str) -> list[LocalRelation]:
    clause_start = max(text.rfind(ch, 0, project.start) for ch in "，。；：“") + 1
    clause = text[clause_start:project.start]
    person = _FIRST_PERSON.search(clause)
    roles = roles_in(clause[person.end():]) if person else []
    if not roles:
        return []
    opening = _opening_quote(sentences, project.sentence, clause_start)
    if opening is None:
        return []
    sentence, at = opening
    before = sentences[sentence][:at]
    if not _QUOTE_INTRO.search(before):
        return []
    companies = [(i, m) for i, m in enumerate(mentions) if m.sentence == sentence and m.type == ORGANIZATION
                 and m.text and m.end <= at and m.subtype not in _BODY_SUBTYPES
                 and not _CLAUSE_BREAK.search(before[m.end:])]       # rare: only for 我们 + verb in a quote
    if not companies:
        return []
    oi, _ = max(companies, key=lambda item: item[1].end)
    return [LocalRelation(ji, INVOLVES, oi, project.sentence, role=roles[0])]


def _opening_quote(sentences: dict[int, str], sentence: int, upto: int) -> tuple[int, int] | None:
    """The sentence and offset of the quotation mark that opens the quotation holding
    (sentence, upto), or None when that point is not inside a quotation."""
    depth = 0
    for s in range(sentence, max(sentence - MAX_QUOTE_SENTENCES, 0) - 1, -1):
        if s not in sentences:
            return None
        text = sentences[s] if s != sentence else sentences[s][:upto]
        for k in range(len(text) - 1, -1, -1):
            if text[k] == "”":
                depth += 1
            elif text[k] == "“":
                if depth == 0:
                    return s, k
                depth -= 1
    return None
