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


def test_a_four_character_mongolian_name_before_a_verb():
    assert persons("市委常委、副市长阿拉坦仓参加调研。", **{"home": "赤峰市", "newspaper": "赤峰日报"}) == {"阿拉坦仓"}


def test_a_name_opening_like_a_place_after_a_title():
    # jieba: 黄海|明: 黄海 is a sea, yet after 市委书记 黄海明 is a name
    assert persons("赣州市委书记黄海明表示，要加快发展。") == {"黄海明"}
    assert persons("市长黄山表示。") == set()          # a two-character one stays a place


def test_a_name_before_a_dash_and_a_post():
    ext = extract_article(make_article("记者见到了王建国——江西赣州润禾米业有限公司总经理。"))
    person = next(m for m in ext.mentions if m.type == "Person")
    assert (person.name, person.titles) == ("王建国", ("总经理",))
    org = next(i for i, m in enumerate(ext.mentions) if m.type == "Organization")
    assert any(r.predicate == "worksFor" and r.object == org for r in ext.relations)


def test_the_speaker_after_a_quotation():
    assert persons("“项目投产后，产值可达百亿元。”李建国说。") == {"李建国"}
    assert persons("李建国说。") == {"李建国"}          # the splitter leaves ” with the quotation
    assert persons("李建国说起往事。") == set()
