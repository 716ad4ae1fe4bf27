"""One node per company across articles: the bare name, stacked legal endings and a
foreign company's country join its full name; Chinese cities before a name do not."""
from kg.extract import extract_article
from kg.model import ORGANIZATION, SourceText
from kg.resolve.entities import resolve

from conftest import make_article


def _companies(*articles) -> list[set[str]]:
    extractions = [extract_article(make_article(*sentences, doc_id=f"d{i}.txt"))
                   for i, sentences in enumerate(articles)]
    sources = [SourceText(doc_id=f"d{i}.txt", path=f"d{i}.txt", text="", encoding="utf-8")
               for i in range(len(articles))]
    graph = resolve(sources, extractions)
    return [{e.name, *e.aliases} for e in graph.entities.values() if e.type == ORGANIZATION]


def _together(groups: list[set[str]], *names: str) -> bool:
    return any(set(names) <= group for group in groups)


def test_stacked_endings_join_the_short_name():
    groups = _companies(["长风新能源控股有限公司在武汉签约。"], ["长风新能源将扩大投资。"])
    assert _together(groups, "长风新能源控股有限公司", "长风新能源")


def test_a_foreign_companys_country_is_not_its_name():
    groups = _companies(["新加坡瑞丰集团与长沙市签约。"], ["瑞丰集团总裁表示满意。"])
    assert _together(groups, "新加坡瑞丰集团", "瑞丰集团")


def test_chinese_cities_before_a_name_keep_companies_apart():
    groups = _companies(["北京城建集团承建该工程。"], ["上海城建集团承建另一工程。"])
    assert not _together(groups, "北京城建集团", "上海城建集团")


def _known_company(*articles):
    extractions = [extract_article(make_article(*sentences, doc_id=f"d{i}.txt"))
                   for i, sentences in enumerate(articles)]
    sources = [SourceText(doc_id=f"d{i}.txt", path=f"d{i}.txt", text="", encoding="utf-8")
               for i in range(len(articles))]
    return [e for e in resolve(sources, extractions).entities.values() if e.type == ORGANIZATION]


def test_a_known_company_is_named_as_the_articles_write_it():
    # The press writes 宁德时代; the registered name stays an alias, and the IRI is made from it.
    [company] = _known_company(["宁德时代在福建宁德新建电池工厂。"], ["宁德时代表示将扩产。"])
    assert company.name == "宁德时代"
    assert "宁德时代新能源科技股份有限公司" in company.aliases
    assert company.id == "organization/宁德时代新能源科技股份有限公司"


def test_the_fullest_written_form_wins_and_an_abbreviation_does_not():
    [written] = _known_company(["中国石化在湖南岳阳扩建炼油项目。"], ["中石化表示将追加投资。"])
    assert written.name == "中国石化"
    [abbreviated] = _known_company(["中石化在湖南岳阳扩建炼油项目。"])
    assert abbreviated.name == "中国石油化工集团有限公司"


def test_the_registered_name_when_the_articles_write_it():
    [company] = _known_company(["宁德时代新能源科技股份有限公司在四川宜宾投资。"], ["宁德时代表示将扩产。"])
    assert company.name == "宁德时代新能源科技股份有限公司"
