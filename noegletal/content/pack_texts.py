"""The texts of a chart pack, shared by the PDF, PowerPoint and Excel writers: cover lines, marks,
the indicator list, the format explanation, the level table and the notes of an indicator page."""

from __future__ import annotations

from datetime import date

from noegletal.content.pack_data import IndicatorData, PackData
from noegletal.figures.palette import REGION_ORDER, region_style
from noegletal.formatting import format_date, format_datetime, period_long_label

TITLE = "Nøgletal for de nationale mål for sundhedsvæsenet"
SYNTHETIC_MARK = "SYNTETISKE DATA"
_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def update_label(pack: PackData) -> str:
    day = pack.options.update_date or date.today()
    return f"Opdatering {_MONTHS[day.month - 1]} {day.year}"


def cover_label(pack: PackData) -> str:
    """The cover's line under the title: 'Bestyrelsesmøde 9. december 2026' when the pack is made
    for a meeting (ExportOptions.update_date, the meeting's date), else 'Opdatering december 2026'."""
    day = pack.options.update_date
    return f"Bestyrelsesmøde {format_date(day)}" if day else update_label(pack)


def marks(pack: PackData) -> list[str]:
    """The marks every page and slide carries."""
    out = []
    if pack.options.fortrolig:
        # the earliest publication date of an embargoed value in the pack; none embargoed: plain FORTROLIGT
        out.append(f"FORTROLIGT – offentliggøres {format_date(pack.embargo_date)}" if pack.embargo_date else "FORTROLIGT")
    if pack.synthetic:
        out.append(SYNTHETIC_MARK)
    return out


def cover_lines(pack: PackData) -> list[str]:
    v = pack.vintage
    lines = [
        f"Periode: {period_long_label(pack.period)}",
        f"Datagrundlag: tal offentliggjort til og med {format_date(v.get('latest_published_at'))}, "
        f"indlæst senest {format_datetime(v.get('latest_loaded_at'))} ({v.get('n_files') or 0} filer).",
    ]
    if pack.since is not None:
        lines.append(
            f"Fed skrift og »opdateret«: offentliggjort efter {format_date(pack.since)} ({pack.since_note})."
        )
    else:
        lines.append(f"»Opdateret«: {pack.since_note}.")
    if pack.options.goal_areas or pack.options.indicators:
        lines.append(f"Udvalg: {len(pack.indicators)} af {len(pack.all_indicators)} indikatorer.")
    if pack.options.highlight_region:
        from noegletal.content.pack_data import _region_names

        lines.append(f"Fremhævet region: {_region_names().get(pack.options.highlight_region, ('?',))[0]}.")
    if pack.synthetic:
        lines.append("Tallene er syntetiske demodata: de er opdigtede og må ikke bruges som rigtige tal.")
    if pack.options.fortrolig:
        lines.append(
            "Indeholder tal under embargo. Må ikke videregives før offentliggørelsen"
            + (f" {format_date(pack.embargo_date)}." if pack.embargo_date else ".")
        )
    return lines


LIST_INTRO = (
    "I nedenstående er oplistet alle de indikatorer, som indgår i aftalen om de nationale mål. Nøgletallene "
    "markeret med fed er de nøgletal, som er blevet opdateret siden sidste gang, bestyrelsen blev præsenteret "
    "for en nøgletalsvisning."
)


NO_NEW_FIGURES = "ingen nye tal"


def indicators_with_pages(pack: PackData) -> list[IndicatorData]:
    """The selected indicators that get a page (slide): those with figures by the pack's period.
    The others are listed once, in the indicator list, as "ingen nye tal"."""
    return [d for d in pack.indicators if d.period is not None]


def indicator_list(pack: PackData) -> list[tuple[int, str, list[tuple[str, bool]]]]:
    """[(goal area, title, [(line, bold)])] for every indicator of the catalog."""
    out = []
    for area, title in sorted(pack.goal_areas.items()):
        lines = []
        for d in pack.all_indicators:
            if d.meta["goal_area"] != area:
                continue
            if d.period is None:
                lines.append((f"{d.meta['name_da']} ({NO_NEW_FIGURES})", False))
            elif d.is_updated:
                lines.append((f"{d.meta['name_da']} (opdateret til og med {period_long_label(d.period)})", True))
            else:
                lines.append((d.meta["name_da"], False))
        out.append((area, title, lines))
    return out


FORMAT_INTRO = (
    "For hver indikator vises udviklingen over tid for de fem regioner og hele landet i én graf, afstanden "
    "til bedste resultat i seneste måling og for et år siden, det aktuelle niveau i alle regioner i tal og, "
    "hvor tallene er tilgængelige, volumen. Standarder (måltal) vises, hvor regionerne sammen har sat et måltal."
)
FORMAT_POINTS = (
    ("Farver", "Hver region har sin egen farve, streg og markør – de samme i alle figurer. Hele landet er vist med sort."),
    ("Fremhævede punkter", "De store punkter er seneste periode og sammenligningstidspunktet for et år siden."),
    ("Pilen", "Pilen i højre side angiver den ønskede udviklingsretning."),
    ("Åbne punkter", "Foreløbige tal (før efterregistreringer) vises med åbne markører."),
    ("Databrud og suspension", "En prikket lodret linje markerer et databrud; linjerne forbindes ikke hen over det. "
     "Grå felter viser perioder, hvor rettigheden var suspenderet."),
    ("Afstand til bedste", "Prikken viser regionens afstand til den bedste region i seneste periode. Stregen viser, "
     "hvor meget regionen henter ind eller lægger afstand til bedste sammenlignet med for et år siden."),
    ("Sådan læses den", "Streg før prik = regionen henter ind på bedste. Prik før streg = regionen lægger afstand."),
)


def region_legend() -> list[tuple[str, str]]:
    from noegletal.content.pack_data import _region_names

    names = _region_names()
    return [(names[r][0], region_style(r).color) for r in REGION_ORDER]


def level_table(data: IndicatorData) -> list[list[str]]:
    """The current levels: header row of regions, then level, a year before, change, volume
    (the indicator page's content model, as the dashboard shows it)."""
    return data.content().level_table()


def notes(data: IndicatorData) -> list[str]:
    """The lead line and the variation sentence, then the indicator page's notes (provisional,
    revisions, suspension, target, note, source): the lines the dashboard shows, in its order."""
    page = data.content()
    # the level table marks provisional values with "*"
    return [page.lead, page.variation, *(f"* {n}" if n == page.provisional_note else n for n in page.notes)]
