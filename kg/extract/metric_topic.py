"""What an article and its sentences are about, for figures whose own sentence names no subject.

    headline_topic(mentions, headline)          the topic the headline gives the article
    opening_subject(frame, mentions, own)       the subject a sentence passes on to the next ones
    place_of_committee(mentions, i)             和林格尔县委 -> 和林格尔县 when the article names it

The topic starts the article's `Carry.subject`; each sentence may replace it
with the subject it opens with.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import ORGANIZATION, PLACE, Mention
from .metric_cues import ENUMERATION, cues
from .metric_frame import Frame
from .metric_subject import SUBJECT_TYPES

# Subtypes that rarely are what a run of figures is about: the newspaper, a foreign country.
NO_TOPIC = frozenset({"Media", "Country"})
# A name followed by the number of a session names a meeting (市委十三届七次全会), it acts in nothing.
_SESSION = re.compile("[一二三四五六七八九十]+届|第[一二三四五六七八九十]+")
# A party committee named after its place (和林格尔县委, …开发区党工委) reports on that place.
_COMMITTEE = re.compile("(?:党工委|党委|委)$")


def headline_topic(mentions: Sequence[Mention], headline: str) -> int | None:
    """What the article is about, from its headline.

    A name that a part of the headline opens with and follows by a colon
    (市退役军人事务局：…, 呼和浩特：…); the organization of the person an
    interview is with (——访和林格尔县委书记李六小), its place for a party
    committee; else the first place; else the first organization."""
    outer = [(i, m) for i, m in enumerate(mentions) if m.sentence < 0 and m.end > m.start and not m.byline]
    spans = [(m.start, m.end) for _, m in outer]
    outer = [(i, m) for i, m in outer
             if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]
    for i, m in outer:
        if m.type in SUBJECT_TYPES and headline[m.end:m.end + 1] in ("：", ":"):
            return place_of_committee(mentions, i)
    for i, m in outer:
        if m.type == ORGANIZATION and headline[max(0, m.start - 1):m.start] == "访":
            return place_of_committee(mentions, i)
    for wanted in (PLACE, ORGANIZATION):
        for i, m in outer:
            if m.type == wanted and m.subtype not in NO_TOPIC:
                return i
    return None


def opening_subject(frame: Frame, mentions: Sequence[Mention], own_subjects: list[int | None]) -> int | None:
    """The subject a sentence opens with (2022年，和林格尔新区…), for the sentences after it.

    Only a place or an organization at the head of the sentence, after time
    words, counts: a name met later in a long sentence, a person or a project
    rarely carries over.  When the sentence has figures and none is about its
    opening name, the opening name was no subject (1月29日，自治区…大会召开后，
    乌拉特中旗…组织19支招商小分队): the place or organization its figures are about
    passes on instead.  A sentence without figures passes on no subject when it
    only lists names (呼和浩特市、包头市获批…) or reports a designation (乌兰察布市
    获批…, 荣获…称号): such a fact closes, it does not open a run of figures.  A
    party committee passes on its place."""
    for i, m in frame.mentions:
        if m.type in (PLACE, ORGANIZATION) and m.subtype not in NO_TOPIC:
            if not frame.sentence_initial(m) or _SESSION.match(frame.text, m.end):
                return None
            if own_subjects and i not in own_subjects:
                return _figures_subject(frame, mentions, own_subjects)
            if not own_subjects and _closed_statement(frame, m):
                return None
            return place_of_committee(mentions, i)
    return None


def _figures_subject(frame: Frame, mentions: Sequence[Mention], own_subjects: list[int | None]) -> int | None:
    named = {i for i, _ in frame.mentions}
    for about in own_subjects:
        if about is not None and about in named and mentions[about].type in (PLACE, ORGANIZATION):
            return place_of_committee(mentions, about)
    return None


def _closed_statement(frame: Frame, m: Mention) -> bool:
    after = frame.text[m.end:]
    if after[:1] and after[:1] in ENUMERATION:
        return True
    return cues().designation.match(after) is not None


def place_of_committee(mentions: Sequence[Mention], i: int) -> int:
    """The place a party committee leads (和林格尔县委 -> 和林格尔县) when the article names
    it: a county secretary's figures are the county's."""
    m = mentions[i]
    if m.type != ORGANIZATION or m.subtype != "PartyOrganization":
        return i
    place = _COMMITTEE.sub("", m.name)
    if place == m.name:
        return i
    for k, other in enumerate(mentions):
        if other.type == PLACE and other.name == place:
            return k
    return i
