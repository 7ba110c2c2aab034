"""The chart pack as one HTML document: the source of the tagged PDF (WeasyPrint) and, saved with
its charts inline, the single-file appendix (`noegletal export --format html`).

The same headings, tables, figures and alternative texts serve both: a screen reader meets the
cover, the summary, the indicator list, the format explanation and one section per indicator,
each chart an <img> whose alt is the figure's description (noegletal.content.chart_text) and, in the
HTML file, a "Vis som tabel" of the chart's numbers beside it. Charts are SVG as data URIs (for the
PDF, placeholder images that noegletal/exports/pdf_charts.py replaces), so the file needs nothing but itself (no script, no font or style from outside). Every text is escaped:
names and notes come from files and the catalog and are never read as markup.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

from noegletal.content import pack_texts as content
from noegletal.content.board_item import ATTENTION_TITLE, Summary
from noegletal.content.board_item import TITLE as SUMMARY_TITLE
from noegletal.content.pack_data import IndicatorData, PackData
from noegletal.exports.figures import chart_texts
from noegletal.content.chart_text import ChartText, chart_table_html
from noegletal.figures.palette import REGION_ORDER, region_style
from noegletal.formatting import period_long_label

_DASHES = {"solid": "", "dash": "9 5", "dot": "2 4", "dashdot": "9 4 2 4", "longdash": "16 5"}
_LINE_WORDS = {
    "solid": "fuldt optrukket linje", "dash": "stiplet linje", "dot": "prikket linje",
    "dashdot": "streg-prik-linje", "longdash": "langstiplet linje",
}
_SYMBOL_WORDS = {
    "circle": "cirkel", "square": "firkant", "diamond": "rude", "triangle-up": "trekant op",
    "triangle-down": "trekant ned", "star": "stjerne",
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@dataclass(frozen=True)
class ChartImage:
    """A chart as the document shows it: an image (data URI) and the chart's size in CSS pixels."""

    src: str
    width: int
    height: int

    @classmethod
    def svg(cls, svg: bytes, size: tuple[int, int]) -> ChartImage:
        return cls(svg_data_uri(svg), *size)

    @classmethod
    def png(cls, png: bytes, size: tuple[int, int]) -> ChartImage:
        return cls("data:image/png;base64," + base64.b64encode(png).decode("ascii"), *size)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _style(pack: PackData) -> str:
    marks = "  ·  ".join(content.marks(pack))
    header = f"{content.TITLE} · {content.update_label(pack)}"
    top = f"@top-right {{ content: {_css_string(marks)}; color: #B00020; font-weight: bold; font-size: 10pt; }}" if marks else ""
    return f"""
:root {{ color: #1A1A1A; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; }}
body {{ margin: 0 auto; max-width: 72rem; padding: 0 1rem; line-height: 1.45; }}
h1, h2, h3 {{ color: #003D6B; line-height: 1.2; }}
.nt-marks {{ background: #fff; color: #B00020; font-weight: bold; border: 2px solid #B00020;
  padding: 0.3rem 0.6rem; margin: 0.5rem 0; }}
@media screen {{ .nt-marks {{ position: sticky; top: 0; z-index: 1; }} }}
section {{ border-top: 1px solid #ccc; padding-top: 0.5rem; }}
.nt-sub {{ color: #555; }}
.nt-figures {{ display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }}
figure {{ margin: 0; }}
figure img {{ max-width: 100%; height: auto; }}
figcaption {{ font-size: 0.9rem; color: #333; max-width: 50rem; }}
table {{ border-collapse: collapse; margin: 0.4rem 0; font-variant-numeric: tabular-nums; }}
caption {{ text-align: left; font-weight: bold; margin-bottom: 0.2rem; }}
th, td {{ padding: 0.15rem 0.5rem; text-align: right; border-bottom: 1px solid #ddd; }}
th[scope=row], thead th:first-child {{ text-align: left; }}
thead th {{ border-bottom: 1.5px solid #555; }}
.nt-notes {{ font-size: 0.9rem; }}
.nt-synthetic {{ color: #B00020; font-weight: bold; font-size: 1.6rem; }}
.nt-legend img {{ vertical-align: middle; margin-right: 0.5rem; }}
details summary {{ cursor: pointer; color: #003D6B; font-weight: bold; }}
:focus-visible {{ outline: 3px solid #003D6B; outline-offset: 2px; }}
@media print {{
  @page {{ size: A4 landscape; margin: 34pt 30pt 36pt 30pt;
    {top}
    @bottom-left {{ content: {_css_string(header)}; color: #555; font-size: 8pt; }}
    @bottom-right {{ content: "Side " counter(page); color: #555; font-size: 8pt; }} }}
  :root {{ font-size: 9.5pt; }}
  body {{ max-width: none; padding: 0; }}
  .nt-marks, details {{ display: none; }}
  section {{ break-before: page; border: 0; padding: 0; }}
  section.nt-cover {{ break-before: auto; }}
  .nt-columns {{ columns: 2; column-gap: 24pt; }}
  h2 {{ font-size: 17pt; margin: 0 0 4pt; }}
  h3 {{ font-size: 12pt; margin: 6pt 0 2pt; break-after: avoid; }}
  h4 {{ font-size: 10.5pt; margin: 4pt 0 1pt; break-after: avoid; }}
  .nt-cover h1 {{ font-size: 30pt; margin-top: 60pt; border-left: 14pt solid #003D6B; padding-left: 16pt; }}
  p {{ margin: 0 0 4pt; }}
  .nt-sub {{ margin: 0 0 4pt; }}
  .nt-figures {{ gap: 14pt; flex-wrap: nowrap; }}
  .nt-figures h3 {{ margin: 0; }}
  .nt-figures figure.timeseries img {{ width: 440pt; }}
  .nt-figures figure.distance img {{ width: 260pt; }}
  figcaption {{ display: none; }}
  table.nt-level {{ width: 100%; font-size: 8.5pt; }}
  .nt-notes {{ font-size: 8pt; margin: 1pt 0; }}
  table.nt-level caption {{ font-size: 9.5pt; }}
  table.nt-level th, table.nt-level td {{ padding: 0.5pt 4pt; }}
}}
"""


def _marks(pack: PackData) -> str:
    marks = content.marks(pack)
    return f"<p class='nt-marks'>{_e(' · '.join(marks))}</p>" if marks else ""


def _cover(pack: PackData) -> str:
    lines = "".join(f"<p>{_e(line)}</p>" for line in content.cover_lines(pack))
    synthetic = f"<p class='nt-synthetic'>{_e(content.SYNTHETIC_MARK)}</p>" if pack.synthetic else ""
    return (
        f"<section class='nt-cover'>{_marks(pack)}<h1>{_e(content.TITLE)}</h1>"
        f"<p class='nt-big'>{_e(content.cover_label(pack))}</p>"
        f"<p>Nøgletal til og med {_e(period_long_label(pack.period))}</p>{lines}{synthetic}</section>"
    )


def _summary(pack: PackData, summary: Summary) -> str:
    parts = [f"<p>{_e(summary.intro)}</p>"]
    if summary.attention:
        parts.append(f"<h3>{_e(ATTENTION_TITLE)}</h3><ul>")
        parts += [f"<li>{_e(line)}</li>" for line in summary.attention]
        parts.append("</ul>")
    area = None
    for section in summary.sections:
        if section.goal_area != area:
            area = section.goal_area
            parts.append(f"<h3>{_e(pack.goal_areas[area])}</h3>")
        parts.append(f"<h4>{_e(section.title)}</h4><p>{_e(section.text)}</p>")
    parts.append("<p><em>Teksten er dannet automatisk ud fra lageret efter faste regler. Læs den igennem før brug.</em></p>")
    return f"<section>{_marks(pack)}<h2>{_e(SUMMARY_TITLE)}</h2><div class='nt-columns'>{''.join(parts)}</div></section>"


def _indicator_list(pack: PackData) -> str:
    parts = [f"<p>{_e(content.LIST_INTRO)}</p>"]
    for _area, title, lines in content.indicator_list(pack):
        items = "".join(f"<li>{'<strong>' + _e(line) + '</strong>' if bold else _e(line)}</li>" for line, bold in lines)
        parts.append(f"<h3>{_e(title)}</h3><ul>{items}</ul>")
    title = f"Opdaterede nøgletal pr. {content.update_label(pack)[11:]}"
    return f"<section>{_marks(pack)}<h2>{_e(title)}</h2><div class='nt-columns'>{''.join(parts)}</div></section>"


def _swatch(region_id: str) -> tuple[str, str]:
    """A short line in the region's colour and dash, with its words (colour is never the only cue)."""
    style = region_style(region_id)
    dash = _DASHES.get(style.dash, "")
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='48' height='12'><line x1='2' y1='6' x2='46' y2='6' "
        f"stroke='{style.color}' stroke-width='{style.width}' stroke-dasharray='{dash}'/></svg>"
    ).encode()
    words = f"{_LINE_WORDS.get(style.dash, style.dash)}, markør: {_SYMBOL_WORDS.get(style.symbol, style.symbol)}"
    return svg_data_uri(svg), words


def _format_page(pack: PackData) -> str:
    points = "".join(f"<p><strong>{_e(head)}.</strong> {_e(text)}</p>" for head, text in content.FORMAT_POINTS)
    legend = []
    for (name, _color), region in zip(content.region_legend(), REGION_ORDER):
        uri, words = _swatch(region)
        legend.append(f"<li><img src='{uri}' alt='{_e(words)}' width='48' height='12'>{_e(name)}</li>")
    return (
        f"<section>{_marks(pack)}<h2>Forklaring af formatet</h2><p>{_e(content.FORMAT_INTRO)}</p>{points}"
        f"<h3>Regionernes farver og streger</h3><ul class='nt-legend'>{''.join(legend)}</ul></section>"
    )


def _figure(kind: str, chart: ChartText, image: ChartImage | None, with_table: bool) -> str:
    img = (
        f"<img src='{image.src}' width='{image.width}' height='{image.height}' alt='{_e(chart.description)}'>"
        if image else ""
    )
    table = f"<details><summary>Vis som tabel</summary>{chart_table_html(chart)}</details>" if with_table else ""
    return (
        f"<figure class='{kind}'><h3>{_e(chart.title)}</h3>{img}"
        f"<figcaption>{_e(chart.description)}</figcaption>{table}</figure>"
    )


def _level_table(data: IndicatorData) -> str:
    rows = content.level_table(data)
    head = "".join(f"<th scope='col'>{_e(c)}</th>" for c in rows[0][1:])
    body = "".join(
        f"<tr><th scope='row'>{_e(r[0])}</th>{''.join(f'<td>{_e(c)}</td>' for c in r[1:])}</tr>" for r in rows[1:]
    )
    caption = f"Aktuelt niveau, {period_long_label(data.period)}"
    return (
        f"<table class='nt-level'><caption>{_e(caption)}</caption><thead><tr><td></td>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _indicator(
    pack: PackData, data: IndicatorData, images: tuple[ChartImage, ChartImage] | None, with_tables: bool,
) -> str:
    meta = data.meta
    sub = f"Målområde {meta['goal_area']}: {pack.goal_areas[meta['goal_area']]} · {period_long_label(data.period)}"
    if data.is_updated:
        sub += " · opdateret"
    texts = chart_texts(data)
    figures = "".join(
        _figure(kind, chart, images[i] if images else None, with_tables)
        for i, (kind, chart) in enumerate(zip(("timeseries", "distance"), texts))
    )
    notes = "".join(f"<p class='nt-notes'>{_e(line)}</p>" for line in content.notes(data))
    return (
        f"<section class='nt-indicator' id='{_e(data.indicator_id)}'>{_marks(pack)}<h2>{_e(meta['name_da'])}</h2>"
        f"<p class='nt-sub'>{_e(sub)}</p><div class='nt-figures'>{figures}</div>{_level_table(data)}{notes}</section>"
    )


def appendix_html(
    pack: PackData, summary: Summary, charts: dict[str, tuple[ChartImage, ChartImage]], with_tables: bool = True,
) -> str:
    """The whole pack as one HTML document; `charts` maps indicator_id -> (time-series chart,
    distance chart). with_tables: a "Vis som tabel" under each chart (the HTML file; hidden in print)."""
    title = f"{content.TITLE} – {content.update_label(pack)}"
    body = [
        _cover(pack), _summary(pack, summary), _indicator_list(pack), _format_page(pack),
        *(_indicator(pack, d, charts.get(d.indicator_id), with_tables) for d in content.indicators_with_pages(pack)),
    ]
    return (
        "<!doctype html>\n<html lang='da'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title><meta name='author' content='Nøgletal'>"
        f"<meta name='description' content='{_e(', '.join(content.marks(pack)) or content.TITLE)}'>"
        f"<style>{_style(pack)}</style></head><body><main>{''.join(body)}</main></body></html>\n"
    )
