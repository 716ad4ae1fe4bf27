"""What a reader of a newspaper page knows that the page does not say.

Which newspaper a page comes from decides what 我区/全区 or 我市/全市 refer
to, and the year of the issue decides what 今年/去年/全年 mean.  Both are taken
from the text when it states them, and inferred when it does not:

* newspaper: a masthead line or a source note (来源：内蒙古日报) names it;
  otherwise the deictic words the page uses (我区/全区 for an autonomous
  region's paper, 我省/全省 for a province's, 我市/全市/首府 for a city's)
  choose the kind of home, and the home of that kind named most often wins.
  A paper named as the employer of a co-author next to 本报 reporters
  (◎本报记者 甲 呼和浩特日报记者 乙) is another paper, so it is ruled out.
* year: a full date in a dateline or page header wins; otherwise the years
  the text mentions, read the way a January or February report of last
  year's results is read.

The table of papers is `kg/resources/newspapers.tsv`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from kg.model import Context

# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Newspaper:
    name: str          # 内蒙古日报
    home: str          # 内蒙古自治区
    deixis: str        # 区 / 省 / 市 / 盟 / 国: the paper says 我区, 我省 …
    names: tuple[str, ...]   # forms of the home counted in the text (内蒙古, 内蒙)
    primary: bool      # the paper named when only its home is inferred


@lru_cache(maxsize=1)
def newspapers() -> tuple[Newspaper, ...]:
    """The rows of kg/resources/newspapers.tsv."""
    text = resources.files("kg").joinpath("resources/newspapers.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, home, deixis, names, primary = line.split("\t")
        rows.append(Newspaper(name, home, deixis, tuple(n for n in names.split(",") if n),
                              primary.strip() == "1"))
    return tuple(rows)


def newspaper_home(name: str) -> str | None:
    """The home region of a newspaper of the table (内蒙古日报 -> 内蒙古自治区)."""
    for paper in newspapers():
        if paper.name == name:
            return paper.home
    return None


@lru_cache(maxsize=1)
def _paper_name_lengths() -> tuple[frozenset[str], tuple[int, ...]]:
    names = frozenset(p.name for p in newspapers())
    return names, tuple(sorted({len(n) for n in names}, reverse=True))


def _paper_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the table's papers in the text, longest name first.

    Every name ends in 报, so only the characters before each 报 are looked up
    (much faster than one pattern with a hundred alternatives).
    """
    names, lengths = _paper_name_lengths()
    found = []
    end = text.find("报")
    while end >= 0:
        for length in lengths:
            start = end + 1 - length
            if start >= 0 and text[start:end + 1] in names:
                found.append((start, end + 1, text[start:end + 1]))
                break
        end = text.find("报", end + 1)
    return found


# ---------------------------------------------------------------- newspaper

_SOURCE_NOTE = re.compile(r"(?:来源|稿源|原载|摘自|转载自|转自|本文来自)\s*[：:]?\s*《?$")
_REPORTER_AFTER = re.compile(r"\s*(?:全媒体|融媒体|首席|特约|见习)?记者")
_MASTHEAD_REST = re.compile(r"[\s\d０-９年月日星期一二三四五六七日第版期号版面（）()|｜·/—-]*$")
_MASTHEAD_MAX = 40


def masthead_paper(line: str) -> str | None:
    """The paper a masthead line names (内蒙古日报 2023年2月10日 星期五), else None."""
    line = line.strip(" #《")
    if len(line) > _MASTHEAD_MAX or "报" not in line:
        return None
    for start, end, name in _paper_mentions(line):
        if start == 0 and _MASTHEAD_REST.match(line[end:].lstrip("》")):
            return name
    return None


def _stated_and_foreign(text: str) -> tuple[Counter[str], set[str]]:
    """Papers the text names as its own, and papers it names as another paper.

    Own: a masthead line (内蒙古日报 2023年2月10日 星期五), a source note
    (来源：内蒙古日报), 内蒙古日报讯; a reporter credit (内蒙古日报记者) only
    when the text never says 本报.  Another paper: its reporter next to 本报.
    """
    stated: Counter[str] = Counter()
    foreign: set[str] = set()
    says_benbao = "本报" in text
    for start, end, name in _paper_mentions(text):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start:start]
        after = text[end:line_end]
        if _REPORTER_AFTER.match(after):
            if says_benbao:
                foreign.add(name)
            else:
                stated[name] += 1
        elif after.startswith("讯") or _SOURCE_NOTE.search(before):
            stated[name] += 1
        elif (not before.strip(" #《") and line_end - line_start <= _MASTHEAD_MAX
              and _MASTHEAD_REST.match(after.lstrip("》"))):
            stated[name] += 1
    return stated, foreign


# Deictic words and what kind of home they point to.  我X counts double: it
# can only be the paper's own home, while 全X also names any region of that kind.
_DEIXIS_WORDS = {
    "区": {"我区": 2, "全区": 1},
    "省": {"我省": 2, "全省": 1, "本省": 1},
    "市": {"我市": 2, "全市": 1, "本市": 1, "首府": 1},
    "盟": {"我盟": 2, "全盟": 1},
    "国": {"我国": 1},
}
# 市委/市政府 without a city name before it: the paper's own city (在市委、市政府的领导下).
_BARE_CITY_BODY = re.compile(r"(?:^|(?<=[在和与及由对向把将经按受据同请共是为的、，。“：（\s]))市(?:委|政府|人大|政协)",
                             re.M)
_MIN_DEIXIS = 2


def _deixis_scores(text: str) -> dict[str, int]:
    scores = {kind: sum(weight * text.count(word) for word, weight in words.items())
              for kind, words in _DEIXIS_WORDS.items()}
    if "市" in text:
        scores["市"] += len(_BARE_CITY_BODY.findall(text))
    return scores


def _most_named(text: str, candidates: list[Newspaper], foreign: set[str]) -> Newspaper | None:
    """The paper of the home the text names most (its primary paper if it has several).

    None when no home of the candidates is named, or when the papers of the
    most-named home are all ruled out: the page is then not of that kind.
    """
    counts: dict[str, int] = {}
    for paper in candidates:
        if paper.home not in counts:
            counts[paper.home] = sum(text.count(name) for name in paper.names)
    if not counts or max(counts.values()) == 0:
        return None
    home = max(counts, key=lambda h: counts[h])  # first of the table on ties
    papers = [p for p in candidates if p.home == home and p.name not in foreign]
    if not papers:
        return None
    return next((p for p in papers if p.primary), papers[0])


def infer_newspaper(text: str) -> tuple[str | None, str | None]:
    """(newspaper, home) of a document; either may be None."""
    stated, foreign = _stated_and_foreign(text)
    if stated:
        name = max(stated, key=lambda n: stated[n])
        return name, newspaper_home(name)
    scores = _deixis_scores(text)
    for kind in sorted(scores, key=lambda k: -scores[k]):
        if scores[kind] < _MIN_DEIXIS:
            break
        paper = _most_named(text, [p for p in newspapers() if p.deixis == kind], foreign)
        if paper is not None:
            return (paper.name if paper.primary else None), paper.home
    return None, None


# ---------------------------------------------------------------- year

_FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
# 2023-2025年, 2023年至2025年: a span of years, not the year.
_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–~～至到]\s*$")
_RANGE_AFTER = re.compile(r"\s*[-—–~～至到]\s*(?:19|20)\d\d")
_TITLE_REACH = 80
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A year named as a deadline or horizon (到2035年, 2030年前) is not the year.
_TARGET_BEFORE = re.compile(r"(?:到|至|于)\s*$")
_TARGET_AFTER = re.compile(r"\s*(?:前|以前|之前)")
_PLAN_WORDS = re.compile(r"将|计划|力争|目标|预计|争取|拟|确保|要|安排|开局|起步|之年")
_RESULT_WORDS = re.compile(r"同比|完成|实现|增长|下降|签约|累计|达到|取得|获批|全年|突破|比上年")
_HEADER_LINE_MAX = 40
_WINDOW = 30


def _dated_header_year(text: str, datelines: list[str]) -> int | None:
    """The year of a full date in a dateline or a short header line (2023年2月10日 星期五)."""
    for dateline in datelines:
        match = _FULL_DATE.search(dateline)
        if match:
            return int(match.group(1))
    for line in text.split("\n"):
        if len(line) <= _HEADER_LINE_MAX:
            match = _FULL_DATE.search(line)
            if match and not re.search(r"[，。,；;]", line):
                return int(match.group(1))
    return None


def _in_book_title(text: str, start: int, end: int) -> bool:
    opening = text.rfind("《", max(0, start - _TITLE_REACH), start)
    if opening < 0 or text.rfind("》", opening, start) >= 0:
        return False
    closing = text.find("》", end, end + _TITLE_REACH)
    return closing >= 0 and text.find("《", end, closing) < 0


def _year_mentions(text: str) -> list[re.Match[str]]:
    """Mentions of years that may be the issue's year: not in titles, ranges or deadlines."""
    mentions = []
    for match in _YEAR.finditer(text):
        start, end = match.span()
        before = text[max(0, start - 8):start]
        if (_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(text, end)
                or _TARGET_BEFORE.search(before) or _TARGET_AFTER.match(text, end)
                or _in_book_title(text, start, end)):
            continue
        mentions.append(match)
    return mentions


def _reads_as_results(text: str, mentions: list[re.Match[str]]) -> bool:
    """Whether a year is mostly spoken of as finished (results) rather than planned."""
    results = plans = 0
    for match in mentions:
        window = text[match.end():match.end() + _WINDOW].split("。")[0]
        if _PLAN_WORDS.search(window):
            plans += 1
        elif _RESULT_WORDS.search(window):
            results += 1
    return results > plans


def infer_year(text: str, month: int | None = None, datelines: list[str] | None = None) -> int | None:
    """The year of the issue.

    The year mentioned most often is either the issue's year or, in a report
    of last year's results, the year before it: when the next year is also
    mentioned (plans for it), or when a January/February text speaks of 去年
    and of that year's results only, the issue's year is the next one.
    """
    header = _dated_header_year(text, datelines or [])
    if header is not None:
        return header
    mentions = _year_mentions(text)
    if not mentions:
        return None
    counts = Counter(int(m.group(1)) for m in mentions)
    most = max(counts, key=lambda y: (counts[y], y))
    if most + 1 in counts:
        return most + 1
    if month is None:
        first = _MONTH_DAY.search(text)
        month = int(first.group(1)) if first else None
    if (month is not None and month <= 2 and "去年" in text
            and _reads_as_results(text, [m for m in mentions if int(m.group(1)) == most])):
        return most + 1
    return most


# ---------------------------------------------------------------- context

def infer_context(text: str, hint: Context | None = None, month: int | None = None,
                  datelines: list[str] | None = None) -> Context:
    """Document-level context (newspaper, home, year); what `hint` gives wins.

    `month` is the month of the first dateline when the caller knows it;
    `datelines` are the raw datelines (a full date there fixes the year).
    """
    hint = hint or Context()
    newspaper, home = hint.newspaper, hint.home
    if newspaper and not home:
        home = newspaper_home(newspaper)
    if not home:  # no hint, or a paper the table does not know: infer
        inferred, home = infer_newspaper(text)
        newspaper = newspaper or inferred
    year = hint.year if hint.year is not None else infer_year(text, month, datelines)
    return replace(hint, newspaper=newspaper, home=home, year=year)
