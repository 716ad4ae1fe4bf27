"""Years, periods and statuses of metrics, from the cue words around a figure."""
from decimal import Decimal

import pytest

from kg.extract.metrics import extract_metrics
from kg.model import ACTUAL, FORECAST, TARGET, Article, Context, Sentence


def metrics_of(*sentences: str, year: int = 2023, date: str | None = None):
    art = Article(doc_id="t.txt", index=0, headline="",
                  sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                  context=Context(home="内蒙古自治区", year=year, date=date))
    return extract_metrics(art, [])


@pytest.mark.parametrize("sentence, year", [
    ("2022年全区签约项目703个。", 2022),
    ("去年全区签约项目703个。", 2022),
    ("今年全区签约项目703个。", 2023),
    ("明年全区签约项目703个。", 2024),
    ("全年签约产业项目90个。", 2023),
    ("力争年内实现开工率达65%。", 2023),
    ("2022年内蒙古跨境电商规模达到24.8亿元。", 2022),      # 年内 of 2022年内蒙古 is no cue
    ("网络零售额比去年同期增长14%，达630亿元。", 2023),    # 去年 as a comparison base
    ("全区有20个对外开放口岸。", None),                    # a stock
    ("累计开发企业1570家。", None),
    ("每年接待游客近3亿人次。", None),
])
def test_year(sentence, year):
    [m] = [m for m in metrics_of(sentence) if m.value is not None]
    assert m.year == year


def test_period_and_its_year():
    [m] = metrics_of("1—11月，全区外贸进出口额1700亿元。")
    assert (m.period, m.year) == ("1—11月", 2023)


def test_year_carries_to_the_next_sentence():
    got = metrics_of("2022年，全区新增高新技术企业340家。", "新增科技型中小企业761家。")
    assert [m.year for m in got] == [2022, 2022]


def test_this_year_in_january_on_a_result_is_last_year():
    [m] = metrics_of("今年全市共举办招聘会43场。", year=2024, date="2024-01-05")
    assert m.year == 2023
    [plan] = metrics_of("今年要举办招聘会50场。", year=2024, date="2024-01-05")
    assert plan.year == 2024


@pytest.mark.parametrize("sentence, status", [
    ("全区签约项目703个。", ACTUAL),
    ("2023年目标新签约项目1000个。", TARGET),
    ("今年计划投资1200亿元。", TARGET),
    ("力争亿元以上项目开工率达65%。", TARGET),
    ("确保通达率达到97%以上。", TARGET),
    ("今年拟实施重点项目1100个。", TARGET),
    ("全区要新建农村公路5000公里。", TARGET),
    ("全区将新建农村公路5000公里。", TARGET),
    ("争取新增科技型中小企业60家。", TARGET),
    ("预计全年口岸货运量达到1.07亿吨。", FORECAST),
    ("全年完成7600万吨货运量将会成为大概率事件。", FORECAST),
    ("这是一个重要的项目，投资20亿元。", ACTUAL),             # 重要 holds 要 but is no cue
    ("将市本级820项事项纳入“一网通办”。", ACTUAL),           # 将 = 把
    ("实施“攻坚计划”，签约项目82个。", ACTUAL),              # a name in quotes
    ("新区顺利完成了招商引资目标任务，签约项目90个。", ACTUAL),
    ("全年货运量超预期，达到5842.2万吨。", ACTUAL),
])
def test_status(sentence, status):
    [m] = metrics_of(sentence)
    assert m.status == status


def test_forecast_governs_its_clause_and_list_items_only():
    got = metrics_of("预计社会消费品零售总额增长4%，汽车、家电等以旧换新带动消费300多亿元。")
    assert [(m.change, m.status) for m in got] == [(Decimal(4), FORECAST), (None, ACTUAL)]
    got = metrics_of("预计全年新设外商投资企业145家，同比增长2.6倍；实际使用外资额52亿元，同比增长50.7%。")
    assert [m.status for m in got] == [FORECAST, FORECAST]
    assert [m.change for m in got] == [Decimal(260), Decimal("50.7")]


def test_target_governs_the_rest_of_its_sentence():
    got = metrics_of("今年拟实施重点项目1100个、计划投资1200亿元。")
    assert [m.status for m in got] == [TARGET, TARGET]
