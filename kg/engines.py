"""Where the documents are extracted: in this machine's processes, or on a dask cluster.

An engine maps a task (a function of one item, defined at the top of a module
so that it pickles by name) over a list of items and gives the results back
in input order.  Whatever ran where, the build merges the results in the order
it read its inputs, so every engine writes the same bytes as `kg build -j 1`.

    local  this process (-j 1) or a pool of -j processes of this machine
    dask   a dask.distributed cluster: the scheduler at --scheduler ADDRESS, or,
           without it, a cluster of -j worker processes started on this machine

dask is an optional extra (`pip install "kg[dask]"`); it is imported only when
the dask engine is used.  The scheduler and the workers of a remote cluster
unpickle the tasks in their own Python, so they need the same kg installed:
the engine checks that they have it before sending them any document.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import Protocol, TypeVar

ENGINES = ("local", "dask")
DASK_INSTALL = 'pip install "kg[dask]"'

T = TypeVar("T")
R = TypeVar("R")


class EngineError(Exception):
    """The engine cannot run the build (no dask, no scheduler, other kg on the workers): one line."""


class Engine(Protocol):
    workers: int        # tasks that can run at once

    def map(self, task: Callable[[T], R], items: Sequence[T], batch: int) -> Iterator[R]:
        """task(item) for every item, in input order; items go to the workers `batch` at a time."""
        ...


# ---------------------------------------------------------------- local


class LocalEngine:
    """This process (one job) or a pool of processes of this machine."""

    def __init__(self, jobs: int, warm_up: Callable[[], None] | None = None) -> None:
        self.workers = max(1, jobs)
        self._warm_up = warm_up
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        if self.workers > 1:
            # Loaded once here when the workers are forked (they inherit it);
            # otherwise (spawn, forkserver) each worker loads it once, in the initializer.
            if self._warm_up is not None and multiprocessing.get_start_method() == "fork":
                self._warm_up()
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=self._warm_up)
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def map(self, task: Callable[[T], R], items: Sequence[T], batch: int) -> Iterator[R]:
        if self._pool is None:
            return map(task, items)
        # Executor.map gives the results back in input order.
        return self._pool.map(task, items, chunksize=max(1, batch))


# ---------------------------------------------------------------- dask


def _run_batch(task: Callable[[T], R], batch: list[T]) -> list[R]:
    """What a dask worker runs: one task over a batch of items (one message each way)."""
    return [task(item) for item in batch]


_FINGERPRINT_SUFFIXES = {".py", ".tsv", ".txt", ".json", ".md"}
# What extraction depends on outside kg (jieba_fast, when present, splits as jieba does: not here).
_FINGERPRINT_PACKAGES = ("jieba", "opencc")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """kg's version, a digest of its code and data, and the versions of the packages it extracts with.

    Two Pythons with the same fingerprint extract the same mentions from the
    same text.  The version alone would not tell two checkouts of 0.1.0 apart.
    """
    import importlib.metadata     # here: slow to import, and only the dask engine asks

    from . import __version__

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        # ontology/ is not under kg/ in a checkout, and the extraction does not read it.
        if (path.suffix not in _FINGERPRINT_SUFFIXES or not path.is_file()
                or relative.parts[0] == "ontology" or "__pycache__" in relative.parts):
            continue
        digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = []
    for name in _FINGERPRINT_PACKAGES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return f"kg {__version__} ({digest.hexdigest()[:12]}; {', '.join(versions)})"


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise EngineError(f"--engine dask needs dask.distributed: {DASK_INSTALL}") from None
    return distributed


class DaskEngine:
    """The workers of a dask.distributed cluster: the one at `scheduler`, or one started here.

    Items go in batches, each batch one dask task; at most a few batches per
    worker are in flight, so the scheduler never holds the whole corpus, and
    earlier batches come first so the results can be handed on in input order.
    """

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        self.scheduler = scheduler
        self.workers = max(1, jobs)
        self._client = None
        self._cluster = None
        self._log_levels: dict[str, int] = {}

    @property
    def where(self) -> str:
        return f"the dask scheduler at {self.scheduler}" if self.scheduler else "the local dask cluster"

    def __enter__(self) -> DaskEngine:
        distributed = _import_distributed()
        self._log_levels = _quiet_loggers("distributed")
        try:
            if self.scheduler is None:
                # The scheduler serves HTTP whatever it is told: on any free port, so
                # that a busy 8787 brings no warning.
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=":0", silence_logs=logging.ERROR)
                self._client = distributed.Client(self._cluster)
            else:
                address = _checked_address(self.scheduler)
                # Retries until distributed.comm.timeouts.connect (30 s; the environment
                # variable DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT changes it).
                self._client = distributed.Client(address, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:
            self.__exit__()
            raise EngineError(f"cannot reach {self.where}: {_one_line(exc)}"
                              + (" (is `dask scheduler` running there?)" if self.scheduler else "")) from None
        try:
            self._check_workers()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _check_workers(self) -> None:
        """Wait for one worker, then check that the scheduler and every worker run this kg.

        The scheduler unpickles the tasks, and so imports kg, as the workers do.
        """
        import dask

        try:
            self._client.wait_for_workers(1, timeout=dask.config.get("distributed.comm.timeouts.connect"))
        except (TimeoutError, OSError):
            raise EngineError(f"{self.where} has no workers: start some with "
                              f"`dask worker {self.scheduler}`") from None
        ours = fingerprint()
        try:
            theirs = {"the scheduler": self._client.run_on_scheduler(fingerprint),
                      **{f"the worker {worker}": value for worker, value in self._client.run(fingerprint).items()}}
        except Exception as exc:  # noqa: BLE001 - their ImportError comes back as a bare Exception
            raise EngineError(f"{self.where} cannot run kg ({_one_line(exc)}): install this kg "
                              f"({ours}) on the scheduler and on every worker") from None
        others: dict[str, list[str]] = {}
        for who, value in theirs.items():
            if value != ours:
                others.setdefault(value, []).append(who)
        if others:
            found = "; ".join(f"{_some(whos)} {'has' if len(whos) == 1 else 'have'} {value}"
                              for value, whos in sorted(others.items()))
            raise EngineError(f"{self.where} does not run this kg ({ours}): {found}; "
                              "install the same kg on the scheduler and on every worker")
        self.workers = max(1, sum(self._client.nthreads().values()))

    def __exit__(self, *exc) -> None:
        # Closing may meet a scheduler that is already gone: nothing is left to clean then.
        for closable in (self._client, self._cluster):
            if closable is not None:
                with suppress(Exception):
                    closable.close()
        self._client = self._cluster = None
        for name, level in self._log_levels.items():
            logging.getLogger(name).setLevel(level)
        self._log_levels = {}

    def map(self, task: Callable[[T], R], items: Sequence[T], batch: int) -> Iterator[R]:
        distributed = _import_distributed()
        size = max(1, batch)
        batches = iter(range(0, len(items), size))
        in_flight: deque = deque()
        window = 2 * self.workers + 2      # every worker busy, and the next batch already there

        def submit() -> bool:
            start = next(batches, None)
            if start is None:
                return False
            in_flight.append(self._client.submit(
                _run_batch, task, list(items[start:start + size]),
                pure=False,                  # no hashing of the documents for a key
                priority=-start))            # earlier batches first
            return True

        while len(in_flight) < window and submit():
            pass
        while in_flight:
            future = in_flight.popleft()
            try:
                results = future.result()
            except (distributed.KilledWorker, CancelledError, OSError) as exc:
                raise EngineError(f"{self.where} failed the build: {_one_line(exc)}") from None
            submit()
            yield from results


def _quiet_loggers(prefix: str) -> dict[str, int]:
    """Only critical records from the loggers under `prefix`; returns their levels, to be put back.

    distributed logs its own view of a lost connection, tracebacks and all, on
    stderr; the EngineError kg raises says it in one line.  Its configuration
    gives some loggers (distributed.client) a level of their own: each is raised.
    """
    names = [prefix] + [name for name in logging.root.manager.loggerDict if name.startswith(prefix + ".")]
    levels = {}
    for name in names:
        logger = logging.getLogger(name)
        if name == prefix or logger.level != logging.NOTSET:
            levels[name] = logger.level
            logger.setLevel(logging.CRITICAL)
    return levels


def _checked_address(address: str) -> str:
    """The scheduler's address with its protocol (tcp:// when none is given), or EngineError.

    Checked before distributed.Client sees it: a Client that fails on a
    malformed address prints a traceback when Python exits.
    """
    from distributed.comm.addressing import get_address_host_port, normalize_address

    try:
        normalized = normalize_address(address)
        get_address_host_port(normalized)
    except ValueError as exc:
        raise EngineError(f"--scheduler {address}: {exc}; give host:port, "
                          "e.g. tcp://10.0.0.5:8786") from None
    return normalized


def _some(names: list[str], shown: int = 3) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    # OSError's text says it all; a bare Exception is a remote error carried as text.
    return text if isinstance(exc, OSError) or type(exc) is Exception else f"{exc.__class__.__name__}: {text}"


@contextmanager
def open_engine(name: str, jobs: int, scheduler: str | None = None,
                warm_up: Callable[[], None] | None = None) -> Iterator[Engine]:
    """The engine `name`, started (a pool, a cluster, a connection) and stopped at the end."""
    if name == "local":
        if scheduler is not None:
            raise EngineError("--scheduler is for --engine dask")
        engine: LocalEngine | DaskEngine = LocalEngine(jobs, warm_up)
    elif name == "dask":
        engine = DaskEngine(scheduler, jobs)
    else:
        raise EngineError(f"no engine {name!r}: choose one of {', '.join(ENGINES)}")
    with engine:
        yield engine
