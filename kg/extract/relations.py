"""Relations between the mentions of one article.

worksFor   an official's organization: the organization that ends where the
           title starts (伊利集团副总裁刘大鹏, 和林格尔县委书记李六小), or before a
           unit of it (某大学化学学院院长), or the one in an apposition (刘大鹏，伊利集团
           副总裁); of several posts in a row (…系主任、…实验室主任——王建国) the
           first says whose they are; a title that names its body alone (总书记)
locatedIn  a place named at the start of an organization, zone or project
           (呼和浩特市商务局, 和林格尔新区), the place a level word stood for
           (市商务局), and 在/位于/落户 + place before a project; an area of a pilot free
           trade zone is in the zone wherever the article names it
involves   the company a project is named after, and an organization and a project
           of one sentence joined by a verb of investing, building, running or
           signing (华耀…投资60亿元…10GW…项目): kg/extract/involves.py
The administrative hierarchy of places is added at resolution, where the
whole corpus is known.
"""
from __future__ import annotations

import re

from . import located_in as located_in_module
from ..model import LOCATED_IN, ORGANIZATION, PERSON, WORKS_FOR, LocalRelation, Mention
from ..resolve.lexicon import load_known_orgs, load_titles

_CLAUSE_BREAK = re.compile(r"[。；！？]")
MAX_POST_WORDS = 6      # 康复医学 between an organization and a title
# A unit of the organization between it and the title (生命科学与工程系, 化学与化工学院,
# 液态奶事业部): words without punctuation that end as a department, school, lab or office does.
MAX_UNIT = 16
_UNIT_ENDINGS = ("系", "院", "所", "室", "中心", "处", "科", "部", "站", "队", "组", "厂", "车间")
_NOT_UNIT_OPENINGS = tuple("与和及同在对向为的、，")
_UNIT_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
# Titles that name their body alone: in Chinese news 总书记 with no party before it is the
# General Secretary of the Central Committee of the Communist Party of China.
_TITLE_BODIES = {"总书记": "中国共产党中央委员会"}
_LONGEST_TITLE = 8


def works_for(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    """The officials' organizations; a body a title implies is appended to `mentions` as a
    mention without a surface form (like the places of located_in.implied_places)."""
    out: list[LocalRelation] = []
    orgs = [(i, m) for i, m in enumerate(mentions) if m.type == ORGANIZATION]
    implied: dict[tuple[str, int], int] = {}
    for pi, person in enumerate(mentions):
        if person.type != PERSON or not person.titles or person.byline or person.sentence not in sentences:
            continue
        text = sentences[person.sentence]
        first, last = person.titles[0], person.titles[-1]
        before = text.rfind(last, 0, person.start)
        if before != -1 and person.start - (before + len(last)) <= 2:      # title + (——) name
            chain_end = before + len(last)
            chain_start = text.rfind(first, 0, chain_end - len(last) + 1) if len(person.titles) > 1 else before
            chain_start = _first_post(text, chain_start)
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
            # opens the title (市委 of 市委书记、市长李明), or is followed by a few more words of
            # the post (…卫生服务中心|康复医学|专家) or by a unit of it (…学院|化学系|主任)
            gap = text[org.end:chain_start] if org.end <= chain_start else ""
            if chain_start <= org.end <= chain_end and org.start < chain_start or org.end == chain_start \
                    or org.start == chain_start and org.end < chain_start + len(first) \
                    or (0 < len(gap) <= MAX_POST_WORDS and not _CLAUSE_BREAK.search(gap) and "，" not in gap
                        and "、" not in gap) or _is_unit(gap):
                if best is None or org.end > mentions[best].end:
                    best = oi
        if best is None:
            best = _implied_body(person, text, mentions, implied)
        if best is not None:
            out.append(LocalRelation(pi, WORKS_FOR, best, person.sentence))
            # 新区党工委书记、管委会|主任: a later post of the row names a body of its own
            out += [LocalRelation(pi, WORKS_FOR, oi, person.sentence) for oi, org in orgs
                    if oi != best and org.sentence == person.sentence and chain_start < org.start < org.end <= chain_end
                    and text[org.start - 1] in "、，"]
    return out


def _is_unit(words: str) -> bool:
    """生命科学与工程系: a unit of the organization before it, between it and a title."""
    return _is_name_words(words) and words.endswith(_UNIT_ENDINGS)


def _is_name_words(words: str) -> bool:
    return 0 < len(words) <= MAX_UNIT and _UNIT_RE.fullmatch(words) is not None \
        and not words.startswith(_NOT_UNIT_OPENINGS) and "的" not in words


def _first_post(text: str, start: int) -> int:
    """Where a row of posts in units of one organization starts, given the start of the title next
    to the name: 四川大学|化学系系主任、环境监测重点实验室主任——王建国 holds two posts of
    四川大学, whose name ends where the first post starts."""
    titles = load_titles()
    while True:
        sep = text.rfind("、", max(0, start - MAX_UNIT - 1), start)
        # the words of the later post may end in the title itself (环境监测重点|实验室主任)
        if sep <= 0 or not _is_name_words(text[sep + 1:start]):
            return start
        previous = next((sep - n for n in range(min(_LONGEST_TITLE, sep), 1, -1) if text[sep - n:sep] in titles), None)
        if previous is None:
            return start
        start = previous


def _implied_body(person: Mention, text: str, mentions: list[Mention],
                  implied: dict[tuple[str, int], int]) -> int | None:
    """习近平总书记: the body a title right after the name names by itself, as a mention without
    a surface form.  A title before the name may be another body's that was not found
    (越共中央总书记阮富仲), so that order implies nothing."""
    title = next((t for t in person.titles if text.startswith(t, person.end)), None)
    known = load_known_orgs().get(_TITLE_BODIES[title]) if title in _TITLE_BODIES else None
    if known is None:
        return None
    key = (known.name, person.sentence)
    if key not in implied:
        mentions.append(Mention(text="", type=ORGANIZATION, name=known.name, sentence=person.sentence,
                                start=0, end=0, subtype=known.subtype))
        implied[key] = len(mentions) - 1
    return implied[key]


def located_in(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    return located_in_module.located_in(mentions, sentences)      # kg/extract/located_in.py


def involves(mentions: list[Mention], sentences: dict[int, str]) -> list[LocalRelation]:
    from .involves import involves as project_involves      # the rules live in kg/extract/involves.py
    return project_involves(mentions, sentences)


def find_relations(mentions: list[Mention], sentences: dict[int, str],
                   implied: list[tuple[int, int]]) -> list[LocalRelation]:
    """All relations of an article; `implied` are (subject, place) pairs the recognizers knew."""
    out = works_for(mentions, sentences) + located_in(mentions, sentences) + involves(mentions, sentences)
    out += located_in_module.pilot_areas(mentions)
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
