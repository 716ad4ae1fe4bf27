"""Organizations by their grammar (kg/extract/orgs.py): bodies named through a level word,
bodies named as they are founded, a province's state groups, and what is no name.
Made-up sentences about other provinces than the seeds'."""
from __future__ import annotations

from kg.extract import extract_article
from kg.model import ORGANIZATION

from conftest import make_article

CHENGDU = {"home": "成都市", "newspaper": "成都日报"}
GUANGDONG = {"home": "广东省", "newspaper": "南方日报"}


def orgs(*sentences, **context):
    ext = extract_article(make_article(*sentences, **context))
    return {m.text: m for m in ext.mentions if m.type == ORGANIZATION and m.text}


def test_a_level_word_names_the_places_own_institution():
    found = orgs("市中心医院新院区投入使用。", **CHENGDU)
    assert found["市中心医院"].name == "成都市中心医院"
    assert found["市中心医院"].subtype == "Institution"


def test_a_level_word_opens_a_centre_and_the_next_one_shares_it():
    found = orgs("省农业技术创新中心和畜牧技术创新中心获批建设。", **GUANGDONG)
    assert found["省农业技术创新中心"].name == "广东省农业技术创新中心"
    assert found["畜牧技术创新中心"].name == "广东省畜牧技术创新中心"


def test_a_body_is_named_as_it_is_founded():
    found = orgs("组建数据资源服务局,推动成立退役士兵创业服务联盟,筹建成都市青年创业服务党支部。", **GUANGDONG)
    assert found["数据资源服务局"].name == "广东省数据资源服务局"
    assert "退役士兵创业服务联盟" in found
    assert "成都市青年创业服务党支部" in found


def test_a_party_committee_working_committee_by_its_short_forms():
    found = orgs("市直机关工委与教工委联合开展活动。", **CHENGDU)
    assert found["市直机关工委"].name == "成都市直机关工委"
    assert "成都市委直属机关工作委员会" in found["市直机关工委"].variants
    assert "教工委" in found


def test_a_provinces_state_groups_in_its_own_paper():
    found = orgs("交通集团、林草生态公司等省属企业要做强做优。", **GUANGDONG)
    assert found["交通集团"].name == "广东交通集团"
    assert found["林草生态公司"].name == "广东林草生态公司"
    assert found["交通集团"].key == "440000"


def test_a_kind_of_firm_is_no_name():
    found = orgs("引进一批物流公司和科技集团。", **GUANGDONG)
    assert "物流公司" not in found and "科技集团" not in found


def test_two_fields_joined_by_he_inside_a_name_opening_with_a_place():
    found = orgs("他负责贵阳食品检验检测和风险评估中心的工作。", **GUANGDONG)
    assert "贵阳食品检验检测和风险评估中心" in found


def test_a_branch_named_by_its_place_extends_the_name():
    found = orgs("浙江大学宁夏研究院揭牌。", **GUANGDONG)
    assert "浙江大学宁夏研究院" in found


def test_designations_groups_and_plural_bodies_are_no_names():
    found = orgs("新增3个国家区域医疗中心,打造博物馆群和城市副中心。", "经县区教育局审核,统筹市三区机关工委。",
                 **CHENGDU)
    assert not any("医疗中心" in t or "博物馆" in t or "副中心" in t for t in found)
    assert not any(m.name == "成都市教育局" for m in found.values())
    assert not any("机关工委" in t for t in found)


def test_facilities_in_a_list_of_projects_are_not_organizations():
    found = orgs("推动广东电力检测中心、无人机考试中心等项目落地。", **GUANGDONG)
    assert not any(t.endswith("中心") for t in found)


def test_a_place_word_that_opens_no_body_is_no_organization():
    found = orgs("战略性新兴产业增长较快。", **GUANGDONG)
    assert "新兴产业" not in found


def test_a_company_name_goes_on_across_the_words_of_its_trade():
    found = orgs("湖南钒源新材料有限公司总经理李明说，项目进展顺利。", "马来西亚丰盛港务控股有限公司与我市签约。",
                 "由湘通路桥建设集团有限公司承建。", "与江苏恒达精密制造有限公司签约。", **GUANGDONG)
    assert {"湖南钒源新材料有限公司", "马来西亚丰盛港务控股有限公司", "湘通路桥建设集团有限公司",
            "江苏恒达精密制造有限公司"} <= set(found)


def test_a_trade_alone_or_a_kind_of_firm_is_no_name():
    found = orgs("支持新材料有限公司发展。", "香港上市公司海湾新能源控股有限公司宣布增资。",
                 "台资企业昆山宏达光电科技有限公司增资。", **GUANGDONG)
    assert set(found) == {"海湾新能源控股有限公司", "昆山宏达光电科技有限公司"}


def test_a_japanese_company_by_its_legal_form():
    assert "大阪精密工业株式会社" in orgs("大阪精密工业株式会社在此投资。", **GUANGDONG)


def test_a_bank_branch_is_an_organization_of_its_own():
    found = orgs("中国建设银行湖北省分行与渣打银行(中国)有限公司武汉分行提供贷款。",
                 "工商银行成都分行和招商银行重庆分行参与。", "各银行分行要加强管理。", **CHENGDU)
    assert {"中国建设银行湖北省分行", "渣打银行(中国)有限公司武汉分行", "工商银行成都分行", "招商银行重庆分行"} <= set(found)
    assert not any(name.startswith("各") or name == "银行分行" for name in found)


def test_a_branch_lies_where_it_serves():
    ext = extract_article(make_article("中国农业银行武汉江岸支行行长王强表示。", home="武汉市", newspaper="长江日报"))
    rels = {(r.predicate, ext.mentions[r.subject].name, ext.mentions[r.object].name) for r in ext.relations}
    assert ("locatedIn", "中国农业银行武汉江岸支行", "江岸区") in rels
    assert ("worksFor", "王强", "中国农业银行武汉江岸支行") in rels


def test_a_parent_and_its_subsidiary_are_two_names():
    found = orgs("示范工程由中国大唐集团有限公司所属大唐湘潭发电有限责任公司建设。",
                 "由南方电网所属南网储能股份有限公司投资建设的梅州抽水蓄能电站开工。",
                 "云南白药集团旗下云南白药健康产品有限公司和下属昆明制药厂有限公司。", **GUANGDONG)
    assert {"中国大唐集团有限公司", "大唐湘潭发电有限责任公司", "南方电网", "南网储能股份有限公司",
            "云南白药健康产品有限公司", "昆明制药厂有限公司"} <= set(found)
    assert not any(name.startswith(("所属", "旗下", "下属")) or "所属" in name for name in found)


def test_a_trade_name_jieba_cuts_into_a_verb_keeps_the_place_before_it():
    # jieba: 湖南|湘西|润|禾|米业 and 贵州|黔|能|清洁能源: 润 and 能 are verbs
    found = orgs("记者见到了王建国——湖南湘西润禾米业有限公司总经理。",
                 "市政府与贵州黔能清洁能源有限公司签约。", **GUANGDONG)
    assert "湖南湘西润禾米业有限公司" in found and "贵州黔能清洁能源有限公司" in found
    assert "禾米业有限公司" not in found


def test_firms_listed_before_deng_qiye_and_a_count_of_projects_are_signatories():
    found = orgs("北京星河智算科技有限公司、上海云栖数据服务有限公司、赣州市章贡城投数字产业有限公司等企业"
                 "集中签约3个项目。", **GUANGDONG)
    assert {"北京星河智算科技有限公司", "上海云栖数据服务有限公司", "赣州市章贡城投数字产业有限公司"} <= set(found)


def test_the_executive_committee_of_a_cooperation_zone():
    found = orgs("前海深港现代服务业合作区执行委员会发布通知。", **GUANGDONG)
    assert found["前海深港现代服务业合作区执行委员会"].subtype == "GovernmentAgency"


def test_a_time_before_company_is_no_name():
    # made up: 公司 alone is the company the article is about; the time before it names nothing
    from kg.extract import extract_article
    from kg.model import ORGANIZATION

    from conftest import make_article
    ext = extract_article(make_article("“上半年公司出口额达到4.6亿元。”", "今年以来公司新开通线路5条。"))
    assert not [m for m in ext.mentions if m.type == ORGANIZATION and m.text]
