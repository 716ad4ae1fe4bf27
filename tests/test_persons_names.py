"""Persons after a title (kg/extract/persons.py): names without a Han surname, transliterated
names, and column headings printed like bylines.  Made-up sentences."""
from __future__ import annotations

from dataclasses import replace

from kg.extract import extract_article
from kg.model import Byline

from conftest import make_article


def persons(*sentences, **context):
    ext = extract_article(make_article(*sentences, **context))
    return {m.name for m in ext.mentions if m.type == "Person"}


def test_a_mongolian_name_runs_to_the_speech_verb():
    assert persons("苏木达巴特尔其其格表示，要抓好项目。", "旗长斯琴高娃。") == {"巴特尔其其格", "斯琴高娃"}


def test_a_han_name_is_not_stretched():
    assert persons("总经理王强调研时说。", "局长提本次会议议程。") == {"王强"}


def test_a_transliterated_name_is_joined_at_its_dot():
    assert persons("首席执行官安娜·施密特介绍，公司将扩产。", "总裁约翰·史密斯说。") == {"安娜·施密特", "约翰·史密斯"}


def test_a_column_heading_is_no_byline_person():
    article = replace(make_article("项目进展顺利。"), bylines=(Byline("背景链接", "记者"), Byline("张华", "记者")))
    ext = extract_article(article)
    assert {m.name for m in ext.mentions if m.type == "Person"} == {"张华"}
