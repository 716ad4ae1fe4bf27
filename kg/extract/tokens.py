"""Word tokens of a sentence, with offsets and dictionary tags.

One jieba tokenizer for the process, with our dictionaries (places, agency
names, titles) added as words so that a name is one token everywhere.  The
part-of-speech tag of a token comes from jieba's dictionary (a lookup, not
the slow HMM tagger): enough to tell a preposition from a noun at a name's
left edge.

The segmenter is jieba's; when the optional jieba_fast is installed (`pip install
"kg[fast]"`: the same algorithm and dictionary with its inner loops in C) it does the
cutting, about twice as fast, with the same words (tests/test_tokens_backend.py
compares the two on the seed articles).
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

try:    # optional: `pip install "kg[fast]"`
    import jieba_fast as _segmenter
except ImportError:     # pragma: no cover - depends on the installation
    _segmenter = jieba

from ..resolve.gazetteer import load_gazetteer
from ..resolve.lexicon import load_agency_names, load_known_orgs, load_titles

jieba.setLogLevel(logging.WARNING)
_segmenter.setLogLevel(logging.WARNING)

SEGMENTER = _segmenter.__name__     # "jieba" or "jieba_fast"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    tag: str          # jieba dictionary tag; "x" for words not in the dictionary, "w" for punctuation


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
    tags = dict(jieba.posseg.dt.word_tag_tab)
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


def tokenize(text: str, segmenter: str = SEGMENTER) -> list[Token]:
    tokenizer, tags = _tokenizer(segmenter)
    out: list[Token] = []
    pos = 0
    for word in tokenizer.cut(text, HMM=True):
        end = pos + len(word)
        if word in PUNCTUATION or PUNCTUATION.issuperset(word):
            tag = "w"
        else:
            tag = tags.get(word, "x")
        out.append(Token(word, pos, end, tag))
        pos = end
    return out


def dictionary_tag(word: str) -> str | None:
    """The tag of `word` in the segmenter's dictionary, None when it is not a word there."""
    return _tokenizer()[1].get(word)
