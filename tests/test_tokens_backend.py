"""The optional jieba_fast segmenter must cut exactly as jieba does: the extraction's rules
were written against jieba's words, and a build must not depend on which one is installed."""
from pathlib import Path

import pytest

from kg.extract import tokens
from kg.ingest.read import read_inputs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_segmenter_is_reported():
    assert tokens.SEGMENTER in ("jieba", "jieba_fast")


@pytest.mark.skipif(tokens.SEGMENTER != "jieba_fast", reason="jieba_fast is not installed (pip install 'kg[fast]')")
def test_jieba_fast_cuts_the_seeds_as_jieba_does():
    sources, _ = read_inputs([SEEDS])
    lines = [line for source in sources for line in source.text.splitlines() if line.strip()]
    assert len(lines) > 100
    for line in lines:
        assert tokens.tokenize(line) == tokens.tokenize(line, segmenter="jieba"), line


def test_tokens_carry_offsets_and_dictionary_tags():
    text = "呼和浩特市商务局局长在和林格尔县调研，。"
    found = tokens.tokenize(text)
    assert "".join(t.text for t in found) == text
    assert all(text[t.start:t.end] == t.text for t in found)
    by_text = {t.text: t.tag for t in found}
    assert by_text["和林格尔县"] == "ns"
    assert [t.tag for t in found if set(t.text) <= set("，。")] and \
        all(t.tag == "w" for t in found if set(t.text) <= set("，。"))
