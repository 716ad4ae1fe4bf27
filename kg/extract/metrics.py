"""Metrics of an article: each quantity of a sentence with what it measures and of whom.

For every quantity that `numbers.find_quantities` finds, the sentence around
it gives the rest of a `LocalMetric`:

- role: a percentage or multiple after 增长/下降 is a change; it goes on the
  value just before it (5842.2万吨，同比增长14.7%) or stands alone as a bare
  change (货运量分别同比增长144.7%…); 同比增加44个 after a count is its
  absolute change.
- about: the entity the figure describes (an index into the mentions): the
  project whose name holds the figure (2×66万千瓦扩建项目) or that the money
  builds, the subjects a 分别 list distributes over, the nearest subject
  mention of the clause, else a clause-opening one of the sentence, else the
  place or organization an earlier sentence (or the headline) opened with;
  None when there is none (the caller maps None to the home region).
- indicator: the words between the subject (or verb) and the figure, with
  verbs and adverbs stripped from the edges, or the noun after a count.
- year, period, status: from cue words of the sentence (2022年, 去年, 全年,
  1—11月; 目标, 力争, 预计); a year stated earlier in the article carries
  over to sentences that state none; stocks and project capacities without a
  stated year get none.

Cue words are data (kg/resources/metric_*.txt, *.tsv); everything is
regular expressions compiled once, so the extractor runs at several hundred
thousand characters a second.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Sequence

from ..model import (ACTUAL, FORECAST, ORGANIZATION, PERSON, PLACE, PROJECT, TARGET, Article, LocalMetric,
                     Mention)
from .numbers import (COUNT_LIKE, MULTIPLE, PERCENT, Quantity, find_periods, find_quantities, resource_lines,
                      resource_pairs)

SUBJECT_TYPES = frozenset({PLACE, ORGANIZATION, PROJECT, PERSON})
CLAUSE_BREAKS = "，,；;。！？!?：:（）()"
ENUMERATION = "、和及与"
_BREAK_RE = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")

# Indicators for a capacity written inside a project's name (10万吨颗粒硅项目).
NAME_INDICATORS = {"kW": "装机容量", "t": "产能", "head": "养殖规模", "m2": "面积", "mu": "面积",
                   "kWh": "发电量", "CNY": "投资", "PFLOPS": "算力"}


# ---------------------------------------------------------------- cue words

@lru_cache(maxsize=None)
def _cues() -> "_Cues":
    return _Cues()


class _Cues:
    """The compiled cue words of kg/resources/metric_*."""

    def __init__(self) -> None:
        self.status = resource_pairs("metric_status_cues.tsv")
        bad = [s for s in self.status.values() if s not in (TARGET, FORECAST)]
        if bad:
            raise ValueError(f"kg/resources/metric_status_cues.tsv: unknown status {bad[0]!r}")
        self.status_re = _words(self.status)
        self.blockers = tuple(resource_lines("metric_status_blockers.txt"))
        self.blocker_re = _words(self.blockers)
        self.disposal_re = _words(resource_lines("metric_disposal_verbs.txt"))
        signs = resource_pairs("metric_change_verbs.tsv")
        self.change_sign = {verb: Decimal(sign) for verb, sign in signs.items()}
        verbs = "|".join(re.escape(v) for v in sorted(signs, key=len, reverse=True))
        # The change verb right before a figure: 同比增长14.7%, 增速为8%, 分别同比增长144.7%.
        self.change_before = re.compile(rf"(?P<verb>{verbs})(?:了|为|达|达到)?(?:约|近|超|超过)?$")
        self.object_markers = tuple(resource_lines("metric_object_markers.txt"))
        self.stock_re = _words(resource_lines("metric_stock_cues.txt"))
        edges = sorted(resource_lines("metric_edge_words.txt"), key=len, reverse=True)
        alt = "|".join(re.escape(w) for w in edges)
        self.edge_start = re.compile(rf"^(?:{alt}|{_TIME_WORDS}|[\s{_PUNCT}])+")
        self.edge_end = re.compile(rf"(?:{alt}|{_TIME_WORDS}|[\s{_PUNCT}])+$")
        stops = "|".join(re.escape(w) for w in sorted(resource_lines("metric_after_stops.txt"), key=len, reverse=True))
        self.after_noun = re.compile(rf"^(?:(?!{stops})[^\s{_PUNCT}])+")


def _words(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_PUNCT = re.escape("，,；;。！？!?：:、“”\"‘’'（）()《》〈〉「」『』【】—…·")
_TIME_WORDS = (r"(?:19|20)[0-9]{2}年(?:度|底|末|初|以来|全年|前)?|去年|今年|明年|前年|当年|本年度|全年|年内|年初"
               r"|年底|年末|目前|截至目前|近年来|此外|同时|其中|[0-9]{1,2}(?:—|-|至)[0-9]{1,2}月份?"
               r"|上半年|下半年|前三季度|[0-9]{1,2}月(?:[0-9]{1,2}日)?|春节以来|以来")
_YEAR = re.compile(r"(?<![0-9０-９\-—–至~])((?:19|20)[0-9]{2})年(?!代|[0-9])")
_RELATIVE = {"前年": -2, "去年": -1, "上年": -1, "一年来": -1, "过去一年": -1, "过去的一年": -1,
             "过去这一年": -1, "今年": 0, "年内": 0, "本年": 0, "明年": 1}
_RELATIVE_RE = re.compile("(?<![0-9０-９])(?:" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + ")")
_WEAK_YEAR = re.compile(r"(?<![0-9０-９])(?:全年|年内|年底|年末|本年度)")
_COMPARISON_BASE = re.compile(r"(?:比|较|同|与|于|超|高于|低于)$")
_ACTUAL_MARK = re.compile(r"已经|已|完成了|实现了")
_RESULT = re.compile(r"共|累计|完成|实现|已|了")
_ACCOMPLISHED = re.compile(r"(?:完成了|实现了|已经完成|已完成|顺利完成|超额完成|全面完成)[^，,；;。]{0,6}$")
_CONTINUATION = re.compile(r"\s*(?:同比|环比|比上年|较上年|比去年|较去年|增长|下降|增加|减少|占|其中)")


# ---------------------------------------------------------------- sentence frame

@dataclass
class _Draft:
    """A metric being built; frozen into a LocalMetric at the end."""
    q: Quantity
    about: int | None
    indicator: str
    value: Decimal | None
    unit: str | None
    sentence: int
    change: Decimal | None = None
    change_abs: Decimal | None = None
    year: int | None = None
    period: str | None = None
    status: str = ACTUAL
    tail: int = -1           # where the figure's text ends, changes attached to it included

    def freeze(self) -> LocalMetric:
        return LocalMetric(about=self.about, indicator=self.indicator, value=self.value, unit=self.unit,
                           raw=self.q.raw, sentence=self.sentence, change=self.change,
                           change_abs=self.change_abs, year=self.year, period=self.period,
                           status=self.status, approximate=self.q.approximate)


@dataclass(frozen=True)
class _Carry:
    """What a sentence passes on to the next: the year it stated, the subject it opened with.

    A status is not carried: a plan sentence (要…) followed by one without cues is as
    often followed by a result as by more of the plan."""
    year: int | None = None
    subject: int | None = None


class _Sentence:
    """One sentence with its clauses, mentions and cues, for the quantities in it."""

    def __init__(self, index: int, text: str, mentions: list[tuple[int, Mention]], context_year: int | None,
                 january: bool = False):
        self.index, self.text = index, text
        self.context_year = context_year
        self.january = january
        self.breaks = [m.start() for m in _BREAK_RE.finditer(text)]
        spans = [(m.start, m.end) for _, m in mentions]
        # Outermost mentions only: 伊利 inside 伊利液奶三期 is not a subject of its own.
        self.mentions = [(i, m) for i, m in mentions
                         if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]
        self.years = self._year_cues()
        self.quantity_starts: list[int] = []
        self.quantity_ends: list[tuple[int, str | None]] = []
        self.quantity_spans: list[tuple[int, int]] = []

    # clauses
    def clause_start(self, pos: int) -> int:
        k = bisect_right(self.breaks, pos - 1)
        return self.breaks[k - 1] + 1 if k else 0

    def clause_end(self, pos: int) -> int:
        k = bisect_right(self.breaks, pos - 1)
        return self.breaks[k] if k < len(self.breaks) else len(self.text)

    def same_clause(self, a: int, b: int) -> bool:
        return bisect_right(self.breaks, a - 1) == bisect_right(self.breaks, b - 1)

    # years
    def _year_cues(self) -> list[tuple[int, int]]:
        cues = []
        titles = _title_spans(self.text) if "《" in self.text else []
        for m in _YEAR.finditer(self.text):
            if not _inside(m.start(), titles):
                cues.append((m.start(), int(m.group(1))))
        if self.context_year is not None:
            for m in _RELATIVE_RE.finditer(self.text):
                before = self.text[max(0, m.start() - 3):m.start()]
                if _COMPARISON_BASE.search(before) or self.text.startswith("同期", m.end()):
                    continue                   # 比去年同期增长: the base, not the figure's year
                cues.append((m.start(), self.context_year + _RELATIVE[m.group()]))
        cues.sort()
        return cues

    def finished_year(self, year: int, q: Quantity) -> int:
        """今年 in a January article, on a result (共举办43场), is the year just finished."""
        if self.january and year == self.context_year and self.status_at(q) is None \
                and _RESULT.search(self.text, self.clause_start(q.start), q.start) \
                and not _YEAR.search(self.text, 0, q.start):
            return year - 1
        return year

    def year_before(self, pos: int) -> int | None:
        best = None
        for start, year in self.years:
            if start < pos:
                best = year
        return best

    @property
    def last_year(self) -> int | None:
        return self.years[-1][1] if self.years else None

    @cached_property
    def periods(self) -> list[tuple[int, int, str]]:
        return find_periods(self.text)

    # status
    @cached_property
    def statuses(self) -> list[tuple[int, int, str]]:
        cues = _cues()
        blocked = [(m.start(), m.end()) for m in cues.blocker_re.finditer(self.text)]
        found = []
        for m in cues.status_re.finditer(self.text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in blocked):
                continue
            if _quoted_name(self.text, m.start(), m.end()):
                continue                       # “攻坚计划”, “千企连千兵”计划: a name
            if m.group() == "将" and cues.disposal_re.search(self.text, m.end(), self.clause_end(m.end())):
                continue                       # 将820项事项纳入…: 将 = 把
            if _ACCOMPLISHED.search(self.text, max(self.clause_start(m.start()), m.start() - 12), m.start()):
                continue                       # 顺利完成了招商引资目标任务: a plan fulfilled
            found.append((m.start(), m.end(), cues.status[m.group()]))
        return found

    def status_at(self, q: Quantity) -> str | None:
        """The status the cues of the sentence give a figure; None when no cue governs it.

        A target cue (力争, 要, 计划) governs the rest of its sentence; a forecast
        cue (预计) only its own clause and the clauses that continue its figure
        (…68个,同比增加44个): 预计A增长4%,B带动消费300亿元 forecasts A only."""
        start, end = self.clause_start(q.start), self.clause_end(q.end)
        chosen = None
        for s, e, status in self.statuses:
            if status == FORECAST and (start <= s < end or (s < q.start and self._continues(s, q.start))):
                return FORECAST
            if status == TARGET and s < q.start:
                chosen = (e, status)
        if chosen is None:
            return None
        if _ACTUAL_MARK.search(self.text, chosen[0], q.start):
            return ACTUAL
        return chosen[1]

    def _continues(self, cue: int, pos: int) -> bool:
        """Whether every clause from the cue's to pos's continues the one before it: a
        同比 clause, or the first clause of a new item of a ；-list (预计A…；B…)."""
        k = bisect_right(self.breaks, cue - 1)
        while k < len(self.breaks) and self.breaks[k] < pos:
            brk = self.breaks[k]
            if self.text[brk] not in "；;" and not _CONTINUATION.match(self.text, brk + 1):
                return False
            k += 1
        return True

    def period_before(self, pos: int) -> str | None:
        found = None
        for s, e, text in self.periods:
            if e <= pos:
                found = text
        return found


def _quoted_name(text: str, start: int, end: int) -> bool:
    """Whether a cue word ends or follows a quoted name (“攻坚计划”, “千企连千兵”计划)."""
    after, before = text[end:end + 1], text[start - 1:start] if start else ""
    if (after and after in "”》』」") or (before and before in "”》』」"):
        return True
    return (after == '"' and text.count('"', 0, start) % 2 == 1) or \
        (before == '"' and text.count('"', 0, start - 1) % 2 == 1)


def _title_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, ch in enumerate(text):
        if ch == "《":
            start = i
        elif ch == "》" and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos <= e for s, e in spans)


# ---------------------------------------------------------------- subjects

def _object_marked(text: str, mention: Mention) -> bool:
    """Whether the words right before a mention make it an object (占全区…, 从自治区气象局…)."""
    before = text[max(0, mention.start - 4):mention.start]
    return before.endswith(_cues().object_markers)


def _clause_initial(sent: _Sentence, mention: Mention) -> bool:
    """Whether a mention opens its clause, after time words only (2022年，和林格尔新区…)."""
    return not _LEADING.sub("", sent.text[sent.clause_start(mention.start):mention.start])


def _sentence_initial(sent: _Sentence, mention: Mention) -> bool:
    return not _LEADING.sub("", sent.text[:mention.start])


_LEADING = re.compile(rf"^(?:{_TIME_WORDS}|此外|另外|同时|其中|并且|并|而且|而|但|也|还|据悉|据了解|[\s{_PUNCT}])+")


def _about(sent: _Sentence, q: Quantity, carry: "_Carry") -> int | None:
    holder = _holder(sent, q)
    if holder is not None:
        return holder
    funded = _funded_project(sent, q)
    if funded is not None:
        return funded
    candidates = [(i, m) for i, m in sent.mentions
                  if m.type in SUBJECT_TYPES and not m.byline and m.end <= q.start
                  and not _object_marked(sent.text, m) and not _counted_item(sent.text, m, q)
                  and not _holds_a_figure(sent, m)]
    same = [i for i, m in candidates if sent.same_clause(m.start, q.start)]
    if same:
        return same[-1]
    initial = [i for i, m in candidates if m.type != PROJECT and _clause_initial(sent, m)
               and not _SEMICOLON.search(sent.text, m.end, q.start)]
    if initial:
        return initial[-1]
    return carry.subject


_SEMICOLON = re.compile("[；;]")
# 有 right before a number (全区有20个口岸, 还有63万失能老人), but not 已有 (a result so far).
_HAS_NUMBER_AFTER = re.compile(r"(?<!已)有(?:约|近|超过|超)?[0-9０-９一二两三四五六七八九十百千万]")
_PRESENT = re.compile(r"截至目前|截止目前|目前|至今|现已|如今")
_FUNDING = re.compile(r"(?:用于|建设|新建|兴建|扩建|实施|打造|投建)")


def _funded_project(sent: _Sentence, q: Quantity) -> int | None:
    """投资60亿元建设10GW光伏N型电池片生产项目: the money is the project's."""
    if q.unit not in ("CNY", "USD"):
        return None
    verb = _FUNDING.match(sent.text, q.end)
    if verb is None:
        return None
    for i, m in sent.mentions:
        if m.type == PROJECT and verb.end() <= m.start <= verb.end() + 2:
            return i
    return None


def _any_time_cue(article, year):
    for t in [article.headline] + [s.text for s in article.sentences]:
        if _YEAR.search(t) or _RELATIVE_RE.search(t) or _WEAK_YEAR.search(t) or "年初" in t:
            return True
    return False


def _frame_year(article, year):
    texts = [article.headline] + [s.text for s in article.sentences]
    for t in texts:
        sent = _Sentence(0, t, [], year)
        if sent.years:
            first = sent.years[0][1]
            return first if year is not None and first < year else None
    return None


def _headline_subject(mentions: Sequence[Mention], headline: str = "") -> int | None:
    """What the article is about, from its headline: a name the headline opens a part with
    and follows by a colon (市退役军人事务局：…, 郭梁：…); the organization of the person
    an interview is with (——访和林格尔县委书记李六小); else the first place, else the
    first organization."""
    outer = [(i, m) for i, m in enumerate(mentions) if m.sentence < 0 and m.end > m.start and not m.byline]
    spans = [(m.start, m.end) for _, m in outer]
    outer = [(i, m) for i, m in outer
             if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]
    for i, m in outer:
        if m.type in SUBJECT_TYPES and headline[m.end:m.end + 1] in ("：", ":"):
            return _place_of_committee(mentions, i)
    for i, m in outer:
        if m.type == ORGANIZATION and headline[max(0, m.start - 1):m.start] == "访":
            return _place_of_committee(mentions, i)
    for wanted in (PLACE, ORGANIZATION):
        for i, m in outer:
            if m.type == wanted and m.subtype not in _NO_TOPIC:
                return i
    return None


_COMMITTEE = re.compile("(?:党工委|党委|委)$")


def _place_of_committee(mentions: Sequence[Mention], i: int) -> int:
    """The place a party committee leads (和林格尔县委 -> 和林格尔县): what it reports on."""
    m = mentions[i]
    if m.type != ORGANIZATION or m.subtype != "PartyOrganization":
        return i
    place = _COMMITTEE.sub("", m.name)
    if place == m.name:
        return i
    for k, other in enumerate(mentions):
        if other.type == PLACE and other.name == place:
            return k
    return i


def _subject_of(sent: "_Sentence") -> int | None:
    """The subject a sentence opens with (2022年，和林格尔新区…), for the sentences after it.

    Only a place or an organization at the head of the sentence, after time words,
    counts: a name met later in a long sentence, a person or a project rarely
    carries over."""
    for i, m in sent.mentions:
        if m.type in (PLACE, ORGANIZATION) and m.subtype not in _NO_TOPIC:
            if _SESSION.match(sent.text, m.end):
                return None
            return i if _sentence_initial(sent, m) else None
    return None


_SESSION = re.compile("[一二三四五六七八九十]+届|第[一二三四五六七八九十]+")
_DESIGNATION = re.compile(r"(?:先后|分别|均|也|还|成功|再次|首次|被)?(?:获批|获评|荣获|获得|入选|被评为|被命名为|被授予|被认定为|被列为|列入|纳入)")


def _closed_statement(sent, i, mentions) -> bool:
    m = mentions[i]
    after = sent.text[m.end:]
    if after[:1] in ("、", "和", "与", "及"):
        return True
    return _DESIGNATION.match(after) is not None


# Subtypes that rarely are what a run of figures is about: the newspaper, a foreign country.
_NO_TOPIC = frozenset({"Media", "Country"})


def _counted_item(text: str, mention: Mention, q: Quantity) -> bool:
    """X、Y等28个项目, 呼和浩特、包头共5个市: the named items are what is counted."""
    between = text[mention.end:q.start]
    if any(ch in CLAUSE_BREAKS for ch in between):
        return False
    if "等" in between:
        return True
    if q.unit not in COUNT_LIKE:
        return False
    return _ITEMS_BEFORE_COUNT.fullmatch(between) is not None or \
        (not between and text[mention.start - 1:mention.start] == "、")


_ITEMS_BEFORE_COUNT = re.compile(r"共|共计|合计|这|总计")


def _holder(sent: _Sentence, q: Quantity) -> int | None:
    """The project whose name contains the figure: 金山电厂2×66万千瓦扩建项目."""
    for i, m in sent.mentions:
        if m.start <= q.start and q.end <= m.end and m.type == PROJECT:
            return i
    return None


def _holds_a_figure(sent: _Sentence, m: Mention) -> bool:
    """A name that is not a project but spans a figure (17万应届大学) is no subject."""
    return m.type != PROJECT and any(s < m.end and m.start < e for s, e in sent.quantity_spans)


def _distribution(sent: _Sentence, qs: list[Quantity]) -> dict[int, int]:
    """分别: the n figures after it go to the n enumerated subjects before it."""
    out: dict[int, int] = {}
    for found in re.finditer("分别", sent.text):
        pos = found.start()
        listed = [k for k, q in enumerate(qs) if q.start > pos and sent.same_clause(found.end(), q.start)]
        if len(listed) < 2:
            continue
        group = _enumerated_before(sent, pos)
        if len(group) == len(listed):
            for k, idx in zip(listed, group):
                out[k] = idx
    return out


def _enumerated_before(sent: _Sentence, pos: int) -> list[int]:
    """The last run of mentions joined by 、/和/及 before `pos` in the sentence."""
    before = [(i, m) for i, m in sent.mentions if m.end <= pos and m.type in SUBJECT_TYPES and not m.byline]
    if not before:
        return []
    run = [before[-1]]
    for i, m in reversed(before[:-1]):
        gap = sent.text[m.end:run[0][1].start]
        if gap and all(ch in ENUMERATION for ch in gap):
            run.insert(0, (i, m))
        else:
            break
    return [i for i, _ in run] if len(run) > 1 else []


# ---------------------------------------------------------------- indicators

def _clean(phrase: str) -> str:
    cues = _cues()
    for _ in range(3):
        before = phrase
        phrase = cues.edge_start.sub("", phrase)
        phrase = cues.edge_end.sub("", phrase)
        if phrase == before:
            break
    phrase = phrase.strip("“”\"‘’'（）()")
    if len(phrase) > 18:
        phrase = phrase[-18:]
    return phrase


def _noun_after(text: str, end: int, limit: int | None = None) -> str:
    stop = min(end + 16, limit if limit is not None else len(text))
    match = _cues().after_noun.match(text[end:stop])
    return match.group() if match else ""


def _indicator(sent: _Sentence, q: Quantity, seg_start: int, seg_end: int) -> str:
    """The words before the figure; for a count, the noun after it (3个国家级重大创新平台),
    with a short verb before it kept (带动131家企业 -> 带动企业)."""
    raw = sent.text[seg_start:seg_end]
    if "等" in raw:                            # 汽车、家电等以旧换新带动消费: drop the examples
        raw = raw[raw.rindex("等") + 1:]
    before = _clean(raw)
    later = [s for s in sent.quantity_starts if s >= q.end]
    after = _noun_after(sent.text, q.end, later[0] if later else None) \
        if (q.unit in COUNT_LIKE or q.implied or not before) else ""
    # 7个盟市的45个旗县: the words between two counts are the first one's noun.
    after_count = any(e == seg_start and u in COUNT_LIKE for e, u in sent.quantity_ends)
    if after:
        if not before or after_count or _LIST_TAIL.search(raw):
            return after                       # …平台和2个全国重点实验室: the words before are the last item's
        if len(before) <= 4:
            return before + after              # 带动131家企业, 签约的292个亿元以上项目
        if raw.rstrip().endswith("的"):
            return after                       # 汇聚两院院士在内的24位首席科学家
    return before


_LIST_TAIL = re.compile(r"(?:和|及|与|以及|、)\s*$")


def _segment_start(sent: _Sentence, q: Quantity, previous_end: int | None) -> int:
    """Where the words of a figure's indicator start: after the last name, or the last
    figure, of its clause."""
    start = sent.clause_start(q.start)
    for _, m in sent.mentions:
        if start <= m.start and m.end <= q.start:
            start = m.end
    if previous_end is not None and previous_end <= q.start and sent.same_clause(previous_end, q.start):
        start = max(start, previous_end)
    return start


def _name_indicator(sent: _Sentence, q: Quantity, holder: Mention) -> str:
    word = NAME_INDICATORS.get(q.unit or "", "规模")
    if q.unit in ("t", "head"):
        product = _noun_after(sent.text[:holder.end], q.end)
        product = re.sub(r"(?:项目|工程|基地|工厂|电站|园区|产业园)$", "", product)
        product = re.sub(r"(?:养殖|生产|建设|扩建|新建)$", "", product)
        return product + word if product else word
    return word


# ---------------------------------------------------------------- the extractor

def extract_metrics(article: Article, mentions: Sequence[Mention]) -> list[LocalMetric]:
    """The metrics of an article's sentences; `about` indexes `mentions`."""
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}
    for i, m in enumerate(mentions):
        if m.end > m.start:
            by_sentence.setdefault(m.sentence, []).append((i, m))
    for group in by_sentence.values():
        group.sort(key=lambda pair: (pair[1].start, -pair[1].end))
    year = article.context.year
    january = bool(article.context.date) and article.context.date[-5:-3] == "01"
    if article.context.date is None and not _any_time_cue(article, year):
        year = None
    carry = _Carry(subject=_headline_subject(mentions, article.headline), year=_frame_year(article, year))
    drafts: list[_Draft] = []
    for sentence in article.sentences:
        qs = find_quantities(sentence.text)
        if not qs and not by_sentence.get(sentence.index) and not _YEAR.search(sentence.text) \
                and not _RELATIVE_RE.search(sentence.text):
            continue
        sent = _Sentence(sentence.index, sentence.text, by_sentence.get(sentence.index, []), year, january)
        if qs:
            new = _sentence_drafts(sent, qs, mentions, carry)
            drafts += new
        else:
            new = []
        subject = _subject_of(sent)
        if subject is not None and not any(d.about == subject for d in new) and _closed_statement(sent, subject, mentions):
            subject = None
        if subject is not None:
            subject = _place_of_committee(mentions, subject)
        carry = _Carry(year=sent.last_year if sent.last_year is not None else carry.year,
                       subject=subject if subject is not None else carry.subject)
    return [d.freeze() for d in _dedupe(drafts)]


@dataclass(frozen=True)
class _Change:
    sign: Decimal
    verb_start: int          # where the change verb starts (the indicator ends there)


def _changes(sent: _Sentence, qs: list[Quantity]) -> list[_Change | None]:
    """For each quantity, the change verb that governs it, if it is a change.

    增长14.7% and 增长5.5倍 are changes; so are the later items of a list after
    one verb (分别同比增长144.7%、31.2%、89.4%; 分别增长1倍和15倍)."""
    cues = _cues()
    out: list[_Change | None] = []
    for k, q in enumerate(qs):
        clause_start = sent.clause_start(q.start)
        found = cues.change_before.search(sent.text, clause_start, q.start)
        change = None
        if found is not None:
            verb = found.group("verb")
            if q.unit in (PERCENT, MULTIPLE) or verb in ("增加", "减少"):
                change = _Change(cues.change_sign[verb], found.start())
        elif k and out[k - 1] is not None and q.unit in (PERCENT, MULTIPLE) \
                and _LIST_GAP.fullmatch(sent.text, qs[k - 1].end, q.start):
            change = out[k - 1]
        out.append(change)
    return out


_LIST_GAP = re.compile(r"[、，,和及与\s]*")


def _sentence_drafts(sent: _Sentence, qs: list[Quantity], mentions: Sequence[Mention],
                     carry: _Carry) -> list[_Draft]:
    drafts: list[_Draft] = []
    sent.quantity_starts = [q.start for q in qs]
    sent.quantity_ends = [(q.end, q.unit) for q in qs]
    sent.quantity_spans = [(q.start, q.end) for q in qs]
    distributed = _distribution(sent, qs)
    changes = _changes(sent, qs)
    previous_end: int | None = None
    k = 0
    while k < len(qs):
        q, change = qs[k], changes[k]
        if q.unit == MULTIPLE and change is None:
            previous_end, k = q.end, k + 1
            continue                           # 是全国的2倍: a ratio, not a figure of its own
        if change is not None and q.unit in (PERCENT, MULTIPLE):
            run = [j for j in range(k, len(qs)) if changes[j] is change]
            targets = _attachable(sent, drafts, change.verb_start, len(run))
            if targets and not any(j in distributed for j in run):
                for j, target in zip(run, targets):
                    target.change = change.sign * qs[j].value
                    target.tail = max(target.tail, qs[j].end)
            else:
                for j in run:
                    about = distributed.get(j, _about(sent, qs[j], carry))
                    draft = _draft(sent, qs[j], about, None, None, mentions, previous_end, carry,
                                   seg_end=change.verb_start)
                    draft.change = change.sign * qs[j].value
                    drafts.append(draft)
            previous_end, k = qs[run[-1]].end, run[-1] + 1
            continue
        about = distributed.get(k, _about(sent, q, carry))
        if change is not None:                 # 同比增加44个
            targets = _attachable(sent, drafts, change.verb_start, 1)
            if targets and targets[0].unit == q.unit and targets[0].change_abs is None:
                targets[0].change_abs = change.sign * q.value
                targets[0].tail = q.end
            else:
                drafts.append(_draft(sent, q, about, q.value, q.unit, mentions, previous_end, carry))
        elif q.is_range:
            low = _draft(sent, q, about, q.low, q.unit, mentions, previous_end, carry)
            high = replace(low, value=q.high, indicator=low.indicator + "上限")
            low.indicator += "下限"
            drafts += [low, high]
        else:
            drafts.append(_draft(sent, q, about, q.value, q.unit, mentions, previous_end, carry))
        previous_end, k = q.end, k + 1
    for earlier, draft in zip(drafts, drafts[1:]):
        if not draft.indicator and draft.unit == earlier.unit:
            draft.indicator = earlier.indicator    # 分别完成投资500亿元、300亿元: the list shares it
    return drafts


def _attachable(sent: _Sentence, drafts: list[_Draft], verb_start: int, n: int) -> list[_Draft]:
    """The n values that n changes belong to: the last n figures of the sentence, with
    only punctuation and 同比-type words between the last and the change verb
    (接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%)."""
    own = [d for d in drafts if d.sentence == sent.index]
    if len(own) < n:
        return []
    chosen = own[-n:]
    if any(d.value is None or d.change is not None for d in chosen):
        return []
    if not _BETWEEN_VALUE_AND_CHANGE.fullmatch(sent.text, max(chosen[-1].q.end, chosen[-1].tail), verb_start):
        return []
    return chosen


_BETWEEN_VALUE_AND_CHANGE = re.compile(
    r"(?:[，,、\s]|同比|环比|比上年|较上年|比去年|较去年|比上年同期|较上年同期|比去年同期|较去年同期|同期|分别|均|了|约|也|还)*")


def _draft(sent: _Sentence, q: Quantity, about: int | None, value, unit, mentions: Sequence[Mention],
           previous_end: int | None, carry: _Carry, seg_end: int | None = None) -> _Draft:
    holder = _holder(sent, q)
    if holder is not None:
        indicator = _name_indicator(sent, q, mentions[holder])
    else:
        seg_start = _segment_start(sent, q, previous_end)
        indicator = _indicator(sent, q, seg_start, q.start if seg_end is None else seg_end)
    draft = _Draft(q=q, about=about, indicator=indicator, value=value, unit=unit, sentence=sent.index)
    status = sent.status_at(q)
    if holder is not None and status is None:
        status = _project_status(sent, mentions[holder])
    draft.status = status if status is not None else ACTUAL
    draft.period = sent.period_before(q.start)
    draft.year = _year(sent, q, about, holder, mentions, carry, draft.period)
    return draft


def _project_status(sent: _Sentence, project: Mention) -> str:
    """A capacity in a project's name is a plan until the sentence says the project is done."""
    rest = sent.text[project.end:]
    rest = rest[:_SEMICOLON.search(rest).start()] if _SEMICOLON.search(rest) else rest
    return ACTUAL if _DONE.search(rest) else TARGET


_DONE = re.compile(r"建成|投产|并网|投运|投入运行|运营|竣工|完工|落成|通车|开通")


def _year(sent: _Sentence, q: Quantity, about: int | None, holder: int | None,
          mentions: Sequence[Mention], carry: _Carry, period: str | None) -> int | None:
    """The year of a figure: stated in the sentence before it, else (for all but a project's
    capacity) a 全年/年内 of the sentence, else none for a stock, else the year carried from
    the sentences before, else the article's year."""
    stated = sent.year_before(q.start)
    if stated is not None:
        return sent.finished_year(stated, q)
    if holder is not None or (about is not None and mentions[about].type == PROJECT):
        return None                            # a project's capacity or investment: no year unless stated
    if period is not None or _WEAK_YEAR.search(sent.text, 0, q.start):
        return carry.year if carry.year is not None else sent.context_year
    clause_start = sent.clause_start(q.start)
    clause = sent.text[clause_start:sent.clause_end(q.end)]
    if _PRESENT.search(clause):
        return sent.context_year               # 截至目前…共5个市获批
    if _cues().stock_re.search(clause) or _HAS_NUMBER_AFTER.search(sent.text, clause_start, q.start + 1):
        return None                            # 全区有20个口岸, 还有63万失能老人、158万残疾人: a stock
    if carry.year is not None:
        return carry.year
    return sent.context_year


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """The same figure of the same subject twice in an article, said of the same thing
    (重点项目1100个 in a lead and again in the body), is one metric."""
    seen: dict[tuple, list[str]] = {}
    out = []
    for d in drafts:
        key = (d.about, d.unit, d.value, d.change, d.q.surface_unit) if d.value is not None \
            else (d.about, d.change)
        earlier = seen.setdefault(key, [])
        if any(_alike(d.indicator, other) for other in earlier):
            continue
        earlier.append(d.indicator)
        out.append(d)
    return out


def _alike(a: str, b: str) -> bool:
    if not a or not b or a in b or b in a:
        return True
    return bool({a[i:i + 2] for i in range(len(a) - 1)} & {b[i:i + 2] for i in range(len(b) - 1)})
