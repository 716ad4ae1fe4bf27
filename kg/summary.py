"""What `kg build` tells the user at the end, and its progress bar."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from .model import ENTITY_TYPES, SourceText

PROGRESS_FROM = 20   # documents; fewer build too fast for a bar to help


def progress_bar(sources: list[SourceText]) -> Iterator[SourceText]:
    if len(sources) < PROGRESS_FROM:
        yield from sources
        return
    with click.progressbar(sources, label="extracting", file=click.get_text_stream("stderr"),
                           item_show_func=lambda s: s.doc_id if s else "") as bar:
        yield from bar


def format_summary(result, out_dir: Path) -> str:
    counts = result.graph.count_by_type()
    lines = [
        f"documents   {len(result.graph.documents)}"
        + (f"  (skipped {len(result.skipped)})" if result.skipped else ""),
        "entities    " + ", ".join(f"{t} {counts.get(t, 0)}" for t in ENTITY_TYPES if counts.get(t)),
        f"relations   {len(result.graph.relations)}",
        f"metrics     {len(result.graph.metrics)}",
        f"triples     {len(result.triples)}",
        f"seconds     {result.total_seconds:.2f}  ("
        + ", ".join(f"{name} {secs:.2f}" for name, secs in result.seconds.items()) + ")",
        f"written to  {out_dir}/",
    ]
    return "\n".join(lines)


