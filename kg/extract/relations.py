"""Relations between the mentions of one article.

worksFor   an official's organization: the organization that ends where the
           title starts (伊利集团副总裁刘大鹏, 和林格尔县委书记李六小), or the one in
           an apposition (刘大鹏，伊利集团副总裁)
locatedIn  a place named at the start of an organization, zone or project
           (呼和浩特市商务局, 和林格尔新区), the place a level word stood for
           (市商务局), and 在/位于/落户 + place before a project
involves   an organization and a project of the same clause joined by a verb of
           investing, building, running or signing (华耀…投资60亿元…10GW…项目)
The administrative hierarchy of places is added at resolution, where the
whole corpus is known.
"""
from __future__ import annotations

import re

from ..model import INVOLVES, LOCATED_IN, ORGANIZATION, PERSON, PLACE, PROJECT, WORKS_FOR, LocalRelation, Mention

_ROLE_VERBS = (
    ("investor", ("投资", "投建", "出资", "注资", "斥资")),
    ("builder", ("建设", "承建", "建成", "新建", "打造", "开工")),
    ("operator", ("运营", "经营", "管理", "投产")),
    ("partner", ("签约", "签订", "签署", "合作", "携手", "联合")),
)
_CLAUSE_BREAK = re.compile(r"[。；！？]")
MAX_POST_WORDS = 6      # 康复医学 between an organization and a title
_LOCATIVE_RE = re.compile(r"(?:在|位于|落户|落地|坐落于|地处|于)$")


def _role_between(text: str) -> str | None:
    for role, verbs in _ROLE_VERBS:
        if any(v in text for v in verbs):
            return role
    return None


def works_for(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    out: list[LocalRelation] = []
    orgs = [(i, m) for i, m in enumerate(mentions) if m.type == ORGANIZATION]
    for pi, person in enumerate(mentions):
        if person.type != PERSON or not person.titles or person.byline or person.sentence not in sentences:
            continue
        text = sentences[person.sentence]
        first, last = person.titles[0], person.titles[-1]
        before = text.rfind(last, 0, person.start)
        if before != -1 and person.start - (before + len(last)) <= 2:      # title + (——) name
            chain_end = before + len(last)
            chain_start = text.rfind(first, 0, chain_end - len(last) + 1) if len(person.titles) > 1 else before
        else:                                                               # name (，org) + title
            chain_start = text.find(first, person.end)
            if chain_start == -1 or chain_start - person.end > 30:
                continue
            chain_end = chain_start + len(first)
        best = None
        for oi, org in orgs:
            if org.sentence != person.sentence:
                continue
            # the organization ends where the title starts, shares its first characters (县委|书记),
            # or is followed by a few more words of the post (…卫生服务中心|康复医学|专家)
            gap = text[org.end:chain_start] if org.end <= chain_start else ""
            if chain_start <= org.end <= chain_end and org.start < chain_start or org.end == chain_start \
                    or (0 < len(gap) <= MAX_POST_WORDS and not _CLAUSE_BREAK.search(gap) and "，" not in gap
                        and "、" not in gap):
                if best is None or org.end > mentions[best].end:
                    best = oi
        if best is not None:
            out.append(LocalRelation(pi, WORKS_FOR, best, person.sentence))
    return out


def located_in(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    out: list[LocalRelation] = []
    # Only places named in the text (not the implied ones, which have no span) can be inside a name.
    places = [(i, m) for i, m in enumerate(mentions) if m.type == PLACE and m.end > m.start]
    for si, subject in enumerate(mentions):
        if subject.type not in (ORGANIZATION, PROJECT, PLACE) or subject.end == subject.start or subject.deictic:
            continue
        inner = [(i, p) for i, p in places if p.sentence == subject.sentence and i != si
                 and subject.start <= p.start and p.end <= subject.end and (p.end - p.start) < (subject.end - subject.start)
                 and p.name != subject.name]
        if inner:
            # the most specific place named inside: the last one (巴彦淖尔市乌拉特中旗…)
            pi, _ = max(inner, key=lambda item: (item[1].end, item[1].start))
            out.append(LocalRelation(si, LOCATED_IN, pi, subject.sentence))
            continue
        if subject.type == PLACE and subject.key is None:
            # 乌审旗|河南乡: a town or site right after the division it lies in
            adjacent = [(i, p) for i, p in places if p.sentence == subject.sentence and p.end == subject.start and p.key]
            if adjacent:
                out.append(LocalRelation(si, LOCATED_IN, adjacent[0][0], subject.sentence))
                continue
        if subject.type == PROJECT and subject.sentence in sentences:
            text = sentences[subject.sentence]
            before = [(i, p) for i, p in places if p.sentence == subject.sentence and p.end <= subject.start
                      and _LOCATIVE_RE.search(text[:p.start]) and not _CLAUSE_BREAK.search(text[p.end:subject.start])]
            if before:
                pi, _ = max(before, key=lambda item: item[1].end)
                out.append(LocalRelation(si, LOCATED_IN, pi, subject.sentence))
    return out


def involves(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    out: list[LocalRelation] = []
    for ji, project in enumerate(mentions):
        if project.type != PROJECT or project.sentence not in sentences:
            continue
        text = sentences[project.sentence]
        for oi, org in enumerate(mentions):
            if org.type != ORGANIZATION or org.sentence != project.sentence or org.subtype in ("GovernmentAgency", "PartyOrganization"):
                continue
            if project.start <= org.start and org.end <= project.end:
                out.append(LocalRelation(ji, INVOLVES, oi, project.sentence, role="owner"))
                continue
            lo, hi = (org.end, project.start) if org.end <= project.start else (project.end, org.start)
            between = text[lo:hi]
            if hi < lo or len(between) > 40 or _CLAUSE_BREAK.search(between) or "、" in between \
                    or any(m.type in (PROJECT, ORGANIZATION) and m.text and lo <= m.start < hi
                           for m in mentions if m.sentence == project.sentence):
                continue          # another project or organization stands between, or a list does
            role = _role_between(between)
            if role:
                out.append(LocalRelation(ji, INVOLVES, oi, project.sentence, role=role))
    return out


def find_relations(mentions: list[Mention], sentences: dict[int, str],
                   implied: list[tuple[int, int]]) -> list[LocalRelation]:
    """All relations of an article; `implied` are (subject, place) pairs the recognizers knew."""
    out = works_for(mentions, sentences) + located_in(mentions, sentences) + involves(mentions, sentences)
    placed = {r.subject for r in out if r.predicate == LOCATED_IN}
    # what the context implies comes last: a project placed by its own text keeps that place
    out += [LocalRelation(s, LOCATED_IN, o, mentions[s].sentence) for s, o in implied
            if not (mentions[s].type == PROJECT and s in placed)]
    seen: set[tuple[int, str, int]] = set()
    unique = []
    for rel in out:
        key = (rel.subject, rel.predicate, rel.object)
        if key not in seen:
            seen.add(key)
            unique.append(rel)
    return unique
