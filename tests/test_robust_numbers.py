"""Number parsing, property-based: every integer written in Chinese numerals or in digits
(half- or full-width, with thousands separators and magnitudes) reads back as itself, and
the quantity scanner survives any sentence made of figures, units and noise."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.extract.numbers import find_quantities, parse_chinese_number, parse_number

DIGITS = "零一二三四五六七八九"


def _section(n: int, first: bool) -> str:
    """0 < n < 10000 in Chinese numerals; 零 for a gap; 十 alone for 10-19 at the very start."""
    text, gap = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // size % 10
        if digit == 0:
            gap = gap or bool(text)
            continue
        if gap:
            text, gap = text + "零", False
        if not (size == 10 and digit == 1 and first and not text):
            text += DIGITS[digit]
        text += unit
    return text


def chinese(n: int) -> str:
    """The standard written form: 10 十, 105 一百零五, 10010 一万零一十, 100000005 一亿零五."""
    if n == 0:
        return "零"
    parts, before = [], False
    for size, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        group = n // size % 10**4 if size < 10**8 else n // size
        if group == 0:
            continue
        if before and group < 1000 and not parts[-1].endswith("零"):
            parts.append("零")
        parts.append(_section(group, first=not before) + unit)
        before = True
    return "".join(parts)


def test_the_chinese_writer_itself():
    assert [chinese(n) for n in (10, 15, 105, 110, 1005, 10010, 110000, 100000005, 350_000_000)] == [
        "十", "十五", "一百零五", "一百一十", "一千零五", "一万零一十", "十一万", "一亿零五", "三亿五千万"]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_read_back(n):
    assert parse_chinese_number(chinese(n)) == n
    assert parse_number(chinese(n)) == n


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=4),
       st.sampled_from(["", "十", "百", "千", "万", "亿", "万亿"]), st.booleans(), st.booleans())
def test_digits_with_magnitudes_read_back(n, decimals, magnitude, fullwidth, separators):
    number = Decimal(n).scaleb(-decimals)
    integer, _, fraction = f"{number:f}".partition(".")
    if separators:
        integer = f"{int(integer):,}"
    text = integer + ("." + fraction if fraction else "")
    if fullwidth and not separators:     # normalize makes full-width digits half-width before any scan
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    factor = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}[magnitude]
    assert parse_number(text + magnitude) == number * factor


# ---------------------------------------------------------------- the scanner

PIECES = ["1", "23", "4.5", "０", "６７", "1,234", "一", "十", "百", "千", "万", "亿", "两", "零", "〇",
          "元", "亿元", "万元", "吨", "万吨", "千瓦", "万千瓦", "个", "家", "人", "%", "％", "倍", "个百分点",
          "近", "约", "超", "余", "多", "以上", "左右", "至", "—", "-", "×", "增长", "下降", "同比",
          "年", "月", "第", "《", "》", "“", "”", "（", "）", "，", "。", "投资", "项目", "呼和浩特市", " ", "e", "E"]
SENTENCE = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(SENTENCE.filter(lambda s: "亿亿" not in s and "万亿亿" not in s))
def test_quantities_lie_in_their_sentence_with_finite_values(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text), q
        assert q.raw and q.raw in text, q
        for number in (q.value, q.low, q.high, q.number, q.multiplier):
            assert number is None or number.is_finite(), q


# 亿亿亿亿吨 and 21 nines of 亿元 once overflowed Decimal's 28 digits in numbers.normal().
@settings(max_examples=400, derandomize=True, deadline=None)
@given(SENTENCE)
@example("亿亿亿亿吨")
@example("投资" + "9" * 21 + "亿元")
def test_any_sentence_of_figures_is_scanned_without_an_error(text):
    find_quantities(text)
