"""The CSS of the pages' HTML tables (dashboards/html_tables.py builds them): the common table,
the Overblik's regions × indicators matrix, the Region page's ten columns and the units' forest
plot column. Each is a <style> block a page writes once before its tables."""

from __future__ import annotations

TABLE_CSS = """
<style>
div.nt-scroll { overflow-x: auto; margin-bottom: 0.5rem; }
table.nt-overview { width: 100%; border-collapse: collapse; font-size: 1rem; table-layout: auto; }
table.nt-overview th, table.nt-overview td { overflow-wrap: normal; word-break: normal; hyphens: none; }
table.nt-overview th { text-align: left; font-weight: 600; color: #444; border-bottom: 2px solid #888;
  padding: 0.3rem 0.5rem; font-size: 0.9rem; vertical-align: bottom; }
table.nt-overview td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; vertical-align: top; }
table.nt-overview td.num { text-align: right; }
table.nt-overview th.num { text-align: right; }
table.nt-overview td.nowrap, table.nt-overview th.nowrap { white-space: nowrap; }
table.nt-overview td.wrap { white-space: normal; }
table.nt-overview td.ind { min-width: 12rem; }
table.nt-overview td.ind a { color: #1A1A1A; text-decoration: none; border-bottom: 1px dotted #888; }
table.nt-overview tr.updated td.ind a { font-weight: 700; }
table.nt-overview .badge { font-size: 0.8rem; font-weight: 700; color: #fff; background: #0072B2;
  border-radius: 0.3rem; padding: 0 0.35rem; margin-left: 0.4rem; white-space: nowrap; }
table.nt-overview .muted { color: #666; font-size: 0.85rem; }
table.nt-overview .nodata { color: #666; font-style: italic; }
table.nt-overview .v { white-space: nowrap; }
table.nt-overview .nt-since { font-size: 0.85rem; white-space: normal; }
table.nt-overview .nt-rank { font-size: 0.85rem; }
/* the column with the best and the worst region under the variation: room for each on a line */
table.nt-overview th.nt-ranks { width: 25%; }
/* the target's status and how many regions meet it: a few words to a line */
table.nt-overview th.nt-targets { min-width: 8rem; }
/* a fitted table (fitted()): its box is a size container; the cells of class nt-wide are drawn
   where the box is at least 900 px wide (a laptop with the sidebar open), those of class nt-mid
   where it is at least 600 px (a tablet with the sidebar folded away), unless »Vis alle kolonner«
   is open; narrower, the type is a little smaller and the indicator's name may wrap more */
div.nt-fit { container-type: inline-size; }
details.nt-all { display: none; font-size: 0.9rem; margin-bottom: 0.4rem; }
details.nt-all > summary { cursor: pointer; width: fit-content; padding: 0.25rem 0; }
details.nt-all > p { margin: 0.2rem 0 0; color: #555; }
@container (max-width: 899.98px) {
  details.nt-all { display: block; }
  div.nt-fit:not(:has(> details[open])) .nt-wide { display: none; }
  div.nt-fit table.nt-overview { font-size: 0.9rem; }
  div.nt-fit table.nt-overview th { font-size: 0.82rem; }
}
@container (max-width: 599.98px) {
  div.nt-fit:not(:has(> details[open])) .nt-mid { display: none; }
  div.nt-fit table.nt-overview td.ind { min-width: 9rem; }
}
</style>
"""

# the matrix needs about 780 px; in a narrower box (a tablet, a laptop with the sidebar open) it
# scrolls sideways in its box instead of running off the page, and its header row then stops
# sticking (a sticky header cannot stick to the page from inside a box that scrolls)
MATRIX_CSS = """
<style>
div.nt-matrix-fit { container-type: inline-size; }
@container (max-width: 800px) {
  div.nt-matrix-scroll { overflow-x: auto; }
  table.nt-matrix thead th { position: static; }
}
table.nt-matrix { border-collapse: separate; border-spacing: 2px; font-size: 0.95rem; width: 100%; table-layout: auto; }
table.nt-matrix th, table.nt-matrix td { overflow-wrap: normal; word-break: normal; hyphens: none; }
table.nt-matrix th { font-weight: 600; text-align: center; padding: 0.3rem; font-size: 1rem; }
table.nt-matrix thead th { position: sticky; top: 3.75rem; background: #fff; z-index: 1; }
table.nt-matrix th.name { text-align: right; font-weight: 400; width: 34%; min-width: 12rem; padding-right: 0.6rem; }
table.nt-matrix td { text-align: center; padding: 0.3rem 0.2rem; cursor: default; }
table.nt-matrix td span.v { white-space: nowrap; }
table.nt-matrix td a { text-decoration: none; }
table.nt-matrix thead a { color: #1A1A1A; text-decoration: none; border-bottom: 1px dotted #888; }
div.nt-matrix-legend { font-size: 0.9rem; color: #555; margin-bottom: 0.3rem; }
div.nt-matrix-legend span { display: inline-block; width: 2rem; height: 0.9rem; vertical-align: middle;
  border: 1px solid #ccc; }
div.nt-matrix-legend span.sw { width: 1.1rem; }
div.nt-matrix-legend span.it { display: inline; width: auto; height: auto; border: none; margin-right: 0.6rem; }
</style>
"""

# ten columns need a smaller type and less padding than the overview's seven
REGION_TABLE_CSS = """
<style>
table.nt-region { font-size: 0.9rem; }
table.nt-region th { font-size: 0.82rem; padding: 0.3rem 0.35rem; }
table.nt-region td { padding: 0.35rem 0.35rem; }
table.nt-region td.ind { min-width: 10rem; }
table.nt-region th.nt-ranks { width: 15%; }
</style>
"""
FOREST_CSS = """
<style>
table.nt-units td.forest, table.nt-units th.forest { padding-top: 0.2rem; padding-bottom: 0; vertical-align: middle;
  min-width: 10rem; }
table.nt-units svg { display: block; max-width: 100%; }
</style>
"""
