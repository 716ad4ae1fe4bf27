"""involves: a sentence in, Project -> Organization relations out (kg/extract/involves.py).
The sentences are made up, about other provinces than the seeds'."""
from __future__ import annotations

from kg.extract import extract_article
from kg.model import INVOLVES

from conftest import make_article


def involves(*sentences: str, home: str = "江苏省", newspaper: str = "新华日报") -> dict[tuple[str, str], str]:
    ext = extract_article(make_article(*sentences, home=home, newspaper=newspaper))
    return {(ext.mentions[r.subject].name, ext.mentions[r.object].name): r.role
            for r in ext.relations if r.predicate == INVOLVES}


def test_the_company_a_project_is_named_after():
    assert involves("市发改委积极推进万华化学烟台工业园乙烯二期项目建设。", home="山东省", newspaper="大众日报") == {
        ("万华化学烟台工业园乙烯二期项目", "万华化学集团股份有限公司"): "owner"}


def test_an_item_that_took_the_brand_before_it_involves_that_company():
    rels = involves("推动宁德时代电池三期、储能二期等项目开工。")
    assert rels == {("宁德时代电池三期", "宁德时代新能源科技股份有限公司"): "owner",
                    ("宁德时代储能二期", "宁德时代新能源科技股份有限公司"): "owner"}


def test_investor_before_the_project():
    assert involves("由中国电建投资建设的盐城滨海海上风电项目于今年6月全面投产。") == {
        ("盐城滨海海上风电项目", "中国电力建设集团有限公司"): "investor"}
    assert involves("宁德时代将投资100亿元在溧阳建设动力电池生产基地项目。") == {
        ("动力电池生产基地项目", "宁德时代新能源科技股份有限公司"): "investor"}


def test_builder_after_the_project():
    assert involves("成渝中线高铁项目由中国中铁负责施工。", home="四川省", newspaper="四川日报") == {
        ("成渝中线高铁项目", "中国铁路工程集团有限公司"): "builder"}


def test_a_companys_project():
    assert involves("比亚迪的常州新能源汽车工厂二期顺利投产。") == {
        ("常州新能源汽车工厂二期", "比亚迪股份有限公司"): "owner"}


def test_signatories_joined_in_one_subject_government_included():
    rels = involves("深圳能源集团、华侨城集团和深圳市政府三方签署合作协议，共同投资建设前海综合能源站项目。",
                    home="广东省", newspaper="南方日报")
    assert set(rels) == {("前海综合能源站项目", "深圳能源集团"), ("前海综合能源站项目", "华侨城集团有限公司"),
                         ("前海综合能源站项目", "深圳市政府")}
    assert rels[("前海综合能源站项目", "深圳市政府")] == "partner"


def test_the_place_of_a_launch_is_not_what_was_launched():
    rels = involves("2023年5月，比亚迪、长安汽车、重庆市政府三方达成合作，在两江新区汽车产业园正式启动比亚迪重庆电池工厂项目。",
                    home="重庆市", newspaper="重庆日报")
    assert {p for p, _ in rels} == {"比亚迪重庆电池工厂项目"}
    assert ("比亚迪重庆电池工厂项目", "重庆长安汽车股份有限公司") in rels
    assert rels[("比亚迪重庆电池工厂项目", "重庆市政府")] == "partner"


def test_governments_that_push_a_project_are_not_involved():
    rels = involves("市发改委积极推进万华化学烟台工业园乙烯二期项目建设。", home="山东省", newspaper="大众日报")
    assert not any("发改委" in org for _, org in rels)
    assert not involves("省政府大力推进连云港徐圩港区项目建设。")


def test_an_organization_governed_by_a_verb_is_not_the_builder():
    rels = involves("筹建广东省新材料研究院，加快建设佛山氢能产业园项目。", home="广东省", newspaper="南方日报")
    assert not any(org == "广东省新材料研究院" for _, org in rels)


def test_an_organization_named_inside_another_project_builds_nothing_else():
    rels = involves("苏州工业园区的东方电气智慧能源产业基地等项目全部投产，鑫环10万吨颗粒硅等项目正在加快建设。")
    assert rels == {("东方电气智慧能源产业基地", "中国东方电气集团有限公司"): "owner",
                    ("鑫环10万吨颗粒硅项目", "鑫环"): "owner"}


def test_we_in_a_quotation_is_the_speakers_company():
    rels = involves("宁夏宝丰能源集团股份有限公司董事长党彦宝感触颇深，他说：“这些年发展很快。",
                    "下一步我们将投资200亿元建设太阳能电解水制氢项目。”", home="宁夏回族自治区", newspaper="宁夏日报")
    assert rels == {("太阳能电解水制氢项目", "宁夏宝丰能源集团股份有限公司"): "investor"}


def test_we_outside_a_quotation_is_nobody():
    assert not involves("我们将投资50亿元建设新能源汽车零部件产业园项目。")


# ------------------------------------------------------------ constructions of unseen-style articles

def test_joint_venture_after_the_projects_investment():
    rels = involves("湖北荆门宏宇化工新型锂电材料项目总投资36亿元，由荆门宏宇化工有限公司与上海鼎泰材料股份有限公司合资建设。",
                    home="湖北省", newspaper="湖北日报")
    assert rels[("湖北荆门宏宇化工新型锂电材料项目", "上海鼎泰材料股份有限公司")] == "investor"
    assert ("湖北荆门宏宇化工新型锂电材料项目", "荆门宏宇化工有限公司") in rels


def test_this_project_in_the_next_sentence():
    rels = involves("在江汉区，武汉国际陆港物流园项目同步开工。", "该项目由湖北楚港物流集团有限公司投资建设，总投资18亿元。",
                    home="湖北省", newspaper="湖北日报")
    assert rels == {("武汉国际陆港物流园项目", "湖北楚港物流集团有限公司"): "investor"}


def test_a_brand_named_in_full_elsewhere_with_its_province():
    rels = involves("洛阳高新区与湖南南岭生物科技有限公司、上海华锐新能科技有限公司签约。",
                    "其中，南岭生物玉米深加工项目计划投资6亿元；华锐新能钛酸锂电池负极材料项目计划投资20亿元。",
                    home="河南省", newspaper="河南日报")
    assert rels == {("南岭生物玉米深加工项目", "湖南南岭生物科技有限公司"): "owner",
                    ("华锐新能钛酸锂电池负极材料项目", "上海华锐新能科技有限公司"): "owner"}


def test_clauses_without_a_subject_keep_the_signatories():
    rels = involves("华中新能源控股有限公司与洛阳市人民政府签署投资协议，计划投资80亿元，"
                    "在洛阳新区建设年产20GWh储能电池及动力电池生产基地项目。", home="河南省", newspaper="河南日报")
    assert rels == {("年产20GWh储能电池及动力电池生产基地项目", "华中新能源控股有限公司"): "investor",
                    ("年产20GWh储能电池及动力电池生产基地项目", "洛阳市人民政府"): "partner"}


def test_a_company_adding_capital_invests_in_the_line_it_extends():
    assert involves("在湖北仙桃，鼎泰电子有限公司增资2亿美元扩建新型显示面板生产线。", home="湖北省", newspaper="湖北日报") == {
        ("新型显示面板生产线", "鼎泰电子有限公司"): "investor"}
