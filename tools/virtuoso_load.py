#!/usr/bin/env python3
"""Bulk-load a kg build into Virtuoso, and run a throwaway Virtuoso to load it into.

    python tools/virtuoso_load.py serve --dir /tmp/v --allow out/   # start one on 127.0.0.1
    python tools/virtuoso_load.py load out/ [--port 1111] [--graph IRI]
    python tools/virtuoso_load.py stop --dir /tmp/v

`load` uses Virtuoso's bulk loader (ld_dir, rdf_loader_run, checkpoint) through
`isql-vt`, so the files are read by the server itself: the build folder must be
on the server's machine and listed in DirsAllowed of its virtuoso.ini (`serve
--allow DIR` writes it there; for Debian's service, edit
/etc/virtuoso-opensource-7/virtuoso.ini and restart it).  What goes where:

- graph.nt and ontology.ttl into one graph, GRAPH (default: the build's base
  IRI + "graph", e.g. https://example.org/kg/resource/graph).  This is the graph
  `kg query` asks: name it as the default graph of a query
  (`default-graph-uri=GRAPH` on the endpoint, or `FROM <GRAPH>`) to get the
  same answers.
- graph.nq into one named graph per source document (the document's IRI), for
  `GRAPH ?doc { … }`; its default-graph quads (gazetteer knowledge) go into
  GRAPH too, where graph.nt already has them.

Virtuoso's endpoint answers a query without FROM over the union of all its
graphs, system graphs included, and an entity's triples sit in the graph of
every document that mentions it: without a default graph, rows repeat.

`load` first clears the graphs it is about to fill (GRAPH and those named in
graph.nq) and forgets the files in the loader's list, so loading a build again
replaces it.  Python standard library only; Virtuoso itself is Debian's
`virtuoso-opensource` (binaries `virtuoso-t` and `isql-vt`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE = "https://example.org/kg/resource/"   # kg's default --base (kg/rdf/terms.py)
DEFAULT_USER, DEFAULT_PASSWORD = "dba", "dba"        # what a new Virtuoso database starts with
PASSWORD_VARIABLE = "VIRTUOSO_PASSWORD"              # read instead of --password, so it is not in `ps`
HOST = "127.0.0.1"
INI_NAME, PID_NAME, LOG_NAME = "virtuoso.ini", "virtuoso.pid", "virtuoso.log"
FILES_DEFAULT_GRAPH = ("graph.nt", "ontology.ttl")   # loaded into --graph
FILE_NAMED_GRAPHS = "graph.nq"                       # one graph per document; its default part into --graph


class VirtuosoError(Exception):
    """Something Virtuoso or its tools refused, said in one line."""


# ---------------------------------------------------------------- isql

@dataclass(frozen=True)
class Connection:
    """How to reach a running Virtuoso with isql."""
    port: int = 1111
    host: str = HOST
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    isql: str = "isql-vt"


def find_program(*names: str) -> str | None:
    """The first of `names` on PATH (Debian calls isql `isql-vt`; upstream builds call it `isql`)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def isql(connection: Connection, sql: str, timeout: float = 3600) -> str:
    """Run SQL statements (each ending with `;` on its own line or inline) and return the output.

    isql goes on after a failed statement and exits 0 anyway, so its errors are
    read off its output: the first one is raised."""
    command = [connection.isql, f"{connection.host}:{connection.port}", connection.user, connection.password,
               "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF", "ERRORS=STDOUT"]
    try:
        done = subprocess.run(command, input=sql, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        raise VirtuosoError(f"{connection.isql} not found: install Debian's virtuoso-opensource") from None
    except subprocess.TimeoutExpired:
        raise VirtuosoError(f"isql did not finish in {timeout:.0f} s") from None
    output = done.stdout + done.stderr
    error = re.search(r"\*\*\* Error [^:]*: (.*)", output)
    if error or done.returncode != 0:
        lines = output.strip().splitlines()
        message = error.group(1).strip() if error else (lines[-1] if lines else f"exit {done.returncode}")
        raise VirtuosoError(f"Virtuoso at {connection.host}:{connection.port}: {message}")
    return done.stdout


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sparql_iri(iri: str) -> str:
    if re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
        raise VirtuosoError(f"not an IRI a graph can be named with: {iri!r}")
    return f"<{iri}>"


# ---------------------------------------------------------------- load

_TERM = r'<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?'
_QUAD = re.compile(rf"^\s*(?:{_TERM})\s+(?:{_TERM})\s+(?:{_TERM})\s+<([^>]*)>\s*\.\s*$")


def named_graphs(nquads: Path) -> list[str]:
    """The graph names used in an N-Quads file, in order of first use."""
    found: dict[str, None] = {}
    with nquads.open(encoding="utf-8") as stream:
        for line in stream:
            match = _QUAD.match(line)
            if match:
                found.setdefault(match.group(1))
    return list(found)


def build_base(build: Path) -> str:
    """The base IRI the build used (kg's store notes it), else kg's default."""
    try:
        base = json.loads((build / ".kg-store" / "build.json").read_text(encoding="utf-8"))["base"]
        return base if isinstance(base, str) and base else DEFAULT_BASE
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_BASE


def default_graph_of(build: Path) -> str:
    return build_base(build) + "graph"


@dataclass(frozen=True)
class LoadReport:
    graph: str                 # where graph.nt and the ontology went
    documents: int             # named graphs loaded from graph.nq
    triples: int               # triples in `graph`
    quads: int                 # quads in the document graphs
    seconds: float             # clearing, bulk load and checkpoint


def load(build: str | Path, connection: Connection, graph: str | None = None) -> LoadReport:
    """Bulk-load the build's graph.nt, ontology.ttl and graph.nq (see the module's text)."""
    build = Path(build).resolve()
    missing = [name for name in ("graph.nt", FILE_NAMED_GRAPHS) if not (build / name).is_file()]
    if not build.is_dir() or missing:
        raise VirtuosoError(f"{build} is not a kg build with N-Triples and N-Quads "
                            f"(missing {', '.join(missing) or 'the folder'}): run `kg build -o {build}` first")
    graph = graph or default_graph_of(build)
    documents = named_graphs(build / FILE_NAMED_GRAPHS)
    files = [name for name in (*FILES_DEFAULT_GRAPH, FILE_NAMED_GRAPHS) if (build / name).is_file()]
    if "ontology.ttl" not in files:
        print(f"note: {build} has no ontology.ttl: rdfs:subClassOf* will find nothing", file=sys.stderr)
    started = time.perf_counter()

    # Forget these files in the loader's list (else ld_dir keeps them as loaded), register
    # them (where Virtuoso refuses a folder it may not read), and only then clear the
    # graphs a previous load filled: a refused load leaves the store as it was.
    listed = ", ".join(_sql_string(str(build / name)) for name in files)
    isql(connection, f"DELETE FROM DB.DBA.load_list WHERE ll_file IN ({listed});\n")
    try:
        isql(connection, "".join(f"ld_dir({_sql_string(str(build))}, {_sql_string(name)}, {_sql_string(graph)});\n"
                                 for name in files))
    except VirtuosoError as error:
        if "access control" in str(error):
            raise VirtuosoError(f"Virtuoso may not read {build}: add it to DirsAllowed in its virtuoso.ini "
                                f"(`serve --allow {build}` does) and restart it") from None
        raise
    clear = ["log_enable(3, 1);"] + [f"SPARQL CLEAR GRAPH {_sparql_iri(name)};" for name in (graph, *documents)]
    isql(connection, "\n".join(clear) + "\n")
    isql(connection, "rdf_loader_run();\ncheckpoint;\n")
    seconds = time.perf_counter() - started

    failed = isql(connection, f"SELECT ll_file || ': ' || ll_error FROM DB.DBA.load_list "
                              f"WHERE ll_file IN ({listed}) AND ll_error IS NOT NULL;\n")
    failed = [line.strip() for line in failed.splitlines() if line.strip()]
    if failed:
        raise VirtuosoError(f"the bulk loader failed on {failed[0]}")
    triples = _count(connection, f"SPARQL SELECT COUNT(*) FROM {_sparql_iri(graph)} WHERE {{ ?s ?p ?o }};")
    quads = 0
    if documents:
        values = " ".join(_sparql_iri(name) for name in documents)
        quads = _count(connection, f"SPARQL SELECT COUNT(*) WHERE {{ VALUES ?g {{ {values} }} "
                                   f"GRAPH ?g {{ ?s ?p ?o }} }};")
    return LoadReport(graph=graph, documents=len(documents), triples=triples, quads=quads, seconds=seconds)


def _count(connection: Connection, sql: str) -> int:
    output = isql(connection, sql + "\n").split()
    try:
        return int(output[-1])
    except (IndexError, ValueError):
        raise VirtuosoError(f"unexpected answer to a count: {' '.join(output)[:200]!r}") from None


# ---------------------------------------------------------------- SPARQL endpoint

def sparql(endpoint: str, query: str, default_graph: str | None = None, timeout: float = 300) -> dict:
    """The SPARQL JSON results of `query` from a SPARQL endpoint (POSTed, UTF-8)."""
    fields = {"query": query}
    if default_graph:
        fields["default-graph-uri"] = default_graph
    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode(fields).encode("utf-8"),
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        body = " ".join(error.read().decode("utf-8", "replace").split())
        raise VirtuosoError(f"{endpoint} answered {error.code}: {body[:300]}") from None
    except (urllib.error.URLError, OSError) as error:
        raise VirtuosoError(f"cannot reach {endpoint}: {error}") from None


# ---------------------------------------------------------------- a throwaway instance

def write_ini(folder: Path, sql_port: int, http_port: int, allowed: list[Path]) -> Path:
    """A virtuoso.ini for a small database in `folder`, listening on loopback only.

    Sizes are for a laptop or CI (80 MB of buffers: NumberOfBuffers × 8 kB); result sets are not
    capped at Virtuoso's default of 10,000 rows, so a query answers in full."""
    folder.mkdir(parents=True, exist_ok=True)
    dirs = ", ".join(dict.fromkeys([".", str(folder.resolve()), *(str(p.resolve()) for p in allowed)]))
    ini = f"""\
; Written by tools/virtuoso_load.py: a throwaway Virtuoso on {HOST} (user dba, password dba).
[Database]
DatabaseFile       = virtuoso.db
ErrorLogFile       = {LOG_NAME}
LockFile           = virtuoso.lck
TransactionFile    = virtuoso.trx
xa_persistent_file = virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = virtuoso-temp.db
TransactionFile    = virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = {HOST}:{sql_port}
DisableUnixSocket    = 1
CheckpointInterval   = 0
DirsAllowed          = {dirs}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 2
MaxClientConnections = 10

[HTTPServer]
ServerPort           = {HOST}:{http_port}
ServerThreads        = 4
MaxClientConnections = 4
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000000
MaxQueryExecutionTime      = 600
MaxQueryCostEstimationTime = 0
"""
    path = folder / INI_NAME
    path.write_text(ini, encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _port_taken(port: int) -> bool:
    """True when something listens on the port (connections of a stopped server do not count)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


@dataclass
class Instance:
    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen

    @property
    def connection(self) -> Connection:
        return Connection(port=self.sql_port, isql=find_program("isql-vt", "isql") or "isql-vt")

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.http_port}/sparql"


def start(folder: str | Path, sql_port: int = 0, http_port: int = 0, allowed: tuple = (),
          virtuoso: str | None = None, timeout: float = 120) -> Instance:
    """Start virtuoso-t on `folder` (a new database there if it has none) and wait until it answers.

    A port of 0 takes a free one.  The server runs in its own session, so it
    outlives this process: end it with `stop`."""
    folder = Path(folder).resolve()
    program = virtuoso or find_program("virtuoso-t")
    if not program:
        raise VirtuosoError("virtuoso-t not found: install Debian's virtuoso-opensource")
    sql_port = sql_port or free_port()
    while not http_port or http_port == sql_port:
        http_port = free_port()
    for port in (sql_port, http_port):
        if _port_taken(port):
            raise VirtuosoError(f"port {port} on {HOST} is taken (another Virtuoso?): choose others")
    write_ini(folder, sql_port, http_port, [Path(p) for p in allowed])
    with (folder / "virtuoso.out").open("ab") as output:
        process = subprocess.Popen([program, "+foreground", "+configfile", INI_NAME], cwd=folder,
                                   stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    (folder / PID_NAME).write_text(f"{process.pid}\n", encoding="utf-8")
    instance = Instance(folder, sql_port, http_port, process)
    try:
        _wait_until_ready(instance, timeout)
    except BaseException:
        _end(process)
        raise
    return instance


def _wait_until_ready(instance: Instance, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if instance.process.poll() is not None:
            raise VirtuosoError(f"virtuoso-t stopped at start (exit {instance.process.returncode}): "
                                f"{_last_log_line(instance.folder)}")
        try:
            isql(instance.connection, "SELECT 1;\n", timeout=10)
            sparql(instance.endpoint, "ASK { }", timeout=10)
            return
        except VirtuosoError:
            if time.monotonic() > deadline:
                raise VirtuosoError(f"Virtuoso did not answer in {timeout:.0f} s: "
                                    f"{_last_log_line(instance.folder)}") from None
            time.sleep(0.3)


def _last_log_line(folder: Path) -> str:
    for name in (LOG_NAME, "virtuoso.out"):
        try:
            lines = [line.strip() for line in (folder / name).read_text(errors="replace").splitlines()
                     if line.strip()]
        except OSError:
            continue
        if lines:
            return f"{name}: {lines[-1]}"
    return "no log"


def stop(instance: Instance, timeout: float = 60) -> None:
    """Shut the server down cleanly (checkpoint), or kill it when it does not go."""
    try:
        isql(instance.connection, "shutdown;\n", timeout=timeout)
    except VirtuosoError:
        pass                    # the connection drops as the server goes: expected
    _end(instance.process, timeout)
    (instance.folder / PID_NAME).unlink(missing_ok=True)


def _end(process: subprocess.Popen, timeout: float = 30) -> None:
    try:
        process.wait(timeout=timeout)
        return
    except subprocess.TimeoutExpired:
        pass
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _ini_ports(folder: Path) -> tuple[int, int]:
    """The SQL and HTTP ports of a virtuoso.ini written by write_ini."""
    try:
        text = (folder / INI_NAME).read_text(encoding="utf-8")
    except OSError:
        raise VirtuosoError(f"no {INI_NAME} in {folder}: start one with `serve --dir {folder}`") from None
    ports = [int(port) for port in re.findall(r"^ServerPort\s*=\s*[^:\n]*:(\d+)\s*$", text, re.MULTILINE)]
    if len(ports) != 2:
        raise VirtuosoError(f"{folder / INI_NAME} was not written by this tool: stop that Virtuoso with isql")
    return ports[0], ports[1]


def stop_folder(folder: Path, connection: Connection, timeout: float = 60) -> bool:
    """Stop the server `serve` started on `folder`; False when none was running."""
    sql_port, _ = _ini_ports(folder)
    try:
        pid = int((folder / PID_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not _alive(pid):
        (folder / PID_NAME).unlink(missing_ok=True)
        return False
    try:
        isql(Connection(port=sql_port, user=connection.user, password=connection.password,
                        isql=connection.isql), "shutdown;\n", timeout=timeout)
    except VirtuosoError:
        pass
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGTERM)
    (folder / PID_NAME).unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:            # a zombie child of ours is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


# ---------------------------------------------------------------- command line

def _connection(args) -> Connection:
    isql_program = args.isql or find_program("isql-vt", "isql") or "isql-vt"
    password = os.environ.get(PASSWORD_VARIABLE) or args.password
    return Connection(port=args.port, host=args.host, user=args.user, password=password, isql=isql_program)


def _add_connection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=1111, help="isql (SQL) port of Virtuoso (default 1111)")
    parser.add_argument("--host", default=HOST, help=f"Virtuoso's host (default {HOST}); the files must be "
                                                     "on its machine all the same")
    parser.add_argument("--user", default=DEFAULT_USER)
    parser.add_argument("--password", default=DEFAULT_PASSWORD,
                        help=f"(default dba; ${PASSWORD_VARIABLE} wins when set)")
    parser.add_argument("--isql", default=None, help="the isql program (default isql-vt, else isql)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start a throwaway Virtuoso on 127.0.0.1 in a folder")
    serve.add_argument("--dir", required=True, type=Path, help="folder for virtuoso.ini and the database")
    serve.add_argument("--port", type=int, default=1111, help="isql port (default 1111; 0: a free one)")
    serve.add_argument("--http-port", type=int, default=8890, help="SPARQL endpoint port (default 8890; 0: free)")
    serve.add_argument("--allow", type=Path, action="append", default=[],
                       help="a folder the bulk loader may read (repeat; default: the current folder)")

    load_command = commands.add_parser("load", help="bulk-load a build's graph.nt, ontology.ttl, graph.nq")
    load_command.add_argument("build", type=Path, help="the output folder of `kg build`")
    load_command.add_argument("--graph", default=None,
                              help="graph IRI for graph.nt and the ontology (default: the build's base + 'graph')")
    _add_connection(load_command)

    stop_command = commands.add_parser("stop", help="stop the Virtuoso `serve` started in a folder")
    stop_command.add_argument("--dir", required=True, type=Path)
    _add_connection(stop_command)

    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            instance = start(args.dir, args.port, args.http_port, tuple(args.allow or [Path.cwd()]))
            print(f"Virtuoso running (pid {instance.process.pid}) in {instance.folder}\n"
                  f"  isql:   {HOST}:{instance.sql_port}  user dba, password dba\n"
                  f"  SPARQL: {instance.endpoint}\n"
                  f"  load:   python {sys.argv[0]} load OUT --port {instance.sql_port}\n"
                  f"  stop:   python {sys.argv[0]} stop --dir {args.dir}")
        elif args.command == "load":
            report = load(args.build, _connection(args), args.graph)
            print(f"loaded {args.build} in {report.seconds:.1f} s: {report.triples} triples in <{report.graph}>, "
                  f"{report.quads} quads in {report.documents} document graphs\n"
                  f"ask with default-graph-uri={report.graph} (or FROM <{report.graph}>) for kg query's answers")
        else:
            if not stop_folder(args.dir, _connection(args)):
                print(f"no Virtuoso of ours running in {args.dir}", file=sys.stderr)
                return 1
    except VirtuosoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
