"""Known organizations of the lexicon: whole words only, longest form, weak forms only
before a company suffix."""
from kg.extract.known_orgs import find_known_orgs
from kg.extract.tokens import tokenize


def _found(sentence: str, taken=()) -> list[tuple[str, str, int]]:
    return [(m.text, m.name, m.start) for m in find_known_orgs(sentence, 0, tokenize(sentence), list(taken))]


def test_longest_form_and_its_registered_name():
    assert _found("百度与美的集团在广州签约") == [
        ("百度", "百度在线网络技术（北京）有限公司", 0), ("美的集团", "美的集团股份有限公司", 3)]


def test_weak_form_is_an_everyday_word_without_a_suffix():
    assert _found("他说美的东西很多，前景和远景都好") == []
    assert _found("远景科技在鄂尔多斯建厂") == [("远景科技", "远景科技集团", 0)]


def test_a_taken_span_is_left_alone():
    assert _found("百度公司来了", taken=[(0, 4)]) == []
    assert _found("百度公司来了") == [("百度公司", "百度在线网络技术（北京）有限公司", 0)]


def _names(sentence: str) -> list[str]:
    return [m.name for m in find_known_orgs(sentence, 0, tokenize(sentence), [])]


MOBILE, TELECOM, UNICOM = "中国移动通信集团有限公司", "中国电信集团有限公司", "中国联合网络通信集团有限公司"


def test_operators_short_forms_before_a_company_word_a_site_or_a_phase():
    assert _names("福州移动公司和电信公司联合开展服务") == [MOBILE, TELECOM]
    assert _names("移动数据中心与联通营业厅相继落成") == [MOBILE, UNICOM]
    assert _names("贵安新区移动二期、电信三期等数据中心项目全面开工") == [MOBILE, TELECOM]


def test_operators_in_a_list_closed_by_a_company_word():
    assert _names("后续将和移动、联通、电信三大运营商达成合作") == [MOBILE, UNICOM, TELECOM]
    assert _names("后续会和移动联通等公司达成合作") == [MOBILE, UNICOM]


def test_operators_short_forms_as_everyday_words():
    for sentence in ("移动支付覆盖全省", "严厉打击电信诈骗和电信网络诈骗", "提高路网联通性", "加强开放联通，全力保障供应",
                     "推进移动互联网和电信网建设", "国外移动运营商纷纷进入", "移动办公成为常态", "人员流动、移动等方式"):
        assert _names(sentence) == [], sentence


def test_operators_short_forms_of_other_countries_or_of_a_kind():
    assert _names("韩国电信公司发布财报") == []
    assert _names("新加坡电信集团发布财报") == []
    assert _names("各电信公司要落实实名制") == []


def test_engineering_bureaus_of_the_construction_groups_by_their_short_forms():
    # jieba alone cuts 中铁十四局和中交二航局 as 中铁|十四|局和中|交二航局
    assert _names("项目由中建三局承建，中铁十四局和中交二航局、水电八局参与施工") == [
        "中国建筑第三工程局有限公司", "中铁十四局集团有限公司", "中交第二航务工程局有限公司",
        "中国水利水电第八工程局有限公司"]
