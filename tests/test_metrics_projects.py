"""The project a figure is about, and the year a project's figure has.

Every sentence here is made up (invented companies and projects in real places): the
rules are general constructions of Chinese project news, not any article's wording.

- a project that heads its sentence (X公司投资建设的Y项目已开工，年产…; Y项目由X公司投资建设，
  总投资…) owns the figures of the clauses after it;
- a clause-opening 该项目 / 项目 / 研究院 stands for the last project or organization so named;
- the investment said right after a project's name, or in a clause of its sentence, is the
  project's; a company's 增资 is the company's;
- a project's investment or capacity takes a year only from its own clause (or a clause of
  time words); a deadline to come (预计2026年底投产) is passed on to no later sentence;
- names after 与 in a list are objects; names in parentheses are glosses; 等 counts the names
  right before it, not a subject further back.
"""
from kg.extract.metrics import extract_metrics
from kg.model import ORGANIZATION, PLACE, PROJECT, Article, Context, Mention, Sentence


def article(*sentences: str, year: int = 2024, date: str | None = "2024-05-20") -> Article:
    return Article(doc_id="t.txt", index=0, headline="",
                   sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                   context=Context(newspaper="湖南日报", home="湖南省", year=year, date=date))


def mention(art: Article, surface: str, type_: str = PLACE, sentence: int = 0, nth: int = 0, **extra) -> Mention:
    text = art.sentences[sentence].text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(text=surface, type=type_, name=surface, sentence=sentence, start=start,
                   end=start + len(surface), **extra)


def about(art: Article, ms: list[Mention], raw: str) -> tuple[str | None, int | None]:
    [m] = [m for m in extract_metrics(art, ms) if m.raw == raw]
    return (ms[m.about].name if m.about is not None else None), m.year


# ---------------------------------------------------------------- the project a sentence is about

def test_a_project_after_a_relative_clause_owns_the_later_clauses():
    art = article("在岳阳市，湘江云谷科技有限公司投资40亿元建设的云谷算力中心项目已封顶，规划部署机柜8000个，"
                  "算力规模达到900P。")
    ms = [mention(art, "岳阳市"), mention(art, "湘江云谷科技有限公司", ORGANIZATION),
          mention(art, "云谷算力中心项目", PROJECT)]
    assert about(art, ms, "40亿元")[0] == "云谷算力中心项目"
    assert about(art, ms, "8000个") == ("云谷算力中心项目", None)
    assert about(art, ms, "900P") == ("云谷算力中心项目", None)


def test_a_project_opening_a_sentence_with_its_builder_after_you():
    art = article("芜湖市的皖江储能电池项目由安徽皖能新材料有限公司投资建设，总投资26亿元，建成后可年产电芯400万只。")
    ms = [mention(art, "芜湖市"), mention(art, "皖江储能电池项目", PROJECT),
          mention(art, "安徽皖能新材料有限公司", ORGANIZATION)]
    assert about(art, ms, "26亿元") == ("皖江储能电池项目", None)
    assert about(art, ms, "400万只")[0] == "皖江储能电池项目"


def test_a_clause_opening_project_owns_the_clause_after_it():
    art = article("其中，秦岭氢能装备项目计划投资9亿元，建设年产2000套电解槽生产线；渭南冷链物流项目计划投资4亿元。")
    ms = [mention(art, "秦岭氢能装备项目", PROJECT), mention(art, "渭南冷链物流项目", PROJECT)]
    assert about(art, ms, "2000套")[0] == "秦岭氢能装备项目"
    assert about(art, ms, "4亿元")[0] == "渭南冷链物流项目"


def test_a_company_before_a_project_it_only_modifies_is_no_subject():
    """Before the rule, 年销售收入 went to the company that opens the sentence."""
    art = article("株洲中车电机有限公司投资建设的轨道牵引电机产业园项目，将建设生产线6条，达产后年销售收入超20亿元。")
    ms = [mention(art, "株洲中车电机有限公司", ORGANIZATION), mention(art, "轨道牵引电机产业园项目", PROJECT)]
    assert about(art, ms, "6条")[0] == "轨道牵引电机产业园项目"
    assert about(art, ms, "超20亿元")[0] == "轨道牵引电机产业园项目"


def test_a_listed_project_or_one_beyond_a_semicolon_is_no_topic():
    art = article("甲醇制氢项目、光伏玻璃项目等已建成投产；全年新增规上工业企业37家。")
    ms = [mention(art, "甲醇制氢项目", PROJECT), mention(art, "光伏玻璃项目", PROJECT)]
    assert about(art, ms, "37家")[0] != "甲醇制氢项目"
    assert about(art, ms, "37家")[0] != "光伏玻璃项目"


def test_a_change_is_not_given_to_the_project_before_it():
    art = article("长沙至赣州铁路建成通车，城市更新投资增长18%。")
    ms = [mention(art, "长沙至赣州铁路", PROJECT)]
    assert about(art, ms, "18%")[0] != "长沙至赣州铁路"


# ---------------------------------------------------------------- 该项目, 项目, 研究院

def test_this_project_stands_for_the_project_named_last():
    art = article("在衡阳市，雁城多式联运港项目同步开工。",
                  "该项目由湖南雁港物流有限公司投资建设，总投资15亿元，建成后年吞吐能力可达600万吨。")
    ms = [mention(art, "衡阳市"), mention(art, "雁城多式联运港项目", PROJECT),
          mention(art, "湖南雁港物流有限公司", ORGANIZATION, sentence=1)]
    assert about(art, ms, "15亿元") == ("雁城多式联运港项目", None)
    assert about(art, ms, "600万吨") == ("雁城多式联运港项目", None)


def test_a_bare_project_opening_a_quoted_sentence_is_the_last_project():
    art = article("在郴州市，郴江锂电隔膜项目正在加紧建设，项目总投资30亿元。",
                  "“项目全部达产后，可实现年产值70亿元，带动就业1500余人。”")
    ms = [mention(art, "郴州市"), mention(art, "郴江锂电隔膜项目", PROJECT)]
    assert about(art, ms, "30亿元") == ("郴江锂电隔膜项目", None)
    assert about(art, ms, "70亿元")[0] == "郴江锂电隔膜项目"
    assert about(art, ms, "1500余人")[0] == "郴江锂电隔膜项目"


def test_a_noun_opening_a_sentence_stands_for_the_organization_so_named():
    art = article("合肥市与中国科学技术大学共建合肥量子信息研究院。", "研究院选址滨湖新区，首期投入3亿元。")
    ms = [mention(art, "合肥市"), mention(art, "中国科学技术大学", ORGANIZATION),
          mention(art, "合肥量子信息研究院", ORGANIZATION), mention(art, "滨湖新区", sentence=1)]
    assert about(art, ms, "3亿元")[0] == "合肥量子信息研究院"


def test_project_as_an_ordinary_noun_with_nothing_named_before_takes_no_project():
    art = article("项目建设方面，全省新开工项目420个。")
    ms = [mention(art, "全省")]
    assert about(art, ms, "420个")[0] == "全省"


# ---------------------------------------------------------------- investment

def test_the_investment_after_a_project_name_is_the_projects():
    art = article("长沙市同日签约的德国莱茵精工新能源部件项目总投资2亿美元，落户长沙经开区。")
    ms = [mention(art, "长沙市"), mention(art, "德国", subtype="Country"),
          mention(art, "莱茵精工新能源部件项目", PROJECT)]
    assert about(art, ms, "2亿美元")[0] == "莱茵精工新能源部件项目"


def test_an_introduced_projects_planned_investment_is_the_projects():
    art = article("宣城市则引进江南生物医药产业园项目，计划投资5000万美元。")
    ms = [mention(art, "宣城市"), mention(art, "江南生物医药产业园项目", PROJECT)]
    assert about(art, ms, "5000万美元")[0] == "江南生物医药产业园项目"


def test_money_spent_after_where_it_is_built_is_the_projects():
    art = article("湘潭钢联集团计划投资80亿元，在湘潭经开区建设年产200万吨特种钢项目。")
    ms = [mention(art, "湘潭钢联集团", ORGANIZATION), mention(art, "湘潭经开区"),
          mention(art, "年产200万吨特种钢项目", PROJECT)]
    assert about(art, ms, "80亿元")[0] == "年产200万吨特种钢项目"


def test_money_added_to_a_companys_capital_is_the_companys():
    art = article("益阳华芯电子有限公司增资3000万美元扩建功率芯片封装线。")
    ms = [mention(art, "益阳华芯电子有限公司", ORGANIZATION), mention(art, "功率芯片封装线", PROJECT)]
    assert about(art, ms, "3000万美元")[0] == "益阳华芯电子有限公司"


# ---------------------------------------------------------------- objects, glosses, 等

def test_names_listed_after_with_are_objects():
    art = article("16日，常德经济技术开发区与湖南星河化工有限公司、江西赣新材料集团集中签订4个产业项目。")
    ms = [mention(art, "常德经济技术开发区"), mention(art, "湖南星河化工有限公司", ORGANIZATION),
          mention(art, "江西赣新材料集团", ORGANIZATION)]
    assert about(art, ms, "4个")[0] == "常德经济技术开发区"


def test_a_name_in_parentheses_is_no_subject():
    art = article("6月2日，2024长沙（法国）经贸合作洽谈会在湘江新区举行，现场签约项目18个。")
    ms = [mention(art, "长沙"), mention(art, "法国", subtype="Country"), mention(art, "湘江新区")]
    assert about(art, ms, "18个")[0] != "法国"


def test_deng_counts_the_names_right_before_it_only():
    art = article("一季度全省共组织赴京津冀、成渝等地招商活动90批次。")
    ms = [mention(art, "全省"), mention(art, "京津冀"), mention(art, "成渝")]
    assert about(art, ms, "90批次")[0] == "全省"


def test_a_quarter_before_a_name_still_lets_it_open_its_clause():
    art = article("省商务厅负责人介绍，二季度全省新设外资企业80家，省领导带队招商5次。")
    ms = [mention(art, "省商务厅", ORGANIZATION, subtype="GovernmentAgency"), mention(art, "全省")]
    assert about(art, ms, "5次")[0] == "全省"


# ---------------------------------------------------------------- years

def test_a_projects_figure_takes_no_year_from_another_clause():
    art = article("芜湖储能电池基地项目正式签约。",
                  "根据协议，项目分两期建设，一期投资20亿元，预计2025年底投产；二期投资35亿元，建设年产8GWh电池生产线。")
    ms = [mention(art, "芜湖储能电池基地项目", PROJECT)]
    assert about(art, ms, "35亿元") == ("芜湖储能电池基地项目", None)
    assert about(art, ms, "8GWh") == ("芜湖储能电池基地项目", None)


def test_a_projects_figure_keeps_a_year_of_its_own_clause_or_an_opening_time_clause():
    art = article("2023年，湘南光伏项目完成投资12亿元。", "今年，湘南光伏项目计划投资8亿元。")
    ms = [mention(art, "湘南光伏项目", PROJECT), mention(art, "湘南光伏项目", PROJECT, sentence=1)]
    assert about(art, ms, "12亿元")[1] == 2023
    assert about(art, ms, "8亿元")[1] == 2024


def test_a_deadline_to_come_is_passed_on_to_no_later_sentence():
    art = article("芙蓉新材料项目预计2026年底建成投产。", "全市新签约项目52个。")
    ms = [mention(art, "芙蓉新材料项目", PROJECT)]
    assert about(art, ms, "52个")[1] == 2024


def test_a_gathered_stock_has_no_year():
    art = article("浏阳经开区已集聚电子信息企业210家。", "目前，长沙临空经济区已入驻物流企业66家。")
    ms = [mention(art, "浏阳经开区"), mention(art, "长沙临空经济区", sentence=1)]
    assert about(art, ms, "210家")[1] is None
    assert about(art, ms, "66家")[1] is None


def test_the_total_of_a_stock_just_counted_is_a_stock():
    art = article("平江县已储备抽水蓄能项目5个，总装机规模600万千瓦。")
    ms = [mention(art, "平江县")]
    assert about(art, ms, "5个")[1] is None
    assert about(art, ms, "600万千瓦")[1] is None


def test_a_period_of_the_year_in_an_undated_article_passes_the_year_on():
    art = article("一季度，全省实际使用外资12亿美元。", "其中，制造业实际使用外资占比达55%。", date=None)
    ms = [mention(art, "全省")]
    assert about(art, ms, "55%")[1] == 2024
