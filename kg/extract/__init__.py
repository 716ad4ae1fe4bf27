"""Extraction: one article in, its mentions, relations and metrics out.

The recognizers run in a fixed order, each seeing what the ones before found
(like the components of a spaCy pipeline):

    places -> scope (what 我区/市/区 mean here) -> government bodies -> named
    organizations -> zones -> persons -> projects -> overlaps -> relations -> metrics

`extract_article` is a pure function of its article, so articles can be
extracted in any order or in parallel.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import (EVENT, INITIATIVE, ORGANIZATION, PERSON, PLACE, POLICY, PROJECT, Article, ArticleExtraction, LocalMetric, Mention)
from ..resolve.gazetteer import load_gazetteer
from . import events, orgs, persons, places, projects
from .grammar import capitals, nicknames
from .relations import find_relations
from .scope import Scope, build_scope
from .tokens import tokenize

HEADLINE = -1   # the sentence index of an article's headline (and of its bylines)

# On identical spans, the earlier type wins.
_SPAN_PRIORITY = {("Organization", "GovernmentAgency"): 0, ("Organization", "PartyOrganization"): 0,
                  ("Place", "AdministrativeRegion"): 1, ("Place", "Country"): 1, ("Place", "Port"): 2,
                  ("Organization", None): 3, ("Place", "DevelopmentZone"): 4, ("Place", "NaturalSite"): 4,
                  ("Project", None): 5, ("Person", None): 6}


def article_sentences(article: Article) -> dict[int, str]:
    texts = {i: s.text for i, s in enumerate(article.sentences)}
    if article.headline:
        texts[HEADLINE] = article.headline
    return texts


def _implied(place, sentence: int) -> Mention:
    """A place an article refers to without naming it (市商务局 -> 呼和浩特市): no surface form."""
    return Mention(text="", type=PLACE, name=place.name, sentence=sentence, start=0, end=0,
                   subtype=place.subtype, key=place.key, deictic=True)


def _capital(scope: Scope):
    gazetteer = load_gazetteer()
    region = scope.home
    if region is not None and region.kind != "province":
        region = next((a for a in gazetteer.ancestors(region.key) if a.kind == "province"), None)
    if region is None:
        return None
    name = capitals().get(region.name)
    return gazetteer.resolve(name) if name else None


def _nickname_places(text: str, sentence: int, scope: Scope) -> list[Mention]:
    """青城 for 呼和浩特市, only where the article is at home in that city's province."""
    gazetteer = load_gazetteer()
    home_keys = set(scope.near)
    out = []
    for nick, city_name in nicknames().items():
        start = text.find(nick)
        if start == -1:
            continue
        city = gazetteer.resolve(city_name)
        if city is None:
            continue
        lineage = {city.key} | {a.key for a in gazetteer.ancestors(city.key)}
        if lineage & home_keys:
            while start != -1:
                out.append(Mention(text=nick, type=PLACE, name=city.name, sentence=sentence, start=start,
                                   end=start + len(nick), subtype=city.subtype, key=city.key))
                start = text.find(nick, start + 1)
    return out


def _priority(m: Mention) -> int:
    return _SPAN_PRIORITY.get((m.type, m.subtype), _SPAN_PRIORITY.get((m.type, None), 9))


def resolve_overlaps(mentions: list[Mention], tokens: dict | None = None) -> list[Mention]:
    """Drop a mention inside a longer one of the same type, and the weaker of two that cross."""
    kept: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: (m.sentence, -(m.end - m.start), _priority(m), m.start))
    for m in ordered:
        if m.end == m.start:          # implied mentions take no room
            kept.append(m)
            continue
        clash = False
        for k in kept:
            if k.sentence != m.sentence or k.end == k.start:
                continue
            if k.start <= m.start and m.end <= k.end:
                nested_places = m.key is not None     # a division inside a zone's or a chain's name stays
                if (k.type == m.type and not nested_places) or (k.start, k.end) == (m.start, m.end) or m.type == PERSON:
                    clash = True
                    break
            elif k.start < m.end and m.start < k.end:       # crossing spans
                clash = True
                break
        if not clash:
            kept.append(m)
    ordered = sorted(kept, key=lambda m: (m.sentence, m.start, -(m.end - m.start)))
    return [_mark_embedded(replace(m, subtype=None) if m.subtype == projects.LISTED else m, kept, tokens or {})
            for m in ordered]


_EMBEDDING_TYPES = (ORGANIZATION, EVENT, INITIATIVE, POLICY)
_ZONE_SUBTYPES = ("DevelopmentZone", "NaturalSite", "Port")


def _mark_embedded(m: Mention, kept: list[Mention], tokens: dict) -> Mention:
    """A place inside the name of an organization or event (天津 in 天津食品集团, 巴黎 in
    巴黎奥运会) is not a place of the text; but one before an organization's own name
    (北京|首都医科大学) is."""
    if m.type != PLACE or m.key is None or m.end == m.start:
        return m
    for k in kept:
        # In a zone's name only its first place is where it lies (南京|江北新区: 江北 is no place here).
        if k.type == PLACE and k.subtype in _ZONE_SUBTYPES and k.key is None and k.sentence == m.sentence \
                and k.start < m.start and m.end <= k.end \
                and any(p.type == PLACE and p.key and k.start <= p.start < m.start and p.sentence == m.sentence
                        for p in kept):
            return replace(m, embedded=True)
        if k.type in _EMBEDDING_TYPES and k.sentence == m.sentence and k.start <= m.start and m.end <= k.end \
                and (k.end - k.start) > (m.end - m.start):
            following = next((t for t in tokens.get(m.sentence, ()) if t.start == m.end), None)
            if following is not None and following.tag == "nt":
                return m
            return replace(m, embedded=True)
    return m


def extract_article(article: Article) -> ArticleExtraction:
    gazetteer = load_gazetteer()
    texts = article_sentences(article)
    tokens = {i: tokenize(t) for i, t in texts.items()}
    home = gazetteer.resolve(article.context.home) if article.context.home else None
    near = (home.key,) if home is not None else ()

    found: list[Mention] = []
    for i, text in texts.items():
        found += places.chain_aliases(places.find_divisions(text, i, gazetteer, near, tokens[i]), gazetteer)
    scope = build_scope(article, found, gazetteer)
    capital = _capital(scope)
    implied_pairs: list[tuple[Mention, Mention]] = []
    for i, text in texts.items():
        found += places.find_deictic(text, i, scope, capital)
        found += _nickname_places(text, i, scope)
        found += places.find_zones(text, i, tokens[i])
        bodies = orgs.find_government_bodies(text, i, tokens[i], found, scope)
        for body in bodies:
            if body.deictic:
                target = scope.level(body.text[:3] if body.text.startswith("自治区") else body.text[:1], body=True)
                if target is not None:
                    implied_pairs.append((body, _implied(target, i)))
        bodies += orgs.find_league_committees(text, i, scope)
        found += bodies
        taken = [(m.start, m.end) for m in bodies if m.sentence == i]
        found += orgs.find_known_orgs(text, i, tokens[i], taken)
        found += orgs.find_suffixed_orgs(text, i, tokens[i], taken)
        found += persons.find_officials(text, i, tokens[i])
    known_names = {m.name for m in found if m.type == PERSON}
    for i, text in texts.items():
        taken = [(m.start, m.end) for m in found if m.sentence == i]
        found += persons.find_repeats(text, i, known_names, taken)
        taken = [(m.start, m.end) for m in found if m.sentence == i and m.type in (ORGANIZATION, PLACE, PERSON)
                 and m.subtype not in ("DevelopmentZone",)]
        found += projects.find_projects(text, i, tokens[i], [])
        found += projects.find_campaigns(text, i)
        found += events.find_events(text, i, tokens[i])
    found += projects.owners_in_names([m for m in found if m.type == PROJECT],
                                      [m for m in found if m.type == PLACE], tokens)
    found += persons.byline_mentions(article)
    mentions = resolve_overlaps(found, tokens)
    # Figures with no subject of their own are about the dateline's place, else the paper's home.
    default_place = scope.local or home
    default_about = None
    if default_place is not None:
        mentions.append(_implied(default_place, HEADLINE))
        default_about = len(mentions) - 1

    index = {id(m): n for n, m in enumerate(mentions)}
    implied = []
    for body, target in implied_pairs:
        if id(body) in index:
            mentions.append(target)
            implied.append((index[id(body)], len(mentions) - 1))
    focus = scope.focus
    if focus is not None:
        # A project the text does not place is where the article is (本报呼和浩特…, a city's paper).
        here = [n for n, m in enumerate(mentions) if m.type == PROJECT and m.text]
        if here:
            mentions.append(_implied(focus, HEADLINE))
            implied += [(n, len(mentions) - 1) for n in here]
    relations = find_relations(mentions, texts, implied)
    metrics = _metrics(article, mentions)
    return ArticleExtraction(article=article, mentions=tuple(mentions), relations=tuple(relations),
                             metrics=tuple(metrics), default_about=default_about)


def _metrics(article: Article, mentions: list[Mention]) -> list[LocalMetric]:
    from .metrics import extract_metrics
    return list(extract_metrics(article, mentions))
