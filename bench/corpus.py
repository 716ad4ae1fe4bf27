"""A scale corpus made from the seed pages, the same bytes for the same seed.

A corpus at scale N holds N copies of every seed page, each copy varied so
that the build cannot merely repeat the work of another:

* its articles are recombined: the page is cut into article blocks (a short
  headline paragraph after a paragraph that ended a sentence), the blocks
  after the first are shuffled, and some are traded for blocks of about the
  same length from other pages;
* every administrative division of kg/resources/divisions.tsv it names is
  swapped for another division of the same level (prefecture for prefecture,
  county for county; provinces stay, so the newspaper keeps its home), and
  short forms follow their full names (包头 with 包头市);
* its numbers change (same number of digits), except years, months and days;
* the pages are written in a shuffled order (files are read in name order).

Everything is drawn from `random.Random` seeded with strings, which Python
hashes with SHA-512: the same seed gives the same corpus on every machine.
"""
from __future__ import annotations

import csv
import random
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
DIVISIONS = REPO / "kg" / "resources" / "divisions.tsv"

_TRADE_SHARE = 0.3          # share of a page's blocks traded for blocks of other pages
_HEADLINE_MAX = 40          # characters: a paragraph this short may be a headline
_ENDS_ARTICLE = re.compile(r"(?:[。！？!?][”’」』）)]*|摄|[)）])\s*$")
_PARAGRAPHS = re.compile(r"\n[ \t\u3000]*\n")
_NUMBER = re.compile(r"[0-9]+")
_DATE_UNIT = re.compile(r"\s*[年月日号]")
_SWAPPED_LEVELS = ("prefecture", "county")


@dataclass(frozen=True)
class Division:
    name: str       # 包头市
    level: str      # province / prefecture / county
    short: str      # 包头 ("" when the name has no short form of its own)


@dataclass(frozen=True)
class Page:
    name: str       # file name in the corpus, e.g. "00042_001_0007.txt"
    text: str


@lru_cache(maxsize=4)
def divisions(path: Path = DIVISIONS) -> tuple[Division, ...]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream, delimiter="\t")
        return tuple(Division(r["name"], r["level"], r["short"] or "") for r in rows)


def seed_pages(seeds: Path = SEEDS) -> list[tuple[str, str]]:
    """(file stem, text) of every seed page, in name order."""
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise FileNotFoundError(f"no seed pages in {seeds}")
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


def article_blocks(text: str) -> list[str]:
    """The page cut before every short paragraph that follows the end of a sentence.

    A word broken across a blank line (呼和浩\\n\\n特) never ends a sentence, so
    it is never cut; each block keeps its own trailing blank line.
    """
    pieces = _PARAGRAPHS.split(text)
    blocks: list[list[str]] = [[]]
    for piece in pieces:
        previous = blocks[-1][-1] if blocks[-1] else ""
        starts_article = (previous and _ENDS_ARTICLE.search(previous)
                          and 0 < len(piece.strip()) <= _HEADLINE_MAX)
        if starts_article:
            blocks.append([])
        blocks[-1].append(piece)
    return ["\n\n".join(block).strip("\n") + "\n\n" for block in blocks if "".join(block).strip()]


class _PlaceSwapper:
    """Swaps the divisions a text names for others of the same level."""

    def __init__(self, table: tuple[Division, ...], texts: list[str]) -> None:
        self.by_level: dict[str, list[Division]] = {}
        for division in table:
            self.by_level.setdefault(division.level, []).append(division)
        # Only names that occur in the seeds can occur in a page made of them.
        seen = "\n".join(texts)
        self.present: list[Division] = [d for d in table if d.level in _SWAPPED_LEVELS
                                        and len(d.name) >= 2 and d.name in seen]

    def swap(self, text: str, rng: random.Random) -> str:
        replacements: dict[str, str] = {}
        for division in self.present:
            if division.name not in text:
                continue
            target = rng.choice(self.by_level[division.level])
            replacements.setdefault(division.name, target.name)
            # A short form is swapped only next to its full name: 和平, 东城 are also words.
            if len(division.short) >= 2 and division.short in text:
                replacements.setdefault(division.short, target.short or target.name)
        if not replacements:
            return text
        pattern = re.compile("|".join(map(re.escape, sorted(replacements, key=lambda n: (-len(n), n)))))
        return pattern.sub(lambda m: replacements[m.group()], text)


def _vary_numbers(text: str, rng: random.Random) -> str:
    def vary(match: re.Match) -> str:
        digits = match.group()
        if _DATE_UNIT.match(text, match.end()) or (len(digits) == 4 and digits[:2] in ("19", "20")):
            return digits
        if digits == "0":
            return digits
        first = str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])
    return _NUMBER.sub(vary, text)


def _similar_block(pool: list[str], block: str, rng: random.Random) -> str:
    """A block of the pool about as long as `block` (so the corpus keeps its size), or `block`."""
    similar = [b for b in pool if len(block) / 2 <= len(b) <= len(block) * 2]
    return rng.choice(similar) if similar else block


def corpus_pages(scale: float, seed: int = 0, seeds: Path = SEEDS) -> list[Page]:
    """The pages of the corpus at `scale` (× the seeds), in the order they are read."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    originals = seed_pages(seeds)
    blocks = [article_blocks(text) for _, text in originals]
    pool = [block for page in blocks for block in page[1:]]
    swapper = _PlaceSwapper(divisions(), [text for _, text in originals])
    count = max(1, round(scale * len(originals)))
    pages: list[tuple[int, str, str]] = []
    for number in range(count):
        copy, index = divmod(number, len(originals))
        stem = originals[index][0]
        rng = random.Random(f"kg-bench/{seed}/{copy}/{stem}")
        own = list(blocks[index])
        head, rest = own[:1], own[1:]
        rng.shuffle(rest)
        for position, block in enumerate(rest):
            if rng.random() < _TRADE_SHARE:
                rest[position] = _similar_block(pool, block, rng)
        text = "".join(head + rest)
        text = _vary_numbers(swapper.swap(text, rng), rng)
        pages.append((copy, stem, text))
    order = list(range(len(pages)))
    random.Random(f"kg-bench/{seed}/order/{count}").shuffle(order)
    return [Page(f"{rank:05d}_{pages[i][1][:3]}_{pages[i][0]:04d}.txt", pages[i][2])
            for rank, i in enumerate(order)]


def write_corpus(folder: Path, scale: float, seed: int = 0, seeds: Path = SEEDS) -> tuple[int, int]:
    """Write the corpus into `folder` (replacing it); returns (pages, characters)."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    characters = 0
    pages = corpus_pages(scale, seed, seeds)
    for page in pages:
        (folder / page.name).write_text(page.text, encoding="utf-8", newline="\n")
        characters += len(page.text)
    return len(pages), characters
