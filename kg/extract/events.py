"""Events by their grammar: a name that ends in …奥运会, …博览会, …论坛, …杯 (unscored,
but an event's name must not leave a stray place behind: 巴黎 in 巴黎奥运会)."""
from __future__ import annotations

import re

from ..model import EVENT, Mention
from .alternation import longest_first
from .grammar import ends_a_word, has_proper_noun, left_edge
from .tokens import Token

EVENT_SUFFIXES = ("奥运会", "冬奥会", "亚运会", "运动会", "博览会", "展览会", "交易会", "洽谈会", "推介会",
                  "论坛", "峰会", "年会", "联赛", "锦标赛", "杯")
_SUFFIX_RE = re.compile(longest_first(EVENT_SUFFIXES))


def find_events(text: str, sentence: int, tokens: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    for match in _SUFFIX_RE.finditer(text):
        if not ends_a_word(tokens, match.end()):
            continue
        start = left_edge(tokens, match.start(), verbs=False)
        if match.start() - start < 2 or not has_proper_noun(tokens, start, match.start()):
            continue
        name = text[start:match.end()]
        out.append(Mention(text=name, type=EVENT, name=name, sentence=sentence, start=start, end=match.end()))
    return out
