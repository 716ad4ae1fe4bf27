"""bench/corpus.py: the scale corpus is the same bytes for the same seed, and varied."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import article_blocks, corpus_pages, seed_pages, write_corpus


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_the_same_corpus_bytes(tmp_path):
    write_corpus(tmp_path / "a", 0.6, seed=7)
    write_corpus(tmp_path / "b", 0.6, seed=7)
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")
    assert len(_bytes(tmp_path / "a")) == 3


def test_another_seed_gives_another_corpus():
    assert [p.text for p in corpus_pages(0.4, seed=1)] != [p.text for p in corpus_pages(0.4, seed=2)]


def test_copies_are_varied_and_about_the_size_of_the_seeds():
    seeds = seed_pages()
    pages = corpus_pages(2, seed=0)
    assert len(pages) == 2 * len(seeds)
    assert len({p.text for p in pages}) == len(pages)              # no two copies alike
    assert not {p.text for p in pages} & {text for _, text in seeds}
    size = sum(len(t) for _, t in seeds)
    assert 1.6 * size < sum(len(p.text) for p in pages) < 2.4 * size


def test_blocks_keep_every_character_of_the_page():
    for _, text in seed_pages():
        blocks = article_blocks(text)
        assert len(blocks) >= 2
        assert "".join(blocks).split() == text.split()
