"""The `noegletal` command line: a thin wrapper over the library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from noegletal.config import DEMO_DATA_DIR, PROJECT_ROOT, RAW_DATA_DIR, warehouse_path

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="DuckDB-lageret (standard: $NOEGLETAL_DB eller data/warehouse.duckdb).",
)
port_option = click.option("--port", default=8501, show_default=True, help="Port for dashboardet.")


def _use_db(db: Path | None) -> Path:
    """Make --db the warehouse for this process and for anything it starts (dbt, Streamlit)."""
    if db is not None:
        os.environ["NOEGLETAL_DB"] = str(db.resolve())
    return warehouse_path()


def _load_or_exit(paths: list[Path], verbose: bool = False):
    from loaders.errors import LoadRefused
    from loaders.store import load_files

    try:
        report = load_files(paths)
    except LoadRefused as refused:
        click.echo("Afvist - intet er indlæst, lageret er uændret:", err=True)
        click.echo(str(refused), err=True)
        sys.exit(1)
    if verbose:
        for f in report.files:
            status = f"ny, {f.row_count} rækker" if f.status == "new" else "uændret (allerede indlæst)"
            click.echo(f"{f.path}: {status}  sha256={f.sha256[:12]}")
    click.echo(f"Indlæst: {len(report.new)} nye filer, {len(report.unchanged)} uændrede.")
    return report


def _build_or_exit(db_path: Path, quiet: bool = True) -> None:
    from noegletal.dbt_runner import BuildFailed, build

    try:
        build(db_path, quiet=quiet)
    except BuildFailed as e:
        click.echo(str(e), err=True)
        sys.exit(1)
    click.echo(f"Lageret er bygget: {db_path}")


@click.group(help="Nøgletal for de nationale mål for sundhedsvæsenet: indlæs, byg og vis.")
def main() -> None:
    pass


@main.command(help="Indlæs filer i kanonisk format (CSV eller XLSX) eller alle filer i en mappe.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
def load(files: tuple[Path, ...], db: Path | None) -> None:
    _use_db(db)
    _load_or_exit(list(files), verbose=True)


@main.command(help="Kør dbt build: staging, intermediate, marts og deres datatests.")
@db_option
@click.option("--quiet", is_flag=True, help="Vis kun fejl fra dbt.")
def build(db: Path | None, quiet: bool) -> None:
    _build_or_exit(_use_db(db), quiet=quiet)


@main.command(help="Indlæs nye filer (standard: alt under data/raw/) og byg lageret.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@db_option
def refresh(paths: tuple[Path, ...], db: Path | None) -> None:
    db_path = _use_db(db)
    _load_or_exit(list(paths) or [RAW_DATA_DIR])
    _build_or_exit(db_path)


@main.command(help="Dan syntetiske demodata, indlæs og byg dem, og start dashboardet.")
@db_option
@click.option("--seed", default=2023, show_default=True, help="Startværdi for tilfældighedsgeneratoren.")
@click.option("--until", default=None, help="Seneste kvartal, fx 2023K1 (standard: seneste afsluttede).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEMO_DATA_DIR, show_default=True)
@click.option("--no-serve", is_flag=True, help="Stop efter indlæsning og build.")
@port_option
def demo(db: Path | None, seed: int, until: str | None, out: Path, no_serve: bool, port: int) -> None:
    from noegletal.demo import generate
    from noegletal.periods import PeriodError, parse_period

    db_path = _use_db(db)
    try:
        until_period = parse_period(until) if until else None
    except PeriodError as e:
        raise click.BadParameter(str(e), param_hint="--until") from None
    files = generate(out, seed=seed, until=until_period)
    click.echo(f"Syntetiske demodata skrevet: {len(files)} filer i {out}")
    _load_or_exit(files)
    _build_or_exit(db_path)
    if not no_serve:
        _serve(port)


@main.command(help="Start dashboardet (Streamlit).")
@db_option
@port_option
def serve(db: Path | None, port: int) -> None:
    _use_db(db)
    _serve(port)


def _serve(port: int) -> None:
    app = PROJECT_ROOT / "dashboards" / "app.py"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    click.echo(f"Dashboardet kører på http://localhost:{port}")
    raise SystemExit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
