"""Relations between the mentions of one article.

worksFor   an official's organization: the organization that ends where the
           title starts (伊利集团副总裁刘大鹏, 和林格尔县委书记李六小), or the one in
           an apposition (刘大鹏，伊利集团副总裁)
locatedIn  a place named at the start of an organization, zone or project
           (呼和浩特市商务局, 和林格尔新区), the place a level word stood for
           (市商务局), and 在/位于/落户 + place before a project
involves   the company a project is named after, and an organization and a project
           of one sentence joined by a verb of investing, building, running or
           signing (华耀…投资60亿元…10GW…项目): kg/extract/involves.py
The administrative hierarchy of places is added at resolution, where the
whole corpus is known.
"""
from __future__ import annotations

import re

from . import located_in as located_in_module
from ..model import LOCATED_IN, ORGANIZATION, PERSON, PLACE, WORKS_FOR, LocalRelation, Mention

_CLAUSE_BREAK = re.compile(r"[。；！？]")
MAX_POST_WORDS = 6      # 康复医学 between an organization and a title
_LOCATIVE_RE = re.compile(r"(?:在|位于|落户|落地|坐落于|地处|于)$")


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
    return located_in_module.located_in(mentions, sentences)      # kg/extract/located_in.py


def involves(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    from .involves import involves as project_involves      # the rules live in kg/extract/involves.py
    return project_involves(mentions, sentences)


def find_relations(mentions: list[Mention], sentences: dict[int, str],
                   implied: list[tuple[int, int]]) -> list[LocalRelation]:
    """All relations of an article; `implied` are (subject, place) pairs the recognizers knew."""
    out = works_for(mentions, sentences) + located_in(mentions, sentences) + involves(mentions, sentences)
    # what the name and the context imply comes last (located_in.implied_places gives a subject
    # the article's place only where its text does not place it elsewhere)
    out += [LocalRelation(s, LOCATED_IN, o, mentions[s].sentence) for s, o in implied]
    seen: set[tuple[int, str, int]] = set()
    unique = []
    for rel in out:
        key = (rel.subject, rel.predicate, rel.object)
        if key not in seen:
            seen.add(key)
            unique.append(rel)
    return unique
