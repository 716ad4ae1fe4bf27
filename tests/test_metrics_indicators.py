"""What a figure measures, and which figures are one: indicators, headline figures, duplicates."""
from decimal import Decimal

from kg.extract.metrics import extract_metrics
from kg.model import PLACE, PROJECT, Article, Context, Mention, Sentence


def article(*sentences: str, headline: str = "") -> Article:
    return Article(doc_id="t.txt", index=0, headline=headline,
                   sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                   context=Context(home="内蒙古自治区", year=2023, date="2023-02-09"))


def mention(art: Article, surface: str, type_: str = PLACE, sentence: int = 0) -> Mention:
    text = art.headline if sentence < 0 else art.sentences[sentence].text
    start = text.index(surface)
    return Mention(text=surface, type=type_, name=surface, sentence=sentence, start=start, end=start + len(surface))


def indicators(*sentences: str) -> dict[str, str]:
    return {m.raw: m.indicator for m in extract_metrics(article(*sentences), [])}


# ---------------------------------------------------------------- indicators

def test_a_quoted_name_belongs_to_the_noun_after_a_count():
    got = indicators("今年再推出30个“高效办成一件事”、150项“全区通办”事项。")
    assert got["150项"] == "“全区通办”事项" and got["30个"].endswith("“高效办成一件事”")


def test_words_that_hold_a_stop_character_stay_in_the_noun():
    assert indicators("认定25家中小企业公共服务示范平台。")["25家"].endswith("中小企业公共服务示范平台")


def test_the_head_after_de_is_the_noun():
    assert indicators("扎实推进47个“打基础、利长远”的基建项目。")["47个"].endswith("推进基建项目")


def test_names_listed_before_a_count_are_not_its_indicator():
    assert indicators("推动肉羊、玉米2个千亿级产业链提质增效。")["2个"].startswith("千亿级产业链")


def test_the_words_before_a_parenthesis():
    assert indicators("签订投资贸易合同40余份，签约总金额（含意向额）6.1亿元。")["6.1亿元"] == "签约总金额"


def test_the_words_after_a_figure_when_none_come_before():
    assert indicators("1576人达成就业意向。")["1576人"].endswith("就业意向")


def test_a_figure_with_no_words_takes_what_the_article_last_measured_in_its_unit():
    got = indicators("全年完成口岸货运量5842.2万吨。", "甘其毛都口岸领跑，全年突破1900万吨。")
    assert got["1900万吨"] == "口岸货运量"


def test_the_noun_of_the_figure_before_is_not_the_next_ones_indicator():
    assert indicators("60万吨进口煤、7000吨原油享受到了通关便利。") == {"60万吨": "进口煤", "7000吨": "原油"}


def test_gigawatts_of_a_factory_are_output_capacity():
    art = article("华耀光电将投资60亿元建设10GW光伏N型电池片生产项目。")
    ms = [mention(art, "10GW光伏N型电池片生产项目", PROJECT)]
    assert {m.raw: m.indicator for m in extract_metrics(art, ms)}["10GW"] == "产能"


def test_the_product_of_a_livestock_project():
    art = article("开工建设和林县正邦5万只奶山羊养殖基地项目。")
    [m] = extract_metrics(art, [mention(art, "和林县正邦5万只奶山羊养殖基地项目", PROJECT)])
    assert (m.about, m.indicator) == (0, "奶山羊养殖规模")


# ---------------------------------------------------------------- roles

def test_an_absolute_change_is_also_a_figure_and_the_percentage_stays_on_the_value():
    got = extract_metrics(article("预计全年新增对外投资项目数68个，同比增加44个，同比增长183.3%。"), [])
    assert [(m.raw, m.change, m.change_abs) for m in got] == [
        ("68个", Decimal("183.3"), Decimal(44)), ("44个", None, None)]


def test_a_change_after_the_value_s_noun_goes_on_the_value():
    [m] = extract_metrics(article("全年完成7600万吨货运量、同比增长30%以上。"), [])
    assert (m.raw, m.change) == ("7600万吨", Decimal(30))


# ---------------------------------------------------------------- headline figures

def test_a_headline_figure_the_body_does_not_give_is_kept():
    art = article("围绕六大产业集群绘制精准招商图谱。", headline="和林县正邦5万只奶山羊养殖基地项目")
    [m] = extract_metrics(art, [mention(art, "和林县正邦5万只奶山羊养殖基地项目", PROJECT, sentence=-1)])
    assert (m.sentence, m.raw, m.about) == (-1, "5万只", 0)


def test_a_headline_figure_the_body_repeats_is_dropped():
    art = article("乌拉特中旗组织19支招商小分队赴湖南。", headline="乌拉特中旗19支招商小分队首战告捷")
    assert [m.sentence for m in extract_metrics(art, [])] == [0]


def test_a_headline_change_goes_on_the_body_s_value():
    art = article("2022年全区纳入海关统计的跨境电商规模达到24.8亿元。", headline="去年内蒙古跨境电商进出口规模同比增长5.5倍")
    [m] = extract_metrics(art, [])
    assert (m.raw, m.change) == ("24.8亿元", Decimal(550))


# ---------------------------------------------------------------- duplicates

def test_two_equal_figures_of_one_sentence_are_two_metrics():
    got = extract_metrics(article("和林格尔新区2个500亿级园区，航天经济开发区2个200亿级园区。"), [])
    assert len(got) == 2


def test_a_repeated_figure_keeps_the_subject_and_year_it_is_given_once():
    art = article("推进实施重点项目1100个。", "目前，全市共推进实施2023年重点项目1100个。")
    [m] = extract_metrics(art, [mention(art, "全市", sentence=1)])
    assert (m.about, m.year, m.sentence) == (0, 2023, 0)


def test_a_percentage_of_growth_is_a_change():
    [m] = extract_metrics(article("加大财政科技投入，执行好20%的刚性增长机制。"), [])
    assert (m.value, m.unit, m.change) == (None, None, Decimal(20))
    [m] = extract_metrics(article("小区居民参与活动率达到98%。"), [])
    assert (m.value, m.change) == (Decimal(98), None)
