"""The year a figure is for: stated (2022年, 去年), carried from the sentences before, or none.

    year_cues(text, context_year)       the years a sentence states, with positions
    ArticleTime.of(article)             what the whole article says about time
    figure_year(frame, q, ...)          the year of one figure

Rules, in order:

1. a year stated before the figure in its sentence: 2022年; 去年 in an article
   of 2023 is 2022; 比去年同期 states this year; 今年 in a January article, on a
   result, is the year just finished; for a project's figure only a year of its
   own clause or of a clause of time words (预计2024年底投产；二期投资65亿元 has none);
2. a comparison base after the figure (1850亿元，较2022年增长5% is of 2023);
3. none for a project's capacity or investment;
4. none for a target when the year carried from the sentences before is past
   (a plan stated in a review of last year does not give its year);
5. the carried year for a figure of a period (1—11月) or of 全年/年内;
6. the article's year for now (目前, 截至2月6日);
7. none for a stock (全区有20个口岸, 累计, 每年, 已集聚…97个 — even after 目前 —
   and the 总… of a stock just counted);
8. the year carried from the sentences before; else the article's year when
   its date is known (an undated article that ties a figure to no year gives
   it none: the document's year is inferred, not given).

A sentence passes on the last year it states, but not a deadline to come
(预计2026年底建成投产); else, when nothing was carried and it speaks of the year
it is in (全年, 年初以来, 一季度), the article's year.  Before
an article's first stated year, the carried year is that first year when it
is earlier than the article's year (a review of last year that names its
year only later).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import TARGET, Article
from .metric_cues import cues, inside
from .numbers import Quantity, title_spans

if TYPE_CHECKING:
    from .metric_frame import Frame

YEAR = re.compile(r"(?<![0-9０-９\-—–至~])((?:19|20)[0-9]{2})年(?!代|[0-9])")
_RELATIVE = {"前年": -2, "去年": -1, "上年": -1, "一年来": -1, "过去一年": -1, "过去的一年": -1,
             "过去这一年": -1, "今年": 0, "年内": 0, "本年": 0, "明年": 1}
RELATIVE = re.compile("(?<![0-9０-９])(?:" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + ")")
WEAK_YEAR = re.compile(r"(?<![0-9０-９])(?:全年|年内|年初|年底|年末|本年度)")
_COMPARISON_BASE = re.compile(r"(?:比|较|同|与|超|高于|低于|多于|少于)$")
_RESULT = re.compile(r"共|累计|完成|实现|已|了")
_PRESENT = re.compile(r"截至目前|截止目前|目前|至今|现已|如今|(?:截至|截止)[0-9０-９]{1,2}月")
# 有 right before a number (全区有20个口岸, 还有63万失能老人), but not 已有 (a result so far).
_HAS_NUMBER_AFTER = re.compile(r"(?<!已)有(?:约|近|超过|超)?[0-9０-９一二两三四五六七八九十百千万]")


# A stock gathered so far (已集聚相关项目97个, 已入驻企业43家): a total, not a year's result.
_GATHERED = re.compile(r"已(?:经)?(?:集聚|聚集|储备|入驻|汇聚|进驻)")
_TOTAL = ("总", "合计", "共计")
# Punctuation and connectives that may open a clause before its words.
_CONNECTIVES = re.compile(r"^(?:[\s，,、]|其中|并|且|而)+")
# A year followed in its clause by a completion verb: a deadline (2024年底建成投用).
_DEADLINE = re.compile(r"[^，,；;。]{0,10}?(?:建成|投产|竣工|完工|投用|投入使用|投运|上线|达产|通车)")


def year_cues(text: str, context_year: int | None) -> list[tuple[int, int]]:
    """(position, year) of every year a sentence states, in order; not years inside
    《titles》.  A year that is a comparison base (比去年同期增长, 较2022年增长) states
    the year after it: the figure compared with it."""
    return [(pos, year) for pos, year, _ in year_cues_with_bases(text, context_year)]


def year_cues_with_bases(text: str, context_year: int | None) -> list[tuple[int, int, bool]]:
    """(position, year, is_base) of every year a sentence states; is_base marks a comparison base."""
    cues_found = []
    titles = title_spans(text) if "《" in text else []
    for m in YEAR.finditer(text):
        if not inside(m.start(), titles):
            base = _base(text, m.start(), m.end())
            cues_found.append((m.start(), int(m.group(1)) + base, bool(base)))
    if context_year is not None:
        for m in RELATIVE.finditer(text):
            base = _base(text, m.start(), m.end())
            cues_found.append((m.start(), context_year + _RELATIVE[m.group()] + base, bool(base)))
    cues_found.sort()
    return cues_found


def _base(text: str, start: int, end: int) -> int:
    """1 when the year at start:end is what a figure is compared with, else 0."""
    return 1 if _COMPARISON_BASE.search(text, max(0, start - 3), start) or text.startswith("同期", end) else 0


@dataclass(frozen=True)
class ArticleTime:
    """What an article as a whole says about time."""
    year: int | None             # the year 今年 means
    dated: bool                  # the article's date is known
    january: bool                # the article appeared in January
    opening_year: int | None     # the year carried into the first sentences

    @classmethod
    def of(cls, article: Article) -> ArticleTime:
        year, date = article.context.year, article.context.date
        texts = [article.headline] + [s.text for s in article.sentences]
        return cls(year=year, dated=bool(date), january=bool(date) and date[-5:-3] == "01",
                   opening_year=_opening_year(texts, year))


def _opening_year(texts: list[str], year: int | None) -> int | None:
    """The first year the article states, when it is earlier than the article's own:
    a review of last year whose first sentences name no year are about that year too."""
    if year is None:
        return None
    for text in texts:
        found = year_cues(text, year)
        if found:
            first = found[0][1]
            return first if first < year else None
    return None


def finished_year(frame: Frame, year: int, q: Quantity, status: str | None) -> int:
    """今年 in a January article, on a result (共举办43场), is the year just finished."""
    if frame.january and year == frame.context_year and status is None \
            and _RESULT.search(frame.text, frame.clause_start(q.start), q.start) \
            and not YEAR.search(frame.text, 0, q.start):
        return year - 1
    return year


def figure_year(frame: Frame, q: Quantity, carry_year: int | None, status: str | None,
                of_project: bool, period: str | None) -> int | None:
    """The year of one figure (see the module's docstring for the order of the rules)."""
    stated = frame.year_before(q.start)
    if stated is not None and of_project and not _ties_year(frame, q):
        stated = None                          # 预计2024年底投产；二期投资65亿元: the year is the opening's
    if stated is not None:
        return finished_year(frame, stated, q, status)
    compared = frame.base_year_after(q.end)
    if compared is not None:
        return compared                        # 1850亿元，较2022年增长5%: the year after the base
    if of_project:
        return None                            # a project's capacity or investment: no year unless stated
    if status == TARGET and carry_year is not None and frame.context_year is not None \
            and carry_year < frame.context_year:
        return None                            # a plan in a review of a past year: its year is not given
    if period is not None or WEAK_YEAR.search(frame.text, 0, q.start):
        return carry_year if carry_year is not None else frame.context_year
    if _GATHERED.search(frame.text, frame.clause_start(q.start), q.start):
        return None                            # 目前已入驻企业43家: a stock, whatever 目前 says
    if _PRESENT.search(frame.text, 0, frame.clause_end(q.end)):
        return frame.context_year              # 截至目前…共5个市获批
    if is_stock(frame, q):
        return None                            # 全区有20个口岸, 还有63万失能老人、158万残疾人: a stock
    if carry_year is not None:
        return carry_year
    return frame.context_year if frame.dated else None


def _ties_year(frame: Frame, q: Quantity) -> bool:
    """Whether a year stated before a project's figure is tied to it: stated in the figure's
    clause, or in a clause of time words only that opens the sentence or clause run
    (2023年，该项目完成投资…).  A year in another clause is the date of another event
    (一期…预计2024年底投产；二期投资65亿元)."""
    if frame.year_in_clause(q.start) is not None:
        return True
    return any(at < q.start and frame.time_words_only(at) for at, _ in frame.years)


def is_stock(frame: Frame, q: Quantity) -> bool:
    """Whether a figure is a stock, a running total or a yearly rate (全区有20个口岸,
    累计, 每年, 已集聚…项目97个), by the words of its clause."""
    clause_start = frame.clause_start(q.start)
    if _stock_words(frame, clause_start, frame.clause_end(q.end), q.start + 1):
        return True
    # 已储备项目23个，总装机规模380万千瓦: a total of the things a stock just counted is a stock.
    if clause_start > 1 and frame.text[clause_start - 1] in "，," and \
            frame.text.startswith(_TOTAL, clause_start + _leading_length(frame, clause_start, q.start)):
        before = frame.clause_start(clause_start - 1)
        return _stock_words(frame, before, clause_start - 1, clause_start - 1)
    return False


def _stock_words(frame: Frame, start: int, end: int, number_end: int) -> bool:
    return bool(cues().stock_re.search(frame.text, start, end)
                or _HAS_NUMBER_AFTER.search(frame.text, start, number_end)
                or _GATHERED.search(frame.text, start, end))


def _leading_length(frame: Frame, start: int, end: int) -> int:
    rest = frame.text[start:end]
    return len(rest) - len(_CONNECTIVES.sub("", rest, count=1))


def passed_on_year(frame: Frame, carry_year: int | None) -> int | None:
    """The year a sentence passes on: the last it states; else the one carried; else,
    when it speaks of the year it is in (全年, 年初以来, 截至2月6日), the article's year."""
    stated = [year for at, year in frame.years if not _deadline(frame, at, year)]
    if stated:
        return stated[-1]
    if carry_year is not None:
        return carry_year
    if WEAK_YEAR.search(frame.text) or _PRESENT.search(frame.text) or frame.periods:
        return frame.context_year              # 全年, 目前, 一季度: the year the article is in
    return None


def _deadline(frame: Frame, at: int, year: int) -> bool:
    """A year to come by which something is to be finished (预计2024年底建成投产) dates that
    event only; the sentences after it are not about that year."""
    return frame.context_year is not None and year > frame.context_year and \
        _DEADLINE.match(frame.text, at) is not None


def states_time(text: str) -> bool:
    """Whether a sentence says anything about a year (so a sentence without figures or
    names still has to be read for the year it passes on)."""
    return bool(YEAR.search(text) or RELATIVE.search(text) or WEAK_YEAR.search(text) or _PRESENT.search(text))
