"""The words of project names, shared by kg/extract/projects.py, project_lists.py,
project_owners.py and project_edges.py: which words make a name a name, which are generic,
where a name's brand (the company it is named after) ends.

Data: kg/resources/grammar_project_*.txt|tsv (general vocabulary and grammar, no names).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..resolve.gazetteer import load_gazetteer
from ..resolve.lexicon import load_known_orgs
from .grammar import LEADING_TAGS, PROPER_TAGS, STOP_TAGS, generic_heads, industry_words, left_stops
from .tokens import Token, starting_at

# 二期, 十一期: a phase of a project, a name's ending that is also a part of a larger name
PHASE_RE = re.compile(r"[一二三四五六七八九十]+期")
# A name that opens with a count of things is a count (20家小微企业创业创新示范基地), not a name.
_COUNT_START = re.compile(r"^(?:\d+|[一二三四五六七八九十百千万两几多]+)(?:家|个|座|处|所|批|项|条|类|种|大)")
_COUNTED_GROUP = re.compile(r"^[一二三四五六七八九十百千万两]+大")     # 六大产业集群
# Formal numerals (大写数字) are written in amounts of money on cheques, and in company names
# (叁零陆新材料); a running text uses them for nothing else.
FORMAL_NUMERALS = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
# An unknown word (tag x) that starts with one of these is a verb phrase jieba could not split.
_VERBAL_STARTS = frozenset("以招重抓强补延做谋促推加提优稳争让使把被对向在亿万千百引深")
# 国家互联网骨干直联点, 国家级气象高性能计算机迭代工程: a national facility is named through 国家/国际…
_NATIONAL = ("国家级", "国家", "国际", "中国", "全国", "中华")
_QUOTED = re.compile(r"“[^“”]{1,10}”")


def _lines(name: str) -> list[str]:
    text = resources.files("kg.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    return frozenset(_lines("grammar_project_common_words.txt"))


@lru_cache(maxsize=None)
def project_stops() -> frozenset[str]:
    return frozenset(_lines("grammar_project_left_stops.txt"))


@lru_cache(maxsize=None)
def generic_words() -> frozenset[str]:
    return generic_heads() | frozenset(_lines("grammar_project_generic.txt"))


@lru_cache(maxsize=None)
def not_heads() -> dict[str, tuple[str, ...]]:
    """Ending -> words that, right before it, make a name no construction project (品牌|项目)."""
    out: dict[str, list[str]] = {}
    for line in _lines("grammar_project_not_heads.tsv"):
        ending, word = line.split("\t")[:2]
        out.setdefault(ending, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def openers() -> tuple[str, ...]:
    """Fixed phrases a name may open with though their first word is a left stop (全国|一体化)."""
    return tuple(_lines("grammar_project_openers.txt"))


def unquoted(text: str) -> str:
    return text.replace("“", "").replace("”", "")


def is_name_word(token: Token) -> bool:
    """A word that makes a phrase a name: a proper noun, an abbreviation, a latin word or a
    number with a unit, not one of the technology words jieba mistakes for names."""
    if token.text.isdigit() or token.text in common_words():
        return False
    if token.tag not in PROPER_TAGS:
        return is_place_word(token)
    return not (token.tag == "x" and token.text[0] in _VERBAL_STARTS)


def is_place_word(token: Token) -> bool:
    """A word that is a division's name though jieba tags it otherwise (a city tagged as a verb or
    a common noun): the gazetteer knows it and it is no ordinary word."""
    if len(token.text) < 2 or token.tag.startswith("m"):
        return False
    gazetteer = load_gazetteer()
    return bool(gazetteer.lookup(token.text)) and not gazetteer.is_common_word(token.text)


def has_name_word(text: str, tokens: list[Token], start: int, end: int) -> bool:
    """True when [start, end) holds a name word, a known organization or a formal numeral."""
    if any(ch in FORMAL_NUMERALS for ch in text[start:end]) or known_prefix(text[start:end]) is not None:
        return True
    national = next((w for w in _NATIONAL if text.startswith(w, start)), None)
    if national is not None and end - start - len(national) >= 4 \
            and not is_generic_phrase(text[start + len(national):end]):
        return True
    return any(is_name_word(t) for t in tokens if t.end > start and t.start < end)


def generic_prefix(text: str) -> int:
    """Length of the leading run of generic words, counts and quoted labels of `text`
    (35个新型|储能, 一批百亿级|, “半拉子”|)."""
    words = generic_words()
    pos = 0
    while pos < len(text):
        quoted = _QUOTED.match(text, pos)
        if quoted:
            pos = quoted.end()
            continue
        number = re.match(r"\d+(?:\.\d+)?", text[pos:])
        if number:
            pos += number.end()
            continue
        for size in range(min(len(text) - pos, 6), 0, -1):
            piece = text[pos:pos + size]
            if piece in words or piece in "十百千万亿个余多几":
                pos += size
                break
        else:
            break
    return pos


def is_generic_phrase(text: str) -> bool:
    """True when `text` is only generic words and numbers, or opens with a count of a group."""
    bare = unquoted(text)
    return not bare or bool(_COUNTED_GROUP.match(bare)) or generic_prefix(text) == len(text)


def is_count(text: str) -> bool:
    return bool(_COUNT_START.match(text))


def names_no_project(name: str) -> bool:
    """品牌|项目, 经济|走廊: words that make the name one of a programme, a brand or a region."""
    return any(name.endswith(ending) and name[:-len(ending)].endswith(words)
               for ending, words in not_heads().items())


def known_prefix(text: str):
    """(surface, KnownOrg) of the longest known organization that opens `text` and leaves
    something after it, or None (远景|零碳电池项目)."""
    known = load_known_orgs()
    for size in range(min(len(text) - 1, 16), 1, -1):
        org = known.get(text[:size])
        if org is not None:
            return text[:size], org
    return None


_BRAND_TAGS = frozenset({"x", "nz", "nt", "j", "nrt", "nrfg"})
# Industry words that are part of a group's legal name, not a line of business (伊利|集团).
_LEGAL_WORDS = ("集团", "股份", "控股", "实业")
MAX_BRAND = 4        # 金河佑本, 溢多利: the own name of a company, without its industry word


def brand_end(text: str, tokens: list[Token], start: int, end: int, whole: bool = False) -> int | None:
    """End of the company name that opens the name [start, end) (伊利|液奶三期, 华希生物|动物疫苗,
    鑫环|10万吨…), or None.  A brand is a known organization, or a short word jieba does not know
    as a common one, with the industry word the press keeps with it (天能重工, 长盛制药)."""
    known = known_prefix(text[start:end])
    if known is not None:
        pos = start + len(known[0])
        # 中粮|贸易, 中石油|呼|石化: a parent's name with a line of business (and a place's
        # one-character abbreviation) names a subsidiary (中粮贸易有限公司), not the parent
        for at in (pos, pos + 1) if not known[0].endswith(_LEGAL_WORDS + ("公司",)) else ():
            word = starting_at(tokens, at)
            if word is not None and (word.text not in industry_words() or word.text in _LEGAL_WORDS):
                word = None
            single = at == pos or getattr(starting_at(tokens, pos), "end", None) == pos + 1
            if word is not None and single and word.end < end + whole:
                return word.end
        return pos if pos < end + whole else None
    words = [t for t in tokens if start <= t.start and t.end <= end]
    if not words or words[0].start != start:
        return None
    first = words[0]
    if first.tag in STOP_TAGS or first.text in left_stops() or first.text in project_stops() \
            or first.text in common_words() or first.text in generic_words() \
            or any(ch.isdigit() or ch.isascii() for ch in first.text) or first.text[0] in _VERBAL_STARTS:
        return None
    if len(first.text) == 1 and first.tag in LEADING_TAGS:
        return None          # 新|远景, 大|数据
    if len(first.text) >= 2 and first.tag not in _BRAND_TAGS and first.tag != "ns":
        return None
    pos, glued, i = first.end, 0, 1
    # jieba cuts an unknown name into single characters (圣|钒, 鑫|环, 金河|佑|本, 溢|多利)
    while i < len(words) and pos - start < MAX_BRAND:
        word = words[i]
        single = len(word.text) == 1 and not word.text.isdigit() and not PHASE_RE.match(text, word.start) \
            and (word.tag not in STOP_TAGS or word.tag in ("r", "d") and len(words[i - 1].text) == 1 and glued)
        joins_single = pos - start == 1 and word.tag in PROPER_TAGS and not word.text.isdigit() \
            and pos - start + len(word.text) <= MAX_BRAND and word.text not in common_words()
        if not (single or joins_single):
            break
        pos, glued, i = word.end, glued + 1, i + 1
    if pos - start < 2 or pos - start > MAX_BRAND or (first.tag == "ns" and not glued):
        return None          # a place word alone is no company (中欧|班列)
    # 天能|重工, 普泽|生物, 国纳|新材料 (jieba: 国|纳新|材料): the industry word the press keeps
    for at in range(start + 2, pos + 1):
        word = next((w for w in _industry_longest_first() if text.startswith(w, at)), None)
        if word is not None and any(t.start == at and len(t.text) > len(word) for t in words):
            continue          # 绿源|生物质: the industry word opens a longer word of the sentence
        if word is not None and at + len(word) < end + whole:
            pos = at + len(word)
            break
    return pos if pos < end + whole else None


@lru_cache(maxsize=1)
def _industry_longest_first() -> tuple[str, ...]:
    return tuple(sorted(industry_words(), key=len, reverse=True))


def brand_phrase_end(text: str, tokens: list[Token], start: int, end: int, suffixes: tuple[str, ...]) -> int | None:
    """End of what a list's later items inherit from an item: its brand and the facility named
    after it (蒙牛5G数字工厂|低温奶 -> 蒙牛5G数字工厂; 伊利|液奶三期 -> 伊利), or None."""
    brand = brand_end(text, tokens, start, end)
    if brand is None:
        return None
    core_end = end
    phase = PHASE_RE.search(text, start, end)
    if phase is not None and phase.end() == end:
        core_end = phase.start()
    out = brand
    for suffix in suffixes:
        at = text.rfind(suffix, brand, core_end)
        if at != -1 and at + len(suffix) < core_end:
            out = max(out, at + len(suffix))
    return out if out < core_end else None
