"""Metrics of an article: each quantity of a sentence with what it measures and of whom.

    extract_metrics(article, mentions) -> list[LocalMetric]

For every quantity that `numbers.find_quantities` finds, the sentence around
it gives the rest of a `LocalMetric`.  This module decides the role of each
figure and puts the pieces together; the pieces live in their own modules:

- role (here): a percentage or multiple after 增长/下降 (or before 的增长) is a
  change; it goes on the value just before it (5842.2万吨，同比增长14.7%) or
  stands alone as a bare change (货运量分别同比增长144.7%…); 同比增加44个 after a
  count is its absolute change and a figure of its own; 是全国的2倍 is a ratio
  and no metric.
- about: `metric_subject` (the project holding the figure, 分别 lists, the
  clause's subject) and `metric_topic` (the subject carried from earlier
  sentences, which starts as the headline's topic);
- indicator: `metric_indicator`; a figure left without one takes what the
  article last measured in its unit;
- year and period: `metric_year`; status: `metric_status`.

Each sentence passes a `Carry` (year, subject, plan section) to the next.
Headline figures count when the body does not repeat them.  The same figure
said twice in an article of the same thing is kept once.  Cue words are data
(kg/resources/metric_*); everything is regular expressions compiled once, so
the extractor runs at several hundred thousand characters a second.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from ..model import ACTUAL, PROJECT, Article, LocalMetric, Mention
from .metric_cues import cues
from .metric_frame import Carry, Frame
from .metric_indicator import indicator, name_indicator, noun_after, segment_start
from .metric_status import cue_status, figure_status, plan_heading
from .metric_subject import distribution, figure_subject, holder
from .metric_topic import headline_topic, opening_subject
from .metric_year import ArticleTime, figure_year, is_stock, passed_on_year, states_time
from .numbers import MULTIPLE, PERCENT, Quantity, find_quantities


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


# ---------------------------------------------------------------- the extractor

def extract_metrics(article: Article, mentions: Sequence[Mention]) -> list[LocalMetric]:
    """The metrics of an article's sentences; `about` indexes `mentions`."""
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}
    for i, m in enumerate(mentions):
        if m.end > m.start:
            by_sentence.setdefault(m.sentence, []).append((i, m))
    for group in by_sentence.values():
        group.sort(key=lambda pair: (pair[1].start, -pair[1].end))
    time = ArticleTime.of(article)
    carry = Carry(year=time.opening_year, subject=headline_topic(mentions, article.headline))
    drafts: list[_Draft] = []
    last_indicator: dict[str | None, str] = {}
    for sentence in article.sentences:
        heading = plan_heading(sentence.text)
        if heading is not None:
            carry = replace(carry, in_plan=heading)
        qs = find_quantities(sentence.text)
        named = by_sentence.get(sentence.index, [])
        if not qs and not named and not states_time(sentence.text):
            continue
        frame = Frame(sentence.index, sentence.text, named, time.year, time.january, time.dated, qs)
        own = _sentence_drafts(frame, qs, mentions, carry) if qs else []
        for d in own:
            if not d.indicator and d.unit in last_indicator:
                d.indicator = last_indicator[d.unit]   # 全年突破1900万吨: what the article last measured in t
            if d.indicator:
                last_indicator[d.unit] = d.indicator
        drafts += own
        subject = opening_subject(frame, mentions, [d.about for d in own])
        carry = Carry(year=passed_on_year(frame, carry.year),
                      subject=subject if subject is not None else carry.subject, in_plan=carry.in_plan)
    drafts += _headline_drafts(article, by_sentence.get(HEADLINE, []), mentions, time, drafts)
    return [d.freeze() for d in _dedupe(drafts)]


HEADLINE = -1     # the sentence index of the headline


def _headline_drafts(article: Article, named: list[tuple[int, Mention]], mentions: Sequence[Mention],
                     time: ArticleTime, body: list[_Draft]) -> list[_Draft]:
    """Figures of the headline that the body does not repeat (a caption: 和林县正邦5万只奶山羊
    养殖基地项目); a headline mostly restates the body's main figure."""
    qs = find_quantities(article.headline) if article.headline else []
    if not qs:
        return []
    frame = Frame(HEADLINE, article.headline, named, time.year, time.january, time.dated, qs)
    said = {(d.unit, d.value) for d in body if d.value is not None} | {d.change for d in body if d.change is not None}
    out = []
    for d in _sentence_drafts(frame, qs, mentions, Carry(year=time.opening_year)):
        if (d.value is not None and (d.unit, d.value) in said) or (d.value is None and d.change in said):
            continue
        if d.value is None:                    # 跨境电商进出口规模同比增长5.5倍 over a body that gives the value
            value = next((b for b in body if b.value is not None and b.change is None
                          and _same_head(b.indicator, d.indicator) and b.year == d.year), None)
            if value is not None:
                value.change = d.change
                continue
        out.append(d)
    return out


# ---------------------------------------------------------------- roles

@dataclass(frozen=True)
class _Change:
    sign: Decimal
    verb_start: int          # where the change verb starts (the indicator ends there)


_LIST_GAP = re.compile(r"[、，,和及与\s]*")
# A percentage followed by 的 and a change noun is a rate of change (20%的刚性增长机制, 10%的增幅).
_RATE_OF_CHANGE = re.compile(r"(?:以上|左右)?的[^\s，,；;。、0-9]{0,2}(?P<verb>增长|增幅|增速|下降|降幅)")
_BETWEEN_VALUE_AND_CHANGE = re.compile(
    r"(?:[，,、\s]|同比|环比|比上年|较上年|比去年|较去年|比上年同期|较上年同期|比去年同期|较去年同期|同期|分别|均|了|约|也|还"
    r"|(?:比|较|与)(?:19|20)[0-9]{2}年(?:同期)?(?:相比)?)*")


def _changes(frame: Frame, qs: list[Quantity]) -> list[_Change | None]:
    """For each quantity, the change verb that governs it, if it is a change.

    增长14.7% and 增长5.5倍 are changes; so are the later items of a list after
    one verb (分别同比增长144.7%、31.2%、89.4%; 分别增长1倍和15倍)."""
    c = cues()
    out: list[_Change | None] = []
    for k, q in enumerate(qs):
        found = c.change_before.search(frame.text, frame.clause_start(q.start), q.start)
        change = None
        if found is not None:
            verb = found.group("verb")
            if q.unit in (PERCENT, MULTIPLE) or verb in ("增加", "减少"):
                change = _Change(c.change_sign[verb], found.start())
        elif k and out[k - 1] is not None and q.unit in (PERCENT, MULTIPLE) \
                and _LIST_GAP.fullmatch(frame.text, qs[k - 1].end, q.start):
            change = out[k - 1]
        elif q.unit == PERCENT:
            after = _RATE_OF_CHANGE.match(frame.text, q.end)
            if after is not None:              # 执行好20%的刚性增长机制: a rate of growth
                change = _Change(c.change_sign[after.group("verb")], q.start)
        out.append(change)
    return out


def _sentence_drafts(frame: Frame, qs: list[Quantity], mentions: Sequence[Mention],
                     carry: Carry) -> list[_Draft]:
    drafts: list[_Draft] = []
    added: list[_Draft] = []                   # absolute changes as figures of their own
    distributed = distribution(frame, qs)
    changes = _changes(frame, qs)
    previous_end: int | None = None
    k = 0
    while k < len(qs):
        q, change = qs[k], changes[k]
        if q.unit == MULTIPLE and change is None:
            previous_end, k = q.end, k + 1
            continue                           # 是全国的2倍: a ratio, not a figure of its own
        if change is not None and q.unit in (PERCENT, MULTIPLE):
            run = [j for j in range(k, len(qs)) if changes[j] is change]
            targets = _attachable(frame, drafts, change.verb_start, len(run))
            if targets and not any(j in distributed for j in run):
                for j, target in zip(run, targets):
                    target.change = change.sign * qs[j].value
                    target.tail = max(target.tail, qs[j].end)
            else:
                for j in run:
                    about = distributed.get(j, figure_subject(frame, qs[j], carry, mentions))
                    draft = _draft(frame, qs[j], about, None, None, mentions, previous_end, carry,
                                   seg_end=change.verb_start)
                    draft.change = change.sign * qs[j].value
                    drafts.append(draft)
            previous_end, k = qs[run[-1]].end, run[-1] + 1
            continue
        about = distributed.get(k, figure_subject(frame, q, carry, mentions))
        if change is not None:                 # 同比增加44个
            targets = _attachable(frame, drafts, change.verb_start, 1)
            if targets and targets[0].unit == q.unit and targets[0].change_abs is None:
                target = targets[0]
                words = frame.text[max(target.q.end, target.tail):q.start].strip("，,、 ")
                target.change_abs = change.sign * q.value
                target.tail = q.end
                # …and a figure of its own, as an analyst would list it: 新增对外投资项目数同比增加 44个.
                added.append(replace(target, q=q, value=q.value, change=None, change_abs=None,
                                     indicator=target.indicator + words, tail=q.end))
            else:
                drafts.append(_draft(frame, q, about, q.value, q.unit, mentions, previous_end, carry))
        elif q.is_range:
            low = _draft(frame, q, about, q.low, q.unit, mentions, previous_end, carry)
            high = replace(low, value=q.high, indicator=low.indicator + "上限")
            low.indicator += "下限"
            drafts += [low, high]
        else:
            drafts.append(_draft(frame, q, about, q.value, q.unit, mentions, previous_end, carry))
        previous_end, k = q.end, k + 1
    for earlier, draft in pairwise(drafts):
        if not draft.indicator and draft.unit == earlier.unit:
            draft.indicator = earlier.indicator    # 分别完成投资500亿元、300亿元: the list shares it
    return drafts + added


def _attachable(frame: Frame, drafts: list[_Draft], verb_start: int, n: int) -> list[_Draft]:
    """The n values that n changes belong to: the last n figures of the sentence, with
    only punctuation and 同比-type words between the last and the change verb
    (接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%)."""
    own = [d for d in drafts if d.sentence == frame.index]
    if len(own) < n:
        return []
    chosen = own[-n:]
    if any(d.value is None or d.change is not None for d in chosen):
        return []
    end = max(chosen[-1].q.end, chosen[-1].tail)
    end += len(noun_after(frame.text, end, verb_start))     # 7600万吨货运量、同比增长30%
    if not _BETWEEN_VALUE_AND_CHANGE.fullmatch(frame.text, end, verb_start):
        return []
    return chosen


def _draft(frame: Frame, q: Quantity, about: int | None, value, unit, mentions: Sequence[Mention],
           previous_end: int | None, carry: Carry, seg_end: int | None = None) -> _Draft:
    held = holder(frame, q)
    if held is not None:
        words = name_indicator(frame, q, mentions[held])
    else:
        words = indicator(frame, q, segment_start(frame, q, previous_end), q.start if seg_end is None else seg_end)
    draft = _Draft(q=q, about=about, indicator=words, value=value, unit=unit, sentence=frame.index)
    status = cue_status(frame, q)
    draft.status = figure_status(frame, q, mentions[held] if held is not None else None, carry.in_plan,
                                 is_stock(frame, q))
    draft.period = frame.period_before(q.start)
    of_project = held is not None or (about is not None and mentions[about].type == PROJECT)
    draft.year = figure_year(frame, q, carry.year, status, of_project, draft.period)
    return draft


# ---------------------------------------------------------------- duplicates

def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """The same figure twice in an article, said of the same thing in two sentences
    (重点项目1100个 in a lead and again in the body), is one metric.  It is the same
    figure when the subjects agree or one of them is unknown; the one kept takes the
    subject and year the other knows."""
    seen: dict[tuple, list[_Draft]] = {}
    out = []
    for d in drafts:
        key = (d.unit, d.value, d.change, d.q.surface_unit) if d.value is not None else (None, None, d.change, None)
        earlier = seen.setdefault(key, [])
        same = next((e for e in earlier if e.sentence != d.sentence and _alike(d.indicator, e.indicator)
                     and (e.about == d.about or e.about is None or d.about is None)), None)
        if same is None:
            earlier.append(d)
            out.append(d)
            continue
        if same.about is None:
            same.about = d.about
        if same.year is None:
            same.year = d.year
    return out


def _same_head(a: str, b: str) -> bool:
    """Whether two indicators end in the same noun and share another pair of characters
    (纳入海关统计的跨境电商规模, 跨境电商进出口规模)."""
    if _alike(a, b):
        return True
    pairs = lambda s: {s[i:i + 2] for i in range(len(s) - 1)}
    return len(a) >= 2 and a[-2:] == b[-2:] and len(pairs(a) & pairs(b)) >= 2


def _alike(a: str, b: str) -> bool:
    """Whether two indicators name the same thing: one holds the other, or half their
    character pairs are shared (Dice ≥ 0.5)."""
    if not a or not b or a in b or b in a:
        return True
    x, y = {a[i:i + 2] for i in range(len(a) - 1)}, {b[i:i + 2] for i in range(len(b) - 1)}
    return 2 * len(x & y) >= 0.5 * (len(x) + len(y))
