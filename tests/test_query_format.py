"""kg.query output formats: aligned table (CJK-aware), CSV, JSON."""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from kg.query import QueryResult, format_csv, format_json, format_table

RESULT = QueryResult(["name", "organization", "n"],
                     [("张伟", "呼和浩特市商务局", "1"), ("Li Lei", None, "22"),
                      ("王雅静", "内蒙古日报社, \"报社\"", None)])


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_table_columns_line_up_with_cjk():
    lines = format_table(RESULT).splitlines()
    header, rule, *rows, count = lines
    assert count == "(3 rows)"
    # every column starts at the same display column on every line
    starts = [_display_width(header[:header.index("organization")])]
    for row, org in zip(rows, ("呼和浩特市商务局", None, "内蒙古日报社")):
        if org:
            starts.append(_display_width(row[:row.index(org)]))
    assert len(set(starts)) == 1
    widths = [len(part) for part in rule.split("  ")]
    assert widths[1] == _display_width("内蒙古日报社, \"报社\"")


def test_widths_count_wide_characters_twice_and_combining_ones_not_at_all():
    from kg.query import _width

    for text in ("", "abc", "张伟", "Ｆｕｌｌ", "e\u0301te\u0301", "內蒙古 2023年, “报社”", "한국어", "𠀀x"):
        expected = sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
                       for c in text)
        assert _width(text) == expected, text
        assert _width(text) == expected, text         # the second time from what the first one learnt


def test_a_value_that_repeats_is_padded_alike_on_every_line():
    rows = [("呼和浩特市", "1"), ("x", "2"), ("呼和浩特市", "3")]
    header, rule, first, second, third, count = format_table(QueryResult(["place", "n"], rows)).splitlines()
    assert first == "呼和浩特市  1" and second == "x           2" and third == "呼和浩特市  3"


def test_table_of_nothing():
    text = format_table(QueryResult(["x"], []))
    assert text.splitlines() == ["x", "-", "(0 rows)"]


def test_table_puts_a_value_on_one_line():
    text = format_table(QueryResult(["s"], [("第一行\n第二行",)]))
    assert "第一行 第二行" in text


def test_csv_quotes_and_empties():
    rows = list(csv.reader(io.StringIO(format_csv(RESULT))))
    assert rows[0] == ["name", "organization", "n"]
    assert rows[2] == ["Li Lei", "", "22"]
    assert rows[3] == ["王雅静", "内蒙古日报社, \"报社\"", ""]


def test_json_keeps_unbound_as_null_and_chinese_readable():
    text = format_json(RESULT)
    assert "张伟" in text
    data = json.loads(text)
    assert data[1] == {"name": "Li Lei", "organization": None, "n": "22"}
    assert len(data) == 3
