"""A sentence as the metric modules see it: its clauses, its names, its figures and year cues.

`Frame` is built once per sentence that holds a figure or a name; the
subject, year, status and indicator modules all read from it.  `Carry` is
what one sentence passes on to the next.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Mention
from .metric_cues import CLAUSE_BREAKS, PUNCT, TIME_WORDS
from .metric_year import year_cues_with_bases
from .numbers import Quantity, find_periods

_BREAK_RE = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")
# What may stand before a name that still opens its clause: time words, connectives, punctuation.
# Quarters and the first months of a year (一季度, 今年首5个月) are time words here too.
_PERIOD_WORDS = r"(?:今年|去年)?(?:第?[一二三四]季度|首季度?|[前首][0-9一二三四五六七八九十]{1,2}个?月)"
LEADING = re.compile(rf"^(?:{TIME_WORDS}|{_PERIOD_WORDS}|此外|另外|同时|其中|并且|并|而且|而|但|也|还|据悉|据了解"
                     rf"|[\s{PUNCT}])+")


# The first months of a year as a period (今年首5个月, 首季): numbers.find_periods knows 前5个月.
_FIRST_MONTHS = re.compile(r"首[0-9一二三四五六七八九十]{1,2}个月|首季度?")


@dataclass(frozen=True)
class Carry:
    """What a sentence passes on to the next: the year it stated, the subject it opened with.

    A status is not carried: a plan sentence (要…) followed by one without cues is as
    often followed by a result as by more of the plan."""
    year: int | None = None
    subject: int | None = None
    in_plan: bool = False        # inside a section that lays out plans (二、2025年工作安排)


@dataclass
class Frame:
    """One sentence with its clauses, mentions and cues."""
    index: int
    text: str
    all_mentions: list[tuple[int, Mention]]       # (index into the article's mentions, mention), by position
    context_year: int | None = None
    january: bool = False                        # the article appeared in January
    dated: bool = True                           # the article's date is known
    quantities: list[Quantity] = field(default_factory=list)
    memo: dict = field(default_factory=dict)      # per-sentence results other modules compute once

    def __post_init__(self) -> None:
        self.breaks = [m.start() for m in _BREAK_RE.finditer(self.text)]
        spans = [(m.start, m.end) for _, m in self.all_mentions]
        # Outermost mentions only: 伊利 inside 伊利液奶三期 is not a subject of its own.
        self.mentions = [(i, m) for i, m in self.all_mentions
                         if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]
        cues = year_cues_with_bases(self.text, self.context_year)
        self.years = [(pos, year) for pos, year, _ in cues]
        self.base_years = [(pos, year) for pos, year, base in cues if base]

    # clauses
    def clause_start(self, pos: int) -> int:
        k = bisect_right(self.breaks, pos - 1)
        return self.breaks[k - 1] + 1 if k else 0

    def clause_end(self, pos: int) -> int:
        k = bisect_right(self.breaks, pos - 1)
        return self.breaks[k] if k < len(self.breaks) else len(self.text)

    def same_clause(self, a: int, b: int) -> bool:
        return bisect_right(self.breaks, a - 1) == bisect_right(self.breaks, b - 1)

    def clause_initial(self, m: Mention) -> bool:
        """Whether a mention opens its clause, after time words only (2022年，和林格尔新区…)."""
        return not LEADING.sub("", self.text[self.clause_start(m.start):m.start])

    def time_words_only(self, pos: int) -> bool:
        """Whether pos's clause holds time words only (2023年，…; 今年以来，…)."""
        return not LEADING.sub("", self.text[self.clause_start(pos):self.clause_end(pos)])

    def sentence_initial(self, m: Mention) -> bool:
        return not LEADING.sub("", self.text[:m.start])

    # figures
    @cached_property
    def quantity_spans(self) -> list[tuple[int, int]]:
        return [(q.start, q.end) for q in self.quantities]

    @cached_property
    def quantity_units(self) -> list[tuple[int, int, str | None]]:
        return [(q.start, q.end, q.unit) for q in self.quantities]

    def quantity_starts_after(self, pos: int) -> list[int]:
        return [q.start for q in self.quantities if q.start >= pos]

    # time
    def year_before(self, pos: int) -> int | None:
        best = None
        for start, year in self.years:
            if start < pos:
                best = year
        return best

    def base_year_after(self, pos: int) -> int | None:
        """The year a comparison base after pos, in the clauses that continue pos's, makes
        of a figure (…1850亿元，较2022年增长5% -> 2023)."""
        for at, year in self.base_years:
            if at >= pos and not any(pos <= b < at and self.text[b] in "；;。" for b in self.breaks):
                return year
        return None

    def year_in_clause(self, pos: int) -> int | None:
        """The last year stated in pos's clause before pos."""
        start = self.clause_start(pos)
        best = None
        for at, year in self.years:
            if start <= at < pos:
                best = year
        return best

    @property
    def last_year(self) -> int | None:
        return self.years[-1][1] if self.years else None

    @cached_property
    def periods(self) -> list[tuple[int, int, str]]:
        found = find_periods(self.text)
        found += [(m.start(), m.end(), m.group()) for m in _FIRST_MONTHS.finditer(self.text)
                  if not any(s <= m.start() < e for s, e, _ in found)]
        return sorted(found)

    def period_before(self, pos: int) -> str | None:
        found = None
        for s, e, text in self.periods:
            if e <= pos:
                found = text
        return found
