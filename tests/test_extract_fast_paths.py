"""The fast paths of extraction find exactly what the plain code they replace finds:
the trie alternation of word lists (kg/extract/alternation.py), the token indexes
(kg/extract/tokens.py) and the candidate positions of the gazetteer's scan."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.extract.alternation import longest_first, longest_first_branches
from kg.extract.grammar import project_suffixes
from kg.extract.tokens import Token, Tokens, ending_at, starting_at, tokenize
from kg.ingest.read import read_inputs
from kg.resolve.gazetteer import BOUNDARY_WORDS, ETHNIC_MARK, load_gazetteer
from kg.resolve.lexicon import load_agency_names, load_titles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    sources, _ = read_inputs([SEEDS])
    return [line for source in sources for line in source.text.splitlines() if line.strip()]


def _sorted_alternation(words) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


# the ways the extractors use an alternation (the plain form, the form kg uses): alone, repeated,
# after an optional bracket, anchored at the end (which backtracks into it), in a list joined by commas
_BRACKET = r"[（(][\u4e00-\u9fff]{{1,6}}[）)]"
_WRAPPERS = (("{}", "{}"), ("{}+", "{}{}*"), ("(?:" + _BRACKET + ")?{}", "(?:" + _BRACKET + "{}|{})"),
             ("{}$", "{}$"), ("{}(?:[、，,]{})*", "{}(?:[、，,]{})*"))


@pytest.mark.parametrize("words", [
    ["副市长", "副市长助理", "市长", "长", "主任", "副主任", "市", "a.b", "(x)"],
    list(load_titles()), list(load_agency_names()), list(project_suffixes()),
], ids=["small", "titles", "agencies", "project_suffixes"])
def test_trie_alternation_matches_as_the_sorted_one(words, seed_lines):
    rnd = random.Random(7)
    chars = sorted({c for w in words for c in w}) + list("、，,（）() ")
    texts = seed_lines[:150] + ["".join(rnd.choice(words) if rnd.random() < 0.3 else rnd.choice(chars)
                                        for _ in range(rnd.randint(0, 14))) for _ in range(800)]
    for wrapper, fast_wrapper in _WRAPPERS:
        old = re.compile(wrapper.format(_sorted_alternation(words), _sorted_alternation(words)))
        new = re.compile(fast_wrapper.format(longest_first(words), longest_first(words)))
        for text in texts:
            assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)], (wrapper, text)
            if wrapper.endswith("$"):
                for end in range(len(text) + 1):      # search within a prefix, as the `$` pattern is used
                    a, b = old.search(text, 0, end), new.search(text, 0, end)
                    assert (a and a.span()) == (b and b.span()), (wrapper, text, end)


@pytest.mark.parametrize("words", [["公司", "分公司", "集团", "局", "研究院", "院"], list(project_suffixes())],
                         ids=["small", "project_suffixes"])
def test_bare_branches_match_as_the_grouped_trie_also_after_other_branches(words, seed_lines):
    # longest_first_branches is the trie without its group, to join after other branches
    grouped = re.compile(r"（X|\(X|" + longest_first(words))
    bare = re.compile(r"（X|\(X|" + longest_first_branches(words))
    for text in seed_lines[:300] + ["（X分公司", "(X研究院", "院院局"]:
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in bare.finditer(text)], text


def test_trie_alternation_refuses_empty_words():
    with pytest.raises(ValueError):
        longest_first(["局", ""])
    with pytest.raises(ValueError):
        longest_first([])


def test_token_indexes_agree_with_a_scan(seed_lines):
    for line in seed_lines[:200]:
        tokens = tokenize(line)
        assert isinstance(tokens, Tokens) and all(type(t) is Token for t in tokens)
        plain = list(tokens)
        for pos in range(len(line) + 2):
            assert starting_at(tokens, pos) == next((t for t in plain if t.start == pos), None)
            assert ending_at(tokens, pos) == next((t for t in plain if t.end == pos), None)
            assert starting_at(plain, pos) == starting_at(tokens, pos)
            assert ending_at(plain, pos) == ending_at(tokens, pos)


def _plain_scan(lengths: dict[str, list[int]], forms: frozenset[str], text: str) -> list[tuple[int, int, str]]:
    """The scan as it was written before its positions were filtered: every position looked up."""
    found, n, i = [], len(text), 0
    while i < n - 1:
        for length in lengths.get(text[i:i + 2], ()):
            end = i + length
            if end > n or text[i:end] not in forms:
                continue
            if end < n and (text[end] == ETHNIC_MARK or text[end - 1:end + 1] in BOUNDARY_WORDS):
                continue
            found.append((i, end, text[i:end]))
            i = end - 1
            break
        i += 1
    return found


@pytest.mark.parametrize("towns", [False, True])
def test_gazetteer_scan_finds_what_a_plain_scan_finds(towns, seed_lines):
    gazetteer = load_gazetteer()
    gazetteer.find_all("", towns=towns)
    matcher = gazetteer._matchers[(towns, False)]
    rnd = random.Random(3)
    forms = sorted(matcher._forms)
    filler = list("的在和与市场民区域乡村镇化族，。、 1a")
    texts = seed_lines + ["".join(rnd.choice(forms) if rnd.random() < 0.4 else rnd.choice(filler)
                                  for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert gazetteer.find_all(text, towns=towns) == _plain_scan(matcher._lengths, matcher._forms, text), text


def test_known_org_openings_are_all_candidates(seed_lines):
    from kg.extract.known_orgs import _lengths_by_opening, _opening_re
    from kg.resolve.lexicon import load_known_orgs
    openings = _lengths_by_opening()
    rnd = random.Random(5)
    forms = sorted(load_known_orgs())
    texts = seed_lines + ["".join(rnd.choice(forms) if rnd.random() < 0.4 else rnd.choice("的在和与，。 1a")
                                  for _ in range(rnd.randint(0, 10))) for _ in range(2000)]
    for text in texts:
        candidates = {m.start() for m in _opening_re().finditer(text)}
        opening = {p for p in range(len(text)) if text[p:p + 2] in openings or text[p] in openings}
        assert opening <= candidates, text
