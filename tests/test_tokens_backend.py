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


def test_dictionary_tags_are_jieba_posseg_s():
    # read in one split instead of importing jieba.posseg (0.75 s a process): the same table
    import jieba
    import jieba.posseg

    assert tokens.dictionary_tags(jieba.Tokenizer()) == jieba.posseg.dt.word_tag_tab


class _DictFile:
    """A tokenizer stand-in whose dictionary is `text`."""

    def __init__(self, text: str) -> None:
        self.text = text

    def get_dict_file(self):
        import io
        return io.BytesIO(self.text.encode("utf-8"))


def test_dictionary_tags_of_a_plain_file():
    assert tokens.dictionary_tags(_DictFile("呼和浩特 30 ns\n招商 12 v\n\n招商 3 vn\n")) == \
        {"呼和浩特": "ns", "招商": "vn"}


def test_a_dictionary_line_without_three_fields_is_not_misread():
    # a line of two fields shifts every field after it: read line by line (as jieba.posseg
    # reads it), which names the line, instead of taking counts for tags
    with pytest.raises(ValueError, match="Line 2"):
        tokens.dictionary_tags(_DictFile("呼和浩特 30 ns\n招商 12\n园区 5 n\n"))
