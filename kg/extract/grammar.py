"""The grammar of names: data files of kg/resources/grammar_* and the left-edge rule.

Chinese names of organizations, zones and projects end in a telling word
(…集团, …开发区, …项目) but start anywhere; the start is found by reading
tokens leftwards from the suffix until a function word, a governing verb
(推动, 引进, 签约 …) or punctuation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .tokens import Token, ending_at, starting_at

# jieba tags that never occur inside a name: prepositions, conjunctions, particles,
# pronouns, adverbs, modal particles, interjections, onomatopoeia, measure words.
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "y", "e", "o", "w"})


def _lines(name: str) -> list[str]:
    text = resources.files("kg.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def left_stops() -> frozenset[str]:
    return frozenset(_lines("grammar_left_stops.txt"))


@lru_cache(maxsize=None)
def generic_heads() -> frozenset[str]:
    return frozenset(_lines("grammar_generic_heads.txt"))


@lru_cache(maxsize=None)
def industry_words() -> frozenset[str]:
    return frozenset(_lines("grammar_industry_words.txt"))


@lru_cache(maxsize=None)
def speech_verbs() -> tuple[str, ...]:
    return tuple(sorted(_lines("grammar_speech_verbs.txt"), key=len, reverse=True))


@lru_cache(maxsize=None)
def project_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_lines("grammar_project_suffixes.tsv"), key=len, reverse=True))


@lru_cache(maxsize=None)
def zone_suffixes() -> dict[str, str]:
    return dict(line.split("\t") for line in _lines("grammar_zone_suffixes.tsv"))


def _pairs(name: str) -> dict[str, str]:
    return dict(line.split("\t")[:2] for line in _lines(name))


@lru_cache(maxsize=None)
def capitals() -> dict[str, str]:
    return _pairs("capitals.tsv")


@lru_cache(maxsize=None)
def nicknames() -> dict[str, str]:
    return _pairs("nicknames.tsv")


# Leading words a name does not start with, though they may stand inside one
# (加强 in 加强项目; 示范 stays inside 智能制造示范工厂).
LEADING_TAGS = frozenset({"v", "vd", "vn", "a", "ad", "an", "nn"})


def _is_number(token: Token) -> bool:
    return token.tag in ("m", "mq") or any(ch.isdigit() for ch in token.text)


def left_edge(tokens: list[Token], end: int, max_chars: int = 24, floor: int = 0,
              verbs: bool = True, numbers: bool = True) -> int:
    """Start of the name whose suffix starts at character `end`.

    Tokens are read leftwards from `end`; a token that straddles `end` counts
    with its left part.  `floor` is a position the name may not cross (the end
    of a mention found before).  Organizations pass verbs=False (a verb ends
    their name: 来到|兴隆巷社区卫生服务中心); zones pass numbers=False (200亿级|园区).
    Leading verbs and adjectives are then trimmed (加强|项目).
    """
    stops = left_stops()
    start = end
    inside: list[Token] = []
    for token in reversed(tokens):
        if token.start >= end:
            continue
        if token.start < floor:
            break
        if token.tag in STOP_TAGS or token.text in stops or end - token.start > max_chars:
            break
        if (not verbs and token.tag in ("v", "vd")) or (not numbers and _is_number(token)):
            break
        start = token.start
        inside.append(token)
    for token in reversed(inside):          # from the left: trim what no name starts with
        if token.tag in LEADING_TAGS or token.text in generic_heads() and token.tag.startswith("v"):
            start = token.end
        else:
            break
    return min(start, end)


# Tags of words that make a phrase a name rather than a description: places, persons,
# organizations, other proper nouns, abbreviations, and words jieba does not know.
PROPER_TAGS = frozenset({"ns", "nr", "nrfg", "nrt", "nt", "nz", "x", "j", "eng"})


# An unknown word (tag x) that starts with one of these is a verb phrase the segmenter could not
# split (以新, 招好, 重抓) or a magnitude (亿级), not a name.
_VERBAL_STARTS = frozenset("以招重抓强补延做谋促推加提优稳争让使把被对向在亿万千百")


def has_proper_noun(tokens: list[Token], start: int, end: int) -> bool:
    """True when [start, end) holds a proper-noun-like word, a latin word or a number with a unit."""
    for token in tokens:
        if token.end <= start or token.start >= end:
            continue
        if token.tag in PROPER_TAGS and not token.text.isdigit() \
                and not (token.tag == "x" and token.text[0] in _VERBAL_STARTS):
            return True
    return False


def ends_a_word(tokens: list[Token], pos: int) -> bool:
    """True when `pos` is a word boundary of the sentence (大学|生 is not)."""
    return pos == 0 or ending_at(tokens, pos) is not None or pos >= (tokens[-1].end if tokens else 0)


def starts_a_word(tokens: list[Token], pos: int) -> bool:
    return starting_at(tokens, pos) is not None


_COUNTED_GROUP = re.compile(r"^[一二三四五六七八九十百千万两]+大")     # 六大产业集群, 十大数据中心


def is_generic(name_part: str) -> bool:
    """True when the text before a suffix is only generic modifiers, numbers and units,
    or opens with a count of a group (六大…)."""
    if _COUNTED_GROUP.match(name_part):
        return True
    heads = generic_heads()
    rest = name_part
    while rest:
        for size in range(min(len(rest), 6), 0, -1):
            piece = rest[:size]
            if piece in heads or piece.isdigit() or piece in "十百千万亿个余多几":
                rest = rest[size:]
                break
        else:
            return False
    return True
