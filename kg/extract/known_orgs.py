"""Organizations of the lexicon (kg/resources/orgs_*.tsv) by any of their names.

A name counts only where it is whole words of the sentence: it starts at a token
and ends at one.  The lexicon's forms are looked up from each token start through
an index of their first two characters, so the cost is one dict lookup per token
rather than one scan of the sentence by an alternation of a thousand names.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import ORGANIZATION, Mention
from ..resolve.gazetteer import CHINA_KEY, load_gazetteer
from ..resolve.lexicon import load_known_orgs
from .grammar import ends_a_word
from .tokens import Token, Tokens, ending_at, starting_at

# What may follow a weak form (远景, 美的, 移动) for it to be the company: its own suffix, one of
# its sites (移动数据中心, 电信营业厅), or a phase of its works (移动二期).  Words that also make
# everyday compounds with these forms (支付, 诈骗, 互联网, 运营商, 网络) are no cue.
_WEAK_FOLLOWERS = ("集团", "公司", "分公司", "股份", "控股", "科技", "数据中心", "营业厅")
_COMPANY_WORDS = ("集团", "公司", "分公司")
_PHASE = re.compile(r"(?:[一二三四五六七八九十]|\d{1,2})期")
# 移动、联通等公司, 移动、联通、电信三大运营商: the list's closing word is every item's cue.
_LIST_CLOSER = re.compile(r"(?:等|[两二三四五六七八九十]大|等[两二三四五六七八九十]家)(?:公司|企业|集团|运营商|电信运营商)")
_LIST_JOINTS = ("、", "和", "与", "及")
MAX_LIST_ITEMS = 6
# 各电信公司, 多家电信公司: a quantity before it makes the word a common noun.
_GENERIC_BEFORE = ("各", "家", "些", "类", "多")


@lru_cache(maxsize=1)
def _lengths_by_opening() -> dict[str, tuple[int, ...]]:
    """The first two characters of every form → the lengths of the forms that open so,
    longest first (a one-character form is indexed by its one character)."""
    lengths: dict[str, set[int]] = {}
    for form in load_known_orgs():
        lengths.setdefault(form[:2], set()).add(len(form))
    return {opening: tuple(sorted(found, reverse=True)) for opening, found in lengths.items()}


@lru_cache(maxsize=1)
def _opening_re() -> re.Pattern:
    """Every position where the first characters of a form stand (and more): a character class
    for each of the two characters of the openings, and one for the one-character forms."""
    openings = _lengths_by_opening()
    pairs = [o for o in openings if len(o) == 2]
    firsts = re.escape("".join(sorted({o[0] for o in pairs})))
    seconds = re.escape("".join(sorted({o[1] for o in pairs})))
    singles = re.escape("".join(sorted(o for o in openings if len(o) == 1)))
    branches = [f"[{firsts}](?=[{seconds}])"] if pairs else []
    branches += [f"[{singles}]"] if singles else []
    return re.compile("|".join(branches) or "(?!)")


def _longest_form_at(text: str, start: int) -> str | None:
    known, index = load_known_orgs(), _lengths_by_opening()
    for opening in (text[start:start + 2], text[start:start + 1]):
        for length in index.get(opening, ()):
            surface = text[start:start + length]
            if len(surface) == length and surface in known:
                return surface
    return None


def find_known_orgs(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    """Known organizations where they are words of the sentence; a form that is also an
    everyday word only before a company suffix.  Leftmost-longest, not overlapping."""
    known, openings = load_known_orgs(), _lengths_by_opening()
    out: list[Mention] = []
    covered = 0
    starts = tokens.by_start() if isinstance(tokens, Tokens) else {t.start: t for t in reversed(tokens)}
    # Only the tokens where a form may open are read, left to right as the tokens: the regex
    # finds the positions whose characters could open one, the lookup those that do.
    for candidate in _opening_re().finditer(text):
        token = starts.get(candidate.start())
        if token is None or token.start < covered or token.tag == "w":
            continue
        at = token.start
        if text[at:at + 2] not in openings and text[at:at + 1] not in openings:
            continue
        surface = _longest_form_at(text, at)
        if surface is None:
            continue
        start, end = token.start, token.start + len(surface)
        org = known[surface]
        if any(a <= start < b for a, b in taken):
            continue
        if org.weak:
            if not _weak_form_is_company(text, tokens, token, end):
                continue
        elif not ends_a_word(tokens, end):
            continue
        covered = end
        out.append(Mention(text=surface, type=ORGANIZATION, name=org.name, sentence=sentence,
                           start=start, end=end, subtype=org.subtype))
    return out


def _weak_form_is_company(text: str, tokens: list[Token], token: Token, end: int) -> bool:
    """A weak form (移动, 电信, 远景) names the company only before a cue: its own suffix, a site
    or phase of its works, or a list of companies closed by 等公司 / 三大运营商; not after a
    foreign country's name (韩国电信 is Korea's) nor after a quantity (各电信公司)."""
    if _after_foreign_place(text, tokens, token) or text[token.start - 1:token.start] in _GENERIC_BEFORE:
        return False
    if not ends_a_word(tokens, end):
        # jieba keeps 电信公司, 移动公司 as one word: the form and a company word make it up
        return token.end > end and text[end:token.end] in _COMPANY_WORDS
    return _has_cue(text, tokens, end, MAX_LIST_ITEMS)


def _has_cue(text: str, tokens: list[Token], end: int, items_left: int) -> bool:
    if text.startswith(_WEAK_FOLLOWERS, end) or _PHASE.match(text, end) or _LIST_CLOSER.match(text, end):
        return True
    if items_left == 0:
        return False
    nxt = end + 1 if text.startswith(_LIST_JOINTS, end) else end      # 移动、联通 or 移动联通
    surface = _longest_form_at(text, nxt)
    if surface is None or starting_at(tokens, nxt) is None or not ends_a_word(tokens, nxt + len(surface)):
        return False
    return _has_cue(text, tokens, nxt + len(surface), items_left - 1)


_FOREIGN_KINDS = frozenset({"country", "foreign_city", "foreign_division"})


def _after_foreign_place(text: str, tokens: list[Token], token: Token) -> bool:
    before = ending_at(tokens, token.start)
    if before is None or before.tag != "ns":
        return False
    return any(p.kind in _FOREIGN_KINDS and p.key != CHINA_KEY for p in load_gazetteer().lookup(before.text))
