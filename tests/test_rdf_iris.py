"""Resource IRIs: readable, valid, stable."""
from __future__ import annotations

import pytest
from urllib.parse import unquote

from hypothesis import given, strategies as st

from kg.rdf.iris import (BaseIRIError, check_base, document_iri, encode_segment, entity_iri,
                         metric_iri, statement_iri)
from kg.rdf.terms import DEFAULT_BASE

FORBIDDEN = set(' <>"{}|\\^`#?\n\t\u3000')


def test_cjk_stays_readable():
    assert str(entity_iri(DEFAULT_BASE, "organization/伊利集团")) == DEFAULT_BASE + "organization/伊利集团"
    assert str(entity_iri(DEFAULT_BASE, "place/150100")) == DEFAULT_BASE + "place/150100"


def test_forbidden_characters_are_percent_encoded():
    iri = str(entity_iri(DEFAULT_BASE, "organization/A B#1?x%<y>"))
    assert iri == DEFAULT_BASE + "organization/A%20B%231%3Fx%25%3Cy%3E"
    assert "%E3%80%80" in str(entity_iri(DEFAULT_BASE, "organization/伊利\u3000集团"))


def test_only_the_first_slash_separates():
    assert str(entity_iri(DEFAULT_BASE, "organization/A/B公司")).endswith("organization/A%2FB公司")
    assert str(entity_iri(DEFAULT_BASE, "place/..")).endswith("place/%2E%2E")


def test_documents_and_metrics_are_one_segment():
    assert str(document_iri(DEFAULT_BASE, "000_b3.txt")) == DEFAULT_BASE + "document/000_b3.txt"
    assert str(metric_iri(DEFAULT_BASE, "metric/000.txt#1/2")) == DEFAULT_BASE + "metric/000.txt%231%2F2"
    assert metric_iri(DEFAULT_BASE, "000.txt#1/2") == metric_iri(DEFAULT_BASE, "metric/000.txt#1/2")


def test_statement_iri_is_stable_and_distinguishes_evidence():
    one = statement_iri(DEFAULT_BASE, "person/甲", "worksFor", "organization/乙", "a.txt", "句子一。")
    assert one == statement_iri(DEFAULT_BASE, "person/甲", "worksFor", "organization/乙", "a.txt", "句子一。")
    assert one != statement_iri(DEFAULT_BASE, "person/甲", "worksFor", "organization/乙", "a.txt", "句子二。")
    assert one != statement_iri(DEFAULT_BASE, "person/甲", "worksFor", "organization/乙", "a.txt", None)


def test_base_check():
    assert check_base("https://x.org/r") == "https://x.org/r/"
    assert check_base("urn:example:kg#") == "urn:example:kg#"
    for bad in ("", "relative/path", "http://x.org/a b", "http://x.org/<a>"):
        with pytest.raises(BaseIRIError):
            check_base(bad)


@given(st.text(max_size=30))
def test_any_name_gives_a_valid_iri(name):
    segment = encode_segment(name)
    assert not FORBIDDEN & set(segment)
    assert "/" not in segment
    assert all(ord(c) >= 0x20 for c in segment)
    assert encode_segment(name) == segment
    if name not in (".", ".."):
        assert unquote(segment) == name          # injective: nothing is lost


def test_the_fast_path_keeps_only_what_the_character_test_keeps():
    from kg.rdf.iris import _PLAINLY_KEPT, _char_allowed
    for code in list(range(0x20, 0x7F)) + list(range(0x4E00, 0xA000, 7)):
        if _PLAINLY_KEPT.fullmatch(chr(code)):
            assert _char_allowed(chr(code)), hex(code)
