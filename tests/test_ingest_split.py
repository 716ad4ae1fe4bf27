"""Splitting pages into articles and sentences; bylines, datelines, context."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from kg.ingest.context import infer_context, infer_newspaper, infer_year, newspaper_home
from kg.ingest.normalize import normalize
from kg.ingest.split import parse_bylines, split_document, split_sentences
from kg.model import Byline, Context, SourceText

SEEDS = {p.name[:3]: p for p in (Path(__file__).parent.parent / "seeds").glob("*.txt")}


@lru_cache(maxsize=None)
def seed_articles(number: str):
    path = SEEDS[number]
    raw = path.read_text(encoding="utf-8")
    return split_document(SourceText(path.name, str(path), raw, "utf-8"), normalize(raw))


def split_text(raw: str, hint: Context | None = None):
    return split_document(SourceText("t.txt", "t.txt", raw, "utf-8"), normalize(raw), hint)


# ---------------------------------------------------------------- sentences

def test_sentences_split_at_full_stops_and_keep_semicolons():
    assert split_sentences("甲增长5%；乙下降3%。丙呢？丁！") == ["甲增长5%；乙下降3%。", "丙呢？", "丁！"]


def test_closing_quote_stays_with_its_sentence():
    assert split_sentences("“全年完成7600万吨货运量。”自治区口岸办相关负责人表示。") == [
        "“全年完成7600万吨货运量。”", "自治区口岸办相关负责人表示。"]


def test_a_sentence_never_spans_a_paragraph_and_empty_ones_go():
    assert split_sentences("没有句号的标题\n正文一句。\n\n……\n。") == ["没有句号的标题", "正文一句。"]


# ---------------------------------------------------------------- bylines

@pytest.mark.parametrize("credit, expected", [
    ("记者 王雅静", [("王雅静", "记者")]),
    ("记者 海军 通讯员 李汉磊 任子怡", [("海军", "记者"), ("李汉磊", "通讯员"), ("任子怡", "通讯员")]),
    ("记者 宋 阿男 通讯员 王佳妮", [("宋阿男", "记者"), ("王佳妮", "通讯员")]),
    ("记者 石向 军", [("石向军", "记者")]),
    ("记者 薛来 实习生 梁震英", [("薛来", "记者"), ("梁震英", "实习生")]),
    ("●本报记者 刘慧慧 耿欣", [("刘慧慧", "记者"), ("耿欣", "记者")]),
    ("◎本报记者 郑学良 呼和浩特日报记者 刘军 李海珍", [("郑学良", "记者"), ("刘军", "记者"), ("李海珍", "记者")]),
    ("本报记者 怀特乌勒斯 摄", [("怀特乌勒斯", "记者"), ("怀特乌勒斯", "摄")]),
    ("记者王雅静", [("王雅静", "记者")]),
])
def test_bylines(credit, expected):
    assert [(b.name, b.role) for b in parse_bylines(credit)] == expected


# ---------------------------------------------------------------- articles

PAGE = """# 包头市九原区开展大走访活动

本报包头2月9日电 (记者 宋 阿男 通讯员 王佳妮)包头市动员大会召开后，九原区第一时间开展大走访活动。

“今年我们计划在园区建设5G基站。”企业代表说。

#### 雪后大青山 麋鹿自在游

2月9日，大青山国家级自然保护区迎来降雪。 本报记者 怀特乌勒斯 摄

市委老干部局举办

专题培训班

本报讯（记者 阿柔娜）近日，市委老干部局举办专题培训班。(李海珍)

# 粤蒙开启“百万人互游”活动

■上接第1版 为两地文旅企业提供 广阔的发展空间。（下转第三版）
"""


def test_a_page_splits_at_headings_datelines_and_headline_lines():
    articles = split_text(PAGE)
    assert [a.headline for a in articles] == [
        "包头市九原区开展大走访活动", "雪后大青山 麋鹿自在游", "市委老干部局举办 专题培训班", "粤蒙开启“百万人互游”活动"]
    first = articles[0]
    assert first.dateline == "本报包头2月9日电" and first.context.local == "包头"
    assert first.bylines == (Byline("宋阿男", "记者"), Byline("王佳妮", "通讯员"))
    assert [s.text for s in first.sentences] == [
        "包头市动员大会召开后，九原区第一时间开展大走访活动。", "“今年我们计划在园区建设5G基站。”", "企业代表说。"]
    assert articles[1].bylines == (Byline("怀特乌勒斯", "记者"), Byline("怀特乌勒斯", "摄"))
    assert articles[1].context.local is None
    assert Byline("李海珍", "作者") in articles[2].bylines
    assert [s.text for s in articles[3].sentences] == ["为两地文旅企业提供广阔的发展空间。"]
    assert [a.index for a in articles] == [0, 1, 2, 3]


def test_furniture_never_becomes_a_sentence():
    for number in SEEDS:
        for article in seed_articles(number):
            for sentence in article.sentences:
                assert "上接第" not in sentence.text and "下转第" not in sentence.text
                assert not sentence.text.endswith(" 摄") and "（记者" not in sentence.text


def test_seed_000_holds_many_articles_with_datelines_and_bylines():
    articles = seed_articles("000")
    assert len(articles) >= 8
    first = articles[0]
    assert first.headline == "呼和浩特全力推进“强首府”招商引资落地“四大行动”"
    assert first.dateline == "本报呼和浩特2月9日讯" and first.context.local == "呼和浩特"
    assert Byline("王雅静", "记者") in first.bylines
    assert first.context.date == "2023-02-09"
    jiuyuan = next(a for a in articles if a.headline.startswith("包头市九原区"))
    assert jiuyuan.context.local == "包头" and Byline("宋阿男", "记者") in jiuyuan.bylines
    assert any(a.dateline == "本报2月9日讯" and a.context.local is None for a in articles)
    # a heading set into the middle of a sentence does not cut the article
    assert any("分级负责，共同谋划，合力推进。" in s.text for s in first.sentences)


def test_seed_001_features_keep_their_headline_and_byline_lines():
    articles = seed_articles("001")
    first = articles[0]
    assert first.headline.startswith("吹响抓投资上项目优环境“冲锋号”")
    assert {b.name for b in first.bylines} == {"刘慧慧", "耿欣"}
    assert first.sentences[0].text.startswith("这是一场对标先进")
    assert any(Byline("李海珍", "作者") in a.bylines for a in articles)
    assert len(articles) >= 7


def test_seed_003_byline_with_a_reporter_of_another_paper():
    articles = seed_articles("003")
    feature = next(a for a in articles if a.headline.startswith("呼和浩特：打造高质量发展"))
    assert [b.name for b in feature.bylines] == ["郑学良", "刘军", "李海珍"]


# ---------------------------------------------------------------- context

@pytest.mark.parametrize("number, newspaper, home, year", [
    ("000", "内蒙古日报", "内蒙古自治区", 2023),
    ("001", "呼和浩特日报", "呼和浩特市", 2023),
    ("002", "呼和浩特日报", "呼和浩特市", 2024),
    ("003", "内蒙古日报", "内蒙古自治区", 2023),
    ("004", "内蒙古日报", "内蒙古自治区", 2025),
])
def test_seed_context_is_inferred(number, newspaper, home, year):
    contexts = {(a.context.newspaper, a.context.home, a.context.year) for a in seed_articles(number)}
    assert contexts == {(newspaper, home, year)}


def test_newspaper_table():
    assert newspaper_home("内蒙古日报") == "内蒙古自治区"
    assert newspaper_home("新华日报") == "江苏省"
    assert newspaper_home("人民日报") == "中华人民共和国"
    assert newspaper_home("呼和浩特日报") == "呼和浩特市"


def test_newspaper_inferred_from_deixis_and_names():
    assert infer_newspaper("我省今年实施重点项目。江苏全省上下，南京、苏州、江苏各地。") == ("新华日报", "江苏省")
    assert infer_newspaper("我市召开大会。全市上下，广州各区，广州市委。") == ("广州日报", "广州市")
    assert infer_newspaper("全区经济平稳。我区口岸货运量增长，内蒙古各盟市。") == ("内蒙古日报", "内蒙古自治区")
    assert infer_newspaper("天气晴朗。") == (None, None)


def test_newspaper_stated_beats_inference():
    assert infer_newspaper("南方日报\n\n我市召开大会。全市上下，广州各区。")[0] == "南方日报"
    assert infer_newspaper("我市召开大会。全市上下，广州各区。\n来源：南方日报")[0] == "南方日报"


def test_reporter_of_another_paper_rules_that_paper_out():
    text = "◎本报记者 甲 呼和浩特日报记者 乙\n全市上下，首府，全市，呼和浩特，呼和浩特。全区大会，全区上下，内蒙古。"
    assert infer_newspaper(text) == ("内蒙古日报", "内蒙古自治区")


def test_year_rules():
    assert infer_year("本报北京2023年3月5日电 2019年以来成绩显著。") == 2023
    assert infer_year("2022年全区进出口同比增长14.7%。2023年将继续推进。") == 2023
    assert infer_year("去年，2022年全区货运量同比增长14.7%。", month=2) == 2023
    assert infer_year("2022年全区货运量同比增长14.7%。", month=7) == 2022
    assert infer_year("到2035年基本实现现代化，《2030年前碳达峰行动方案》，2024年将开工。") == 2024
    assert infer_year("三年（2023-2025年）行动方案，2023年计划投资。") == 2023
    assert infer_year("没有年份。") is None


def test_hint_overrides_inference():
    context = infer_context("我区召开大会。全区上下，内蒙古。2023年将开工。", Context(newspaper="北京日报", year=2020))
    assert (context.newspaper, context.home, context.year) == ("北京日报", "北京市", 2020)
    articles = split_text(PAGE, Context(newspaper="内蒙古日报", year=2021))
    assert {a.context.year for a in articles} == {2021}
    assert articles[0].context.date == "2021-02-09"


def test_page_headers_are_dropped_and_a_masthead_names_the_paper():
    raw = ("南方日报\n\n2023年3月6日 星期一\n\n第3版\n\n"
           "我市召开大会\n\n本报讯（记者 张三）全市上下召开大会。图为会场。\n\n责任编辑：王五\n\n（完）")
    (article,) = split_text(raw)
    assert article.headline == "我市召开大会"
    assert [s.text for s in article.sentences] == ["全市上下召开大会。"]
    assert (article.context.newspaper, article.context.home, article.context.year) == ("南方日报", "广东省", 2023)
