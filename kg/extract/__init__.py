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

from ..model import ORGANIZATION, PERSON, PLACE, PROJECT, Article, ArticleExtraction, Mention
from ..resolve.gazetteer import load_gazetteer
from . import events, orgs, persons, places, projects
from .known_orgs import find_known_orgs
from .metrics import extract_metrics
from .relations import find_relations
from .scope import Scope, build_scope
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
    found, scope = _recognize(article, texts, tokens, gazetteer)
    mentions = resolve_overlaps(found, tokens)
    # Figures with no subject of their own are about the place the article is about, else the paper's home.
    default_place = scope.focus or scope.home
    default_about = None
    if default_place is not None:
        mentions.append(_implied(default_place, HEADLINE))
        default_about = len(mentions) - 1
    implied = _implied_places(mentions, scope, gazetteer)
    relations = find_relations(mentions, texts, implied)
    metrics = extract_metrics(article, mentions)
    return ArticleExtraction(article=article, mentions=tuple(mentions), relations=tuple(relations),
                             metrics=tuple(metrics), default_about=default_about)


def _recognize(article: Article, texts: dict[int, str], tokens: dict, gazetteer) -> tuple[list[Mention], Scope]:
    """Every recognizer in its order; the scope is settled once the divisions are known."""
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
        found += find_known_orgs(text, i, tokens[i], taken)
        found += orgs.find_segmenter_orgs(text, i, tokens[i], taken, gazetteer)
        found += orgs.find_suffixed_orgs(text, i, tokens[i], taken, scope)
        found += persons.find_officials(text, i, tokens[i])
    known_names = {m.name for m in found if m.type == PERSON}
    for i, text in texts.items():
        taken = [(m.start, m.end) for m in found if m.sentence == i]
        found += persons.find_repeats(text, i, known_names, taken)
        found += projects.find_projects(text, i, tokens[i], [])
        found += projects.find_expressways(text, i)
        found += projects.find_campaigns(text, i)
        found += events.find_events(text, i, tokens[i])
    found += projects.owners_in_names([m for m in found if m.type == PROJECT],
                                      [m for m in found if m.type == PLACE], tokens)
    found += persons.byline_mentions(article)
    return found, scope


def _implied_places(mentions: list[Mention], scope: Scope, gazetteer) -> list[tuple[int, int]]:
    """Places the text implies for organizations and projects, appended to `mentions` as
    mentions without a surface form; returns the (subject, place) pairs they locate."""
    implied: list[tuple[int, int]] = []

    def add(subject: int, place, embedded: bool = False) -> None:
        mention = _implied(place, mentions[subject].sentence)
        mentions.append(replace(mention, embedded=True) if embedded else mention)
        implied.append((subject, len(mentions) - 1))

    for n, m in enumerate(list(mentions)):
        if m.type == ORGANIZATION and m.key and gazetteer.get(m.key) is not None:
            add(n, gazetteer.get(m.key))      # 市商务局, 交通集团: named through an implicit place
        elif m.type in (ORGANIZATION, PROJECT) and m.text and not _has_place_inside(m, mentions):
            # 内蒙古大学: a place opening a name that the segmenter kept in one word; embedded,
            # as it places the name but is no mention of the place by itself
            place = places.place_opening(m.text, gazetteer, scope.near)
            if place is not None and place.name != m.name and not m.variants and m.name == m.text \
                    and places.is_near(place, scope, gazetteer):
                add(n, place, embedded=True)
    if scope.focus is not None:
        # A project the text does not place is where the article is (本报呼和浩特…, a city's paper);
        # find_relations lets a place the text gives win over this one.
        for n, m in enumerate(list(mentions)):
            if m.type == PROJECT and m.text:
                add(n, scope.focus)
    return implied


def _has_place_inside(m: Mention, mentions: list[Mention]) -> bool:
    return any(p.type == PLACE and p.sentence == m.sentence and m.start <= p.start < m.end and p.end > p.start
               for p in mentions)
