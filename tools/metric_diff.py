#!/usr/bin/env python3
"""Where exported metrics disagree with the gold: a developer's view of the metric rows.

    python tools/metric_diff.py --gold ../shared/gold --graph /tmp/out \\
        [--scorer ../shared/eval/score.py] [--docs a.txt,b.txt] [--only subject,year] [--missed]

Pairs gold and exported metrics exactly as the scorer does: the scorer file is
imported (importlib, from --scorer) and its own `score` runs; only the pairs it
builds inside `score_metrics` are recorded on the way (the exported metric list
is wrapped so that the index the scorer picks for each gold metric is seen).
So the pairs here are the scorer's pairs, whatever changes in the scorer's
pairing rule.

Prints, per document:

- each paired metric whose subject, year, status or indicator is wrong, with
  the gold and exported values of the wrong fields and the evidence sentence
  (a pair the scorer made across documents is flagged: it pairs on value
  only, so a missing or spurious figure can shift pairs between documents);
- each exported metric the scorer paired with nothing (spurious), with its
  sentence;
- with --missed, the gold metrics no exported one paired with.

--only limits the paired problems to the named fields (subject, year, status,
indicator, change).  The first line gives the counts per field, which should
agree with the scorer's "of paired" row.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

from rdflib import RDFS

FIELDS = ("subject", "year", "status", "indicator", "change")
DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def load_scorer(path: Path):
    """The scorer module, imported from its file."""
    if not path.is_file():
        sys.exit(f"metric_diff: no scorer at {path} (give --scorer)")
    spec = importlib.util.spec_from_file_location("kg_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _GoldMetrics(list):
    """The gold metric list; remembers which one the scorer's loop is at."""
    current = None

    def __iter__(self):
        for gm in super().__iter__():
            self.current = gm
            yield gm


class _ExportedMetrics(list):
    """The exported metric list; records the index the scorer takes for the current gold."""

    def __init__(self, items, golds: _GoldMetrics):
        super().__init__(items)
        self.golds = golds
        self.pairs: list[tuple[dict, int]] = []

    def __getitem__(self, index):
        if isinstance(index, int):
            self.pairs.append((self.golds.current, index))
        return super().__getitem__(index)


def run(scorer, gold_dir: Path, graph_dir: Path, docs: set[str] | None):
    """The scorer's report, its metric pairs (gold dict, exported dict), the spurious
    exported metrics, the missed gold metrics, the entity match and the export."""
    gold = scorer.Gold(gold_dir, docs)
    exp = scorer.Export(scorer.load_graph(graph_dir))
    golds = _GoldMetrics(gold.metrics)
    gold.metrics = golds
    exported = _ExportedMetrics(exp.metrics, golds)
    exp.metrics = exported
    captured = {}
    original = scorer.score_metrics

    def recording(g, e, match):
        captured["match"] = match
        exported.pairs.clear()
        return original(g, e, match)

    scorer.score_metrics = recording
    try:
        report = scorer.score(gold, exp)
    finally:
        scorer.score_metrics = original
    pairs = [(gm, list.__getitem__(exported, ei)) for gm, ei in exported.pairs]
    if len(pairs) != report["metrics"]["paired"]:
        sys.exit(f"metric_diff: recorded {len(pairs)} pairs but the scorer reports "
                 f"{report['metrics']['paired']}; the scorer's pairing loop has changed")
    used = {ei for _, ei in exported.pairs}
    spurious = [em for ei, em in enumerate(list.__iter__(exported)) if ei not in used]
    paired_gold = {id(gm) for gm, _ in pairs}
    missed = [gm for gm in list.__iter__(golds) if id(gm) not in paired_gold]
    return report, pairs, spurious, missed, captured["match"], gold, exp


def wrong_fields(scorer, gm: dict, em: dict, match) -> list[str]:
    """The fields of a pair the scorer counts as wrong."""
    wrong = []
    if gm.get("about") not in match.get(em["about"], set()):
        wrong.append("subject")
    if em["year"] != gm.get("year"):
        wrong.append("year")
    if em["status"] != (gm.get("status") or ""):
        wrong.append("status")
    if not scorer._similar(em["indicator"], gm.get("indicator", "")):
        wrong.append("indicator")
    gold_change = None if gm.get("change") is None else float(gm["change"])
    if not scorer._close(em["change"], gold_change):
        wrong.append("change")
    return wrong


def _name(exp, node) -> str:
    if node is None:
        return "-"
    label = exp.graph.value(node, RDFS.label)
    return str(label) if label is not None else str(node).rsplit("/", 1)[-1]


def _doc_of(scorer, exp, node) -> str:
    doc = exp.graph.value(node, scorer.KG.mentionedIn)
    return str(doc).rsplit("/", 1)[-1].split(":")[-1] if doc is not None else "?"


def _evidence(scorer, exp, node) -> str:
    text = exp.graph.value(node, scorer.KG.evidence)
    return str(text) if text is not None else ""


def _fmt_value(value, unit) -> str:
    if value is None:
        return "-"
    return f"{value:g} {unit}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True, help="folder of gold *.json files")
    ap.add_argument("--graph", type=Path, required=True, help="folder of exported RDF files (kg build -o)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of score.py")
    ap.add_argument("--docs", help="comma-separated document names (default: all gold files)")
    ap.add_argument("--only", help=f"comma-separated fields among {','.join(FIELDS)}")
    ap.add_argument("--missed", action="store_true", help="also list gold metrics paired with nothing")
    ap.add_argument("--no-spurious", action="store_true", help="do not list spurious metrics")
    args = ap.parse_args(argv)
    if not args.gold.is_dir() or not args.graph.is_dir():
        sys.exit("metric_diff: --gold and --graph must be folders")
    only = set(args.only.split(",")) if args.only else set(FIELDS)
    if only - set(FIELDS):
        sys.exit(f"metric_diff: unknown field(s) {', '.join(sorted(only - set(FIELDS)))}")
    scorer = load_scorer(args.scorer)
    docs = set(args.docs.split(",")) if args.docs else None
    _, pairs, spurious, missed, match, gold, exp = run(scorer, args.gold, args.graph, docs)

    counts = defaultdict(int)
    by_doc: dict[str, list[str]] = defaultdict(list)
    for gm, em in pairs:
        wrong = wrong_fields(scorer, gm, em, match)
        for f in wrong:
            counts[f] += 1
        shown = [f for f in wrong if f in only]
        if not shown:
            continue
        exported_doc = _doc_of(scorer, exp, em["node"])
        across = f"  (paired across docs: exported from {exported_doc})" if exported_doc != gm.get("doc") else ""
        lines = [f"  {gm.get('raw')}  [{', '.join(shown)}]{across}"]
        for f in shown:
            if f == "subject":
                g = gold.entities.get(gm.get("about"), {}).get("name", "-")
                lines.append(f"    subject   gold {g} | got {_name(exp, em['about'])}")
            elif f == "year":
                lines.append(f"    year      gold {gm.get('year')} | got {em['year']}")
            elif f == "status":
                lines.append(f"    status    gold {gm.get('status')} | got {em['status'] or '-'}")
            elif f == "indicator":
                lines.append(f"    indicator gold {gm.get('indicator')} | got {em['indicator']}")
            elif f == "change":
                lines.append(f"    change    gold {gm.get('change')} | got {em['change']}")
        lines.append(f"    « {_evidence(scorer, exp, em['node'])} »")
        by_doc[gm.get("doc") or "?"].append("\n".join(lines))
    if not args.no_spurious:
        for em in spurious:
            by_doc[_doc_of(scorer, exp, em["node"])].append(
                f"  SPURIOUS {_fmt_value(em['value'], em['unit'])} {em['indicator']} "
                f"(about {_name(exp, em['about'])}, {em['year']}, {em['status']})\n"
                f"    « {_evidence(scorer, exp, em['node'])} »")
    if args.missed:
        for gm in missed:
            g = gold.entities.get(gm.get("about"), {}).get("name", "-")
            opt = " (optional)" if gm.get("optional") else ""
            by_doc[gm.get("doc") or "?"].append(
                f"  MISSED{opt} {gm.get('raw')} {gm.get('indicator')} (about {g}, {gm.get('year')}, "
                f"{gm.get('status')})")

    n = len(pairs)
    print(f"paired {n}, spurious {len(spurious)}, missed {sum(1 for g in missed if not g.get('optional'))}; "
          "wrong of paired: " + ", ".join(f"{f} {counts[f]} ({1 - counts[f] / n:.2f} right)" if n else f
                                          for f in FIELDS))
    for doc in sorted(by_doc):
        print(f"\n== {doc}")
        print("\n".join(by_doc[doc]))


if __name__ == "__main__":
    main()
