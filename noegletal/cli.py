"""The `noegletal` command line: a thin wrapper over the library.

One click command per verb, each a few lines of wiring; how they change the warehouse is in
`noegletal.cli_warehouse`. The command table is read here whole (tests/test_commands_documented.py
walks it)."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import click

from noegletal.cli_help import DanishGroup
from noegletal.cli_warehouse import (
    build_change, changing, load_into, load_or_exit, refuse_overwriting_warehouse, use_db,
)
from noegletal.config import DEMO_DATA_DIR, PROJECT_ROOT, RAW_DATA_DIR
from noegletal.contact import configured_contact
from noegletal.dashboard_server import check_sign_in, start_dashboard
from noegletal.safe_text import terminal_text

db_option = click.option(
    "--db",
    default=None,
    metavar="FIL|URL",
    help="Lageret: en DuckDB-fil eller postgresql://bruger@vært:port/database "
    "(standard: $NOEGLETAL_DB eller data/warehouse.duckdb).",
)
port_option = click.option("--port", default=8501, show_default=True, help="Port for dashboardet.")
allow_future_date_option = click.option(
    "--allow-future-date", is_flag=True,
    help="Godtag udgivelsesdatoer efter næste år (standard: afvist som en sandsynlig tastefejl).",
)


@click.group(cls=DanishGroup, help="Nøgletal for de nationale mål for sundhedsvæsenet: indlæs, byg og vis.")
def main() -> None:
    pass


@main.command(help="Indlæs filer i kanonisk format (CSV eller XLSX) eller alle filer i en mappe.")
@click.argument("files", nargs=-1, required=True, metavar="FILER...", type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--source", default=None, help="Kildens navn (layout), hvis filnavnet ikke afgør det.")
@click.option(
    "--skip-refused", is_flag=True,
    help="Indlæs de gode filer, selv om andre afvises (standard: alt eller intet).",
)
@allow_future_date_option
def load(files: tuple[Path, ...], db: str | None, source: str | None, skip_refused: bool,
         allow_future_date: bool) -> None:
    wh = use_db(db)
    load_or_exit(wh, list(files), verbose=True, source=source, skip_refused=skip_refused,
                  allow_future_date=allow_future_date)
    # a load changes the raw layer only; the marts the dashboard and the exports read are rebuilt by build
    click.echo("Dashboardet og bilagene viser intet nyt, før lageret er bygget: kør `noegletal build`.")


@main.command(help="Kør dbt build: staging, intermediate, marts og deres datatests.")
@db_option
@click.option(
    "--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Genskab lageret, som det så ud på datoen (ÅÅÅÅ-MM-DD); skrives til --out.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Fil til et --as-of-lager (standard: warehouse_as_of_<dato>.duckdb ved siden af lageret; "
    "på PostgreSQL skemaerne as_of_<dato>_main, as_of_<dato>_fortrolig, ...).",
)
def build(db: str | None, as_of, out: Path | None) -> None:
    wh = use_db(db)
    as_of_date = as_of.date() if as_of else None
    target = None
    if as_of_date is not None:
        if wh.engine == "postgres":
            if out:
                raise click.BadParameter("--out gælder kun et DuckDB-lager", param_hint="--out")
            target = f"skemaerne as_of_{as_of_date:%Y_%m_%d}_* i {wh}"
        else:
            target = out or wh.path.with_name(f"{wh.path.stem}_as_of_{as_of_date.isoformat()}{wh.path.suffix}")
            refuse_overwriting_warehouse(wh, target)
        today = datetime.now(timezone.utc).date()  # dbt's run_started_at, which the models use, is UTC
        if as_of_date > today:
            # the models never publish a value before its publication date (macro as_of_date)
            click.echo(
                f"Bemærk: {as_of_date:%d-%m-%Y} ligger efter i dag. Tal offentliggjort efter i dag "
                f"forbliver under embargo: de offentlige marts bygges som de står i dag ({today:%d-%m-%Y}).",
                err=True,
            )
    with changing(wh, as_of=as_of_date, out=target if wh.engine == "duckdb" else None) as change:
        build_change(change)
    click.echo(f"Lageret er bygget: {target or wh}" + (f" (som det så ud {as_of_date:%d-%m-%Y})" if as_of_date else ""))


@main.command(help="Indlæs nye filer (standard: alt under data/raw/) og byg lageret.")
@click.argument("paths", nargs=-1, metavar="[STIER]...", type=click.Path(exists=True, path_type=Path))
@db_option
@allow_future_date_option
def refresh(paths: tuple[Path, ...], db: str | None, allow_future_date: bool) -> None:
    wh = use_db(db)
    with changing(wh) as change:
        load_into(change, list(paths) or [RAW_DATA_DIR], allow_future_date=allow_future_date)
        build_change(change)
    click.echo(f"Lageret er bygget: {wh}")


@main.command(help="Dan syntetiske demodata, indlæs og byg dem, og start dashboardet.")
@db_option
@click.option("--seed", default=2023, show_default=True, help="Startværdi for tilfældighedsgeneratoren.")
@click.option("--until", default=None, help="Seneste kvartal, fx 2023K1 (standard: seneste afsluttede).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEMO_DATA_DIR, show_default=True)
@click.option("--no-serve", is_flag=True, help="Stop efter indlæsning og build.")
@port_option
def demo(db: str | None, seed: int, until: str | None, out: Path, no_serve: bool, port: int) -> None:
    from noegletal.demo import generate
    from noegletal.periods import PeriodError, parse_period

    wh = use_db(db)
    refuse_overwriting_warehouse(wh, out)
    try:
        until_period = parse_period(until) if until else None
    except PeriodError as e:
        raise click.BadParameter(str(e), param_hint="--until") from None
    files = generate(out, seed=seed, until=until_period, units=True)
    click.echo(f"Syntetiske demodata skrevet: {len(files)} filer i {out}")
    with changing(wh) as change:
        load_into(change, files)
        build_change(change)
    click.echo(f"Lageret er bygget: {wh}")
    if not no_serve:
        start_dashboard(port)


@main.command(help="Registrér, at nøgletallene blev præsenteret for bestyrelsen på en dato.")
@db_option
@click.option(
    "--date", "presented_on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Præsentationens dato, ÅÅÅÅ-MM-DD (standard: i dag).",
)
@click.option("--note", default="", help='Fx "Bestyrelsesmøde".')
def present(db: str | None, presented_on, note: str) -> None:
    from noegletal.presentations import record

    wh = use_db(db)
    day = presented_on.date() if presented_on else date.today()
    with changing(wh) as change:
        with change.raw() as raw:
            late = raw.files_loaded_after(day)
            record(raw, day, note)
        build_change(change)
    click.echo(f"Præsentation registreret: {day:%d-%m-%Y} {note}".rstrip())
    click.echo("Tallene, som dashboardet viste, er gemt som det, bestyrelsen så.")
    if late:
        click.echo(
            f"Advarsel: {len(late)} fil(er) er indlæst efter mødet {day:%d-%m-%Y} ({', '.join(late[:3])}"
            + (", …" if len(late) > 3 else "") + "). De gemte tal kan derfor rumme tal, bestyrelsen ikke så; "
            "registrér mødet, før næste kvartals filer indlæses.",
            err=True,
        )


# --- fetch: publishers' APIs (issue 3: Danmarks Statistik's Statistikbank) ----------------------
@main.group(help="Hent tal direkte fra udgivernes API'er, gem svaret under data/raw/ og indlæs det.")
def fetch() -> None:
    pass


@fetch.command(
    "statbank",
    help="Hent middellevetid pr. region fra Danmarks Statistiks Statistikbank (API), "
    "gem svaret uændret under data/raw/statbank/ og indlæs det.",
)
@click.option(
    "--base-url", envvar="NOEGLETAL_STATBANK_URL", default="https://api.statbank.dk/v1", show_default=True,
    help="Statistikbankens API-adresse (også $NOEGLETAL_STATBANK_URL).",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=RAW_DATA_DIR / "statbank",
    help="Mappe til det gemte svar (standard: data/raw/statbank/).",
)
@click.option("--no-load", is_flag=True, help="Gem kun svaret; indlæs det ikke.")
@db_option
def fetch_statbank(base_url: str, out: Path, no_load: bool, db: str | None) -> None:
    from loaders.statbank import SourceUnavailable, StatbankClient, StatbankError, fetch_middellevetid

    wh = use_db(db)
    refuse_overwriting_warehouse(wh, out)
    try:
        path = fetch_middellevetid(StatbankClient(base_url), out)
    except (SourceUnavailable, StatbankError) as e:
        click.echo(f"{e}\nIntet er gemt eller indlæst.", err=True)
        sys.exit(1)
    click.echo(f"Svar fra Statistikbanken gemt: {path} ({path.stat().st_size} bytes)")
    if not no_load:
        load_or_exit(wh, [path], verbose=True)
# --- end fetch -----------------------------------------------------------------------------------


@main.command(
    help="Dan nøgletalsbilaget i én kommando: PDF (A4 liggende, tilgængelig PDF/UA), én HTML-fil "
    "(bilaget med figurerne indlejret: åbner uden server), PowerPoint (16:9), "
    "PNG/SVG pr. figur (zip), Excel med tallene bag figurerne, den udkastede tekst "
    "»Hvad viser de nye tal?« (Markdown) eller sagsfremstillingen (Word)."
)
@db_option
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "pptx", "png", "xlsx", "md", "docx"]), default="pdf",
              show_default=True, help="png giver en zip med en PNG og en SVG pr. figur; docx giver "
              "sagsfremstillingen til bestyrelsen som redigerbart Word-dokument.")
@click.option("--period", default=None, help="Bilagets periode, fx 2023K1 (standard: seneste kvartal med data).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Filen der skrives (standard: noegletal_<periode>.<endelse>, med --date "
              "noegletal_bestyrelsesmoede_<dato>.<endelse>, i den aktuelle mappe).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="»Opdateret« = offentliggjort efter denne dato, ÅÅÅÅ-MM-DD (standard: seneste registrerede præsentation).")
@click.option("--goal-area", "goal_areas", type=int, multiple=True, help="Kun dette målområde (1-8); kan gentages.")
@click.option("--indicator", "indicators", multiple=True, help="Kun denne indikator (id); kan gentages.")
@click.option("--region", default=None, help="Fremhæv denne region i udviklingsfigurerne, fx nordjylland.")
@click.option("--fortrolig", is_flag=True, help="Medtag tal under embargo; hver side mærkes FORTROLIGT.")
@click.option("--date", "update_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Mødedatoen, ÅÅÅÅ-MM-DD: forsiden siger »Bestyrelsesmøde <dato>«, og filen får mødets navn "
              "(standard: »Opdatering <måned> <år>« for i dag).")
def export(db, fmt, period, out, since, goal_areas, indicators, region, fortrolig, update_date) -> None:
    from noegletal import catalog
    from noegletal.exports import ExportError, ExportOptions, build_pack
    from noegletal.exports.pack import default_filename

    wh = use_db(db)
    target = out or Path(default_filename(
        fmt, period or "seneste", fortrolig, meeting=update_date.date() if update_date else None
    ))
    refuse_overwriting_warehouse(wh, target)
    if region and region not in catalog.regions():
        raise click.BadParameter(f"ukendt region '{region}' (fx {', '.join(catalog.regions())})", param_hint="--region")
    options = ExportOptions(
        period=period, since=since.date() if since else None, goal_areas=goal_areas, indicators=indicators,
        highlight_region=region, fortrolig=fortrolig, update_date=update_date.date() if update_date else None,
    )
    bar = {}

    def progress(done: int, total: int) -> None:
        if "bar" not in bar:  # the bar shows on a terminal only
            bar["bar"] = click.progressbar(
                length=total, label="Danner figurer og sider", file=sys.stderr, hidden=not sys.stderr.isatty()
            )
            bar["bar"].__enter__()
        bar["bar"].update(done - bar["bar"].pos)

    try:
        data = build_pack(wh, fmt, options, progress=progress)
    except ExportError as e:
        click.echo(f"Fejl: {e}", err=True)
        sys.exit(1)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    try:
        target.write_bytes(data)
    except OSError as e:
        click.echo(f"Fejl: {terminal_text(target)} kan ikke skrives ({e.strerror or e}).", err=True)
        sys.exit(1)
    click.echo(f"Skrevet: {target} ({len(data) / 1024:,.0f} kB)".replace(",", "."))


@main.command(
    help="Skriv den offentlige udgave af lageret: en DuckDB-fil med kun de offentlige marts og "
    "dimensioner (ingen rådata, staging eller tal under embargo), til analytikeres egen SQL og "
    "til det offentlige dashboard (noegletal serve --db FIL)."
)
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Filen der skrives.")
def publish(db: str | None, out: Path) -> None:
    from noegletal.publish import PublishError
    from noegletal.publish import publish as publish_public

    wh = use_db(db)
    try:
        published = publish_public(wh, out)
    except PublishError as e:
        click.echo(f"Fejl: {e}", err=True)
        sys.exit(1)
    click.echo(
        f"Offentlig udgave skrevet: {published.path} ({len(published.tables)} tabeller, "
        f"{published.rows} rækker; ingen tal under embargo)"
    )


@main.command(
    help="Skriv dbt's dokumentation af lageret (modeller, kolonner og deres typer, tests, afstamning) "
    "som et statisk websted; åbn index.html i en browser."
)
@db_option
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=PROJECT_ROOT / "site" / "dbt-docs",
    help="Mappen der skrives (standard: site/dbt-docs/ i projektet).",
)
def docs(db: str | None, out: Path) -> None:
    from noegletal.dbt_runner import BuildFailed, generate_docs

    wh = use_db(db)
    if not wh.exists():
        click.echo(f"Lageret {wh} findes ikke: kør først noegletal demo eller noegletal refresh.", err=True)
        sys.exit(1)
    try:
        click.echo(f"Dokumentationen er skrevet: {generate_docs(wh, out)}")
    except BuildFailed as e:
        click.echo(str(e), err=True)
        sys.exit(1)


@main.command(help="Start dashboardet (Streamlit).")
@db_option
@port_option
@click.option(
    "--fortrolig", is_flag=True,
    help="Forberedelsestilstand: vis også tal under embargo, mærket FORTROLIGT. Kræver login "
    "([auth] og [fortrolig] i secrets.toml).",
)
@click.option(
    "--secrets", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="secrets.toml med login-opsætningen (standard: .streamlit/secrets.toml i projektet).",
)
def serve(db: str | None, port: int, fortrolig: bool, secrets: Path | None) -> None:
    use_db(db)
    for warning in configured_contact().warnings:
        click.echo(f"Advarsel: {warning}", err=True)
    if fortrolig:
        check_sign_in(secrets or PROJECT_ROOT / ".streamlit" / "secrets.toml")
        os.environ["NOEGLETAL_AUDIENCE"] = "fortrolig"
    start_dashboard(port, secrets)


if __name__ == "__main__":
    main()
