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
