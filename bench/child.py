"""One measurement, run in its own process by bench/run.py (`python -m bench.child KIND …`).

Each kind writes one JSON object to the file given with --result:

    build      kg.pipeline.build on a corpus (the code path of `kg build`)
    baselines  jieba.lcut and jieba.posseg.lcut on the same text
    control    a pure-Python loop in 1 and in --jobs processes: the speed-up the machine offers
    html       graph.html of a build opened in headless Chromium: seconds until the layout settles
    queries    kg.query.run_query with every example query in queries/, without
               and with the Oxigraph store the build wrote (kg.query.write_store)

A process of its own per measurement keeps the peak memory of one from
hiding in another, and gives every build the cold start a user gets.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import resource
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIN_BASELINE_SECONDS = 3.0
CONTROL_LOOP = 3_000_000


def _rusage() -> dict[str, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
            # Linux gives KiB: the largest single process (this one or a worker)
            "max_process_rss_mb": max(own.ru_maxrss, children.ru_maxrss) / 1024}


def _code_digest() -> str:
    """Of kg's code and data: builds compared for identical output must run the same code."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "kg").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt", ".json", ".ttl"):
            digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _sizes(out: Path) -> dict[str, int]:
    """Bytes of every top-level entry of the output folder (folders summed)."""
    sizes: dict[str, int] = {}
    for entry in sorted(out.iterdir()):
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        sizes[entry.name] = sum(p.stat().st_size for p in files)
    return sizes


def run_build(corpus: Path, out: Path, jobs: int, profile: Path | None) -> dict:
    from kg.pipeline import BuildOptions, build

    options = BuildOptions(jobs=jobs)
    if out.exists():            # a fresh folder, as `kg build -o NEW`: nothing carried over
        shutil.rmtree(out)
    code = _code_digest()
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = build([corpus], out, options)
    if profiler:
        profiler.disable()
    wall = time.perf_counter() - start
    if profiler and profile:
        _write_profile(profiler, profile)
    counts = result.graph.count_by_type()
    return {
        "wall_seconds": wall,
        "seconds": result.seconds,
        "characters": result.characters,
        "documents": len(result.graph.documents),
        "entities": sum(counts.values()),
        "relations": len(result.graph.relations),
        "metrics": len(result.graph.metrics),
        "triples": len(result.triples),
        "sizes": _sizes(out),
        "code_sha256": code if code == _code_digest() else "changed during the build",
        **_rusage(),
    }


def _write_profile(profiler: cProfile.Profile, path: Path) -> None:
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)
    path.write_text(text.getvalue(), encoding="utf-8")
    stats.dump_stats(str(path.with_suffix(".prof")))


def _corpus_texts(corpus: Path, limit: int | None) -> list[str]:
    texts, total = [], 0
    for path in sorted(corpus.iterdir()):
        if limit is not None and total >= limit:
            break
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        total += len(text)
    return texts


def run_baselines(corpus: Path, limit: int | None) -> dict:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    texts = _corpus_texts(corpus, limit)
    characters = sum(len(t) for t in texts)
    jieba.initialize()                       # the dictionaries load before the clock starts
    jieba.lcut("预热分词词典")
    jieba.posseg.lcut("预热词性词典")
    timings, cpu_timings = {}, {}
    for name, cut in (("jieba.lcut", jieba.lcut), ("jieba.posseg.lcut", jieba.posseg.lcut)):
        rounds, start, cpu_start = 0, time.perf_counter(), time.process_time()
        while not rounds or time.perf_counter() - start < MIN_BASELINE_SECONDS:   # small corpora: repeat
            for text in texts:
                cut(text)
            rounds += 1
        timings[name] = rounds * characters / (time.perf_counter() - start)
        cpu_timings[name] = rounds * characters / max(time.process_time() - cpu_start, 1e-9)
    return {"characters": characters, "chars_per_second": timings, "chars_per_cpu_second": cpu_timings,
            **_rusage()}


def run_queries(out: Path, queries: Path) -> dict:
    """`kg query` as a user runs it after `kg build`: with the store the build wrote (a large
    build writes one), or else the one the first query writes; and, to compare, the first
    query with graph.ttl read into memory."""
    import kg.query
    from kg.query import STORE_FOLDER, run_query

    files = sorted(queries.glob("*.rq"))
    texts = {path.stem: path.read_text(encoding="utf-8") for path in files}
    store = out / STORE_FOLDER
    from_build = store.is_dir()
    per_query = {}
    for name, text in texts.items():
        start = time.perf_counter()
        rows = len(run_query(out, text).rows)
        per_query[name] = {"seconds": time.perf_counter() - start, "rows": rows}
    size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file()) if store.is_dir() else 0
    aside = out.with_name(out.name + ".store-aside")
    if store.is_dir():
        store.rename(aside)
    limit, kg.query.STORE_FROM_BYTES = kg.query.STORE_FROM_BYTES, float("inf")
    try:
        start = time.perf_counter()
        run_query(out, texts[files[0].stem])
        in_memory = time.perf_counter() - start
    finally:
        kg.query.STORE_FROM_BYTES = limit
        if aside.is_dir():
            aside.rename(store)
    return {"in_memory_seconds": in_memory, "store_from_build": from_build, "store_bytes": size,
            "queries": per_query, **_rusage()}


def run_html(out: Path, seconds: float) -> dict:
    """graph.html as a user opens it: from navigation to the end of the layout (window.kgStabilized,
    set by the page when vis-network's stabilization is over and physics is off)."""
    sys.path.insert(0, str(REPO / "tests"))
    from devtools import CHROMIUM, Browser

    if CHROMIUM is None:
        return {"skipped": "no chromium on this machine", **_rusage()}
    page = (out / "graph.html").resolve()
    browser = Browser(CHROMIUM)
    try:
        browser.open_page()
        start = time.perf_counter()
        browser.goto(page.as_uri())
        loaded = time.perf_counter() - start
        browser.wait_for("window.kgStabilized === true", seconds=seconds)
        settled = time.perf_counter() - start
        drawn = browser.js("nodes.get().length")
        entities = browser.js("Object.keys(window.kg.data.entities).length")
        problems = browser.problems()
    finally:
        browser.close()
    return {"load_seconds": loaded, "settle_seconds": settled, "nodes_drawn": drawn,
            "entities_in_page": entities, "page_bytes": page.stat().st_size, "problems": problems,
            **_rusage()}


def _spin(count: int) -> int:
    total = 0
    for number in range(count):
        total += number * number
    return total


def run_control(jobs: int) -> dict:
    """What speed-up the machine offers now: the same pure-Python loops in 1 and in `jobs` processes.

    On a shared machine another program may hold a core; then no build can go faster either."""
    from concurrent.futures import ProcessPoolExecutor

    loops = [CONTROL_LOOP] * (4 * jobs)
    start = time.perf_counter()
    for count in loops:
        _spin(count)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_spin, loops))
    return {"jobs": jobs, "speed_up": serial / (time.perf_counter() - start), **_rusage()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    parser.add_argument("kind", choices=["build", "baselines", "queries", "control", "html"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--queries", type=Path, default=REPO / "queries")
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.kind == "build":
        data = run_build(args.corpus, args.out, args.jobs, args.profile)
    elif args.kind == "baselines":
        data = run_baselines(args.corpus, args.limit)
    elif args.kind == "control":
        data = run_control(args.jobs)
    elif args.kind == "html":
        data = run_html(args.out, seconds=120.0)
    else:
        data = run_queries(args.out, args.queries)
    args.result.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
