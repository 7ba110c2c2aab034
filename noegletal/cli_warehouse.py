"""How a command of the command line changes the warehouse: opening it from --db, refusing to
write over it, one change that readers see only whole, loading files with a progress bar and a
summary. Messages are Danish and end the command with exit status 1; `noegletal.cli` wires them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from noegletal.safe_text import terminal_text


def use_db(db: str | None):
    """Make --db the warehouse for this process and for anything it starts (dbt, Streamlit)."""
    from noegletal.access import WarehouseUnavailable, is_url, open_warehouse

    if db:
        os.environ["NOEGLETAL_DB"] = db if is_url(db) else str(Path(db).resolve())
    try:
        return open_warehouse()
    except WarehouseUnavailable as e:
        raise click.BadParameter(terminal_text(e), param_hint="--db") from None


def refuse_overwriting_warehouse(wh, out: Path | None, option: str = "--out") -> None:
    """Exit 1 if `out` would write over the warehouse, its lock or its working copy."""
    from noegletal.swap import OverwritesWarehouse, refuse_overwriting

    if out is None or wh.engine != "duckdb":
        return
    try:
        refuse_overwriting(out, wh.path, option)
    except OverwritesWarehouse as e:
        click.echo(f"Fejl: {e}", err=True)
        sys.exit(1)


@contextmanager
def changing(wh, build: bool = True, as_of: date | None = None, out: Path | None = None) -> Iterator:
    """A change of the warehouse that readers see only if all of it succeeds; refused input and
    failed builds end the command with a clear message and exit status 1."""
    import psycopg

    from loaders.errors import LoadRefused
    from noegletal.dbt_runner import BuildFailed
    from noegletal.swap import NoRoom, NotWritable

    try:
        with wh.change(build=build, as_of=as_of, out=str(out) if out else None) as change:
            yield change
    except LoadRefused as refused:
        click.echo("Afvist - intet er indlæst, lageret er uændret:", err=True)
        click.echo(str(refused), err=True)
        sys.exit(1)
    except BuildFailed as e:
        click.echo(f"{e}\nLageret i brug er uændret.", err=True)
        sys.exit(1)
    except psycopg.OperationalError as e:
        click.echo(f"PostgreSQL-lageret {wh} kan ikke nås: {e}\nLageret i brug er uændret.", err=True)
        sys.exit(1)
    except (NoRoom, NotWritable) as e:
        click.echo(str(e), err=True)
        sys.exit(1)


def build_change(change) -> None:
    from noegletal import dbt_runner  # here: the command line starts without dbt

    dbt_runner.build_change(change)


def load_into(
    change, paths: list[Path], source: str | None = None, verbose: bool = False, skip_refused: bool = False,
    allow_future_date: bool = False,
):
    from loaders.dates import future_dates_allowed
    from loaders.store import expand_paths, load_files

    # The bar shows on a terminal only; logs and CI get the summary lines.
    with change.raw() as raw, click.progressbar(
        length=len(expand_paths(paths)), label="Indlæser", file=sys.stderr, hidden=not sys.stderr.isatty()
    ) as bar, future_dates_allowed(allow_future_date):
        # the paths as given: a symlink may not lead out of the folder named on the command line
        report = load_files(paths, raw, source=source, skip_refused=skip_refused, on_file=lambda _: bar.update(1))
    for f in report.files if verbose else report.refused:
        name = terminal_text(f.path)  # a file name may carry escape sequences
        if f.status == "new":
            click.echo(f"{name}: ny, {f.row_count} rækker ({f.source})  sha256={f.sha256[:12]}")
        elif f.status == "unchanged":
            click.echo(f"{name}: uændret (allerede indlæst)  sha256={f.sha256[:12]}")
        else:
            click.echo(f"{name}: afvist, intet indlæst fra filen:", err=True)
            for error in f.errors[:25]:
                click.echo(f"  {error}", err=True)
    click.echo(
        f"Indlæst: {len(report.new)} nye filer, {len(report.unchanged)} uændrede"
        + (f", {len(report.refused)} afvist." if report.refused else ".")
    )
    return report


def load_or_exit(
    wh, paths: list[Path], verbose: bool = False, source: str | None = None, skip_refused: bool = False,
    allow_future_date: bool = False,
):
    """Load files into the warehouse in service (no build); exit 1 if any file was refused."""
    with changing(wh, build=False) as change:
        report = load_into(change, paths, source, verbose, skip_refused, allow_future_date)
    if report.refused:
        sys.exit(1)
    return report
