"""Word tokens of a sentence, with offsets and dictionary tags.

One jieba tokenizer for the process, with our dictionaries (places, agency
names, titles) added as words so that a name is one token everywhere.  The
part-of-speech tag of a token comes from jieba's dictionary (a lookup, not
the slow HMM tagger): enough to tell a preposition from a noun at a name's
left edge.

The segmenter is jieba's; when the optional jieba_fast is installed (`pip install
"kg[fast]"`: the same algorithm and dictionary with its inner loops in C) it does the
cutting, about twice as fast, with the same words (tests/test_tokens_backend.py
compares the two on the seed articles).  With jieba_fast, the words come from
kg/extract/fast_cut.py: its `cut` as one loop with no generators, the same words
(tests/test_tokenize_loop.py); the route through each run of Chinese is still jieba_fast's C.
"""
from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

import jieba

try:    # optional: `pip install "kg[fast]"`
    import jieba_fast as _segmenter
except ImportError:     # pragma: no cover - depends on the installation
    _segmenter = jieba

from ..resolve.gazetteer import load_gazetteer
from ..resolve.lexicon import load_agency_names, load_known_orgs, load_titles
from .fast_cut import make_cutter

jieba.setLogLevel(logging.WARNING)
_segmenter.setLogLevel(logging.WARNING)

SEGMENTER = _segmenter.__name__     # "jieba" or "jieba_fast"


class Token(NamedTuple):
    # A named tuple rather than a frozen dataclass: an article makes ~35 tokens a sentence,
    # and a tuple is made several times faster (the same fields, repr, equality and hash).
    text: str
    start: int
    end: int
    tag: str          # jieba dictionary tag; "x" for words not in the dictionary, "w" for punctuation


class Tokens(list):
    """The tokens of one sentence, in order (a list), which also finds a token by where it
    starts or ends: recognizers ask "is there a word boundary here?" thousands of times a
    sentence.  The indexes are made on first use; the list is not to be changed after."""
    __slots__ = ("_by_start", "_by_end")

    def by_start(self) -> dict[int, Token]:
        try:
            return self._by_start
        except AttributeError:
            self._by_start = {t.start: t for t in reversed(self)}    # the first token wins, as in a scan
            return self._by_start

    def by_end(self) -> dict[int, Token]:
        try:
            return self._by_end
        except AttributeError:
            self._by_end = {t.end: t for t in reversed(self)}
            return self._by_end


def starting_at(tokens: Sequence[Token], pos: int) -> Token | None:
    """The (first) token that starts at `pos`; any sequence of tokens, indexed when it is `Tokens`."""
    if isinstance(tokens, Tokens):
        return tokens.by_start().get(pos)
    return next((t for t in tokens if t.start == pos), None)


def ending_at(tokens: Sequence[Token], pos: int) -> Token | None:
    """The (first) token that ends at `pos`."""
    if isinstance(tokens, Tokens):
        return tokens.by_end().get(pos)
    return next((t for t in tokens if t.end == pos), None)


PUNCTUATION = set("，。、；：？！“”‘’（）()《》〈〉「」『』【】—…·,.;:?!\"' \n\t")


@lru_cache(maxsize=2)
def _tokenizer(module_name: str = SEGMENTER) -> tuple[jieba.Tokenizer, dict[str, str]]:
    module = _segmenter if module_name == SEGMENTER else jieba
    tokenizer = module.Tokenizer()
    # jieba caches its prefix dictionary as a file; one per user keeps parallel builds apart,
    # and one per segmenter keeps jieba and jieba_fast from reading each other's.
    tokenizer.tmp_dir = os.environ.get("KG_CACHE_DIR") or tempfile.gettempdir()
    tokenizer.cache_file = f"kg-{module.__name__}.cache"
    tokenizer.initialize()
    tags = dictionary_tags(tokenizer)
    for surface, _place in load_gazetteer().surface_forms():
        if len(surface) >= 2:
            tokenizer.add_word(surface, freq=2000, tag="ns")
            tags.setdefault(surface, "ns")
    for surface in load_agency_names():
        tokenizer.add_word(surface, freq=2000, tag="nt")
        tags[surface] = "nt"
    # 中铁十四局|和|中交二航局: the longer forms of known organizations are words too (jieba
    # cuts 局和中 otherwise); shorter brands (九州通, 圆通) stay jieba's, which lists of brands rely on.
    for surface, org in load_known_orgs().items():
        if len(surface) >= 4 and not org.weak and surface not in tags:
            tokenizer.add_word(surface, freq=2000, tag="nt")
            tags[surface] = "nt"
    for title in load_titles():
        tokenizer.add_word(title, freq=2000, tag="nn")
        tags[title] = "nn"
    return tokenizer, tags


def dictionary_tags(tokenizer: jieba.Tokenizer) -> dict[str, str]:
    """word -> tag of the tokenizer's dictionary file, a `word freq tag` line each: what
    jieba.posseg reads at its import (`POSTokenizer.word_tag_tab`), read in one split here.
    Importing jieba.posseg for it took 0.75 s of every process's start, line by line in
    Python, and loaded the tables of its HMM tagger, which kg does not use."""
    with tokenizer.get_dict_file() as stream:
        fields = stream.read().decode("utf-8").split()
    words, counts, tags = fields[0::3], fields[1::3], fields[2::3]
    # A line of two or four fields would shift every field after it; then a word or a tag
    # lands among the counts.  Such a file is read line by line, as jieba.posseg reads it.
    if len(fields) % 3 or not "".join(counts).isdigit():
        import jieba.posseg
        return dict(jieba.posseg.POSTokenizer(tokenizer).word_tag_tab)
    return dict(zip(words, tags))


def tokenize(text: str, segmenter: str = SEGMENTER) -> Tokens:
    tags = _tokenizer(segmenter)[1]
    cut = _cutter(segmenter)
    tag_of = _tags_seen(segmenter)
    new = tuple.__new__             # what Token(...) calls, without its Python-level __new__
    out = Tokens()
    pos = 0
    for word in cut(text):
        end = pos + len(word)
        tag = tag_of.get(word)
        if tag is None:
            if len(tag_of) >= _TAGS_SEEN_MAX:
                tag_of.clear()
            tag = tag_of[word] = _tag(word, tags)
        out.append(new(Token, (word, pos, end, tag)))
        pos = end
    return out


@lru_cache(maxsize=2)
def _cutter(segmenter: str) -> Callable[[str], list[str]]:
    """text -> words: jieba_fast's cut redone as one loop (kg/extract/fast_cut.py), or plain
    jieba's own `cut`."""
    tokenizer = _tokenizer(segmenter)[0]
    if segmenter == SEGMENTER == "jieba_fast":
        try:
            return make_cutter(tokenizer)
        except (ImportError, AttributeError):   # another jieba_fast, whose insides differ: its own cut
            pass
    return lambda text: list(tokenizer.cut(text, HMM=True))


def _tag(word: str, tags: dict[str, str]) -> str:
    if word in PUNCTUATION or PUNCTUATION.issuperset(word):
        return "w"
    return tags.get(word, "x")


# The tag of each word met so far.  Telling punctuation from words costs a set of characters
# a word, a third of tokenizing; the same few thousand words make up most of any text.
_TAGS_SEEN_MAX = 200_000


@lru_cache(maxsize=2)
def _tags_seen(segmenter: str) -> dict[str, str]:
    return {}


def dictionary_tag(word: str) -> str | None:
    """The tag of `word` in the segmenter's dictionary, None when it is not a word there."""
    # the segmenter named as tokenize names it: lru_cache keys `_tokenizer()` and
    # `_tokenizer(SEGMENTER)` apart, and a second tokenizer cost ~2 s a process to load
    return _tokenizer(SEGMENTER)[1].get(word)
