"""kg build --engine dask: extraction on a dask cluster writes the same bytes as -j 1.

The cluster is a real one of two worker processes on this machine, reached by
its address as a remote one would be; a failing document, an unreachable
scheduler and a missing dask each end as a line for the user, not a traceback.
"""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_options_given
from kg.cli import main
from kg.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SMALLEST = sorted(SEEDS.iterdir(), key=lambda p: p.stat().st_size)[:2]


def _files(out: Path) -> dict[str, bytes]:
    """Every file of a build (the store in .kg-store/ too), by its path inside the build."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason='dask is a test dependency: pip install "kg[dask]"')
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=logging.ERROR) as local, \
            distributed.Client(local.scheduler_address, set_as_default=False) as client:
        yield local.scheduler_address, client


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    return out


def test_a_dask_cluster_writes_the_same_bytes_as_one_process(cluster, serial, tmp_path):
    address, client = cluster
    client.get_task_stream()          # the scheduler records the tasks it runs from now on
    since = time.time()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-q", "--scheduler", address])
    assert result.exit_code == 0, result.output
    assert _files(out) == _files(serial)
    # The documents were extracted by the cluster's two workers, not in this process.
    ran = [task for task in client.get_task_stream(start=since) if task["key"].startswith("_run_batch")]
    assert len(ran) == len(list(SEEDS.iterdir()))
    assert len({task["worker"] for task in ran}) == 2


def test_a_failing_document_is_skipped_and_named(cluster, tmp_path):
    address, client = cluster
    broken = SMALLEST[0].name

    def break_extraction(doc_id=broken):    # runs on the workers: a bug in the extraction of one document
        import kg.pipeline
        original = getattr(kg.pipeline, "_unbroken", kg.pipeline.extract_source)

        def extract_source(source, hint=None, timer=None):
            if source.doc_id == doc_id:
                raise RuntimeError("a bug")
            return original(source, hint, timer)
        kg.pipeline._unbroken, kg.pipeline.extract_source = original, extract_source

    def repair():
        import kg.pipeline
        kg.pipeline.extract_source = kg.pipeline.__dict__.pop("_unbroken", kg.pipeline.extract_source)

    client.run(break_extraction)
    try:
        result = CliRunner().invoke(main, ["build", *map(str, SMALLEST), "-o", str(tmp_path / "out"), "-q",
                                           "--scheduler", address])
    finally:
        client.run(repair)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (f"kg: skipped {SMALLEST[0]}: not built: extraction failed "
                                     "(RuntimeError: a bug); this is a bug of kg, please report it")
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_workers_of_another_kg_are_refused(cluster, tmp_path):
    address, client = cluster

    def other_kg():                         # runs on the workers: as if they had another checkout
        import kg.engines
        kg.engines._fingerprint, kg.engines.fingerprint = kg.engines.fingerprint, lambda: "kg 0.0.9"

    def repair():
        import kg.engines
        kg.engines.fingerprint = kg.engines.__dict__.pop("_fingerprint", kg.engines.fingerprint)

    client.run(other_kg)
    try:
        result = CliRunner().invoke(main, ["build", str(SMALLEST[0]), "-o", str(tmp_path / "out"), "-q",
                                           "--scheduler", address])
    finally:
        client.run(repair)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: the dask scheduler at {address} does not run this kg (kg ")
    assert "have kg 0.0.9; install the same kg on the scheduler and on every worker" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


def test_a_scheduler_without_workers_is_one_line(tmp_path):
    distributed = pytest.importorskip("distributed", reason='dask is a test dependency: pip install "kg[dask]"')
    import dask

    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", dashboard_address=":0",
                                  silence_logs=logging.ERROR) as empty, \
            dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["build", str(SMALLEST[0]), "-o", str(tmp_path / "out"), "-q",
                                           "--scheduler", empty.scheduler_address])
    assert result.exit_code == 2
    assert result.stderr == (f"kg: error: the dask scheduler at {empty.scheduler_address} has no workers: "
                             f"start some with `dask worker {empty.scheduler_address}`\n")


def test_a_malformed_address_is_one_line(tmp_path):
    pytest.importorskip("distributed", reason='dask is a test dependency: pip install "kg[dask]"')
    result = CliRunner().invoke(main, ["build", str(SMALLEST[0]), "-o", str(tmp_path / "out"),
                                       "--scheduler", "localhost"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: --scheduler localhost: missing port number")


def test_without_a_scheduler_a_cluster_is_started_here(tmp_path):
    pytest.importorskip("distributed", reason='dask is a test dependency: pip install "kg[dask]"')
    page = SMALLEST[:1]       # one worker, to keep it short: the two-worker case is the test above
    build(page, tmp_path / "serial", BuildOptions(formats=("turtle",)))
    result = build(page, tmp_path / "dask", BuildOptions(formats=("turtle",), engine="dask", jobs=2))
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "serial" / "graph.ttl").read_bytes()
    assert {"normalize", "split", "extract"} <= set(result.seconds)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    pytest.importorskip("distributed", reason='dask is a test dependency: pip install "kg[dask]"')
    address = f"tcp://127.0.0.1:{_closed_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(tmp_path / "out"), "-q",
                          "--scheduler", address], check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith(f"kg: error: cannot reach the dask scheduler at {address}: ")
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert time.perf_counter() - start < 30
    assert not (tmp_path / "out").exists()


def test_without_dask_the_error_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)          # import distributed -> ImportError
    result = CliRunner().invoke(main, ["build", str(SMALLEST[0]), "-o", str(tmp_path / "out"), "-q",
                                       "--engine", "dask"])
    assert result.exit_code == 2
    assert result.stderr == 'kg: error: --engine dask needs dask.distributed: pip install "kg[dask]"\n'


_options_given = build_options_given


def test_the_command_passes_engine_and_scheduler(monkeypatch):
    assert _options_given(monkeypatch).engine == "local"
    assert (_options_given(monkeypatch, "--engine", "dask", "-j", "3").engine,
            _options_given(monkeypatch, "--engine", "dask").scheduler) == ("dask", None)
    given = _options_given(monkeypatch, "--scheduler", "tcp://10.0.0.5:8786")
    assert (given.engine, given.scheduler) == ("dask", "tcp://10.0.0.5:8786")


def test_a_scheduler_is_for_the_dask_engine(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "out"),
                                       "--engine", "local", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--scheduler is for --engine dask" in result.output
