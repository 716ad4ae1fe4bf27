"""The `kg` command: click commands only; the work is done in kg.pipeline and kg.query."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .engines import ENGINES

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
EXIT_INVALID = 1            # kg validate: the graph breaks a SHACL shape
DEFAULT_SEEDS = "seeds"
DEFAULT_OUT = "out"


class InputMistake(click.ClickException):
    """A mistake found while running (no such input, no build, invalid SPARQL): one line, exit 2.

    click.UsageError prints the usage banner too, which only helps when the
    arguments themselves are malformed.
    """
    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"kg: error: {self.format_message()}", err=True)


class _Group(click.Group):
    """Turns any unexpected error into one line and exit 2, unless --debug is given."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("kg: interrupted; the previous output is left as it was", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"kg: error: {exc.__class__.__name__}: {exc} (run with --debug for details)", err=True)
            sys.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show Python tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build a knowledge graph from Chinese news articles, and query it."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default=DEFAULT_OUT, show_default=True,
              type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("--base", default=None, help="Base IRI of the data (default https://example.org/kg/resource/).")
@click.option("--newspaper", default=None, help="Newspaper of the inputs, e.g. 内蒙古日报 (default: inferred).")
@click.option("--year", type=int, default=None, help="Year of the inputs (default: inferred per document).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes extracting documents at once (default: all cores).")
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="Where documents are extracted: local (this machine, -j processes; the default) "
                   "or dask (a dask cluster: --scheduler, or one of -j workers started here; "
                   'pip install "kg[dask]").')
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="The dask scheduler to extract on, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                   "the cluster's workers replace -j; the scheduler and every worker need this kg installed).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("--force", is_flag=True, help="Write into OUT even if it holds files kg did not write (they are kept).")
@click.option("--update", "update_dir", default=None, metavar="OUT",
              type=click.Path(path_type=Path, file_okay=False),
              help="Add PATHS to the build in OUT (a document of the same name is replaced); "
                   "entities keep their IRIs.")
def build(paths: tuple[Path, ...], out_dir: Path, base: str | None, newspaper: str | None,
          year: int | None, jobs: int | None, engine: str | None, scheduler: str | None, quiet: bool,
          force: bool, update_dir: Path | None) -> None:
    """Build the graph from PATHS (files or folders; default: seeds/) into OUT."""
    from .engines import EngineError
    from .export import OUT_README
    from .export.outdir import foreign_files
    from .ingest.read import InputError
    from .pipeline import BuildOptions, build as run_build, default_jobs
    from .store import StoreError, stored_base
    from .rdf.terms import DEFAULT_BASE
    from .rdf.iris import BaseIRIError, check_base
    from .summary import format_summary, progress_bar

    if update_dir is not None:
        given = click.get_current_context().get_parameter_source("out_dir")
        if given is click.core.ParameterSource.COMMANDLINE and out_dir != update_dir:
            raise click.UsageError("--update names the output folder: leave out -o")
        if not paths:
            raise click.UsageError("--update OUT needs the files or folders to add")
        out_dir = update_dir
        base = base or stored_base(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"{out_dir} is a file, not a folder")
    foreign = foreign_files(out_dir, OUT_README)
    if foreign and not force:
        listed = ", ".join(str(p.relative_to(out_dir)) for p in foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise click.UsageError(f"{out_dir} holds files kg did not write ({listed}); "
                               "choose another -o, or add --force to build there and keep them")
    if scheduler is not None and engine == "local":
        raise click.UsageError("--scheduler is for --engine dask")
    paths = paths or (Path(DEFAULT_SEEDS),)
    from .model import Context      # here, not at the top: `kg query` does not need the model

    hint = Context(newspaper=newspaper, year=year) if (newspaper or year) else None
    try:
        options = BuildOptions(base=check_base(base or DEFAULT_BASE), hint=hint,
                               jobs=jobs or default_jobs(), update=update_dir is not None,
                               engine=engine or ("dask" if scheduler else "local"), scheduler=scheduler,
                               keep_going=not (click.get_current_context().obj or {}).get("debug"))
    except BaseIRIError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from None
    try:
        result = run_build(paths, out_dir, options, progress=None if quiet else progress_bar)
    except (InputError, StoreError, EngineError) as exc:
        raise InputMistake(str(exc)) from None
    for skipped in result.skipped:
        click.echo(f"kg: skipped {skipped.path}: {skipped.reason}", err=True)
    if not quiet:
        click.echo(format_summary(result, out_dir))
    if not result.graph.documents:
        raise click.UsageError("no article could be read from the given paths")
    sys.exit(EXIT_SKIPPED if result.skipped else EXIT_OK)


@main.command()
@click.argument("args", nargs=-1)
@click.option("--file", "query_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the SPARQL query from this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def query(args: tuple[str, ...], query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over a build: kg query [OUT] QUERY, or kg query [OUT] --file q.rq"""
    from .query import QueryError, format_csv, format_json, format_table, run_query

    args_list = list(args)
    if query_file is not None:
        if len(args_list) > 1:
            raise click.UsageError("give OUT and --file, or OUT and QUERY, not both")
        try:
            text = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputMistake(f"cannot read {query_file}: {exc}") from None
        out = Path(args_list[0]) if args_list else Path(DEFAULT_OUT)
    else:
        if not args_list or len(args_list) > 2:
            raise click.UsageError("usage: kg query [OUT] QUERY  (or --file q.rq)")
        out = Path(args_list[0]) if len(args_list) == 2 else Path(DEFAULT_OUT)
        text = args_list[-1]
    try:
        result = run_query(out, text)
    except QueryError as exc:
        raise InputMistake(str(exc)) from None
    formatter = {"table": format_table, "csv": format_csv, "json": format_json}[fmt]
    click.echo(formatter(result))


@main.command(name="eval")
@click.argument("out_dir", required=False, default=DEFAULT_OUT, type=click.Path(path_type=Path, file_okay=False))
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder of gold annotations (*.json, see tests/gold/FORMAT.md).")
@click.option("--show", default=0, show_default=True, help="Print up to N missed/spurious items per row.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
def evaluate(out_dir: Path, gold_dir: Path, show: int, as_json: bool) -> None:
    """Score a build (OUT, default out/) against gold annotations, as the project's scorer does."""
    from .evaluate import Export, Gold, load_graph, print_table, score

    if not out_dir.is_dir():
        raise click.UsageError(f"no build at {out_dir}: run kg build first")
    report = score(Gold(gold_dir, None), Export(load_graph(out_dir)))
    if as_json:
        import json
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print_table(report)
    for typ, row in report["entities"].items() if show else ():
        click.echo(f"\n{typ} missed: {' '.join(row['missed'][:show])}")
        click.echo(f"{typ} spurious: {' '.join(row['spurious'][:show])}")


@main.command()
@click.argument("out_dir", required=False, default=DEFAULT_OUT, type=click.Path(path_type=Path))
def validate(out_dir: Path) -> None:
    """Check OUT/graph.ttl against the SHACL shapes (exit 0: conforms, 1: violations listed).

    Needs pyshacl: pip install "kg[validate]".
    """
    from .validate import ValidateError, validate_output

    try:
        report = validate_output(out_dir)
    except ValidateError as exc:
        click.echo(f"kg: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(report.describe())
    sys.exit(EXIT_OK if report.conforms else EXIT_INVALID)


if __name__ == "__main__":  # pragma: no cover
    main()
