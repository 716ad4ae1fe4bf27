"""The data that flows between the pipeline's stages.

Each stage takes the dataclasses of the stage before it and returns its own;
no stage reaches back.  The order is

    read      paths            -> SourceText, Skipped
    normalize SourceText.text  -> clean text (str)
    split     SourceText+text  -> Article (with Sentence)
    extract   Article          -> ArticleExtraction (Mention, LocalRelation, LocalMetric)
    resolve   [ArticleExtraction] -> KnowledgeGraph (Entity, Relation, Metric)
    rdf       KnowledgeGraph   -> Triples (kg.rdf.triples; an rdflib.Graph on demand)
    export    KnowledgeGraph / Triples -> files

Offsets are character offsets into the *normalized* sentence text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from operator import attrgetter


def _by_fields(cls):
    """Pickle a frozen dataclass as its class and field values (unpickled: cls(*values)).

    The frozen dataclasses have slots: a build of thousands of documents keeps millions
    of them, which come back from the extracting processes unpickled, and an unpickled
    object without slots carries a dict of its own (about 290 bytes): two fifths of the
    memory of the extractions.  dataclasses pickles a frozen class with slots through
    __getstate__/__setstate__ written in Python, 2.5 times slower both ways; this is as
    fast as pickling the dict was.
    """
    names = [item.name for item in fields(cls)]
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self):
        return cls, values(self)
    cls.__reduce__ = __reduce__
    return cls

# The five scored types of the annotation guideline, and the unscored ones we keep.
ORGANIZATION = "Organization"
PLACE = "Place"
PROJECT = "Project"
PERSON = "Person"
METRIC = "Metric"
INITIATIVE = "Initiative"
EVENT = "Event"
POLICY = "Policy"
ENTITY_TYPES = (ORGANIZATION, PLACE, PROJECT, PERSON, INITIATIVE, EVENT, POLICY)

# Relation names as in the contract (kg:worksFor, kg:locatedIn, kg:involves).
WORKS_FOR = "worksFor"
LOCATED_IN = "locatedIn"
INVOLVES = "involves"
RELATION_TYPES = (WORKS_FOR, LOCATED_IN, INVOLVES)

# Metric status values.
ACTUAL, TARGET, FORECAST = "actual", "target", "forecast"


# ---------------------------------------------------------------- ingest

@_by_fields
@dataclass(frozen=True, slots=True)
class SourceText:
    """One input file, decoded."""
    doc_id: str          # file name without folders, e.g. "000_b3d9c44613aea8f5.txt"
    path: str            # the path as given / found
    text: str            # decoded text, not yet normalized
    encoding: str        # e.g. "utf-8", "utf-8-sig", "gb18030"


@_by_fields
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not built, and why (shown to the user)."""
    path: str
    reason: str


@_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    index: int           # position in the article, from 0
    text: str            # normalized text of the sentence, with its final punctuation
    original: str | None = None   # the sentence as written, when it was converted (traditional characters)


@_by_fields
@dataclass(frozen=True, slots=True)
class Byline:
    name: str            # 王雅静
    role: str            # 记者 / 通讯员 / 摄 / 实习生


@_by_fields
@dataclass(frozen=True, slots=True)
class Context:
    """What an article's own text does not say but its reader knows.

    `home` is the canonical name of the region the newspaper belongs to
    (内蒙古自治区 for 内蒙古日报, 呼和浩特市 for 呼和浩特日报): 我区/全区 or
    我市/全市 refer to it.  `local` is the city of the dateline (本报包头…电 ->
    包头市), which local bodies (区委, 县委, 市商务局) belong to.
    """
    newspaper: str | None = None
    home: str | None = None
    local: str | None = None
    year: int | None = None
    date: str | None = None      # ISO date "2023-02-09" when the year is known, else "--02-09"


@_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    index: int                   # position of the article in its document, from 0
    headline: str
    sentences: tuple[Sentence, ...]
    context: Context
    bylines: tuple[Byline, ...] = ()
    dateline: str | None = None  # the raw dateline, e.g. "本报包头2月9日电"

    @property
    def article_id(self) -> str:
        return f"{self.doc_id}#{self.index}"


# ---------------------------------------------------------------- extract

@_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in one sentence, with what the recognizer knows of it.

    `text` is the surface form; `name` is the fullest form the article
    supports (区委组织部 -> 九原区委组织部, 呼和浩特 -> 呼和浩特市, 我区 ->
    内蒙古自治区).  `deictic` marks surface forms that only name something
    through the article's context: they become aliases but never link
    entities across articles.  `key` is an identifier from a gazetteer (the
    adcode of a Chinese administrative division) when known.
    """
    text: str
    type: str
    name: str
    sentence: int
    start: int
    end: int
    subtype: str | None = None
    key: str | None = None
    deictic: bool = False
    variants: tuple[str, ...] = ()   # other full forms the lexicon knows (九原区人社局 -> 九原区人力资源和社会保障局)
    titles: tuple[str, ...] = ()     # persons: post titles (党组书记, 局长)
    byline: bool = False             # persons: reporter / photographer of the article
    embedded: bool = False           # named only inside another name (天津 in 天津食品集团): it links
                                     # relations but is not an entity of the article by itself


@_by_fields
@dataclass(frozen=True, slots=True)
class LocalRelation:
    """A relation between two mentions of one article (indices into ArticleExtraction.mentions)."""
    subject: int
    predicate: str                   # one of RELATION_TYPES
    object: int
    sentence: int | None             # None: from knowledge (the gazetteer), not from a sentence
    role: str | None = None          # involves: investor / builder / operator / partner


@_by_fields
@dataclass(frozen=True, slots=True)
class LocalMetric:
    """A figure of one article; `about` indexes ArticleExtraction.mentions (None: unknown)."""
    about: int | None
    indicator: str
    value: Decimal | None            # in the base unit; None for a bare change
    unit: str | None                 # a code of ANNOTATION.md: CNY, t, kW, count, percent …
    raw: str                         # the text of the figure, e.g. "5842.2万吨"
    sentence: int
    change: Decimal | None = None    # year-on-year change in percent
    change_abs: Decimal | None = None  # absolute change (增加44个), in `unit`
    year: int | None = None
    period: str | None = None        # "1—11月" and the like
    status: str = ACTUAL
    approximate: str | None = None   # the qualifier: 余, 多, 近, 超, 以上, 左右


@_by_fields
@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[LocalRelation, ...]
    metrics: tuple[LocalMetric, ...]
    default_about: int | None = None   # the mention figures with no subject of their own describe


# ---------------------------------------------------------------- resolve / graph

@_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    doc_id: str
    sentence: str | None             # None: from knowledge, not from a sentence


@dataclass
class Entity:
    id: str                          # stable: the IRI's local part, e.g. "place/150100"
    type: str
    name: str                        # canonical name
    subtype: str | None = None
    aliases: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    notation: str | None = None      # adcode for Chinese administrative divisions
    titles: set[str] = field(default_factory=set)
    byline_roles: set[str] = field(default_factory=set)

    @property
    def is_byline_only(self) -> bool:
        return bool(self.byline_roles) and not self.titles


@dataclass
class Relation:
    subject: str                     # Entity.id
    predicate: str
    object: str                      # Entity.id
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass
class Metric:
    id: str
    about: str | None                # Entity.id
    indicator: str
    value: Decimal | None
    unit: str | None
    raw: str
    evidence: Evidence
    change: Decimal | None = None
    change_abs: Decimal | None = None
    year: int | None = None
    period: str | None = None
    status: str = ACTUAL
    approximate: str | None = None


@dataclass
class DocumentInfo:
    doc_id: str
    path: str
    encoding: str
    newspaper: str | None
    year: int | None
    headlines: list[str] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)


@dataclass
class KnowledgeGraph:
    documents: list[DocumentInfo] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    def count_by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for ent in self.entities.values():
            counts[ent.type] = counts.get(ent.type, 0) + 1
        return counts
