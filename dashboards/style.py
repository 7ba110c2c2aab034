"""The dashboard's layout CSS for narrow screens: whole values and whole words from a tablet held
upright (768 px) to a laptop (1,400 px), with the sidebar open (it takes 300 px) or folded away.

Streamlit cuts text off with an ellipsis where a column is narrow (a metric's label, value and
change, a button's label: class `stMarkdownEllipsis`), so "74 pct." became "7…" in a level card.
Here such text wraps between words instead, and the columns that hold it have a minimum width:
where a row has no room for them, its columns wrap onto lines of their own (Streamlit's rows of
columns already wrap; a minimum width is what makes them do so). The widths are the main area's,
not the window's, so opening the sidebar counts. At 1,400 px every row keeps its columns side by
side. Selectors are Streamlit's test ids and the classes of keyed containers (`st-key-<key>`).
"""

from __future__ import annotations

import streamlit as st

# keys of the containers the CSS below lays out (st.container(key=...))
SPLIT = "nt_split"  # the Indikator page's chart and level cards side by side
LEVELS = "nt_levels"  # the level cards, two to a row

_ROW = "[data-testid='stHorizontalBlock']"
_COLUMN = "[data-testid='stColumn']"
_CELL = "> [data-testid='stVerticalBlock'] > [data-testid='stElementContainer']"


def _columns_of(key: str) -> str:
    """The columns of the row directly inside the keyed container (not those of rows nested in them)."""
    return f":is(.st-key-{key} > {_ROW}, .st-key-{key} > * > {_ROW}) > {_COLUMN}"


CSS = f"""
<style>
/* Streamlit's status widget ("Running…", "Stop") is English and offers to stop a pack half made:
   hidden (kept in the page, so a test can still wait for a run to end); the pages show their own
   progress ("Danner figurer og sider …") */
[data-testid='stStatusWidget'] {{ visibility: hidden; }}
/* a metric's label, value and change wrap between words rather than end in "…" */
[data-testid='stMetric'] .stMarkdownEllipsis, [data-testid='stMetric'] .stMarkdownEllipsis p {{
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: normal; word-break: normal; }}
/* the chart and the level cards side by side only where each gets 22rem (a laptop; a tablet with
   the sidebar folded away): below that the cards go under the chart */
{_columns_of(SPLIT)} {{ min-width: min(100%, 22rem); }}
/* a level card is at least 10rem wide ("74 pct." and its change whole); narrower, one to a row */
{_columns_of(LEVELS)} {{ min-width: min(100%, 10rem); }}
/* a column holding only buttons is as wide as its button's label ("Vis for Hovedstaden", "Hent
   Excel"); where the row has no room, the button goes to a line of its own */
{_COLUMN}:has({_CELL} > :is(.stButton, .stDownloadButton)):not(:has({_CELL} > :not(.stButton, .stDownloadButton))) {{
  min-width: fit-content; }}
</style>
"""


def install() -> None:
    """Add the layout CSS to the page (once per run)."""
    st.html(CSS)
