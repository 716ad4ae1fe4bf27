"""Resolution: the mentions of every article become one node per real-world thing.

- A place the gazetteer knows is keyed by its code (adcode), so 呼和浩特,
  呼市, 青城 and 首府 are one node wherever they appear.
- Other entities are keyed by their resolved name (the recognizers already
  expanded 市商务局 to 呼和浩特市商务局 from the article's context).
- Keys are then merged across articles when one entity's surface form is the
  other's name, and a company's bare name (伊利) joins its full name (伊利集团)
  when the rest is an organization suffix.  Deictic surface forms (我区, 市委)
  never merge anything: they mean different things in different articles.
- The canonical name is the fullest form seen; every other form is an alias.  A known
  company is named as the articles write it (伊利集团), its registered name an alias.
- The administrative hierarchy of the gazetteer adds locatedIn between the
  places the corpus mentions.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..model import (ENTITY_TYPES, LOCATED_IN, ORGANIZATION, PLACE, ArticleExtraction, DocumentInfo, Entity,
                     Evidence, KnowledgeGraph, Mention, Metric, Relation, SourceText)
from .gazetteer import load_gazetteer
from .lexicon import load_known_orgs, load_org_suffixes, without_endings

CHINA = "country:CN"
_QUOTES = re.compile(r"[\s\"'“”‘’《》〈〉「」『』]")


@lru_cache(maxsize=1 << 17)      # a corpus names the same things again and again
def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, no whitespace or quotes, half-width brackets."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


def _key(m: Mention) -> tuple[str, str]:
    if m.type == PLACE and m.key:
        return (PLACE, "@" + m.key)
    return (m.type, normalize_name(m.name))


def _core(name: str, suffixes: list[str]) -> str | None:
    """A company's own name without its legal or group endings and without the foreign
    country it is named with (伊利集团 -> 伊利, 港湾新能源控股有限公司 -> 港湾新能源,
    香港恒峰集团 -> 恒峰), or None.

    None when nothing is left that names a company by itself: a place (呼和浩特 of
    呼和浩特海关) or a single character.  A Chinese city or province before a name stays:
    北京城建 and 上海城建 are different companies; a foreign company's country is how
    the press introduces it (德国X集团, later X集团).
    """
    core = without_endings(name, suffixes)      # 有限公司, then 控股, then 集团: endings stack
    if core == name:
        return None
    core = _without_foreign_origin(core)
    return None if load_gazetteer().lookup(core) else core


# Places whose name before a company's marks where it comes from, not part of its name.
_FOREIGN_KEYS = frozenset({"810000", "820000", "710000"})      # 香港, 澳门, 台湾


def _without_foreign_origin(core: str) -> str:
    gazetteer = load_gazetteer()
    for length in range(min(6, len(core) - 2), 1, -1):
        places = gazetteer.lookup(core[:length])
        if any(p.kind == "country" or p.key in _FOREIGN_KEYS for p in places):
            return core[length:]
    return core


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key wins, so the result does not depend on input order
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _slug(name: str) -> str:
    return normalize_name(name).replace("/", "／")


# The official names of a government and of a people's congress always hold 人民 (呼和浩特市人民政府,
# 和林格尔县人民政府, 内蒙古自治区人民代表大会), however often the press writes 市政府 or 自治区人大.
_OFFICIAL_ENDINGS = ("人民政府", "人民代表大会")


def _canonical(names: dict[str, int], typ: str) -> str:
    """The fullest form the articles use: for organizations one that ends in a suffix, then
    the longest, then the most frequent; a lexicon's expansion never seen in a text comes last,
    except the official 人民政府 / 人民代表大会 of a body the text names by its short form."""
    suffixes = _suffix_tuple() if typ == ORGANIZATION else ()
    return max(names, key=lambda n: (names[n] > 0 or (typ == ORGANIZATION and n.endswith(_OFFICIAL_ENDINGS)),
                                      bool(suffixes) and n.endswith(suffixes), len(n), names[n], n))


@lru_cache(maxsize=1)
def _suffix_tuple() -> tuple[str, ...]:
    return tuple(s for s, _ in load_org_suffixes())


# A company's form of at most this many characters is an abbreviation (中石化, 国电投, 华为),
# not the name the press knows it by.
_ABBREVIATION_MAX = 3


def _press_name(name: str, written: set[str]) -> str:
    """The name a known company is given: the fullest form the articles write for it.

    The lexicon gives a company's registered name (内蒙古伊利实业集团股份有限公司), which
    the press seldom writes; the corpus supports the name it does write (伊利集团), as the
    annotation guideline names it.  The registered name stays an alias, and is the name
    when the articles only abbreviate the company.  Bodies of government and institutions
    keep their official names (市场监管总局 is 国家市场监督管理总局).
    """
    forms = load_known_orgs()
    known = forms.get(name)
    if known is None or known.name != name or known.subtype != "Company" or name in written:
        return name
    full = [w for w in written if len(w) > _ABBREVIATION_MAX and getattr(forms.get(w), "name", None) == name]
    return max(full, key=lambda w: (len(w), w)) if full else name


def resolve(sources: Sequence[SourceText], extractions: Sequence[ArticleExtraction]) -> KnowledgeGraph:
    union, key_names, surfaces = _group_keys(extractions)
    entity_of_key = _entities(union, key_names, surfaces)
    graph = KnowledgeGraph(entities={e.id: e for e in sorted(entity_of_key.values(), key=lambda e: e.id)})
    relation_index = _RelationIndex()
    stems = _metric_stems(sorted({ext.article.doc_id for ext in extractions}))
    for ext in extractions:
        ids = _attach_mentions(ext, entity_of_key)
        _attach_relations(ext, ids, relation_index)
        graph.metrics.extend(_metrics(ext, ids, stems[ext.article.doc_id]))
    _add_hierarchy(graph, relation_index)
    graph.relations = relation_index.in_order()
    graph.documents = _documents(sources, extractions)
    return graph


Key = tuple[str, str]


def _group_keys(extractions: Sequence[ArticleExtraction]
                ) -> tuple[_UnionFind, dict[Key, dict[str, int]], dict[Key, set[str]]]:
    """The keys of all mentions, with the names seen under each and the forms written for
    each, grouped into entities."""
    # Only companies are known by their bare names (伊利 for 伊利集团); a body's ending is part of its name.
    suffixes = [s for s, subtype in load_org_suffixes() if subtype == "Company" and len(s) >= 2]
    union = _UnionFind()
    key_names: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    surfaces: dict[Key, set[str]] = defaultdict(set)
    for ext in extractions:
        for m in ext.mentions:
            if m.type not in ENTITY_TYPES or m.embedded:
                continue
            key = _key(m)
            union.find(key)
            key_names[key][m.name] += 1
            if m.text and not m.deictic:
                surfaces[key].add(normalize_name(m.text))
            for variant in m.variants:
                other = (m.type, normalize_name(variant))
                key_names[other].setdefault(variant, 0)
                union.union(key, other)
    # Across articles: a surface form that is another key's name, or a company's bare name.
    for key in sorted(surfaces):
        for surface in sorted(surfaces[key]):
            other = (key[0], surface)
            if other != key and other in key_names:
                union.union(key, other)
    cores: dict[str, Key] = {}
    for key in sorted(key_names):
        core = _core(key[1], suffixes) if key[0] == ORGANIZATION else None
        if core is None:
            continue
        union.union(key, cores.setdefault(core, key))
        if (ORGANIZATION, core) in key_names:
            union.union(key, (ORGANIZATION, core))
    return union, key_names, surfaces


def _entities(union: _UnionFind, key_names: dict[Key, dict[str, int]],
              surfaces: dict[Key, set[str]]) -> dict[Key, Entity]:
    """One Entity per group of keys, named by the gazetteer or by its fullest name."""
    gazetteer = load_gazetteer()
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in key_names:
        groups[union.find(key)].append(key)
    entity_of_key: dict[Key, Entity] = {}
    for root, keys in sorted(groups.items()):
        typ = root[0]
        names: dict[str, int] = defaultdict(int)
        for key in keys:
            for name, count in key_names[key].items():
                names[name] += count
        place_key = next((k[1][1:] for k in sorted(keys) if k[1].startswith("@")), None)
        place = gazetteer.get(place_key) if place_key else None
        name = place.name if place is not None else _canonical(names, typ)
        # The IRI of a known company is made from its registered name, whatever the articles
        # call it: the same company gets the same IRI in every build.
        ident = f"{typ.lower()}/{place_key if place_key else _slug(name)}"
        if typ == ORGANIZATION and place is None:
            name = _press_name(name, {form for key in keys for form in surfaces.get(key, ())})
        entity = Entity(id=ident, type=typ, name=name, notation=_adcode(place_key))
        for key in keys:
            entity_of_key[key] = entity
    return entity_of_key


def _attach_mentions(ext: ArticleExtraction, entity_of_key: dict[Key, Entity]) -> list[str | None]:
    """Each mention's entity id (None: not an entity); the entity takes its names, titles, document."""
    art = ext.article
    originals = {i: s.original for i, s in enumerate(art.sentences) if s.original}
    ids: list[str | None] = []
    for m in ext.mentions:
        entity = entity_of_key.get(_key(m)) if m.type in ENTITY_TYPES else None
        ids.append(entity.id if entity is not None else None)
        if entity is None or m.embedded:
            continue          # not an entity type, or named only inside another name
        if m.text:
            entity.docs.add(art.doc_id)
            if m.text != entity.name:
                entity.aliases.add(m.text)
            written = originals.get(m.sentence)
            if written is not None and m.end <= len(written):
                entity.aliases.add(written[m.start:m.end])      # the traditional form, as written
        if m.name != entity.name and not m.deictic:
            entity.aliases.add(m.name)
        entity.aliases.update(v for v in m.variants if v != entity.name)
        if entity.subtype is None and m.subtype:
            entity.subtype = m.subtype
        (entity.byline_roles if m.byline else entity.titles).update(m.titles)
    return ids


def _sentence_texts(art) -> dict[int, str]:
    texts = {i: s.text for i, s in enumerate(art.sentences)}
    texts[-1] = art.headline
    return texts


def _attach_relations(ext: ArticleExtraction, ids: list[str | None], index: _RelationIndex) -> None:
    texts = _sentence_texts(ext.article)
    for rel in ext.relations:
        s, o = ids[rel.subject], ids[rel.object]
        if s is None or o is None or s == o:
            continue
        sentence = texts.get(rel.sentence) if rel.sentence is not None else None
        index.add(s, rel.predicate, o, rel.role, Evidence(ext.article.doc_id, sentence))


def _metric_stems(doc_ids: list[str]) -> dict[str, str]:
    """doc_id -> what its metrics' ids start with: the file name without its extension
    (v01_ordos.txt -> v01_ordos), or the whole name where two documents would share that
    (v01_ordos.txt and v01_ordos.json), and a number after it where even that is shared."""
    def short(doc_id: str) -> str:
        return _slug(doc_id.rsplit(".", 1)[0])
    shared = Counter(short(doc_id) for doc_id in doc_ids)
    stems = {doc_id: short(doc_id) if shared[short(doc_id)] == 1 else _slug(doc_id) for doc_id in doc_ids}
    seen: Counter[str] = Counter()
    for doc_id in doc_ids:
        stem = stems[doc_id]
        seen[stem] += 1
        if seen[stem] > 1:
            stems[doc_id] = f"{stem}~{seen[stem]}"
    return stems


def _metrics(ext: ArticleExtraction, ids: list[str | None], stem: str) -> list[Metric]:
    """The article's figures, about their mention's entity, else the article's default subject."""
    art = ext.article
    texts = _sentence_texts(art)
    default = ids[ext.default_about] if ext.default_about is not None else None
    return [Metric(id=f"metric/{stem}-{art.index}-{n}", about=ids[met.about] if met.about is not None else default,
                   indicator=met.indicator, value=met.value, unit=met.unit, raw=met.raw,
                   evidence=Evidence(art.doc_id, texts.get(met.sentence)), change=met.change,
                   change_abs=met.change_abs, year=met.year, period=met.period, status=met.status,
                   approximate=met.approximate)
            for n, met in enumerate(ext.metrics)]


def _adcode(place_key: str | None) -> str | None:
    return place_key if place_key and place_key.isdigit() else None


class _RelationIndex:
    """One Relation per (subject, predicate, object), its evidence in the order found, each once.

    The evidence already seen is a set beside the list: a relation stated in thousands of
    documents (内蒙古自治区 in 中国) must not cost a scan of its list per new document."""

    def __init__(self) -> None:
        self._relations: dict[tuple[str, str, str], Relation] = {}
        self._seen: dict[tuple[str, str, str], set[Evidence]] = {}

    def add(self, s: str, p: str, o: str, role: str | None, evidence: Evidence) -> None:
        triple = (s, p, o)
        rel = self._relations.get(triple)
        if rel is None:
            rel = self._relations[triple] = Relation(subject=s, predicate=p, object=o, role=role)
            self._seen[triple] = set()
        if evidence not in self._seen[triple]:
            self._seen[triple].add(evidence)
            rel.evidence.append(evidence)

    def in_order(self) -> list[Relation]:
        return [self._relations[triple] for triple in sorted(self._relations)]


def _add_hierarchy(graph: KnowledgeGraph, index: _RelationIndex) -> None:
    """Each place the gazetteer knows is located in its nearest ancestor that the corpus mentions."""
    gazetteer = load_gazetteer()
    by_key = {e.id.split("/", 1)[1]: e for e in graph.entities.values() if e.type == PLACE}
    china = by_key.get(CHINA)
    for entity in list(graph.entities.values()):
        if entity.type != PLACE:
            continue
        key = entity.id.split("/", 1)[1]
        place = gazetteer.get(key)
        if place is None or key == CHINA:
            continue
        lineage = gazetteer.ancestors(key)
        # China's divisions lie in China, which the gazetteer leaves implicit; a region of China
        # has its container (a province, or China itself) as its parent there.
        in_china = key.isdigit() or any(a.key.isdigit() for a in lineage)
        for ancestor in lineage:
            parent = by_key.get(ancestor.key)
            if parent is not None:
                index.add(entity.id, LOCATED_IN, parent.id, None, Evidence("gazetteer", None))
                break
        else:
            if in_china and china is not None:
                index.add(entity.id, LOCATED_IN, china.id, None, Evidence("gazetteer", None))


def _documents(sources: Sequence[SourceText], extractions: Sequence[ArticleExtraction]) -> list[DocumentInfo]:
    by_doc: dict[str, DocumentInfo] = {}
    for src in sources:
        by_doc[src.doc_id] = DocumentInfo(doc_id=src.doc_id, path=src.path, encoding=src.encoding,
                                          newspaper=None, year=None)
    for ext in extractions:
        art = ext.article
        info = by_doc.get(art.doc_id)
        if info is None:
            continue
        info.newspaper = info.newspaper or art.context.newspaper
        info.year = info.year or art.context.year
        if art.headline:
            info.headlines.append(art.headline)
        if art.dateline:
            info.datelines.append(art.dateline)
    return [by_doc[k] for k in sorted(by_doc)]


__all__ = ["resolve", "normalize_name"]
