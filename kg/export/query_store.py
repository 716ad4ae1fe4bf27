"""The Oxigraph store of a large build (OUT/oxigraph/, see kg.query), made while the
build writes its files.

`kg query` opens the store instead of reading graph.ttl, which takes a minute at 7M
triples.  The store is loaded from graph.nt (else graph.ttl) and needs the ontology:
once the exporters that write them are done, the loading starts in a thread (Oxigraph
loads a file without holding Python's lock), and the other exporters go on meanwhile;
`finish` waits for it and moves the store into the folder.  The exporters it waits for
are run first (`first`).  Where kg.export runs the exporters side by side, nothing
tells it what is written, and `finish` loads a wanted store alone once the forked writers
are done; with QUERY_STORE_FROM where side by side ends, that never happens.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ..query import STORE_STAMP as STAMP

NEEDED = ("turtle", "ntriples")    # graph.ttl and ontology.ttl; graph.nt, which loads faster


class QueryStore:
    """`wanted`: the graph is large enough for a store (kg.export.QUERY_STORE_FROM); one is
    made when graph.ttl is written too and pyoxigraph is there."""

    def __init__(self, folder: Path, formats: Sequence[str], wanted: bool) -> None:
        self.folder = folder
        self.wanted = wanted and "turtle" in formats and _has_oxigraph()
        self._waiting = {name for name in NEEDED if name in formats}
        self._making = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def first(self, names: Sequence[str]) -> list[str]:
        """`names` with the exporters the store waits for first (otherwise in their order)."""
        if not self.wanted:
            return list(names)
        return [n for n in names if n in self._waiting] + [n for n in names if n not in self._waiting]

    def written(self, name: str) -> None:
        """Exporter `name` is done: the loading starts once those it waits for all are."""
        self._waiting.discard(name)
        if self.wanted and not self._waiting and self._making is None:
            self._start()

    def finish(self, stage: Callable) -> list[Path]:
        """Wait for the store and put it in place.  What it returns for the manifest is the
        store's stamp ([] when no store is made): the other files are the database's own,
        named as it pleases, so the manifest names the same files in every build."""
        if not self.wanted:
            return []
        with stage("export:oxigraph"):
            if self._making is None:
                self._start()
            self._thread.join()
            if self._error is not None:
                self._making.discard()
                raise self._error
            return [path for path in self._making.finish() if path.name == STAMP]

    def abandon(self) -> None:
        """The build failed: wait for the loading (it writes into the folder) and drop it."""
        if self._making is not None:
            self._thread.join()
            self._making.discard()

    def _start(self) -> None:
        from ..query import StoreMaking
        self._making = StoreMaking(self.folder)
        self._thread = threading.Thread(target=self._load, name="kg-query-store", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            self._making.load_graph()
        except BaseException as error:  # noqa: BLE001 - raised again by finish, in the build's thread
            self._error = error


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401 - a dependency of kg; without it, kg query reads the files
    except ImportError:
        return False
    return True
