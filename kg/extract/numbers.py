"""Quantities as Chinese news writes them: 5842.2万吨, 2×66万千瓦, 近20000只, 千亿元, 32.6%.

`find_quantities` scans a sentence and returns every quantity with its unit
in base units (kg/resources/units.tsv: surface, code, exact Decimal factor)
and its character span.  What looks like a number but is no quantity is left
out: dates and years (no unit), ordinals (第十四届, 前三名), list counts in
names (四大行动, 五个大起底), durations (7个月, 24小时), thresholds that name a
class (10亿元以上项目, 千亿级园区), names in quotes (“百万人互游”).
"""
from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

# Unit codes that are no units of ANNOTATION.md: a multiple (增长5.5倍) is turned into a
# change by the metric extractor.
MULTIPLE = "multiple"
PERCENT, PERCENT_POINT = "percent", "pp"
COUNT_LIKE = frozenset({"count", "person", "head"})
MONEY = frozenset({"CNY", "USD"})

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
MAGNITUDE = {**CN_SMALL, **CN_BIG}

_ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
_CN = "[零〇○一二两三四五六七八九十百千万亿]+"
_MAG = "[十百千万亿]"
_PRE = "将近|接近|大约|超过|不少于|不低于|不超过|不足|不到|至少|近|约|超|逾"
_POST = "及以上|以上|以下|左右|上下|之多|开外"
_MID = "余|多"
# Every character a quantity can start with: a qualifier's first character or a numeral.
_STARTS = "[将接大超不至近约逾0-9０-９零〇○一二两三四五六七八九十百千万亿]"
_RANGE_SEP = "至|到|~|～|—|–|-|－"
_TIMES = "×|x|X|\\*|＊"
_OPEN_QUOTES = "“\"「『‘'"
_ORDINAL_BEFORE = ("第", "前", "初", "周", "星期", "礼拜", "农历")


@dataclass(frozen=True)
class Unit:
    surface: str
    code: str
    factor: Decimal
    numerals: str            # any | arabic | large
    not_before: str          # characters that must not follow the unit


@dataclass(frozen=True)
class Quantity:
    """One quantity of a sentence.

    `value` is in the base unit `unit`; for a range (0.1至6.0毫米) `value` is
    None and `low`/`high` hold the two ends.  `start`/`end` span everything
    that belongs to the figure, qualifiers included (超过340家); `raw` is the
    figure as an analyst would quote it (340家, 近20000只, 2×66万千瓦).
    `implied` marks a unit taken from a nearby noun (17万应届大学生 -> person).
    """
    value: Decimal | None
    unit: str | None
    raw: str
    start: int
    end: int
    approximate: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    multiplier: Decimal | None = None
    surface_unit: str | None = None
    number: Decimal | None = None        # the number as written, before the unit's factor
    implied: bool = False

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None


# ---------------------------------------------------------------- resources

def resource_lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a data file of kg/resources."""
    text = resources.files("kg.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def resource_pairs(name: str) -> dict[str, str]:
    pairs = {}
    for line in resource_lines(name):
        cols = line.split("\t")
        if len(cols) < 2:
            raise ValueError(f"kg/resources/{name}: expected two tab-separated columns in {line!r}")
        pairs[cols[0].strip()] = cols[1].strip()
    return pairs


@cache
def units() -> dict[str, Unit]:
    """The units table, by surface form."""
    table = {}
    for line in resource_lines("units.tsv"):
        cols = line.split("\t") + ["", ""]
        surface, code, factor = cols[0], cols[1], cols[2]
        try:
            table[surface] = Unit(surface, code, Decimal(factor), cols[3] or "any", cols[4])
        except InvalidOperation:
            raise ValueError(f"kg/resources/units.tsv: bad factor {factor!r} for {surface!r}") from None
    return table


@cache
def not_units() -> tuple[str, ...]:
    return tuple(sorted(resource_lines("metric_not_units.txt"), key=len, reverse=True))


@cache
def implied_units() -> dict[str, str]:
    return resource_pairs("metric_implied_units.tsv")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    unit_alt = _alternation(list(units()) + ["倍"])
    # The magnitude after Arabic digits is lazy so that the longest unit wins:
    # 66万千瓦 is 66 × 万千瓦, 5千米 is 5 km.
    number = (rf"(?P<mul>{_ARABIC})\s*(?:{_TIMES})\s*(?P<num_m>{_ARABIC})(?P<mag_m>{_MAG}{{0,3}}?)"
              rf"|(?P<num>{_ARABIC})(?P<mag>{_MAG}{{0,3}}?)"
              rf"|(?P<cn>{_CN})")
    # The lookahead lets the scan skip, with one character test, the positions where
    # neither a qualifier nor a number can start (most of a sentence).
    # A number starts where a run of digits starts (?<!…): inside a run of digits the scan
    # would try every position again, and a long run would cost its length squared.
    quantity = re.compile(
        rf"(?<![0-9０-９.．])(?={_STARTS})"
        rf"(?P<pre>{_PRE})?"
        rf"(?:{number})"
        rf"(?:(?P<unit1>%|％)?(?:{_RANGE_SEP})(?P<num2>{_ARABIC})(?P<mag2>{_MAG}{{0,3}}?))?"
        rf"(?P<mid>{_MID})?"
        rf"(?P<unit>{unit_alt})"
        rf"(?P<post>{_POST}|{_MID})?")
    # A number with 万/亿 and no unit: 17万应届大学生, 突破百亿.
    bare = re.compile(
        rf"(?<![0-9０-９.．])(?={_STARTS})"
        rf"(?P<pre>{_PRE})?"
        rf"(?:(?P<num>{_ARABIC})(?P<mag>{_MAG}*[万亿])|(?P<cn>[一二两三四五六七八九十百千]*[百千万][万亿]|[一二两三四五六七八九十百千]+[万亿]))"
        rf"(?P<mid>{_MID})?(?P<post>{_POST})?")
    percent_words = re.compile(rf"百分之(?P<num>{_ARABIC}|{_CN})")
    return quantity, bare, percent_words


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9０-９]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


# ---------------------------------------------------------------- numbers

def parse_chinese_number(text: str) -> Decimal | None:
    """一千 -> 1000, 三十五 -> 35, 两 -> 2, 千亿 -> 1e11, 一万亿 -> 1e12, 二〇二三 -> 2023."""
    if not text:
        return None
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (digit or 1) * CN_SMALL[ch]
            digit = 0
        elif ch == "万":
            total += ((section + digit) or 1) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = ((total + section + digit) or 1) * 100_000_000
            section = digit = 0
        else:
            return None
    return Decimal(total + section + digit)


def _arabic(text: str) -> Decimal:
    text = text.replace(",", "").replace("．", ".")
    text = text.translate(_FULLWIDTH)
    return Decimal(text)


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _scale(number: Decimal, magnitude: str) -> Decimal:
    for ch in magnitude:
        number *= MAGNITUDE[ch]
    return number


def parse_number(text: str) -> Decimal | None:
    """A number with optional magnitude words: 5842.2万 -> 58422000, 1万亿, 1.07亿, 三十五, 千亿."""
    text = text.strip()
    match = re.fullmatch(rf"({_ARABIC})({_MAG}*)", text)
    if match:
        return _scale(_arabic(match.group(1)), match.group(2))
    if re.fullmatch(_CN, text):
        return parse_chinese_number(text)
    return None


_WIDE = decimal.Context(prec=80)     # room for any figure a text can write (亿亿亿亿吨), without overflow


def normal(value: Decimal) -> Decimal:
    """Drop the exponent and trailing zeros that scaling leaves: 58422000.0 -> 58422000."""
    if value == value.to_integral_value(context=_WIDE):
        return value.quantize(Decimal(1), context=_WIDE)
    return value.normalize(context=_WIDE)


# ---------------------------------------------------------------- scanning

def find_quantities(text: str) -> list[Quantity]:
    """Every quantity of a sentence, in order of position."""
    if not _HAS_DIGIT.search(text) and not _chinese_candidate().search(text):
        return []
    quantity, bare, percent_words = _patterns()
    found: list[Quantity] = []
    for match in quantity.finditer(text):
        q = _from_match(text, match)
        if q is not None:
            found.append(q)
    covered = [(q.start, q.end) for q in found]
    for match in bare.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in covered):
            continue
        q = _from_bare(text, match)
        if q is not None:
            found.append(q)
    for match in percent_words.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in covered):
            continue
        value = parse_number(match.group("num"))
        if value is not None:
            found.append(Quantity(normal(value), PERCENT, match.group(), match.start(), match.end(),
                                  surface_unit="百分之", number=value))
    if "《" in text:
        titles = title_spans(text)
        found = [q for q in found if not any(s < q.start < e for s, e in titles)]
    found.sort(key=lambda q: q.start)
    return found


_HAS_DIGIT = re.compile(r"[0-9０-９]")


@cache
def _chinese_candidate() -> re.Pattern:
    """A Chinese numeral followed by what may start a unit, or 百分之: a cheap test that
    lets most sentences without digits skip the full scan."""
    firsts = "".join(sorted({surface[0] for surface in units() if not surface.isascii()} | {"倍"}))
    return re.compile(rf"[零〇一二两三四五六七八九十百千万亿][{re.escape(firsts)}多余]|[百千万][亿万]|百分之")


def parse_quantity(raw: str) -> Quantity | None:
    """The quantity written as `raw` (5842.2万吨, 2×66万千瓦, 0.1至6.0毫米), or None."""
    found = find_quantities(raw)
    return found[0] if len(found) == 1 else None


def _from_match(text: str, match: re.Match) -> Quantity | None:
    groups = match.groupdict()
    surface = groups["unit"]
    start, end = match.span()
    if groups["cn"] is not None:
        number = parse_chinese_number(groups["cn"])
        written = groups["cn"]
        magnitude = ""
    else:
        digits = groups["num"] if groups["num"] is not None else groups["num_m"]
        magnitude = groups["mag"] if groups["num"] is not None else groups["mag_m"]
        number = _scale(_arabic(digits), magnitude or "")
        written = digits + (magnitude or "")
    if number is None or not _acceptable(text, match, surface, written, magnitude or ""):
        return None
    pre, mid, post = groups["pre"], groups["mid"], groups["post"]
    approx = pre or mid or post or None
    # raw: the figure as quoted, one-character qualifiers included (近20000只, 20余条).
    raw_start = match.start("pre") if pre and len(pre) == 1 else match.start(_first_number_group(match))
    raw_end = match.end("post") if post in ("余", "多") else match.end("unit")
    raw = text[raw_start:raw_end]
    if surface == "倍":
        return Quantity(normal(number * 100), MULTIPLE, raw, start, end, approx,
                        surface_unit="倍", number=number)
    unit = units()[surface]
    multiplier = None
    if groups["mul"] is not None:
        multiplier = _arabic(groups["mul"])
        number *= multiplier
    if groups["num2"] is not None:
        if groups["cn"] is not None:
            return None
        high = _scale(_arabic(groups["num2"]), groups["mag2"] or "")
        if high <= number:
            return None                       # 2023-2025年, 1-2: not an ascending range
        return Quantity(None, unit.code, raw, start, end, approx,
                        low=normal(number * unit.factor), high=normal(high * unit.factor),
                        surface_unit=surface, number=number)
    return Quantity(normal(number * unit.factor), unit.code, raw, start, end, approx,
                    multiplier=multiplier, surface_unit=surface, number=number)


def _opens_quote(before: str) -> bool:
    """Whether the text before a number ends with an opening quotation mark."""
    if not before or before[-1] not in _OPEN_QUOTES:
        return False
    if before[-1] in "\"'":                   # the same mark opens and closes: count them
        return before.count(before[-1]) % 2 == 1
    return True


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of 《…》 titles: 《重点项目快审快办二十条措施》 names a document, it counts nothing."""
    spans, start = [], None
    for i, ch in enumerate(text):
        if ch == "《":
            start = i
        elif ch == "》" and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _first_number_group(match: re.Match) -> str:
    for name in ("mul", "num", "cn"):
        if match.group(name) is not None:
            return name
    return "unit"


def _acceptable(text: str, match: re.Match, surface: str, written: str, magnitude: str) -> bool:
    """Whether a number with a unit is a quantity (not a date part, ordinal, name or duration)."""
    end = match.end()
    number_start = match.start(_first_number_group(match))
    after = text[match.end("unit"):]
    before = text[:number_start]
    if before.endswith(_ORDINAL_BEFORE) or (before and _ASCII_LETTER.match(before[-1])):
        return False
    if before and before[-1] in ".．":
        return False
    if _opens_quote(before) and match.group("pre") is None:
        return False                          # “百万人互游”, “五个大起底”: a name
    if surface != "倍":
        unit = units()[surface]
        if unit.not_before and after and after[0] in unit.not_before:
            return False
        if surface.isascii() and after and _ASCII_LETTER.match(after[0]):
            return False
        if unit.numerals == "arabic" and match.group("cn") is not None:
            return False
        if unit.numerals == "large" and not (re.search("[万亿]", written) or after.startswith("电")):
            return False
        if unit.code in COUNT_LIKE and after.startswith("大") and len(after) > 1 and _is_cjk(after[1]):
            return False                      # 五个大起底
        if unit.code in MONEY and match.group("post") in ("以上", "以下", "及以上") \
                and _is_cjk(text[end:end + 1]):
            return False                      # 10亿元以上项目: a class, not a figure
        if unit.code in MONEY and after.startswith("项目"):
            return False                      # 亿元项目
    tail = text[match.start("unit"):]
    if tail.startswith(not_units()):
        return False
    if text[end:end + 1] == "级" or after.startswith("级"):
        return False                          # 千亿级园区, 万吨级
    return match.group("cn") is None or _chinese_number_ok(match.group("cn"), surface, text, end)


def _chinese_number_ok(cn: str, surface: str, text: str, end: int) -> bool:
    """Chinese numerals are quantities far less often than digits: 一个 is an article,
    百家 and 千家万户 are idioms.  Keep 两个, 三十五名, 千亿元, 万亿元, 亿吨."""
    value = parse_chinese_number(cn)
    if value is None or value == 1:
        return False
    unit = units().get(surface)
    if unit is not None and unit.code in COUNT_LIKE and value < 10:
        return False                          # 三项工作, 五件事, 七次全会: the prose's own counting
    if all(ch in MAGNITUDE for ch in cn):
        unit = units().get(surface)
        if unit is None or unit.code not in (MONEY | {"t"}):
            return False
        if len(cn) == 1 and not surface.startswith(("元", "吨")):
            return False
        return not _is_cjk(text[end:end + 1])
    return True


def _from_bare(text: str, match: re.Match) -> Quantity | None:
    """A number with 万/亿 and no unit; its unit comes from the noun next to it."""
    start, end = match.span()
    before = text[:match.start("num") if match.group("num") is not None else match.start("cn")]
    after = text[end:]
    if before.endswith(_ORDINAL_BEFORE) or _opens_quote(before):
        return None
    if after.startswith("级") or (after and _DIGIT.match(after[0]) and after[:3].find("年") >= 0):
        return None
    if match.group("cn") is not None:
        cn = match.group("cn")
        if _is_cjk(after[:1]) and not after.startswith(("的", "以上")):
            return None                       # 千万工程, 百万人互游, 十万大学生留呼工程
        number = parse_chinese_number(cn)
        written = cn
    else:
        number = _scale(_arabic(match.group("num")), match.group("mag"))
        written = match.group("num") + match.group("mag")
    if number is None:
        return None
    unit = _implied_unit(text, match.start(), end)
    if unit is None:
        return None
    pre, mid, post = match.group("pre"), match.group("mid"), match.group("post")
    raw_start = match.start() if pre and len(pre) == 1 else start + (len(pre) if pre else 0)
    raw = text[raw_start:match.end("mid") if mid else start + (len(pre) if pre else 0) + len(written)]
    return Quantity(normal(number), unit, raw, start, end, pre or mid or post,
                    number=number, implied=True)


def _implied_unit(text: str, start: int, end: int) -> str | None:
    """The unit of the nearest listed noun right after, else right before, a bare number."""
    hints = implied_units()
    after = _clause_part(text[end:end + 10], forward=True)
    for size in range(len(after), 0, -1):
        for i in range(len(after) - size + 1):
            if after[i:i + size] in hints:
                return hints[after[i:i + size]]
    before = _clause_part(text[max(0, start - 12):start], forward=False)
    best, best_pos = None, -1
    for noun, code in hints.items():
        pos = before.rfind(noun)
        if pos > best_pos:
            best, best_pos = code, pos
    return best


_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")


def _clause_part(text: str, forward: bool) -> str:
    parts = _CLAUSE_END.split(text)
    return parts[0] if forward else parts[-1]


# ---------------------------------------------------------------- periods

_PERIOD = re.compile(
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})(?:—|–|-|－|~|～|至|到)(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月份?"
    r"|前[一二三四两]季度|[一二三四]季度|第[一二三四]季度|上半年|下半年|前[0-9０-９一二三四五六七八九十]{1,2}个月")


def find_periods(text: str) -> list[tuple[int, int, str]]:
    """Parts of a year named in a sentence (1—11月, 前三季度, 上半年), with spans."""
    return [(m.start(), m.end(), m.group()) for m in _PERIOD.finditer(text)]
