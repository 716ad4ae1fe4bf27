"""Organizations of the lexicon (kg/resources/orgs_*.tsv) by any of their names.

A name counts only where it is whole words of the sentence: it starts at a token
and ends at one.  The lexicon's forms are looked up from each token start through
an index of their first two characters, so the cost is one dict lookup per token
rather than one scan of the sentence by an alternation of a thousand names.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import ORGANIZATION, Mention
from ..resolve.lexicon import load_known_orgs
from .grammar import ends_a_word
from .tokens import Token

# What may follow a weak form (远景, 美的) for it to be the company: its own suffix or a facility.
_WEAK_FOLLOWERS = ("集团", "公司", "股份", "控股", "科技")


@lru_cache(maxsize=1)
def _lengths_by_opening() -> dict[str, tuple[int, ...]]:
    """The first two characters of every form → the lengths of the forms that open so,
    longest first (a one-character form is indexed by its one character)."""
    lengths: dict[str, set[int]] = {}
    for form in load_known_orgs():
        lengths.setdefault(form[:2], set()).add(len(form))
    return {opening: tuple(sorted(found, reverse=True)) for opening, found in lengths.items()}


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
    known = load_known_orgs()
    out: list[Mention] = []
    covered = 0
    for token in tokens:
        if token.start < covered or token.tag == "w":
            continue
        surface = _longest_form_at(text, token.start)
        if surface is None:
            continue
        start, end = token.start, token.start + len(surface)
        if not ends_a_word(tokens, end) or any(a <= start < b for a, b in taken):
            continue
        org = known[surface]
        if org.weak and not text.startswith(_WEAK_FOLLOWERS, end):
            continue
        covered = end
        out.append(Mention(text=surface, type=ORGANIZATION, name=org.name, sentence=sentence,
                           start=start, end=end, subtype=org.subtype))
    return out
