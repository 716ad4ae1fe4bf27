"""Benchmark `kg build` on a scale corpus made from the seeds.

    python bench/run.py [--scales 1,10,100] [--jobs 1,2] [--out bench/results]

For every scale it writes the corpus (bench/corpus.py), times jieba.lcut and
jieba.posseg.lcut on its text, runs the build once per -j value (each in a
process of its own, like `kg build`; with --repeat N, N rounds of them, one -j
after the other, and the fastest of each -j is kept, as timeit keeps its best:
on a shared machine the others measure the neighbours), times `kg query` with
the example queries, and prints a Markdown table that it also writes to
OUT/latest.md (and the raw numbers to OUT/latest.json).

Throughput is compared as a ratio to jieba's tokenizer and tagger measured
in the same run on the same text: ratios, not seconds, compare across
machines.  Peak memory is the largest sum of the proportional set sizes
(PSS: shared pages counted once) of the build's process tree, sampled from
/proc; where /proc is missing, the largest single process (ru_maxrss).
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:          # `python bench/run.py` puts bench/ first, not the repository
    sys.path.insert(0, str(REPO))

from bench.corpus import SEEDS, write_corpus

STAGE_ORDER = ("read", "normalize", "split", "extract", "resolve", "rdf")
BASELINES = ("jieba.lcut", "jieba.posseg.lcut")
SAMPLE_SECONDS = 0.2
# A sample reads /proc/PID/smaps_rollup of every process of the tree, which walks its page
# tables: 7 ms for a 450 MB process on the 2-core machine of the README, 15-20 ms a sample
# during a -j 2 build at 100x.  Every 0.2 s that took 5-10 % of a core, from a build that
# used both, and not from a -j 1 build, which leaves one free.  The sampler waits at least
# this many times a sample's cost (at most 2 % of a core); memory rises over seconds.
SAMPLE_COST_SHARE = 50


# ---------------------------------------------------------------- memory of a process tree

def _children_of() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stream:
                stat = stream.read()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    return children


def _tree(root: int) -> list[int]:
    children, pids, todo = _children_of(), [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, ()))
    return pids


def _memory_kb(pid: int) -> int:
    """PSS of a process (shared pages split among their users), else its RSS."""
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name, encoding="ascii") as stream:
                for line in stream:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class _PeakMemory(threading.Thread):
    """Samples the memory of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self._stop_event.is_set():
            started = time.perf_counter()
            total = sum(_memory_kb(pid) for pid in _tree(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            cost = time.perf_counter() - started
            self._stop_event.wait(max(SAMPLE_SECONDS, SAMPLE_COST_SHARE * cost))

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_kb / 1024


def _child(kind: str, *args: str) -> dict:
    """Run `python -m bench.child KIND ARGS` and return its JSON, with its peak memory."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        result = Path(tmp) / "result.json"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
        process = subprocess.Popen([sys.executable, "-m", "bench.child", kind, *args, "--result", str(result)],
                                   cwd=REPO, env=env)
        sampler = _PeakMemory(process.pid)
        sampler.start()
        code = process.wait()
        peak = sampler.stop()
        if code != 0:
            raise SystemExit(f"bench: `{kind}` failed with exit code {code}")
        data = json.loads(result.read_text(encoding="utf-8"))
    data["peak_tree_mb"] = peak or data.get("max_process_rss_mb", 0.0)
    return data


# ---------------------------------------------------------------- corpus

def _corpus_key(scale: float, seed: int) -> str:
    digest = hashlib.sha256(f"{scale}/{seed}".encode())
    for path in [REPO / "bench" / "corpus.py", REPO / "kg" / "resources" / "divisions.tsv",
                 *sorted(SEEDS.iterdir())]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus_folder(out: Path, scale: float, seed: int) -> tuple[Path, int, int]:
    """The corpus of `scale`, written unless the same one is already there."""
    folder = out / "corpus" / f"{_scale_name(scale)}-seed{seed}"
    stamp = folder.parent / f"{folder.name}.json"
    key = _corpus_key(scale, seed)
    if stamp.is_file() and folder.is_dir():
        known = json.loads(stamp.read_text(encoding="utf-8"))
        if known.get("key") == key:
            return folder, known["pages"], known["characters"]
    pages, characters = write_corpus(folder, scale, seed)
    stamp.write_text(json.dumps({"key": key, "pages": pages, "characters": characters}), encoding="utf-8")
    return folder, pages, characters


def _scale_name(scale: float) -> str:
    return f"{scale:g}x"


# ---------------------------------------------------------------- one scale

def measure_scale(out: Path, scale: float, jobs: list[int], seed: int, baseline_limit: int | None,
                  queries: bool, profile: bool, html: bool = True, repeat: int = 1) -> dict:
    corpus, pages, characters = corpus_folder(out, scale, seed)
    print(f"bench: {_scale_name(scale)}: {pages} pages, {characters:,} characters", file=sys.stderr)
    limit = ["--limit", str(baseline_limit)] if baseline_limit else []
    baselines = _child("baselines", "--corpus", str(corpus), *limit)
    control = {count: _child("control", "--jobs", str(count))["speed_up"] for count in jobs if count > 1}
    runs: dict[int, list[dict]] = {}
    for round_ in range(repeat):
        for count in jobs:
            build_out = out / "build" / f"{_scale_name(scale)}-j{count}"
            extra = []
            if profile and count == 1 and round_ == 0:
                extra = ["--profile", str(out / f"profile-{_scale_name(scale)}.txt")]
            of = f" (round {round_ + 1} of {repeat})" if repeat > 1 else ""
            print(f"bench: {_scale_name(scale)}: kg build -j {count}{of}", file=sys.stderr)
            run = _child("build", "--corpus", str(corpus), "--out", str(build_out), "--jobs", str(count), *extra)
            run["graph_sha256"] = hashlib.sha256((build_out / "graph.ttl").read_bytes()).hexdigest()
            run["profiled"] = bool(extra)
            runs.setdefault(count, []).append(run)
    builds = {count: fastest(found) for count, found in runs.items()}
    query = None
    if queries:
        print(f"bench: {_scale_name(scale)}: kg query", file=sys.stderr)
        query = _child("queries", "--out", str(out / "build" / f"{_scale_name(scale)}-j{jobs[0]}"))
    view = None
    if html:
        print(f"bench: {_scale_name(scale)}: graph.html in headless Chromium", file=sys.stderr)
        try:
            view = _child("html", "--out", str(out / "build" / f"{_scale_name(scale)}-j{jobs[0]}"))
        except SystemExit as failure:       # a page that never settles is a result, not the end of the run
            view = {"skipped": str(failure)}
    return {"scale": scale, "pages": pages, "characters": characters, "baselines": baselines,
            "control": control, "builds": builds, "queries": query, "html": view}


def fastest(runs: list[dict]) -> dict:
    """The fastest of the runs of one build, with every run's wall time (`runs_wall_seconds`),
    the highest peak of memory of them all but a profiled one (the profiler's own memory),
    every graph.ttl they wrote (`graph_hashes`) and every state of kg's code they ran
    (`code_hashes`)."""
    best = dict(min(runs, key=lambda run: run["wall_seconds"]))
    best["runs_wall_seconds"] = [run["wall_seconds"] for run in runs]
    plain = [run for run in runs if not run.get("profiled")] or runs
    best["peak_tree_mb"] = max(run["peak_tree_mb"] for run in plain)
    best["graph_hashes"] = sorted({run["graph_sha256"] for run in runs})
    best["code_hashes"] = sorted({str(run.get("code_sha256")) for run in runs})
    return best


# ---------------------------------------------------------------- tables

def _rate(characters: float, seconds: float) -> str:
    if seconds <= 0:
        return "–"
    rate = characters / seconds
    return f"{rate / 1e6:.2f}M" if rate >= 1e6 else f"{rate / 1e3:.1f}k"


def _mb(size: float) -> str:
    return f"{size / 2**20:.1f}"


def summary_table(results: list[dict]) -> list[str]:
    lines = [("| scale | chars | -j | build s | CPU s | kg chars/s | × jieba.lcut | × jieba.posseg | "
              "× posseg (CPU) | speed-up | peak MB | triples | graph.ttl MB | out MB | same graph.ttl |"),
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        serial = result["builds"].get(1) or next(iter(result["builds"].values()))
        hashes = {h for b in result["builds"].values() for h in b.get("graph_hashes", [b["graph_sha256"]])}
        codes = {c for b in result["builds"].values() for c in b.get("code_hashes", [str(b.get("code_sha256"))])}
        same = ("yes" if len(hashes) == 1 else
                "NO" if len(codes) == 1 and "changed during the build" not in codes else
                "– (kg's code changed between the builds)")
        for jobs, build in result["builds"].items():
            rate = build["characters"] / build["wall_seconds"]
            base = result["baselines"]["chars_per_second"]
            cpu = result["baselines"]["chars_per_cpu_second"]
            sizes = build["sizes"]
            lines.append(
                f"| {_scale_name(result['scale'])} | {build['characters']:,} | {jobs} "
                f"| {build['wall_seconds']:.1f} | {build['cpu_seconds']:.1f} | {_rate(rate, 1)} "
                f"| {rate / base['jieba.lcut']:.3f} | {rate / base['jieba.posseg.lcut']:.2f} "
                f"| {build['characters'] / build['cpu_seconds'] / cpu['jieba.posseg.lcut']:.2f} "
                f"| {serial['wall_seconds'] / build['wall_seconds']:.2f} | {build['peak_tree_mb']:.0f} "
                f"| {build['triples']:,} | {_mb(sizes.get('graph.ttl', 0))} | {_mb(sum(sizes.values()))} "
                f"| {same} |")
    return lines


def run_lines(results: list[dict]) -> list[str]:
    """Every run's wall time, where a build was run more than once."""
    lines = []
    for result in results:
        for jobs, build in result["builds"].items():
            walls = build.get("runs_wall_seconds", [])
            if len(walls) > 1:
                lines.append(f"- {_scale_name(result['scale'])} -j {jobs}: "
                             + ", ".join(f"{wall:.1f}" for wall in walls) + " s")
    if not lines:
        return []
    return ["Each build was run more than once, one -j after the other; the table keeps the "
            "fastest run of each (its stages and CPU time too) and the highest peak of memory of all. "
            "Every run's wall time:", "", *lines]


def stage_table(results: list[dict]) -> list[str]:
    stages: list[str] = list(STAGE_ORDER)
    for result in results:
        for build in result["builds"].values():
            stages += [s for s in build["seconds"] if s not in stages]
    lines = ["| scale | -j | " + " | ".join(stages) + " |", "|---|---|" + "---|" * len(stages)]
    for result in results:
        for jobs, build in result["builds"].items():
            total = sum(build["seconds"].values()) or 1.0
            cells = []
            for stage in stages:
                seconds = build["seconds"].get(stage)
                cells.append("–" if seconds is None else
                             f"{_rate(build['characters'], seconds)} ({100 * seconds / total:.0f} %)")
            lines.append(f"| {_scale_name(result['scale'])} | {jobs} | " + " | ".join(cells) + " |")
    return lines


def baseline_lines(results: list[dict]) -> list[str]:
    lines = []
    for result in results:
        base = result["baselines"]
        rates = ", ".join(f"{name} {_rate(rate, 1)} chars/s" for name, rate in base["chars_per_second"].items())
        control = "".join(f"; a pure-Python loop in {jobs} processes ran {speed_up:.2f}× as fast as in one "
                          f"(the most any -j {jobs} could gain then)"
                          for jobs, speed_up in result.get("control", {}).items())
        lines.append(f"- {_scale_name(result['scale'])}: {rates} (on {base['characters']:,} characters){control}")
    return lines


def _store_seconds(result: dict, query: dict) -> str:
    """What writing the Oxigraph store took the build (-j 1), or why there is none."""
    if not query.get("store_from_build"):
        return "none (the first query wrote it)" if query["store_bytes"] else "none"
    seconds = [build["seconds"].get("export:oxigraph") for build in result["builds"].values()]
    return f"{seconds[0]:.1f}" if seconds and seconds[0] is not None else "yes"


def query_lines(results: list[dict]) -> list[str]:
    lines = [("| scale | first query, graph.ttl read into memory | store written by the build, s | store MB | "
              "kg query: slowest (rows) | median | peak MB |"), "|---|---|---|---|---|---|---|"]
    for result in results:
        query = result.get("queries")
        if not query or not query["queries"]:
            continue
        timings = sorted(query["queries"].items(), key=lambda item: item[1]["seconds"])
        name, slowest = timings[-1]
        median = timings[len(timings) // 2][1]["seconds"]
        lines.append(f"| {_scale_name(result['scale'])} | {query['in_memory_seconds']:.2f} s "
                     f"| {_store_seconds(result, query)} | {_mb(query['store_bytes'])} "
                     f"| {slowest['seconds']:.2f} s {name} ({slowest['rows']:,}) | {median:.2f} s "
                     f"| {query['peak_tree_mb']:.0f} |")
    return lines if len(lines) > 2 else []


def html_lines(results: list[dict]) -> list[str]:
    lines = ["| scale | entities | nodes drawn | graph.html MB | loaded s | settled s |", "|---|---|---|---|---|---|"]
    for result in results:
        view = result.get("html")
        if not view:
            continue
        if "skipped" in view:
            lines.append(f"| {_scale_name(result['scale'])} | – | – | – | – | not measured: {view['skipped']} |")
            continue
        triples = next(iter(result["builds"].values()))
        lines.append(f"| {_scale_name(result['scale'])} | {triples.get('entities', 0):,} | {view['nodes_drawn']:,} "
                     f"| {_mb(view['page_bytes'])} | {view['load_seconds']:.1f} | {view['settle_seconds']:.1f} |")
    return lines if len(lines) > 2 else []


def linearity_lines(results: list[dict]) -> list[str]:
    lines = []
    ordered = sorted(results, key=lambda r: r["scale"])
    for small, large in itertools.pairwise(ordered):
        for jobs in small["builds"]:
            if jobs in large["builds"]:
                a, b = small["builds"][jobs], large["builds"][jobs]
                factor = b["characters"] / a["characters"]
                lines.append(f"- -j {jobs}: {factor:.1f}× the characters ({_scale_name(small['scale'])} → "
                             f"{_scale_name(large['scale'])}) took {b['wall_seconds'] / a['wall_seconds']:.1f}× "
                             f"the time and {b['peak_tree_mb'] / max(a['peak_tree_mb'], 1):.1f}× the memory")
    return lines


def report(results: list[dict], command: str) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    parts = [
        "# kg build benchmark", "",
        (f"`{command}` on {platform.python_implementation()} {platform.python_version()}, "
         f"{os.cpu_count()} CPUs, load average {load:.1f} at the end."), "",
        "## Throughput", "",
        ("build s: wall time of kg.pipeline.build (the work of `kg build`, dictionaries loaded "
         "included); CPU s: of all its processes; × posseg (CPU): characters per CPU second "
         "against jieba's, which holds up on a busy machine; speed-up: against -j 1; peak MB: "
         "PSS of the process tree."), "",
        *summary_table(results), "",
    ]
    runs = run_lines(results)
    if runs:
        parts += [*runs, ""]
    parts += [
        "## Per stage: characters/s (share of the build)", "",
        *stage_table(results), "",
        "## Baselines on the same text, and what the machine offered", "", *baseline_lines(results), "",
    ]
    linear = linearity_lines(results)
    if linear:
        parts += ["## Growth", "", *linear, ""]
    view = html_lines(results)
    if view:
        parts += ["## The HTML view in headless Chromium (from navigation to the end of the layout)", "",
                  *view, ""]
    queries = query_lines(results)
    if queries:
        parts += ["## kg query (each example of queries/, as `kg query OUT --file` runs it)", "",
                  *queries, ""]
    return "\n".join(parts)


# ---------------------------------------------------------------- command line

def _numbers(text: str, kind):
    try:
        values = [kind(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not values or any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError(f"give positive numbers: {text!r}")
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=lambda t: _numbers(t, float), default=[1.0, 10.0],
                        help="corpus sizes in multiples of the seeds (default 1,10; 1000 ≈ 37M characters)")
    parser.add_argument("--jobs", type=lambda t: _numbers(t, int), default=[1, 2],
                        help="values of kg build -j to time (default 1,2)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus variations")
    parser.add_argument("--baseline-chars", type=int, default=4_000_000,
                        help="time the jieba baselines on at most this many characters (0: all)")
    parser.add_argument("--repeat", type=lambda t: _numbers(t, int)[0], default=1,
                        help="run each build this many times, one -j after the other, and keep the "
                             "fastest of each (default 1)")
    parser.add_argument("--no-queries", action="store_true", help="do not time kg query")
    parser.add_argument("--no-html", action="store_true",
                        help="do not time graph.html in headless Chromium")
    parser.add_argument("--profile", action="store_true",
                        help="profile the -j 1 builds with cProfile into OUT/profile-<scale>.txt")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.perf_counter()
    for scale in args.scales:
        results.append(measure_scale(out, scale, args.jobs, args.seed, args.baseline_chars or None,
                                     not args.no_queries, args.profile, not args.no_html, args.repeat))
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(results, command.strip())
    (out / "latest.md").write_text(text, encoding="utf-8")
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str),
                                     encoding="utf-8")
    print(text)
    print(f"bench: done in {time.perf_counter() - started:.0f} s; written to {out / 'latest.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
