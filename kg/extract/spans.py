"""Where two recognizers claim the same characters: which mention stays.

A longer mention wins over a shorter one of its type inside it (伊利集团 over
伊利); of two that cross, the longer; on identical spans the type of higher
priority, except that the project a list item names keeps the span it shares
with the company or place of that item (湘钢、华菱等项目).  A place inside the
name of an organization or event stays as a mention but is marked `embedded`:
it links relations without being a place of the text on its own.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import EVENT, INITIATIVE, ORGANIZATION, PERSON, PLACE, POLICY, PROJECT, Mention
from . import projects
from .tokens import starting_at

# On identical spans, the earlier type wins.
_SPAN_PRIORITY = {("Organization", "GovernmentAgency"): 0, ("Organization", "PartyOrganization"): 0,
                  ("Place", "AdministrativeRegion"): 1, ("Place", "Country"): 1, ("Place", "Port"): 2,
                  ("Organization", None): 3, ("Place", "DevelopmentZone"): 4, ("Place", "NaturalSite"): 4,
                  ("Project", None): 5, ("Person", None): 6}


def _priority(m: Mention) -> int:
    return _SPAN_PRIORITY.get((m.type, m.subtype), _SPAN_PRIORITY.get((m.type, None), 9))


def resolve_overlaps(mentions: list[Mention], tokens: dict | None = None) -> list[Mention]:
    """Drop a mention inside a longer one of the same type, and the weaker of two that cross."""
    kept: list[Mention] = []
    # kept, by sentence: mentions of two sentences never clash (and looking only at the
    # sentence's own spares a pass over the whole article for every mention)
    kept_in: dict[int, list[Mention]] = {}
    ordered = sorted(mentions, key=lambda m: (m.sentence, -(m.end - m.start), _priority(m), m.start))
    for m in ordered:
        if m.end == m.start:          # implied mentions take no room
            kept.append(m)
            kept_in.setdefault(m.sentence, []).append(m)
            continue
        clash = False
        for k in kept_in.get(m.sentence, ()):
            if k.end == k.start:
                continue
            if k.start <= m.start and m.end <= k.end:
                # a division inside a zone's or a chain's name stays; so does the zone an area is named
                # after (中国（福建）自由贸易试验区|厦门片区)
                nested_places = m.key is not None or _area_of_zone(k, m)
                same_span = (k.start, k.end) == (m.start, m.end) and not _shares_span(k, m)
                if (k.type == m.type and not nested_places) or same_span or m.type == PERSON:
                    clash = True
                    break
            elif k.start < m.end and m.start < k.end:       # crossing spans
                clash = True
                break
        if not clash:
            kept.append(m)
            kept_in.setdefault(m.sentence, []).append(m)
    ordered = sorted(kept, key=lambda m: (m.sentence, m.start, -(m.end - m.start)))
    return [_mark_embedded(replace(m, subtype=None) if m.subtype == projects.LISTED else m,
                           kept_in[m.sentence], tokens or {})
            for m in ordered]


def _area_of_zone(outer: Mention, inner: Mention) -> bool:
    return outer.type == inner.type == PLACE and inner.subtype == "DevelopmentZone" \
        and outer.text.endswith("片区") and inner.start == outer.start and inner.end < outer.end


def _shares_span(a: Mention, b: Mention) -> bool:
    """A list item's project and the company or place the item names are both mentions of the
    same characters (湘钢 in 湘钢、华菱等项目 is the company and its project; 洛阳 in 洛阳、
    徐州等物流集散中心项目 the city and its centre): project_lists marks such projects LISTED."""
    return any(x.type == PROJECT and x.subtype == projects.LISTED and y.type in (ORGANIZATION, PLACE)
               for x, y in ((a, b), (b, a)))


_EMBEDDING_TYPES = (ORGANIZATION, EVENT, INITIATIVE, POLICY)
_ZONE_SUBTYPES = ("DevelopmentZone", "NaturalSite", "Port")


def _mark_embedded(m: Mention, kept: list[Mention], tokens: dict) -> Mention:
    """A place inside the name of an organization or event (天津 in 天津食品集团, 巴黎 in
    巴黎奥运会) is not a place of the text; but one before an organization's own name
    (北京|首都医科大学) is.  `kept`: the mentions kept (of m's sentence, or all)."""
    if m.type != PLACE or m.key is None or m.end == m.start:
        return m
    for k in kept:
        # In a zone's name only its first place is where it lies (南京|江北新区: 江北 is no place here).
        if k.type == PLACE and k.subtype in _ZONE_SUBTYPES and k.key is None and k.sentence == m.sentence \
                and k.start < m.start and m.end <= k.end \
                and any(p.type == PLACE and p.key and k.start <= p.start < m.start and p.sentence == m.sentence
                        for p in kept):
            return replace(m, embedded=True)
        # 中国（福建）自由贸易试验区: the bracket after the country names where the zone lies
        if k.type == PLACE and k.subtype in _ZONE_SUBTYPES and k.key is None and k.sentence == m.sentence \
                and k.start == m.start and m.end < k.end and m.subtype == "Country" \
                and any(t.start == m.end and t.text in ("（", "(") for t in tokens.get(m.sentence, ())):
            return replace(m, embedded=True)
        if k.type in _EMBEDDING_TYPES and k.sentence == m.sentence and k.start <= m.start and m.end <= k.end \
                and (k.end - k.start) > (m.end - m.start):
            following = starting_at(tokens.get(m.sentence, ()), m.end)
            if following is not None and following.tag == "nt":
                return m
            return replace(m, embedded=True)
    return m
