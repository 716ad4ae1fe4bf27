"""Extraction: one article in, its mentions, relations and metrics out.

The recognizers run in a fixed order, each seeing what the ones before found
(like the components of a spaCy pipeline):

    places -> scope (what 我区/市/区 mean here) -> government bodies -> named
    organizations -> zones -> persons -> short forms of the organizations -> the areas of
    the article's pilot free trade zone -> projects -> overlaps -> relations -> metrics

`extract_article` is a pure function of its article, so articles can be
extracted in any order or in parallel.
"""
from __future__ import annotations

from ..model import ORGANIZATION, PERSON, PLACE, PROJECT, Article, ArticleExtraction, Mention
from ..resolve.gazetteer import load_gazetteer
from . import events, located_in, orgs, persons, places, projects, short_forms
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
    implied = located_in.implied_places(mentions, scope, gazetteer, texts)
    relations = find_relations(mentions, texts, implied)
    metrics = extract_metrics(article, mentions)
    return ArticleExtraction(article=article, mentions=tuple(mentions), relations=tuple(relations),
                             metrics=tuple(metrics), default_about=default_about)


def _recognize(article: Article, texts: dict[int, str], tokens: dict, gazetteer) -> tuple[list[Mention], Scope]:
    """Every recognizer in its order; the scope is settled once the divisions are known."""
    home = gazetteer.resolve(article.context.home) if article.context.home else None
    near = (home.key,) if home is not None else ()
    found: list[Mention] = []
    # found, by sentence: a recognizer looks at the mentions of its own sentence only, and
    # filtering the article's list for each sentence costs sentences x mentions.
    of_sentence: dict[int, list[Mention]] = {i: [] for i in texts}

    def add(mentions: list[Mention]) -> None:
        found.extend(mentions)
        for m in mentions:
            of_sentence.setdefault(m.sentence, []).append(m)

    for i, text in texts.items():
        add(places.chain_aliases(places.find_divisions(text, i, gazetteer, near, tokens[i]), gazetteer))
    scope = build_scope(article, found, gazetteer)
    capital = places.capital_of(scope)
    for i, text in texts.items():
        add(places.find_deictic(text, i, scope, capital))
        add(places.find_nicknames(text, i, scope))
        add(places.find_zones(text, i, tokens[i], scope))
        bodies = orgs.find_government_bodies(text, i, tokens[i], of_sentence[i], scope)
        bodies += orgs.find_league_committees(text, i, scope)
        add(bodies)
        taken = [(m.start, m.end) for m in bodies if m.sentence == i]
        add(find_known_orgs(text, i, tokens[i], taken))
        add(orgs.find_segmenter_orgs(text, i, tokens[i], taken, gazetteer))
        add(orgs.find_suffixed_orgs(text, i, tokens[i], taken, scope))
        add(persons.find_officials(text, i, tokens[i]))
    forms = short_forms.short_forms(texts, found, gazetteer)
    found[:] = [short_forms.named_in_full(m, forms) for m in found]
    for listed in of_sentence.values():
        listed.clear()
    for m in found:
        of_sentence.setdefault(m.sentence, []).append(m)
    add(short_forms.find_short_forms(texts, tokens, found, forms))
    add(places.find_article_pilot_areas(texts, tokens, of_sentence))
    known_names = {m.name for m in found if m.type == PERSON}
    for i, text in texts.items():
        taken = [(m.start, m.end) for m in of_sentence[i]]
        add(persons.find_repeats(text, i, known_names, taken))
        add(projects.find_projects(text, i, tokens[i], []))
        add(projects.find_expressways(text, i))
        add(projects.find_campaigns(text, i))
        add(events.find_events(text, i, tokens[i]))
    found += projects.owners_in_names([m for m in found if m.type == PROJECT],
                                      [m for m in found if m.type == PLACE], tokens,
                                      [m for m in found if m.type == ORGANIZATION])
    found += persons.byline_mentions(article)
    return found, scope
