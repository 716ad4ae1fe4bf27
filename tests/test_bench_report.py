"""bench/run.py's report: with --repeat, the fastest run of each build is kept and every
run is shown; a graph.ttl that differs in any run is reported."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import fastest, report


def _run(wall: float, peak: float, graph: str = "g1") -> dict:
    return {"wall_seconds": wall, "cpu_seconds": wall * 1.5, "peak_tree_mb": peak, "graph_sha256": graph,
            "characters": 1000, "triples": 10, "sizes": {"graph.ttl": 100}, "seconds": {"extract": wall},
            "code_sha256": "c"}


def _result(builds: dict) -> dict:
    return {"scale": 10.0, "pages": 1, "characters": 1000, "control": {2: 1.9},
            "baselines": {"chars_per_second": {"jieba.lcut": 100.0, "jieba.posseg.lcut": 10.0},
                          "chars_per_cpu_second": {"jieba.lcut": 100.0, "jieba.posseg.lcut": 10.0},
                          "characters": 1000},
            "builds": builds}


def test_the_fastest_run_is_kept_with_every_wall_time_and_the_highest_peak():
    kept = fastest([_run(9.0, 300), _run(7.0, 250), _run(8.0, 320)])
    assert kept["wall_seconds"] == 7.0 and kept["cpu_seconds"] == 10.5
    assert kept["runs_wall_seconds"] == [9.0, 7.0, 8.0]
    assert kept["peak_tree_mb"] == 320
    assert kept["graph_hashes"] == ["g1"]


def test_the_report_shows_every_run_and_the_speed_up_of_the_fastest():
    builds = {1: fastest([_run(10.0, 300), _run(9.0, 300)]), 2: fastest([_run(6.0, 400), _run(5.0, 400)])}
    text = report([_result(builds)], "python bench/run.py --repeat 2")
    assert "| 10x | 1,000 | 2 | 5.0 |" in text and "| 1.80 |" in text     # 9.0 / 5.0
    assert "- 10x -j 1: 10.0, 9.0 s" in text and "- 10x -j 2: 6.0, 5.0 s" in text
    assert text.count("| yes |") == 2


def test_one_run_each_shows_no_list_of_runs():
    builds = {1: fastest([_run(10.0, 300)]), 2: fastest([_run(6.0, 400)])}
    text = report([_result(builds)], "python bench/run.py")
    assert "Every run's wall time" not in text and "| 1.67 |" in text


def test_a_graph_that_differs_in_any_run_is_reported():
    builds = {1: fastest([_run(10.0, 300, graph="g2"), _run(9.0, 300)]), 2: fastest([_run(6.0, 400)])}
    assert builds[1]["graph_sha256"] == "g1"       # the slower run wrote the other graph
    text = report([_result(builds)], "python bench/run.py --repeat 2")
    assert "| NO |" in text and "| yes |" not in text


def test_code_that_changed_between_runs_is_said_and_a_profiled_run_s_memory_is_left_out():
    slow = dict(_run(10.0, 900, graph="g2"), code_sha256="other", profiled=True)
    builds = {1: fastest([slow, _run(9.0, 300)]), 2: fastest([_run(6.0, 400)])}
    assert builds[1]["peak_tree_mb"] == 300
    text = report([_result(builds)], "python bench/run.py --repeat 2 --profile")
    assert "kg's code changed between the builds" in text
