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
def _paper_names() -> re.Pattern[str]:
    names = sorted((p.name for p in newspapers()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


# ---------------------------------------------------------------- newspaper

_SOURCE_NOTE = re.compile(r"(?:来源|稿源|原载|摘自|转载自|转自|本文来自)\s*[：:]?\s*《?$")
_REPORTER_AFTER = re.compile(r"\s*(?:全媒体|融媒体|首席|特约|见习)?记者")
_MASTHEAD_REST = re.compile(r"[\s\d０-９年月日星期一二三四五六七日第版期号版面（）()|｜·/—-]*$")
_MASTHEAD_MAX = 40


def _stated_and_foreign(text: str) -> tuple[Counter[str], set[str]]:
    """Papers the text names as its own, and papers it names as another paper.

    Own: a masthead line (内蒙古日报 2023年2月10日 星期五), a source note
    (来源：内蒙古日报), 内蒙古日报讯; a reporter credit (内蒙古日报记者) only
    when the text never says 本报.  Another paper: its reporter next to 本报.
    """
    stated: Counter[str] = Counter()
    foreign: set[str] = set()
    says_benbao = "本报" in text
    for match in _paper_names().finditer(text):
        name = match.group(0)
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start:match.start()]
        after = text[match.end():line_end]
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
_DEIXIS = {
    "区": re.compile(r"我区|全区"),
    "省": re.compile(r"我省|全省|本省"),
    "市": re.compile(r"我市|全市|本市|首府|(?:^|(?<=[在和与及由对向把将经按受据同请共是为的、，。“：（\s]))"
                    r"市(?:委|政府|人大|政协)", re.M),
    "盟": re.compile(r"我盟|全盟"),
    "国": re.compile(r"我国"),
}
_MIN_DEIXIS = 2


def _deixis_scores(text: str) -> dict[str, int]:
    scores = {}
    for kind, pattern in _DEIXIS.items():
        score = 0
        for match in pattern.finditer(text):
            score += 2 if match.group(0).startswith("我") else 1
        scores[kind] = score
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
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*年?\s*[-—–~～至到]\s*(?:19|20)\d\d\s*年")
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
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


def _year_mentions(text: str) -> list[re.Match[str]]:
    """Mentions of years that may be the issue's year: not in titles, ranges or deadlines."""
    skipped: list[tuple[int, int]] = [m.span() for m in _BOOK_TITLE.finditer(text)]
    skipped += [m.span() for m in _YEAR_RANGE.finditer(text)]
    mentions = []
    for match in _YEAR.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in skipped):
            continue
        if _TARGET_BEFORE.search(text[max(0, start - 2):start]) or _TARGET_AFTER.match(text, match.end()):
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
    if not newspaper and not home:
        newspaper, home = infer_newspaper(text)
    year = hint.year if hint.year is not None else infer_year(text, month, datelines)
    return replace(hint, newspaper=newspaper, home=home, year=year)
