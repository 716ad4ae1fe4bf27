"""Who a figure is about: headline topics, what a sentence passes on, lists, pronouns, government bodies."""
from kg.extract.metrics import extract_metrics
from kg.model import (
    ORGANIZATION,
    PERSON,
    PLACE,
    PROJECT,
    Article,
    Context,
    Mention,
    Sentence,
)


def article(*sentences: str, headline: str = "", year: int = 2023, date: str | None = "2023-02-09") -> Article:
    return Article(doc_id="t.txt", index=0, headline=headline,
                   sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                   context=Context(newspaper="内蒙古日报", home="内蒙古自治区", year=year, date=date))


def mention(art: Article, surface: str, type_: str = PLACE, name: str | None = None, sentence: int = 0,
            **extra) -> Mention:
    text = art.headline if sentence < 0 else art.sentences[sentence].text
    start = text.index(surface)
    return Mention(text=surface, type=type_, name=name or surface, sentence=sentence, start=start,
                   end=start + len(surface), **extra)


def implied(name: str) -> Mention:
    """A place the article refers to without naming it (as the recognizers add it)."""
    return Mention(text="", type=PLACE, name=name, sentence=-1, start=0, end=0, deictic=True)


def by_raw(metrics, raw):
    [m] = [m for m in metrics if m.raw == raw]
    return m


# ---------------------------------------------------------------- headline topics

def test_a_name_before_a_colon_in_the_headline_is_the_topic():
    art = article("举办基层业务骨干培训班3期。", headline="整改整治进行时 市退役军人事务局：下力气整改整治")
    ms = [mention(art, "市退役军人事务局", ORGANIZATION, "呼和浩特市退役军人事务局", sentence=-1,
                  subtype="GovernmentAgency")]
    [m] = extract_metrics(art, ms)
    assert m.about == 0


def test_an_interview_with_a_county_secretary_is_about_the_county():
    art = article("举办基层业务骨干培训班3期。", headline="推动各项工作提速提质增效 ——访和林格尔县委书记李六小")
    ms = [mention(art, "和林格尔县委", ORGANIZATION, sentence=-1, subtype="PartyOrganization"),
          mention(art, "和林格尔", PLACE, "和林格尔县", sentence=-1),
          mention(art, "李六小", PERSON, sentence=-1)]
    [m] = extract_metrics(art, ms)
    assert m.about == 1


def test_the_headline_prefers_a_place_to_the_body_holding_a_press_conference():
    art = article("全区引进国内到位资金4296.1亿元。", headline="自治区政府新闻办召开发布会 2023年我区商务运行总体平稳")
    ms = [mention(art, "自治区政府新闻办", ORGANIZATION, "内蒙古自治区政府新闻办", sentence=-1),
          mention(art, "我区", PLACE, "内蒙古自治区", sentence=-1, deictic=True)]
    [m] = extract_metrics(art, ms)
    assert m.about == 1


# ---------------------------------------------------------------- what a sentence passes on

def test_a_designation_closes_and_passes_on_no_subject():
    art = article("乌兰察布市获批国家加工贸易梯度转移重点承接地。", "组织693家企业赴阿联酋开展经贸活动。",
                  headline="2023年我区商务运行总体平稳")
    ms = [mention(art, "我区", sentence=-1, name="内蒙古自治区", deictic=True), mention(art, "乌兰察布市")]
    [m] = extract_metrics(art, ms)
    assert m.about == 0


def test_a_list_of_names_passes_on_no_subject():
    art = article("呼和浩特市、包头市获批服务外包示范城市。", "下拨2亿元口岸经济发展专项资金。")
    ms = [mention(art, "呼和浩特市"), mention(art, "包头市")]
    [m] = extract_metrics(art, ms)
    assert m.about is None


def test_a_sentence_that_opens_a_topic_passes_it_on_without_figures():
    art = article("二连浩特口岸外贸活力持续迸发，中蒙枢纽口岸作用更加明显。",
                  "大宗矿产品监管政策持续优化，60万吨进口煤享受到了通关便利。")
    [m] = extract_metrics(art, [mention(art, "二连浩特口岸")])
    assert m.about == 0


def test_a_name_of_a_meeting_is_no_subject():
    art = article("“市委十三届七次全会提出了明年的目标。", "规上工业总产值完成700亿元。")
    ms = [mention(art, "市委", ORGANIZATION, "呼和浩特市委", subtype="PartyOrganization")]
    [m] = extract_metrics(art, ms)
    assert m.about is None


def test_a_party_committee_passes_on_its_place():
    art = article("呼和浩特市委认真对标党的二十大精神，持续优化营商环境。", "126个项目开工时间平均提前近2个月。")
    ms = [mention(art, "呼和浩特市委", ORGANIZATION, subtype="PartyOrganization"),
          mention(art, "呼和浩特市", PLACE)]
    [m] = extract_metrics(art, ms)
    assert m.about == 1


def test_figures_about_a_later_name_pass_that_name_on():
    art = article("1月29日，自治区招商大会召开后，乌拉特中旗组织19支招商小分队。", "共签订意向协议10个。")
    ms = [mention(art, "自治区", name="内蒙古自治区"), mention(art, "乌拉特中旗")]
    got = extract_metrics(art, ms)
    assert [m.about for m in got] == [1, 1]


# ---------------------------------------------------------------- inside a sentence

def test_a_government_body_s_projects_are_its_territory_s():
    art = article("市区域经济合作局将瞄准新引进亿元以上项目400个。", "市市场监管局先后召开65场座谈会。")
    ms = [mention(art, "市区域经济合作局", ORGANIZATION, "呼和浩特市区域经济合作局", subtype="GovernmentAgency"),
          mention(art, "市市场监管局", ORGANIZATION, "呼和浩特市市场监管局", sentence=1, subtype="GovernmentAgency"),
          implied("呼和浩特市")]
    projects, meetings = extract_metrics(art, ms)
    assert projects.about == 2                # the city
    assert meetings.about == 1                # the bureau's own work


def test_names_listed_before_a_count_are_what_it_counts():
    art = article("打造金桥经济开发区、敕勒川乳业开发区、经济技术开发区4个千亿级园区。")
    ms = [mention(art, "金桥经济开发区"), mention(art, "敕勒川乳业开发区")]
    [m] = extract_metrics(art, ms)
    assert m.about is None and m.indicator == "千亿级园区"


def test_he_is_the_person_named_before():
    art = article("此外，他还主持制定了内蒙古地方标准7项。", headline="郭梁：扎根基层的科技工作者")
    ms = [mention(art, "郭梁", PERSON, sentence=-1), mention(art, "内蒙古", name="内蒙古自治区")]
    [m] = extract_metrics(art, ms)
    assert m.about == 0


def test_a_name_after_a_verb_is_an_object():
    art = article("在完成国务院发布的13个事项基础上又推出10个。")
    ms = [mention(art, "国务院", ORGANIZATION, "中华人民共和国国务院")]
    assert {m.about for m in extract_metrics(art, ms)} == {None}


def test_a_count_that_opens_a_project_name_counts_those_projects():
    art = article("建成20家小微企业创业创新示范基地。")
    ms = [mention(art, "20家小微企业创业创新示范基地", PROJECT)]
    [m] = extract_metrics(art, ms)
    assert (m.about, m.status) == (None, "actual") and m.indicator.endswith("小微企业创业创新示范基地")
