"""The drafted summary "Hvad viser de nye tal?": plain Danish sentences made from the marts by rules.

For every updated indicator, in the appendix's order:

1. the national level in the latest period (and whether it is provisional);
2. how that compares with the period before and the same period a year before (never across a
   series break: then it says the figures cannot be compared);
3. the regional variation with the best and the worst regions (ties: "begge"/"alle"), and which
   region has no figures, if any;
4. where numerators and denominators are known: which regions are significantly better or worse
   than the national value (95 % interval, mart_region_comparison), and which of the worse are
   also getting significantly worse over the last five comparable periods.

Before the indicators, "Signifikant dårligere og forværret" lists every region so flagged on any
indicator of the pack, as the dashboard's overview does.

Numbers are the marts' and are shown with the decimals the marts give (value_decimals,
variation_decimals: int_display_decimals_chosen), so the text never says "3 pct.-point lower" next
to 74 and 76, and its variation is the page's. The style follows the board item of June 2023:
"Der er en regional variation på 27 pct.-point, hvor Region Nordjylland har en overholdelse på
90 pct., mens Region Sjælland og Region Syddanmark begge har en overholdelse på 63 pct."
"""

from __future__ import annotations

from dataclasses import dataclass

from noegletal.content.pack_data import IndicatorData, PackData
from noegletal.figures.palette import NATIONAL, REGION_ORDER
from noegletal.formatting import (
    format_date,
    format_difference,
    format_value,
    join_da,
    one_full_stop,
    shown_decimals,
)
from noegletal.content.meeting_text import change_words, revision_sentence, since_meeting_sentence
from noegletal.periods import parse_period

TITLE = "Hvad viser de nye tal?"
ATTENTION_TITLE = "Signifikant dårligere og forværret"
_COUNT_WORDS = {1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem"}

@dataclass(frozen=True)
class SummarySection:
    indicator_id: str
    goal_area: int
    title: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Summary:
    intro: str
    sections: tuple[SummarySection, ...]
    marks: tuple[str, ...] = ()  # "SYNTETISKE DATA", "FORTROLIGT – offentliggøres ..."
    attention: tuple[str, ...] = ()  # one line per region flagged "signifikant dårligere og forværret"

    def to_markdown(self) -> str:
        lines = [" · ".join(f"**{m}**" for m in self.marks), ""] if self.marks else []
        lines += [f"# {TITLE}", "", self.intro, ""]
        if self.attention:
            lines += [f"## {ATTENTION_TITLE}", "", *[f"- {line}" for line in self.attention], ""]
        for section in self.sections:
            lines += [f"## {section.title}", "", section.text, ""]
        return "\n".join(lines)


def _lower_first(text: str) -> str:
    # "Overholdelse af ..." -> "overholdelse af ..."; abbreviations ("FMK ...") are kept
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _both(n: int) -> str:
    return "" if n == 1 else ("begge " if n == 2 else "alle ")


def build_summary(pack: PackData) -> Summary:
    from noegletal.content.insights import insight_sentences

    updated = [d for d in pack.indicators if d.is_updated and d.period]
    since_meeting = pack.since_meeting or {}
    sections = tuple(
        _with_sentences(
            indicator_section(d, since_meeting.get(d.indicator_id)),
            insight_sentences(pack.insights, d.meta, d.period),
        )
        for d in updated
    )
    if pack.since is None:
        intro = (
            "Der er ingen tidligere præsentation for bestyrelsen registreret, så alle indikatorer med tal "
            f"er medtaget ({len(updated)} indikatorer)."
        )
    elif updated:
        intro = (
            f"Nøgletalsoversigten er opdateret med de tal, der er nye siden {format_date(pack.since)}. "
            f"Det drejer sig om {len(updated)} af {len(pack.indicators)} indikatorer."
        )
    else:
        intro = f"Der er ingen nye tal siden {format_date(pack.since)}."
    from noegletal.content.pack_texts import marks

    return Summary(intro=intro, sections=sections, marks=tuple(marks(pack)), attention=attention_lines(pack))


def _with_sentences(section: SummarySection, extra: list[str]) -> SummarySection:
    # the gap, the main driver of the change and the forecast (exports/insights.py) close the paragraph
    return SummarySection(section.indicator_id, section.goal_area, section.title, section.sentences + tuple(extra))


def attention_lines(pack: PackData) -> tuple[str, ...]:
    """'Region Hovedstaden: Akutte psykiatriske genindlæggelser inden for 30 dage, 26 pct. mod 24 pct.
    på landsplan i 2022.' for every region flagged on an indicator of the pack, in the appendix's order."""
    names = _full_region_names()
    out = []
    for data in pack.indicators:
        unit = data.meta["unit"]
        for row in sorted(data.comparisons, key=lambda r: REGION_ORDER.index(r["region_id"])):
            if row.get("is_significantly_worse_and_worsening"):
                decimals = shown_decimals(row, data.meta)
                out.append(
                    f"{names.get(row['region_id'], row['region_id'])}: {data.meta['name_da']}, "
                    f"{format_value(row['value'], unit, decimals)} mod {format_value(row['national_value'], unit, decimals)} "
                    f"på landsplan i {parse_period(data.period).long_label}."
                )
    return tuple(one_full_stop(line) for line in out)


def _full_region_names() -> dict[str, str]:
    from noegletal.content.pack_data import _region_names

    return {region: full for region, (full, _) in _region_names().items()}


def indicator_section(data: IndicatorData, since_meeting: dict | None = None) -> SummarySection:
    """`since_meeting`: the indicator's national row of mart_change_since_presentation (what the
    board saw at the meeting the pack counts "opdateret" from)."""
    meta = data.meta
    now_label = parse_period(data.period).long_label
    now = {r["region_id"]: r for r in data.level_rows()}
    national = now.get(NATIONAL)
    # the period's values share their decimals (mart_indicator_level.value_decimals)
    unit, decimals = meta["unit"], shown_decimals(national or {}, meta)
    if national is None or national.get("value") is None:
        sentences = [f"Der er ingen tal for hele landet for {_lower_first(meta['name_da'])} i {now_label}."]
    else:
        sentences = _national_sentences(data, national, now_label, unit, decimals, since_meeting)
    sentences += _provisional_regions_sentences(now, national)
    # 3. the regional variation; 4. what of it is more than chance
    sentences += _variation_sentences(data, now, now_label, unit)
    sentences += _significance_sentences(data)
    # a value ending in an abbreviation ("74 pct.") ends the sentence without a second full stop
    return SummarySection(
        indicator_id=data.indicator_id, goal_area=meta["goal_area"], title=meta["name_da"],
        sentences=tuple(one_full_stop(s) for s in sentences),
    )


def _national_sentences(
    data: IndicatorData, national: dict, now_label: str, unit: str, decimals: int, since_meeting: dict | None,
) -> list[str]:
    """1. the national level; 2. its changes; what the board saw at the meeting."""
    meta = data.meta
    sentences = [f"{meta['name_da']} var i {now_label} på {format_value(national['value'], unit, decimals)} på landsplan."]
    if national.get("is_provisional"):
        sentences.append("Tallet er foreløbigt, før efterregistreringer, og kan blive ændret.")
    sentences += _comparison_sentences(meta, national, unit, decimals)
    # what the board saw at the meeting: the change since, and a revision of that figure
    sentences += [s for s in (
        since_meeting_sentence(since_meeting if since_meeting and since_meeting.get("period") == data.period else None,
                               unit, decimals, *change_words(meta)),
        revision_sentence(since_meeting, unit, decimals),
    ) if s]
    return sentences


def _comparison_sentences(meta: dict, national: dict, unit: str, decimals: int) -> list[str]:
    """Compared with the period before and a year before (the same period for yearly figures):
    the changes and the series-break rule are mart_indicator_level's."""
    comparisons = [
        (national.get("previous_period"), national.get("value_previous_period"),
         national.get("change_since_previous_period"), national.get("is_previous_across_series_break")),
        (national.get("comparison_period"), national.get("value_year_ago"),
         national.get("change_since_year_ago"), national.get("change_assessment") == "ikke sammenlignelig"),
    ]
    clauses, breaks, seen = [], [], set()
    for before, value, change, across_break in comparisons:
        if before is None or before in seen:
            continue
        seen.add(before)
        label = parse_period(before).long_label
        if across_break:
            breaks.append(label)
        elif change is None:
            continue
        elif abs(change) < 1e-9:
            clauses.append(f"det samme som i {label}")
        else:
            # the catalogue's words: "længere"/"kortere" for a waiting time, "flere"/"færre" for a count
            higher, lower = change_words(meta)
            clauses.append(
                f"{format_difference(abs(float(change)), unit, decimals)} {higher if change > 0 else lower} "
                f"end i {label} ({format_value(value, unit, decimals)})"
            )
    sentences = [f"Det er {join_da(clauses)}."] if clauses else []
    if breaks:
        sentences.append(f"Tallet kan ikke sammenlignes med {join_da(breaks)} på grund af et databrud.")
    return sentences


def _provisional_regions_sentences(now: dict, national: dict | None) -> list[str]:
    """The regions whose figure is provisional, when the national one is not (it says so itself)."""
    provisional = [
        r["region_name_da"] for region, r in now.items()
        if region != NATIONAL and r.get("is_provisional") and r.get("value") is not None
    ]
    if provisional and not (national and national.get("is_provisional")):
        return [f"Tallene for {join_da(provisional)} er foreløbige, før efterregistreringer."]
    return []


def _significance_sentences(data: IndicatorData) -> list[str]:
    """Which regions differ significantly from the national value; nothing without intervals."""
    names = _full_region_names()
    tested = sorted(
        (r for r in data.comparisons if r.get("significance_vs_national")),
        key=lambda r: REGION_ORDER.index(r["region_id"]),
    )
    if not tested:
        return []

    def regions(rows) -> list[str]:
        return [names.get(r["region_id"], r["region_id"]) for r in rows]

    worse = regions(r for r in tested if r["significance_vs_national"] == "signifikant dårligere")
    better = regions(r for r in tested if r["significance_vs_national"] == "signifikant bedre")
    flagged = regions(r for r in tested if r.get("is_significantly_worse_and_worsening"))
    if not worse and not better:
        return [
            "Ingen region afviger signifikant fra landet, når der tages højde for tilfældig variation "
            "(95 %-sikkerhedsinterval)."
        ]
    lead = "Når der tages højde for tilfældig variation (95 %-sikkerhedsinterval), ligger "
    if worse and better:
        text = f"{join_da(worse)} signifikant dårligere end landet, mens {join_da(better)} ligger signifikant bedre."
    elif worse:
        text = f"{join_da(worse)} signifikant dårligere end landet."
    else:
        text = f"{join_da(better)} signifikant bedre end landet."
    out = [lead + text]
    if flagged:
        out.append(
            f"{join_da(flagged)} er desuden blevet signifikant dårligere over de seneste fem sammenlignelige perioder."
        )
    return out


def _variation_sentences(data: IndicatorData, now: dict, now_label: str, unit: str) -> list[str]:
    names = _full_region_names()
    regions = [r for r in REGION_ORDER if r != NATIONAL]
    missing = [names[r] for r in regions if now.get(r) is None or now[r].get("value") is None]
    row = data.variation
    if not row or row.get("variation") is None or (row.get("n_regions") or 0) < 2:
        return ["Der er ikke tal nok til at opgøre en regional variation."]
    noun = data.meta.get("value_noun_da") or "et niveau"
    best = [names.get(r, r) for r in (row["best_regions"] or "").split(",") if r]
    worst = [names.get(r, r) for r in (row["worst_regions"] or "").split(",") if r]
    # mart_regional_variation's variation, with the decimals at which the shown best minus the
    # shown worst is the shown variation (the same sentence as the page's)
    decimals = shown_decimals(row, data.meta, "variation_decimals")
    spread = row["variation"]
    out = []
    if abs(spread) < 1e-9:
        out.append(
            f"Der er ingen regional variation: alle regioner med tal har {noun} på "
            f"{format_value(row['best_value'], unit, decimals)}."
        )
    else:
        out.append(
            f"Der er en regional variation på {format_difference(float(spread), unit, decimals)}, "
            f"hvor {join_da(best)} {_both(len(best))}har {noun} på {format_value(row['best_value'], unit, decimals)}, "
            f"mens {join_da(worst)} {_both(len(worst))}har {noun} på {format_value(row['worst_value'], unit, decimals)}."
        )
    if missing:
        n_left = len(regions) - len(missing)
        out.append(
            f"Der er ingen tal for {join_da(missing)} i {now_label}, så variationen er opgjort for de "
            f"{_COUNT_WORDS.get(n_left, str(n_left))} øvrige regioner."
        )
    return out
