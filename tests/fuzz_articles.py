"""Random and mutated news articles for the fuzz run of the whole pipeline (test_robust_fuzz.py).

Every document is a pure function of (seed, index): the same seed gives the
same bytes, so a failing case can be written down by its number.  The
material is the seed pages' own sentences, shuffled and mutated (characters
deleted, inserted, doubled), plus pieces that break parsers: huge and odd
numbers, nested and unbalanced brackets, random Unicode, markup.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

ODD_FIGURES = [
    "1e999", "1E+999元", "9" * 60 + "亿元", "９９９９亿亿元", "0.000000000000000000000001%", "-0%",
    "增长-5.5%", "NaN亿元", "inf万吨", "１２３,４５６.７８万吨", "12,34,5.6.7亿元", "三千三百三十三万亿亿元",
    "零点零零一个百分点", "百分之一千万", "1/0", "2023年13月45日", "公元99999年", "第0000001季度",
    "1—11月", "12—1月", "增长1万倍", "下降100.0001%", "约1亿至-2亿元", "0x1F元", "1_000元", "٣٤٥亿元",
    "⑩⑩⑩个", "Ⅻ期", "1.2.3.4万千瓦", "5e-324吨", "10^400元", "²³", "½亿元",
]
BRACKETS = ["（" * 30 + "呼和浩特市" + "）" * 30, "（（（（", "））））", "【《“‘「『", "」』’”》】",
            "(((([[[{{{", "《《《某某项目》》》", "“呼和浩特”“包头”“”“", "（（包头市（（九原区）））"]
MARKUP = ["<script>alert(1)</script>", "]]>", "\"'\\}{", "${jndi:x}", "&#0;", "# ", "#### ", "---", "| a | b |"]
WEIRD = ["\u200b", "\u200f", "\u202e", "\ufeff", "\u3000", "\xa0", "\t", "😀", "𠀀", "\u0301", "ㅤ", "\x0c"]


def _seed_sentences() -> list[str]:
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s for s in re.split(r"(?<=[。！？])", text) if s.strip()]
    return sentences


_SENTENCES = _seed_sentences()


def _random_unicode(rnd: random.Random, n: int) -> str:
    chars = []
    while len(chars) < n:
        code = rnd.choice((rnd.randint(0x20, 0x7e), rnd.randint(0x4e00, 0x9fff), rnd.randint(0xa0, 0xffff),
                           rnd.randint(0x10000, 0x10ffff)))
        if not 0xd800 <= code <= 0xdfff:
            chars.append(chr(code))
    return "".join(chars)


def _mutate(rnd: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        if not chars:
            break
        i = rnd.randrange(len(chars))
        how = rnd.random()
        if how < 0.35:
            del chars[i]
        elif how < 0.6:
            chars.insert(i, chars[i] * rnd.randint(1, 4))
        elif how < 0.8:
            chars.insert(i, rnd.choice(ODD_FIGURES + BRACKETS + MARKUP + WEIRD))
        else:
            chars.insert(i, _random_unicode(rnd, rnd.randint(1, 5)))
    return "".join(chars)


def fuzz_document(seed: int, index: int) -> str:
    """One document: a headline, a dateline and shuffled, mutated seed sentences (or pure noise)."""
    rnd = random.Random(seed * 100_003 + index)
    kind = rnd.random()
    if kind < 0.1:
        return _random_unicode(rnd, rnd.randint(1, 400))
    sentences = rnd.sample(_SENTENCES, rnd.randint(1, 12))
    pieces = [rnd.choice(["# ", "", "## "]) + _mutate(rnd, rnd.choice(_SENTENCES)[:30], 2) + "\n\n"]
    if rnd.random() < 0.7:
        pieces.append(rnd.choice(["本报呼和浩特", "本报讯", "新华社北京", "本报包头99月99日讯", "本报"]) +
                      f"{rnd.randint(0, 13)}月{rnd.randint(0, 40)}日讯 ")
    for sentence in sentences:
        sentence = _mutate(rnd, sentence, rnd.randint(0, 8))
        if rnd.random() < 0.3:
            sentence = sentence.replace("。", rnd.choice(ODD_FIGURES) + "。", 1)
        pieces.append(sentence + rnd.choice(["", "\n", "\n\n", "\r\n", " "]))
    return "".join(pieces)
