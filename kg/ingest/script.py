"""Traditional characters: recognised, read as simplified, and kept as written.

Articles from Hong Kong, Macao, Taiwan or overseas papers come in traditional
characters.  The recognizers and dictionaries of kg are simplified, so such a
document is converted before it is split; the conversion is character for
character (OpenCC's table, applied one character at a time), so every offset of
the simplified text is the same in the original, and each sentence keeps its
original text: names found in it keep their traditional surface form as an alias.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Article

TRADITIONAL_SHARE = 0.04     # of CJK characters that change: above it, a text is traditional
SAMPLE = 20000               # characters looked at to decide
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Traditional -> simplified for single characters, from OpenCC's t2s conversion."""
    import opencc  # imported here: only documents in traditional characters need it

    chars = [chr(i) for lo, hi in _CJK_RANGES for i in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):          # a separator was converted away: fall back to one by one
        converter = opencc.OpenCC("t2s")
        converted = [converter.convert(ch) for ch in chars]
    return {ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1}


_CJK_RUN = re.compile("[\u4e00-\u9fff]+")    # runs, not characters: a few hundred matches a text


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern:
    """One character that the table changes: counted by the regex engine, not a Python loop."""
    table = _table()
    if not table:
        return re.compile("(?!)")
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]")


def is_traditional(text: str) -> bool:
    sample = text[:SAMPLE]
    cjk = sum(map(len, _CJK_RUN.findall(sample)))
    if cjk == 0:
        return False
    changed = len(_traditional_chars().findall(sample))
    return changed / cjk >= TRADITIONAL_SHARE


def to_simplified(text: str) -> str:
    """Character for character: len(to_simplified(t)) == len(t)."""
    return text.translate(_table())


def keep_originals(article: Article, simplified: str, original: str) -> Article:
    """Give each sentence of an article split from `simplified` its text as written in `original`."""
    sentences = []
    cursor = 0
    for sentence in article.sentences:
        pos = simplified.find(sentence.text, cursor)
        if pos == -1:
            sentences.append(sentence)
            continue
        cursor = pos + len(sentence.text)
        written = original[pos:cursor]
        sentences.append(replace(sentence, original=written) if written != sentence.text else sentence)
    return replace(article, sentences=tuple(sentences))
