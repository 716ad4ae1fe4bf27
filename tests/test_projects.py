"""Projects: a sentence in, project mentions out (kg/extract/projects.py, project_lists.py,
project_owners.py).  The sentences are made up, about other provinces than the seeds'."""
from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.project_edges import is_list_deng
from kg.extract.project_grammar import brand_end
from kg.extract.projects import find_projects
from kg.extract.tokens import Token, tokenize
from kg.model import ORGANIZATION, PROJECT

from conftest import make_article


def projects(sentence: str, **context) -> dict[str, str]:
    """Surface -> name of the projects of one sentence, after overlaps are settled."""
    ms = extract_article(make_article(sentence, home="江苏省", newspaper="新华日报", **context)).mentions
    return {m.text: m.name for m in ms if m.type == PROJECT and m.text}


def raw(sentence: str) -> dict[str, str]:
    """The projects the recognizer itself finds (before other types claim the same characters)."""
    return {m.text: m.name for m in find_projects(sentence, 0, tokenize(sentence), []) if m.type == PROJECT}


def test_name_starts_after_the_governing_verb_and_keeps_its_company():
    assert projects("市发改委积极推进万华化学烟台工业园乙烯二期项目建设。") == {
        "万华化学烟台工业园乙烯二期项目": "万华化学烟台工业园乙烯二期项目"}
    assert projects("广州市政府大力支持小鹏汽车智能网联汽车生产基地建设。") == {
        "小鹏汽车智能网联汽车生产基地": "小鹏汽车智能网联汽车生产基地"}


def test_list_items_before_deng_take_the_head_and_lose_its_generic_words():
    found = projects("加快推进恒力石化炼化一体化、盛虹炼化一期、桐昆聚酯三期等一批百亿级项目投产。")
    assert found == {"恒力石化炼化一体化": "恒力石化炼化一体化项目", "盛虹炼化一期": "盛虹炼化一期",
                     "桐昆聚酯三期": "桐昆聚酯三期"}


def test_an_item_without_a_name_of_its_own_takes_the_brand_before_it():
    assert projects("推动宁德时代电池三期、储能二期等项目开工。") == {
        "宁德时代电池三期": "宁德时代电池三期", "储能二期": "宁德时代储能二期"}


def test_items_sharing_the_last_ones_ending():
    assert projects("比亚迪刀片电池、储能、动力总成项目建成投产。") == {
        "比亚迪刀片电池": "比亚迪刀片电池项目", "储能": "比亚迪储能项目", "动力总成项目": "比亚迪动力总成项目"}


def test_routes_share_what_follows_the_last_destination():
    assert projects("加快推进陇东至山东、哈密至重庆特高压输电通道建设。") == {
        "陇东至山东": "陇东至山东特高压输电通道", "哈密至重庆特高压输电通道": "哈密至重庆特高压输电通道"}


def test_places_share_the_facility_named_after_the_last_one():
    # the places keep their own mentions in a full extraction; the recognizer names one facility each
    assert raw("建成徐州、淮安、盐城物流集散中心。") == {
        "徐州": "徐州物流集散中心", "淮安": "淮安物流集散中心", "盐城物流集散中心": "盐城物流集散中心"}


def test_a_count_after_the_items_says_how_many_there_are():
    assert projects("实施好太湖流域治理工程和长江岸线综合整治两个重点生态项目。") == {
        "太湖流域治理工程": "太湖流域治理工程", "长江岸线综合整治": "长江岸线综合整治"}
    assert not projects("推进这两个项目。")


@pytest.mark.parametrize("sentence", [
    "积极发展光伏、风电、储能等新能源项目。",                # products and sectors
    "就共享储能、多晶硅、光伏玻璃、线缆等新能源新材料项目深入考察。",
    "全市新开工亿元以上产业项目120个，其中10亿元以上项目35个。",   # counts of generic projects
    "建成20家小微企业创业创新示范基地。",                   # a count of things
    "打造江南文化品牌项目，深度参与中巴经济走廊建设。",          # a brand; an economic region
    "“苏超”联赛带动文旅项目消费增长。",                     # a sector
    "南京江北新区基础设施建设工程全面启动。",                 # a place's programme of works
    "打造服务全国的绿算保障基地、数据加工基地、大模型训练基地。",  # descriptions of goals
    "江苏中天管道有限责任公司负责人介绍了企业情况。",           # 管道 inside a company's name
    "支持老山申报世界地质公园。",                          # 申报 governs the name
    "打造长三角一体化示范区数据中心集群。",                   # a group of facilities
    "各地要加强项目谋划储备，建立健全项目库。",                 # a project database
])
def test_descriptions_are_no_projects(sentence):
    assert not projects(sentence)


def test_phases_in_a_row_are_one_project_each():
    assert projects("华东钢铁二期三期全部投产。") == {"华东钢铁二期": "华东钢铁二期", "三期": "华东钢铁三期"}


def test_routes_diversions_fixed_openers_and_main_works():
    assert projects("白鹤滩至江苏特高压直流工程全面投运。") == {"白鹤滩至江苏特高压直流工程": "白鹤滩至江苏特高压直流工程"}
    assert projects("国网公司建成投运雅江至湖南特高压直流工程。") == {"雅江至湖南特高压直流工程": "雅江至湖南特高压直流工程"}
    assert projects("推进引江济淮二期工程建设。") == {"引江济淮二期工程": "引江济淮二期工程"}
    assert projects("建设全国一体化算力网络国家枢纽节点贵安数据中心。") == {
        "全国一体化算力网络国家枢纽节点贵安数据中心": "全国一体化算力网络国家枢纽节点贵安数据中心"}
    assert projects("成都天府国际机场主体工程基本完工。") == {"成都天府国际机场": "成都天府国际机场"}


def test_a_quoted_term_opens_a_name_when_more_words_follow_it():
    assert projects("全面建成“三横四纵”500千伏主干网架。") == {"“三横四纵”500千伏主干网架": "“三横四纵”500千伏主干网架"}
    assert not projects("深入实施“千企升级”工程。")


def test_a_project_described_is_one_when_its_investment_is_stated():
    assert projects("宁德时代将投资100亿元在溧阳建设动力电池生产基地项目。") == {"动力电池生产基地项目": "动力电池生产基地项目"}
    assert not projects("加快动力电池生产基地项目建设。")


def test_national_facilities_are_named_through_guojia():
    assert projects("国家互联网骨干直联点落户郑州。") == {"国家互联网骨干直联点": "国家互联网骨干直联点"}


def test_a_name_printed_twice_is_one_name():
    assert projects("", headline="比亚迪新能源汽车产业园比亚迪新能源汽车产业园 相关报道") == {
        "比亚迪新能源汽车产业园": "比亚迪新能源汽车产业园"}


def test_company_named_inside_a_project_is_an_organization():
    ms = extract_article(make_article("推动华能石岛湾核电二期、中广核招远核电一期等项目建设。",
                                      home="山东省", newspaper="大众日报")).mentions
    orgs = {m.text: m.name for m in ms if m.type == ORGANIZATION}
    assert orgs == {"华能": "中国华能集团有限公司", "中广核": "中国广核集团有限公司"}


def test_no_company_in_facilities_named_after_places():
    ms = extract_article(make_article("加快推进南京禄口国际机场三期、连云港徐圩港区等项目建设。",
                                      home="江苏省", newspaper="新华日报")).mentions
    assert not [m for m in ms if m.type == ORGANIZATION]


@pytest.mark.parametrize("name, brand", [
    ("天能重工15万千瓦风电项目", "天能重工"),     # an unknown word and its industry word
    ("鑫环10万吨颗粒硅项目", "鑫环"),             # a name jieba cut into single characters
    ("国纳新材料项目", "国纳新材料"),              # the industry word across jieba's cut (国|纳新|材料)
    ("中石油呼石化扩能项目", "中石油呼石化"),       # a parent, a place's abbreviation, an industry word
    ("正泰集团新能源装备制造产业园", "正泰集团"),   # a group's line of business is the project's
    ("年产10万吨锂电池正极材料项目", None),        # a capacity opens no company's name
    ("智慧牧场项目", None),                      # a common word jieba tags as a name
    ("新远景储能项目", None),                    # an adjective opens no company's name
])
def test_brand_that_opens_a_project_name(name, brand):
    end = brand_end(name, tokenize(name), 0, len(name))
    assert (name[:end] if end is not None else None) == brand


def test_deng_of_a_list_and_deng_inside_words():
    assert is_list_deng("中农联等项目", 3)
    assert not is_list_deng("高等研究院项目", 1) and not is_list_deng("等级公路", 0)


# ------------------------------------------------------------ constructions of unseen-style articles
# (made-up sentences about Hubei, Henan, Yunnan, Hunan; no article's wording)

def test_a_company_adding_capital_extends_a_facility_named_after_the_verbs():
    assert projects("在湖北仙桃，鼎泰电子有限公司增资2亿美元扩建新型显示面板生产线。") == {
        "新型显示面板生产线": "新型显示面板生产线"}
    # 扩建 as the last word of a name names the works (…扩建等项目, …扩建工程)
    assert "天康制药扩建" in projects("恒瑞药业生产基地、华锐生物兽用疫苗、天康制药扩建等项目已全部投产。")
    assert projects("襄阳市中心医院扩建工程开工。") == {"襄阳市中心医院扩建工程": "襄阳市中心医院扩建工程"}


def test_a_capacity_project_signed_by_named_parties_is_one_project():
    assert projects("荆州市人民政府与华中新能集团有限公司签约的150万千瓦风光储一体化项目已开工建设。") == {
        "150万千瓦风光储一体化项目": "150万千瓦风光储一体化项目"}


def test_a_described_project_whose_investor_follows_it():
    assert projects("其中，风光储一体化项目由云南滇能绿电有限公司建设。") == {"风光储一体化项目": "风光储一体化项目"}
    assert projects("其中，新材料项目由云南滇能有限公司投资。") == {}     # 新|材料项目: a description cut in two


def test_a_one_character_adjective_inside_a_company_project():
    assert projects("鼎晟化工高端含氟新材料项目计划投资9亿元。") == {
        "鼎晟化工高端含氟新材料项目": "鼎晟化工高端含氟新材料项目"}
    assert projects("推进高端新材料项目建设。") == {}
    assert projects("我市签约新材料项目12个。") == {}


def test_a_route_between_places_jieba_tags_as_other_words():
    sentence = "株洲至郴州高速公路扩容工程开工。"
    tags = {"株洲": "v", "郴州": "n"}          # what jieba does to some cities' names
    tokens = [Token(t.text, t.start, t.end, tags.get(t.text, t.tag)) for t in tokenize(sentence)]
    names = {m.text for m in find_projects(sentence, 0, tokens, []) if m.type == PROJECT}
    assert "株洲至郴州高速公路扩容工程" in names


def test_products_joined_after_a_capacity_are_one_plant():
    assert projects("计划投资80亿元，在洛阳新区建设年产20GWh储能电池及动力电池生产基地项目。") == {
        "年产20GWh储能电池及动力电池生产基地项目": "年产20GWh储能电池及动力电池生产基地项目"}


def test_a_long_company_name_opens_its_project():
    assert projects("在曲靖市，云南南盘江高原酱香酒业股份有限公司年产2万吨酱香型白酒技改项目已完成投资5亿元。") == {
        "云南南盘江高原酱香酒业股份有限公司年产2万吨酱香型白酒技改项目":
            "云南南盘江高原酱香酒业股份有限公司年产2万吨酱香型白酒技改项目"}


def test_signatories_counted_before_projects_are_no_projects():
    assert projects("洛阳高新区与北京华锐新能科技有限公司、河南鼎晟化工集团、湖北楚天生物科技有限公司集中签约3个产业项目。") == {}


@pytest.mark.parametrize("sentence", [
    "一期投资30亿元，建设年产10GWh电池生产线。",          # a line of a plant, by its output
    "新材料研究院选址武进高铁新城。",                        # an area named after a railway
    "对到账外资超过5000万美元的新设项目给予奖励。",          # newly set-up projects, a kind
    "共建新能源学院及实训基地。",                            # a training base, a kind
])
def test_parts_areas_and_kinds_are_no_projects(sentence):
    assert projects(sentence) == {}


def test_energy_abbreviations_are_no_company():
    ms = extract_article(make_article("建设一批光储一体化项目和风光储一体化项目。", home="江苏省", newspaper="新华日报")).mentions
    assert not [m for m in ms if m.type == ORGANIZATION]


def test_a_capacity_opens_the_name_with_the_company_before_it():
    assert projects("贵州黔牛牧业有限公司年屠宰加工5万头肉牛项目已进入设备调试阶段，总投资12亿元。") == {
        "贵州黔牛牧业有限公司年屠宰加工5万头肉牛项目": "贵州黔牛牧业有限公司年屠宰加工5万头肉牛项目"}
    assert projects("他所在企业投资6亿元建设的年加工15万吨玉米精深加工项目已完成厂房主体。") == {
        "年加工15万吨玉米精深加工项目": "年加工15万吨玉米精深加工项目"}


def test_a_described_project_signed_for_or_with_its_investment_after_it():
    assert projects("市政府与贵州黔能清洁能源有限公司签约年产5万吨绿氢示范项目，协议投资30亿元。") == {
        "年产5万吨绿氢示范项目": "年产5万吨绿氢示范项目"}
    assert projects("其中，高纯硅基材料项目计划投资28亿元。") == {"高纯硅基材料项目": "高纯硅基材料项目"}
    found = extract_article(make_article("其中，高纯硅基材料项目计划投资28亿元。")).mentions
    assert not any(m.type == ORGANIZATION for m in found)          # 高纯 is a technology word


def test_no_name_spans_a_meeting_verb_a_deictic_or_a_date():
    assert projects("全市在章贡高新技术产业园区举行新能源项目集中签约仪式。") == {}
    assert projects("这是我州第一座抽水蓄能电站。") == {}
    assert projects("上半年我盟重点项目完成投资80亿元。") == {}
    assert projects("截至6月底已开复工项目120个。") == {}
    assert projects("市政府十四日举行二〇二四年第二季度重点项目集中开工活动。") == {}


def test_a_railway_named_by_the_abbreviations_of_its_ends():
    # jieba: 白|阿|铁路 (白 an adjective), 和昌景|黄|高铁 (a conjunction glued to the next name)
    assert projects("共同推进白阿铁路扩能改造工程前期工作。") == {"白阿铁路扩能改造工程": "白阿铁路扩能改造工程"}
    assert projects("推进长赣铁路扩能改造工程和昌景黄高铁建设。") == {
        "长赣铁路扩能改造工程": "长赣铁路扩能改造工程", "昌景黄高铁": "昌景黄高铁"}


def test_an_industry_word_inside_a_longer_word_ends_no_brand():
    found = extract_article(make_article("签约信丰县绿源生物质热电联产项目等5个项目。")).mentions
    assert "绿源生物" not in {m.name for m in found if m.type == ORGANIZATION}


def test_a_capacity_per_year_with_a_slash_opens_the_name():
    # made up: 万吨/年 is how refineries and chemical plants write a yearly capacity
    from kg.extract import extract_article
    from kg.model import PROJECT

    from conftest import make_article
    ext = extract_article(make_article("茂名石化100万吨/年乙烯项目开工。", "建设120万吨/年乙烯项目。"))
    assert {m.text for m in ext.mentions if m.type == PROJECT} == {"茂名石化100万吨/年乙烯项目", "120万吨/年乙烯项目"}
    assert {m.raw for m in ext.metrics} >= {"100万吨", "120万吨"}
