"""PDF-page repair: wrap spaces, broken paragraphs, punctuation, idempotence."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.normalize import normalize

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("raw, clean", [
    ("招 商引资", "招商引资"),
    ("同比增长 5.5 倍", "同比增长5.5倍"),
    ("全区口岸完成进出境货运量5842.2万 吨", "全区口岸完成进出境货运量5842.2万吨"),
    ("1 月 29日召开", "1月29日召开"),
    ("目前，跨境电商零售进口、B2B出口海 外仓业务模式在我区均已开通。", "目前，跨境电商零售进口、B2B出口海外仓业务模式在我区均已开通。"),
    ("共计1,000元", "共计1,000元"),
    ("增长3.5%", "增长3.5%"),
    ("12:30开会", "12:30开会"),
    ("Hello world", "Hello world"),
    ("Hello, world!", "Hello, world!"),
    ("ＡＢＣ１２３公司", "ABC123公司"),
    ("2022年,全区(含口岸)增长;同比:好!", "2022年，全区（含口岸）增长；同比：好！"),
    ('他说:"好。"', "他说：“好。”"),
    ("内蒙古\u200b自治区\x07", "内蒙古自治区"),
    ("第一行\r\n第二行。", "第一行第二行。"),
])
def test_examples(raw, clean):
    assert normalize(raw) == clean


def test_fullwidth_chinese_punctuation_is_kept():
    assert normalize("记者从自治区了解到：１月，全区（含口岸）增长。") == "记者从自治区了解到：1月，全区（含口岸）增长。"


def test_byline_names_keep_their_separating_spaces():
    text = normalize("本报包头2月9日电 (记者 宋 阿男 通讯员 王佳妮)包头市 召开大会。")
    assert text == "本报包头2月9日电（记者 宋 阿男 通讯员 王佳妮）包头市召开大会。"
    assert normalize("●本报记者 刘慧慧 耿欣") == "●本报记者 刘慧慧 耿欣"
    assert normalize("理想家园。 本报记者 怀特乌勒斯 摄") == "理想家园。本报记者 怀特乌勒斯 摄"


def test_headline_separators_stay_but_wrapped_single_characters_join():
    assert normalize("#### 雪后大青山 麋鹿自在游") == "#### 雪后大青山 麋鹿自在游"
    assert normalize("技 服 务 社") == "技服务社"
    assert normalize("### 乌拉特中旗 19 支招商小分队首战告捷") == "### 乌拉特中旗19支招商小分队首战告捷"


def test_word_broken_across_a_blank_line_is_rejoined():
    broken = ("通过视察，代表们亲身体会了首府文旅产业的蓬勃活力，对我市文旅产业发展有了更清晰的认识，建议呼和浩\n\n"
              "特抢抓自治区“强首府”工程的重大战略机遇，强化资源整合。")
    assert "建议呼和浩特抢抓" in normalize(broken)
    assert normalize("呼和浩\n\n特") == "呼和浩特"


def test_open_quote_continues_across_a_blank_line():
    assert normalize("同时，将深化呼包鄂乌“四城通\n\n办”，以“云见面”服务。") == "同时，将深化呼包鄂乌“四城通办”，以“云见面”服务。"


def test_lines_wrapped_at_the_column_width_are_rejoined():
    column = "加快推进工程建\n设项目审批承诺制改\n革，126个项目开工时\n间平均提前近 2个月。\n下一段开始了。"
    assert normalize(column) == "加快推进工程建设项目审批承诺制改革，126个项目开工时间平均提前近2个月。\n下一段开始了。"


@pytest.mark.parametrize("second", [
    "本报包头2月9日电（记者 王雅静）九原区召开会议。",
    "●本报记者 刘慧慧 耿欣",
    "■上接第1版为两地文旅企业提供空间。",
    "#### 当作为开新局",
])
def test_guarded_paragraphs_are_never_joined(second):
    first = "鼓励先进大奖励，根据大考核的结果，对综合考评优秀的地区、专班、部门给予奖励和表彰以及"
    assert normalize(first + "\n\n" + second) == first + "\n\n" + second


def test_nothing_is_joined_after_a_photo_credit_or_a_heading():
    credit = "沙尔沁工业区净水厂建设工程是开发区基础设施建设工程之一。\n\n■本报记者 宋向华 通讯员 葛鑫 摄\n\n奋楫扬帆正当时"
    assert normalize(credit).split("\n\n") == [
        "沙尔沁工业区净水厂建设工程是开发区基础设施建设工程之一。", "■本报记者 宋向华 通讯员 葛鑫 摄", "奋楫扬帆正当时"]
    assert normalize("高效率服务项目建设\n2022年7月，和林县政府、蒙牛集团五方达成战略合作，启动牧场项目。").count("\n") == 1


def test_headings_stay_on_their_own_lines():
    text = normalize("# 粤蒙开启“百万人互游”活动\n\n■上接第1版 为两地文旅企业提供 广阔的发展空间。")
    assert text.split("\n\n")[0] == "# 粤蒙开启“百万人互游”活动"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_lose_their_wrap_spaces_and_keep_their_content(seed):
    raw = seed.read_text(encoding="utf-8")
    text = normalize(raw)
    assert normalize(text) == text
    assert "呼和浩 特" not in text and "招 商" not in text and "巴 彦淖尔" not in text
    assert len(text) > 0.9 * len(raw.replace(" ", "").replace("\n", ""))


_ALPHABET = list("招商引资呼和浩特本报记者摄通讯员讯电日月年的，。！？、；：“”（）《》")
_ALPHABET += list(' \n\n"()#,.;:!?-%0123456789abXY●■——…\u3000\t\u200b１Ａ')
_PIECES = ["本报包头2月9日电", "（记者 王雅静）", "(记者 王 雅静 通讯员 李四)", "\n\n", "本报记者 宋 阿男 摄",
           "上接第1版", "一是", "#### 标题", "●本报记者 刘慧慧 耿欣", "\n通讯员 葛鑫 摄", "。（李海珍）",
           "1,000", "12:30", "Hello world", "5.5 倍", "\n  ", "呼和浩\n\n特", "“四城通\n\n办”，", "的\n\n"]


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_ALPHABET + _PIECES), max_size=60).map("".join))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_normalize_is_idempotent_on_any_text(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once and "\u200b" not in once
