"""A sentence in, a LocalMetric out: roles, subjects, indicators, years and statuses."""
from decimal import Decimal

import pytest

from kg.extract.metrics import extract_metrics
from kg.model import (
    ACTUAL,
    FORECAST,
    PLACE,
    PROJECT,
    TARGET,
    Article,
    Context,
    Mention,
    Sentence,
)


def article(*sentences: str, year: int = 2023, date: str | None = None, headline: str = "") -> Article:
    return Article(doc_id="t.txt", index=0, headline=headline,
                   sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                   context=Context(newspaper="内蒙古日报", home="内蒙古自治区", year=year, date=date))


def mention(art: Article, surface: str, type_: str = PLACE, name: str | None = None, sentence: int = 0,
            nth: int = 0, **extra) -> Mention:
    """A mention of `surface` in a sentence, as a recognizer would give it."""
    text = art.sentences[sentence].text if sentence >= 0 else art.headline
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(text=surface, type=type_, name=name or surface, sentence=sentence, start=start,
                   end=start + len(surface), **extra)


def by_raw(metrics, raw):
    found = [m for m in metrics if m.raw == raw]
    assert len(found) == 1, f"{raw}: {metrics}"
    return found[0]


def test_value_with_change_is_one_metric():
    art = article("2022年全区口岸完成进出境货运量5842.2万吨，同比增长14.7%。")
    ms = [mention(art, "全区", name="内蒙古自治区", deictic=True)]
    [m] = extract_metrics(art, ms)
    assert (m.about, m.indicator, m.value, m.unit, m.raw) == (0, "口岸完成进出境货运量", Decimal(58422000), "t",
                                                               "5842.2万吨")
    assert (m.change, m.year, m.status) == (Decimal("14.7"), 2022, ACTUAL)


def test_indicator_strips_verbs_at_the_edges():
    art = article("甘其毛都口岸完成进出境货运量1900万吨。")
    [m] = extract_metrics(art, [mention(art, "甘其毛都口岸")])
    assert m.indicator == "进出境货运量"


def test_decline_is_negative_and_multiple_is_percent():
    art = article("全区煤炭产量下降3.5%。", "跨境电商规模24.8亿元，同比增长5.5倍。")
    ms = extract_metrics(art, [mention(art, "全区", deictic=True)])
    assert by_raw(ms, "3.5%").change == Decimal("-3.5") and by_raw(ms, "3.5%").value is None
    assert by_raw(ms, "24.8亿元").change == Decimal(550)


def test_bare_changes_distributed_by_fenbie():
    art = article("2022年甘其毛都、策克、满都拉三大口岸货运量分别同比增长144.7%、31.2%、89.4%。")
    ms = [mention(art, "甘其毛都", name="甘其毛都口岸"), mention(art, "策克", name="策克口岸"),
          mention(art, "满都拉", name="满都拉口岸")]
    got = extract_metrics(art, ms)
    assert [(m.about, m.change, m.value, m.year) for m in got] == [
        (0, Decimal("144.7"), None, 2022), (1, Decimal("31.2"), None, 2022), (2, Decimal("89.4"), None, 2022)]
    assert all(m.indicator.endswith("货运量") and "满都拉" not in m.indicator for m in got)


def test_changes_listed_after_values_go_to_them_in_order():
    art = article("全区接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%。")
    got = extract_metrics(art, [mention(art, "全区", deictic=True)])
    assert [(m.raw, m.change) for m in got] == [("2.73亿人次", Decimal("18.6")), ("4140亿元", Decimal("23.4"))]


def test_absolute_change_goes_on_the_value_and_is_a_figure_of_its_own():
    art = article("预计全年新增对外投资项目数68个，同比增加44个，同比增长183.3%。")
    m, added = extract_metrics(art, [])
    assert (m.value, m.change_abs, m.change, m.status) == (Decimal(68), Decimal(44), Decimal("183.3"), FORECAST)
    assert (added.value, added.raw, added.indicator, added.change, added.status) == (
        Decimal(44), "44个", "新增对外投资项目数同比增加", None, FORECAST)


def test_percentage_as_value_and_object_is_not_subject():
    art = article("甘其毛都口岸领跑中蒙口岸货运量，全年突破1900万吨，占全区货运总量的32.6%。")
    ms = [mention(art, "甘其毛都口岸"), mention(art, "全区", deictic=True)]
    share = by_raw(extract_metrics(art, ms), "32.6%")
    assert (share.value, share.unit, share.about, share.change) == (Decimal("32.6"), "percent", 0, None)


def test_count_takes_the_noun_after_it():
    art = article("去年，我区3个国家级重大创新平台和2个全国重点实验室获批，新增高新技术企业超过340家、科技型中小企业761家。")
    got = extract_metrics(art, [mention(art, "我区", deictic=True)])
    assert [m.indicator for m in got] == ["国家级重大创新平台", "全国重点实验室", "新增高新技术企业", "科技型中小企业"]
    assert {m.year for m in got} == {2022} and {m.about for m in got} == {0}
    assert by_raw(got, "340家").approximate == "超过"


def test_capacity_inside_a_project_name_is_the_projects():
    art = article("清洁能源方面，金山电厂2×66万千瓦扩建项目并网发电，大唐200万千瓦新能源打捆外送项目正在建设。")
    ms = [mention(art, "金山电厂2×66万千瓦扩建项目", PROJECT), mention(art, "大唐200万千瓦新能源打捆外送项目", PROJECT)]
    done, building = extract_metrics(art, ms)
    assert (done.about, done.value, done.unit, done.indicator, done.year, done.status) == (
        0, Decimal(1320000), "kW", "装机容量", None, ACTUAL)
    assert (building.about, building.status) == (1, TARGET)


def test_money_invested_in_a_project_is_the_projects():
    art = article("华耀光电将投资60亿元建设10GW光伏N型电池片生产项目。")
    ms = [mention(art, "华耀光电", "Organization"), mention(art, "10GW光伏N型电池片生产项目", PROJECT)]
    invest = by_raw(extract_metrics(art, ms), "60亿元")
    assert (invest.about, invest.year, invest.status) == (1, None, TARGET)


def test_range_gives_two_metrics():
    art = article("全区多地迎来降雪，降水量在0.1至6.0毫米之间。")
    low, high = extract_metrics(art, [mention(art, "全区", deictic=True)])
    assert (low.value, high.value, low.unit) == (Decimal("0.1"), Decimal(6), "mm")
    assert low.indicator.endswith("下限") and high.indicator.endswith("上限")


def test_subject_carries_from_the_sentence_that_opens_with_it():
    art = article("2022年，乌拉特中旗出台招商引资优惠政策33条。", "对接企业332家，协议金额1953.62亿元。")
    ms = [mention(art, "乌拉特中旗")]
    got = extract_metrics(art, ms)
    assert {m.about for m in got} == {0}
    assert {m.year for m in got} == {2022}              # the year carries too


def test_headline_sets_the_subject():
    art = article("全年签约产业项目90个。", headline="和林格尔新区招商引资实现新突破")
    ms = [mention(art, "和林格尔新区", sentence=-1)]
    [m] = extract_metrics(art, ms)
    assert m.about == 0


def test_no_subject_gives_none():
    [m] = extract_metrics(article("新增城镇就业20.1万人。"), [])
    assert m.about is None and m.unit == "person"


def test_excluded_figures_make_no_metrics():
    art = article("2023年2月9日，第十四届大会提出“四大行动”，用7个月推进六大产业集群，电话0471-6969999。")
    assert extract_metrics(art, []) == []


def test_same_figure_twice_is_one_metric():
    art = article("今年拟实施重点项目1100个。", "目前，全市共推进实施重点项目1100个。")
    assert len(extract_metrics(art, [])) == 1


@pytest.mark.parametrize("sentence, raw, value, unit, change, approx", [
    ("全区口岸完成进出境货运量5842.2万吨。", "5842.2万吨", "58422000", "t", None, None),
    ("全年口岸货运量达到1.07亿吨。", "1.07亿吨", "107000000", "t", None, None),
    ("金山电厂2×66万千瓦扩建项目并网发电。", "2×66万千瓦", "1320000", "kW", None, None),
    ("建设10GW光伏电池片生产线。", "10GW", "10000000", "kW", None, None),
    ("全市新建一千个充电桩。", "一千个", "1000", "count", None, None),
    ("全市新增两千吨冷库。", "两千吨", "2000", "t", None, None),
    ("全市表彰三十五名先进个人。", "三十五名", "35", "person", None, None),
    ("资产总额突破1万亿元。", "1万亿元", "1000000000000", "CNY", None, None),
    ("产值稳定在千亿元以上。", "千亿元", "100000000000", "CNY", None, "以上"),
    ("共进口活羊近20000只。", "近20000只", "20000", "head", None, "近"),
    ("全年退税减税降费超100亿元。", "超100亿元", "10000000000", "CNY", None, "超"),
    ("转发创城信息20余条。", "20余条", "20", "count", None, "余"),
    ("参训300余人次。", "300余人次", "300", "person", None, "余"),
    ("跨境电商规模同比增长5.5倍。", "5.5倍", None, None, "550", None),
    ("全区煤炭产量下降3.5%。", "3.5%", None, None, "-3.5", None),
    ("占全区货运总量的32.6%。", "32.6%", "32.6", "percent", None, None),
    ("增速高于全国1个百分点。", "1个百分点", "1", "pp", None, None),
])
def test_each_written_form_gives_a_metric(sentence, raw, value, unit, change, approx):
    [m] = extract_metrics(article(sentence), [])
    assert m.raw == raw
    assert m.value == (None if value is None else Decimal(value)) and m.unit == unit
    assert m.change == (None if change is None else Decimal(change)) and m.approximate == approx


def test_period_form_gives_no_metric_of_its_own():
    [m] = extract_metrics(article("1—11月，全区外贸进出口额1700亿元。"), [])
    assert (m.raw, m.period) == ("1700亿元", "1—11月")


def test_small_chinese_counts_are_prose_not_figures():
    assert extract_metrics(article("重点做好两个方面、三项工作。"), []) == []


def test_fenbie_distributes_values_and_their_indicator():
    art = article("呼和浩特市和包头市分别完成投资500亿元、300亿元。")
    ms = [mention(art, "呼和浩特市"), mention(art, "包头市")]
    got = extract_metrics(art, ms)
    assert [(m.about, m.value, m.indicator) for m in got] == [
        (0, Decimal(50000000000), "投资"), (1, Decimal(30000000000), "投资")]


def test_qizhong_part_keeps_the_subject():
    art = article("呼和浩特市2022年签约项目703个，其中254个项目已经开工。")
    whole, part = extract_metrics(art, [mention(art, "呼和浩特市")])
    assert (whole.about, part.about, part.value, part.year) == (0, 0, Decimal(254), 2022)
    assert "其中" not in part.indicator
