"""The cue words of the metric extractor (kg/resources/metric_*), compiled once.

Also the regular-expression pieces every metric module shares: punctuation,
time words, 《title》 spans.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ..model import FORECAST, TARGET
from .alternation import longest_first
from .numbers import resource_lines, resource_pairs

CLAUSE_BREAKS = "，,；;。！？!?：:（）()"
ENUMERATION = "、和及与"
PUNCT = re.escape("，,；;。！？!?：:、“”\"‘’'（）()《》〈〉「」『』【】—…·")
# Words that place a clause in time without being its subject (2022年，…; 目前，…).
TIME_WORDS = (r"(?:19|20)[0-9]{2}年(?:度|底|末|初|以来|全年|前)?|去年|今年|明年|前年|当年|本年度|全年|年内|年初"
              r"|年底|年末|目前|截至目前|近年来|此外|同时|其中|[0-9]{1,2}(?:—|-|至)[0-9]{1,2}月份?"
              r"|上半年|下半年|前三季度|[0-9]{1,2}月(?:[0-9]{1,2}日)?|春节以来|以来")


def words_re(words) -> re.Pattern:
    """One alternation of `words`, the longest first."""
    return re.compile(longest_first(words))


@cache
def cues() -> Cues:
    return Cues()


class Cues:
    """The compiled cue words of kg/resources/metric_*."""

    def __init__(self) -> None:
        self.status = resource_pairs("metric_status_cues.tsv")
        self.clause_scoped = frozenset(line.split("\t")[0].strip() for line in resource_lines("metric_status_cues.tsv")
                                       if line.rstrip().endswith("\tclause"))
        bad = [s for s in self.status.values() if s not in (TARGET, FORECAST)]
        if bad:
            raise ValueError(f"kg/resources/metric_status_cues.tsv: unknown status {bad[0]!r}")
        self.status_re = words_re(self.status)
        self.blocker_re = words_re(resource_lines("metric_status_blockers.txt"))
        self.disposal_re = words_re(resource_lines("metric_disposal_verbs.txt"))
        signs = resource_pairs("metric_change_verbs.tsv")
        self.change_sign = {verb: Decimal(sign) for verb, sign in signs.items()}
        verbs = "|".join(re.escape(v) for v in sorted(signs, key=len, reverse=True))
        # The change verb right before a figure: 同比增长14.7%, 增速为8%, 分别同比增长144.7%.
        self.change_before = re.compile(rf"(?P<verb>{verbs})(?:了|为|达|达到)?(?:约|近|超|超过)?$")
        self.object_markers = tuple(resource_lines("metric_object_markers.txt"))
        self.stock_re = words_re(resource_lines("metric_stock_cues.txt"))
        edges = sorted(resource_lines("metric_edge_words.txt"), key=len, reverse=True)
        alt = "|".join(re.escape(w) for w in edges)
        self.edge_start = re.compile(rf"^(?:{alt}|{TIME_WORDS}|[\s{PUNCT}])+")
        self.edge_end = re.compile(rf"(?:{alt}|{TIME_WORDS}|[\s{PUNCT}])+$")
        stops = "|".join(re.escape(w) for w in sorted(resource_lines("metric_after_stops.txt"), key=len, reverse=True))
        compounds = "|".join(re.escape(w) for w in sorted(resource_lines("metric_after_compounds.txt"),
                                                          key=len, reverse=True))
        # A quoted name counts as one word of the noun (150项“全区通办”事项), so do the
        # words that hold a stop character (公共 holds 共).
        self.after_noun = re.compile(rf"(?:“[^”]{{1,20}}”|{compounds}|(?!{stops})[^\s{PUNCT}])+")
        designations = "|".join(re.escape(w) for w in sorted(resource_lines("metric_designation_verbs.txt"),
                                                             key=len, reverse=True))
        self.designation = re.compile(rf"(?:先后|分别|均|也|还|已|成功|再次|首次|正式)?(?:{designations})")
        self.territorial_re = words_re(resource_lines("metric_territorial_words.txt"))


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos <= e for s, e in spans)


def quoted_name(text: str, start: int, end: int) -> bool:
    """Whether a cue word ends or follows a quoted name (“攻坚计划”, “千企连千兵”计划)."""
    after, before = text[end:end + 1], text[start - 1:start] if start else ""
    if (after and after in "”》』」") or (before and before in "”》』」"):
        return True
    return (after == '"' and text.count('"', 0, start) % 2 == 1) or \
        (before == '"' and text.count('"', 0, start - 1) % 2 == 1)
