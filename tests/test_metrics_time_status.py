"""Years and statuses decided by the article as a whole: review openings, undated articles,
comparison bases, plan sections, deadlines, past years, clause-scoped cues."""
from decimal import Decimal

from kg.extract.metrics import extract_metrics
from kg.model import ACTUAL, TARGET, Article, Context, Sentence


def metrics_of(*sentences: str, year: int = 2023, date: str | None = "2023-02-09", headline: str = ""):
    art = Article(doc_id="t.txt", index=0, headline=headline,
                  sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                  context=Context(home="内蒙古自治区", year=year, date=date))
    return extract_metrics(art, [])


def by_raw(metrics, raw):
    [m] = [m for m in metrics if m.raw == raw]
    return m


# ---------------------------------------------------------------- years

def test_a_review_that_names_its_year_later_is_about_that_year_from_the_start():
    got = metrics_of("全年退税减税降费超100亿元。", "2022年签约项目703个。")
    assert [m.year for m in got] == [2022, 2022]


def test_an_article_that_opens_with_its_own_year_keeps_it():
    got = metrics_of("全年签约项目90个。", "2024年计划签约项目100个。")
    assert [m.year for m in got] == [2023, 2024]


def test_an_undated_article_gives_untied_figures_no_year():
    assert metrics_of("举办基层业务骨干培训班3期。", year=2024, date=None)[0].year is None
    assert metrics_of("举办基层业务骨干培训班3期。", year=2024, date="2024-03-01")[0].year == 2024
    assert metrics_of("今年举办招聘会43场。", year=2024, date=None)[0].year == 2024


def test_an_undated_article_that_speaks_of_its_year_passes_it_on():
    got = metrics_of("年初以来，共转发创城信息20余条。", "小区居民参与活动率达到98%。", year=2023, date=None)
    assert [m.year for m in got] == [2023, 2023]
    [m] = metrics_of("截至2月6日，已有13个市直机关开展活动。", year=2023, date=None)
    assert m.year == 2023


def test_a_plan_in_a_review_of_a_past_year_has_no_year():
    got = metrics_of("2022年全区签约项目703个。", "获得称号的旗县，将给予200万元的一次性奖励。")
    assert [m.year for m in got] == [2022, None]


def test_a_comparison_base_states_the_year_after_it():
    [m] = metrics_of("全区外贸进出口额1850亿元，较2022年增长5%。", date=None)
    assert (m.year, m.change) == (2023, Decimal(5))
    assert {m.year for m in metrics_of("网络零售额比去年同期增长14%，达630亿元。", date=None)} == {2023}


# ---------------------------------------------------------------- statuses

def test_figures_of_a_plan_section_are_targets_but_not_its_stocks():
    got = metrics_of("一、2024年工作回顾", "新建高标准农田800万亩。", "二、2025年工作安排",
                     "新建高标准农田850万亩。", "全区有20个对外开放口岸。", "去年已建成高标准农田700万亩。", year=2025)
    assert [m.status for m in got] == [ACTUAL, TARGET, ACTUAL, ACTUAL]


def test_a_deadline_ahead_makes_a_target_a_deadline_past_does_not():
    [m] = metrics_of("到2023年底前，640项依申请行政权力事项实现“四城通办”。")
    assert m.status == TARGET
    [m] = metrics_of("年底前，1000项事项实现“掌上办”。")
    assert m.status == TARGET
    [m] = metrics_of("到2022年底，全区建成5G基站3万个。")
    assert m.status == ACTUAL


def test_a_target_cue_over_a_past_year_gives_a_result():
    got = metrics_of("要围绕点位抓突围，在去年布局5个点位基础上，今年再启动10个新点位。")
    assert (by_raw(got, "5个").status, by_raw(got, "10个").status) == (ACTUAL, TARGET)


def test_zhengqu_without_a_figure_of_its_own_governs_only_its_clause():
    got = metrics_of("争取中国光华科技基金会公益项目落户团市委，受捐1所人工智能无人车体验中心。")
    assert [m.status for m in got] == [ACTUAL]
    got = metrics_of("争取获得3个临床试验批件，开展8项技术攻关。")
    assert [m.status for m in got] == [TARGET, TARGET]
    got = metrics_of("市区域经济合作局将以四大行动为抓手，对55个重大项目实施拔尖计划。")
    assert [m.status for m in got] == [ACTUAL]


def test_absolute_change_keeps_the_change_on_the_value():
    got = metrics_of("全年完成7600万吨货运量、同比增长30%以上。")
    assert [(m.raw, m.change) for m in got] == [("7600万吨", Decimal(30))]
