"""A fuzz run of the whole pipeline: random and mutated articles, fixed seed, bounded count.

Each document is a pure function of (SEED, case): the seed pages' own sentences,
shuffled and mutated (characters deleted, inserted, doubled), with pieces that
break parsers put in: huge and odd numbers, nested and unbalanced brackets,
markup, invisible and right-to-left marks, random Unicode; one case in ten is
pure noise.  Every case must extract without an exception and give offsets
that point into its sentences; the corpus must build (a document whose
extraction fails is skipped and named, never the end of the build), and every
output must load in the program that reads it.
"""
from __future__ import annotations

import csv
import random
import re
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.model import ENTITY_TYPES, RELATION_TYPES, SourceText
from kg.pipeline import BuildOptions, build, extract_source

pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.* is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED, CASES = 7, 60

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
DATELINES = ["本报呼和浩特", "本报讯", "新华社北京", "本报包头99月99日讯", "本报"]

# Cases that fail in code outside the tests, xfail until fixed: none at present (the
# overflow of numbers.normal() on 亿亿亿亿吨 that eleven cases found is fixed).
KNOWN_FAILURES: dict[int, str] = {}


def _seed_sentences() -> list[str]:
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s for s in re.split(r"(?<=[。！？])", text) if s.strip()]
    return sentences


SENTENCES = _seed_sentences()


def random_unicode(rnd: random.Random, n: int) -> str:
    chars = []
    while len(chars) < n:
        code = rnd.choice((rnd.randint(0x20, 0x7E), rnd.randint(0x4E00, 0x9FFF), rnd.randint(0xA0, 0xFFFF),
                           rnd.randint(0x10000, 0x10FFFF)))
        if not 0xD800 <= code <= 0xDFFF:          # no decoded file holds a lone surrogate
            chars.append(chr(code))
    return "".join(chars)


def mutate(rnd: random.Random, text: str, edits: int) -> str:
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
            chars.insert(i, random_unicode(rnd, rnd.randint(1, 5)))
    return "".join(chars)


def fuzz_document(seed: int, case: int) -> str:
    """A headline, maybe a dateline, then shuffled and mutated seed sentences; or pure noise."""
    rnd = random.Random(seed * 100_003 + case)
    if rnd.random() < 0.1:
        return random_unicode(rnd, rnd.randint(1, 400))
    sentences = rnd.sample(SENTENCES, rnd.randint(1, 12))
    pieces = [rnd.choice(["# ", "", "## "]) + mutate(rnd, rnd.choice(SENTENCES)[:30], 2) + "\n\n"]
    if rnd.random() < 0.7:
        pieces.append(rnd.choice(DATELINES) + f"{rnd.randint(0, 13)}月{rnd.randint(0, 40)}日讯 ")
    for sentence in sentences:
        sentence = mutate(rnd, sentence, rnd.randint(0, 8))
        if rnd.random() < 0.3:
            sentence = sentence.replace("。", rnd.choice(ODD_FIGURES) + "。", 1)
        pieces.append(sentence + rnd.choice(["", "\n", "\n\n", "\r\n", " "]))
    return "".join(pieces)


def test_fuzz_documents_are_reproducible_and_varied():
    assert fuzz_document(SEED, 5) == fuzz_document(SEED, 5)
    assert len({fuzz_document(SEED, case) for case in range(CASES)}) == CASES


def _case(case: int):
    marks = [pytest.mark.xfail(strict=False, reason=KNOWN_FAILURES[case])] if case in KNOWN_FAILURES else []
    return pytest.param(case, marks=marks, id=f"case{case}")


@pytest.mark.parametrize("case", [_case(case) for case in range(CASES)])
def test_fuzz_case_extracts_with_consistent_offsets(case):
    text = fuzz_document(SEED, case)
    for extraction in extract_source(SourceText(f"fuzz{case}.txt", f"fuzz{case}.txt", text, "utf-8")):
        article = extraction.article
        sentences = {i: s.text for i, s in enumerate(article.sentences)} | {-1: article.headline}
        mentions = extraction.mentions
        for mention in mentions:
            assert mention.type in ENTITY_TYPES and mention.name, mention
            if mention.end > mention.start:
                assert sentences[mention.sentence][mention.start:mention.end] == mention.text, mention
        for relation in extraction.relations:
            assert relation.predicate in RELATION_TYPES
            assert 0 <= relation.subject < len(mentions) and 0 <= relation.object < len(mentions)
        for metric in extraction.metrics:
            assert metric.sentence in sentences
            assert metric.about is None or 0 <= metric.about < len(mentions)
            for number in (metric.value, metric.change, metric.change_abs):
                assert number is None or (isinstance(number, Decimal) and number.is_finite())


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_fuzz_corpus_builds_and_every_output_loads(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for case in range(CASES):
        (folder / f"fuzz{case:02d}.txt").write_text(fuzz_document(SEED, case), encoding="utf-8")
    out = tmp_path / "out"
    result = build([folder], out, BuildOptions(jobs=1))
    built = {d.doc_id for d in result.graph.documents}
    skipped = {Path(s.path).name: s.reason for s in result.skipped}
    assert built | set(skipped) == {p.name for p in folder.iterdir()}
    # only the known failures may be left out, each named with its error (they are built once fixed)
    assert set(skipped) <= {f"fuzz{case:02d}.txt" for case in KNOWN_FAILURES}
    assert all(reason.startswith("not built: extraction failed") for reason in skipped.values())
    assert len(result.graph.entities) > 50 and len(result.graph.metrics) > 50   # the run did reach the extractors

    triples = set(result.rdf)
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        assert set(Graph().parse(out / name, format=fmt)) == triples, name
    for name, fmt in (("graph.trig", "trig"), ("graph.nq", "nquads")):
        quads = Dataset().parse(out / name, format=fmt).quads((None, None, None, None))
        assert {(s, p, o) for s, p, o, _ in quads} == triples, name
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert graphml.number_of_nodes() == len(result.graph.entities) + len(result.graph.metrics)
    for path in (out / "neo4j").glob("*.csv"):
        rows = _csv_rows(path)
        assert all(len(row) == len(rows[0]) for row in rows), path.name
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
