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

from ..model import ORGANIZATION, PERSON, PLACE, PROJECT, Article, ArticleExtraction, LocalMetric, Mention
from ..resolve.gazetteer import load_gazetteer
from . import events, orgs, persons, places, projects
from .relations import find_relations
from .scope import build_scope
from .spans import resolve_overlaps
from .tokens import tokenize

HEADLINE = -1   # the sentence index of an article's headline (and of its bylines)

def article_sentences(article: Article) -> dict[int, str]:
    texts = {i: s.text for i, s in enumerate(article.sentences)}
    if article.headline:
        texts[HEADLINE] = article.headline
    return texts


def _implied(place, sentence: int) -> Mention:
    """A place an article refers to without naming it (市商务局 -> 呼和浩特市): no surface form."""
    return Mention(text="", type=PLACE, name=place.name, sentence=sentence, start=0, end=0,
                   subtype=place.subtype, key=place.key, deictic=True)


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
    capital = places.capital_of(scope)
    for i, text in texts.items():
        found += places.find_deictic(text, i, scope, capital)
        found += places.find_nicknames(text, i, scope)
        found += places.find_zones(text, i, tokens[i])
        bodies = orgs.find_government_bodies(text, i, tokens[i], found, scope)
        bodies += orgs.find_league_committees(text, i, scope)
        found += bodies
        taken = [(m.start, m.end) for m in bodies if m.sentence == i]
        found += orgs.find_known_orgs(text, i, tokens[i], taken)
        found += orgs.find_suffixed_orgs(text, i, tokens[i], taken, scope)
        found += persons.find_officials(text, i, tokens[i])
    known_names = {m.name for m in found if m.type == PERSON}
    for i, text in texts.items():
        taken = [(m.start, m.end) for m in found if m.sentence == i]
        found += persons.find_repeats(text, i, known_names, taken)
        found += projects.find_projects(text, i, tokens[i], [])
        found += projects.find_campaigns(text, i)
        found += events.find_events(text, i, tokens[i])
    found += projects.owners_in_names([m for m in found if m.type == PROJECT],
                                      [m for m in found if m.type == PLACE], tokens)
    found += persons.byline_mentions(article)
    mentions = resolve_overlaps(found, tokens)
    # Figures with no subject of their own are about the dateline's place, else the paper's home.
    default_place = scope.focus or home
    default_about = None
    if default_place is not None:
        mentions.append(_implied(default_place, HEADLINE))
        default_about = len(mentions) - 1

    implied: list[tuple[int, int]] = []
    # 市商务局, 交通集团: an organization named through a place the text leaves implicit lies there
    for n, m in enumerate(list(mentions)):
        seat = gazetteer.get(m.key) if m.type == ORGANIZATION and m.key else None
        if seat is not None:
            mentions.append(_implied(seat, m.sentence))
            implied.append((n, len(mentions) - 1))
    # 内蒙古大学, 呼和浩特市中心医院: a place opening a name that the segmenter kept in one word
    for n, m in enumerate(list(mentions)):
        if m.type in (ORGANIZATION, PROJECT) and m.text and not any(
                p.type == PLACE and p.sentence == m.sentence and m.start <= p.start < m.end and p.end > p.start
                for p in mentions):
            place = places.place_opening(m.text, gazetteer, scope.near)
            if place is not None and place.name != m.name and not m.variants and m.name == m.text \
                    and places.is_near(place, scope, gazetteer):
                # embedded: it places the name, but is no mention of the place by itself
                mentions.append(replace(_implied(place, m.sentence), embedded=True))
                implied.append((n, len(mentions) - 1))
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
