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
