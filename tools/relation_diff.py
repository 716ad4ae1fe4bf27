"""Developer tool: the exported relations the scorer counts as wrong, with why.

    python tools/relation_diff.py --scorer ../shared/eval/score.py --gold ../shared/gold --graph out/ [--rel locatedIn]

For each exported relation of the kind asked, prints `unmatched-subject`,
`unmatched-object` or `not-in-gold` with both labels, so that a change to the
extractor can be judged by what it gets wrong, not only by the totals.
"""
from __future__ import annotations

import argparse
import importlib.util
from collections import Counter
from pathlib import Path


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kg_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scorer", type=Path, default=Path("../shared/eval/score.py"))
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--graph", type=Path, required=True)
    ap.add_argument("--rel", default="locatedIn")
    args = ap.parse_args()
    sc = load_scorer(args.scorer)
    gold = sc.Gold(args.gold, None)
    exp = sc.Export(sc.load_graph(args.graph))
    match: dict = {}
    for node, typ in exp.type_of.items():
        if typ != "Metric":
            match[node] = set().union(*(gold.by_name.get((typ, n), set()) for n in exp.labels[node]))
    truth = {(s, o) for s, p, o in gold.relations if p == args.rel}
    if args.rel == "locatedIn":
        truth = sc._transitive(truth)
    label = lambda n: exp.canonical.get(n) or str(n)
    kinds: Counter = Counter()
    for s, o in sorted(exp.relations[args.rel], key=lambda p: (label(p[0]), label(p[1]))):
        ms, mo = match.get(s, set()), match.get(o, set())
        if not ms:
            kind = "unmatched-subject"
        elif not mo:
            kind = "unmatched-object"
        elif not {(a, b) for a in ms for b in mo} & truth:
            kind = "not-in-gold"
        else:
            continue
        kinds[kind] += 1
        print(f"{kind:18} {label(s)} -> {label(o)}")
    print(dict(kinds))


if __name__ == "__main__":
    main()
