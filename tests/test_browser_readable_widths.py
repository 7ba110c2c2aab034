"""Readable on a tablet and a laptop: from 768 to 1,400 px, with the sidebar open and folded
away, no page splits a word across lines or cuts a text off ("74 p…" in a level card). Tables fit
(tracker issue 19, item 5): at 1,400 px with the sidebar open no table on any page is wider than
the page and the Overblik and Region tables show every column; from 768 px on, their tables fit
the page with the columns a reader needs first (the value, its change, its significance) in view
and the rest one tap (or one key) away under "Vis alle kolonner".

The dashboard runs on the demo warehouse (its long indicator names and 29 kommuner are the hard
case) in headless Chromium; scripts/split_words.py measures every text node's words with
Range.getClientRects() and finds the boxes that clip a text wider than themselves, the tables wider
than the main column and the columns hidden. Screenshots of
every page in every state go to $NOEGLETAL_SCREENSHOTS (default a temporary directory).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser_support import CHROMIUM, serve, shots  # noqa: F401 (shots: the screenshot folder)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from split_words import (  # noqa: E402
    PATHS, SPLIT_WORDS_JS, TRUNCATED_JS, hidden_columns, off_page_tables, set_sidebar, split_words, truncated, wait_drawn, wide_tables,
)

pytestmark = pytest.mark.browser

# (width, sidebar open): a tablet held upright (768 and 820 px) with the sidebar open (it takes
# 300 px) and folded away, a small laptop with the sidebar open (the Indikator page's chart and
# cards just stack), a laptop as it opens
STATES = ((768, True), (768, False), (820, True), (820, False), (1100, True), (1400, True))
# at 820 px these columns are in view without scrolling sideways (header texts of
# dashboards/html_tables.py), in each table that has the first one: on the Overblik each goal
# area's national value and its change on a year, and the flagged regions' value and trend; on
# the Region page (Hovedstaden) the region's value, its movement against the best region and its
# significance against the country
IN_VIEW = {
    "overblik": (("Ændring på et år", "Hele landet"), ("Regionen", "Region", "Tendens")),
    "region": (("Signifikant mod landet", "Hovedstaden", "Bevægelse"),),
}


@pytest.fixture(scope="module")
def demo_server(demo_warehouse, tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    yield from serve(demo_warehouse, tmp_path_factory.mktemp("widths"))


def test_the_measures_find_a_split_word_and_a_cut_off_value(demo_server, browser):
    """The measure can fail: a word forced to break inside a narrow box is found."""
    page = browser.new_page(viewport={"width": 820, "height": 1000})
    page.goto(demo_server + PATHS["metode"])
    wait_drawn(page)
    page.evaluate(
        """() => { const box = document.createElement('div'); box.style.width = '50px';
                   box.style.wordBreak = 'break-all'; box.textContent = 'Signifikant dårligere';
                   document.querySelector('[data-testid=stMain] h1').after(box); }"""
    )
    assert {"Signifikant", "dårligere"} <= set(page.evaluate(SPLIT_WORDS_JS))
    # a value cut off as Streamlit cuts a metric's: one line, hidden overflow, an ellipsis
    page.evaluate(
        """() => { const box = document.createElement('div');
                   box.style.cssText = 'width: 40px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis';
                   box.textContent = '74 pct.'; document.querySelector('[data-testid=stMain] h1').after(box); }"""
    )
    assert page.evaluate(TRUNCATED_JS) == ["74 pct."]
    page.close()


def test_the_measure_finds_a_table_wider_than_the_page(demo_server, browser):
    """The table measure can fail: a table made wider than the column, and a hidden column, are found."""
    page = browser.new_page(viewport={"width": 820, "height": 1000})
    page.goto(demo_server + PATHS["metode"])
    wait_drawn(page)
    page.evaluate(
        """() => { const box = document.createElement('div'); box.style.overflowX = 'auto';
                   box.innerHTML = '<table style="width: 2000px"><tr><th>Bred</th><th style="display: none">Skjult</th></tr></table>';
                   document.querySelector('[data-testid=stMain] h1').after(box); }"""
    )
    assert [text.split(":")[0] for text in wide_tables(page)] == ["Bred | Skjult"]
    assert hidden_columns(page) == ["Skjult"]
    assert off_page_tables(page) == []  # it scrolls in its box: reachable
    # the same table in a box that does not scroll runs off the page
    page.evaluate("() => { document.querySelector('[data-testid=stMain] h1').nextElementSibling.style.overflowX = 'visible'; }")
    assert [text.split(":")[0] for text in off_page_tables(page)] == ["Bred | Skjult"]
    page.close()


@pytest.mark.parametrize("name", list(PATHS))
def test_no_word_is_split_no_text_cut_off_and_no_table_too_wide(demo_server, browser, shots, name):
    """Each page is opened once and taken through every state of STATES, as a tablet turned or a
    window resized (the layout is CSS media and container rules, and the charts follow their
    box); every state is measured, and every failure of every state is reported."""
    page = browser.new_page(viewport={"width": STATES[0][0], "height": 1000})
    page.goto(demo_server + PATHS[name])
    failures = []
    for width, sidebar_open in STATES:
        page.set_viewport_size({"width": width, "height": 1000})
        wait_drawn(page)
        set_sidebar(page, sidebar_open)
        failures += _unreadable(page, shots, name, width, sidebar_open)
    page.close()
    assert failures == [], "\n".join(failures)


def _unreadable(page, shots, name: str, width: int, sidebar_open: bool) -> list[str]:
    """What the page in its present state does wrong, each with the state."""
    state = f"{name} at {width} px with the sidebar {'open' if sidebar_open else 'folded'}"
    stem = f"{name}_{width}_{'open' if sidebar_open else 'folded'}"
    page.screenshot(path=str(shots / f"{stem}.png"))
    words, cut, wide, hidden = split_words(page), truncated(page), wide_tables(page), hidden_columns(page)
    off_page = off_page_tables(page)
    failures = [f"{state} splits {len(words)} words: {words[:20]}"] if words else []
    failures += [f"{state} cuts off {len(cut)} texts: {cut[:20]}"] if cut else []
    # at every width: a table wider than the page scrolls in its box, never off the page's edge
    failures += [f"{state} has tables running off the page: {off_page}"] if off_page else []
    if name == "indikator":  # the level cards, where values were cut off: look at them too
        page.get_by_test_id("stMetric").first.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"{stem}_cards.png"))
        cards = page.get_by_test_id("stMetricValue").all_inner_texts()
        if not (len(cards) == 6 and all(text.endswith("pct.") for text in cards)):
            failures.append(f"{state}: level cards {cards}")
    if width == 1400:
        failures += [f"{state} has tables wider than the page: {wide}"] if wide else []
        failures += [f"{state} hides columns: {sorted(set(hidden))}"] if hidden else []
        if page.get_by_text("Skærmen er smal").filter(visible=True).count():
            failures.append(f"{state} says »Skærmen er smal«")
    return failures


# the drawn tables of the main column: their header cells (text, drawn, right edge, and the right
# edge of what is in view without scrolling: the window's or the table's box's), whether the box
# scrolls sideways and whether a keyboard can reach it
TABLES_JS = r"""() => [...document.querySelectorAll('[data-testid=stMainBlockContainer] table')]
  .filter(t => t.checkVisibility() && t.getBoundingClientRect().width >= 1)
  .map(t => {
    const box = t.parentElement, seen = Math.min(window.innerWidth, box.getBoundingClientRect().left + box.clientWidth);
    return {
      columns: [...t.querySelectorAll('thead th')].map(th => ({
        text: th.textContent.replace(/\s+/g, ' ').trim(), drawn: getComputedStyle(th).display !== 'none',
        right: th.getBoundingClientRect().right, seen})),
      scrolls: box.scrollWidth > box.clientWidth + 1, focusable: box.tabIndex === 0,
    };
  })"""


def column(table: dict, text: str) -> dict | None:
    """The column headed `text` (or `text` and more: "Ændring på et år / siden mødet")."""
    return next((c for c in table["columns"] if c["text"] == text or c["text"].startswith(text + " ")), None)


def fitted_tables(page, name: str) -> list[tuple[tuple[str, ...], dict]]:
    """The drawn tables of IN_VIEW, each with its columns to keep in view; fails if one is missing."""
    tables, out = page.evaluate(TABLES_JS), []
    for wanted in IN_VIEW[name]:
        having = [t for t in tables if column(t, wanted[0])]
        assert having, f"no table on {name} has the column {wanted[0]}"
        out += [(wanted, t) for t in having]
    return out


def out_of_view(tables: list[tuple[tuple[str, ...], dict]]) -> list[str]:
    """The IN_VIEW tables that scroll sideways, and their IN_VIEW columns not drawn or beyond the view."""
    missing = []
    for wanted, table in tables:
        if table["scrolls"]:
            missing.append(f"the table of {wanted[0]} scrolls sideways")
        for text in wanted:
            c = column(table, text)
            if not c["drawn"] or c["right"] > c["seen"] + 1:
                missing.append(f"{text} ({'hidden' if not c['drawn'] else round(c['right'])})")
    return missing


@pytest.mark.parametrize("sidebar_open", (True, False), ids=("open", "folded"))
@pytest.mark.parametrize("name", list(IN_VIEW))
def test_at_820_px_the_value_its_change_and_significance_are_in_view_the_rest_one_tap_away(
    demo_server, browser, shots, name, sidebar_open,
):
    """An iPad held upright: the tables of IN_VIEW fit the page with their columns of IN_VIEW in
    view; each of them that hides columns offers "Vis alle kolonner" (a tap, or Enter from the
    keyboard), after which it shows all of them, scrolling sideways in its box if need be."""
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    page.goto(demo_server + PATHS[name])
    wait_drawn(page)
    set_sidebar(page, sidebar_open)
    state = f"820 px with the sidebar {'open' if sidebar_open else 'folded'}"
    missing = out_of_view(fitted_tables(page, name))
    assert missing == [], f"{name} at {state}: out of view: {missing}"
    hiding = [t for _, t in fitted_tables(page, name) if not all(c["drawn"] for c in t["columns"])]
    assert hiding, f"{name} at {state} shows every column: nothing to test the toggle on"
    toggles = page.get_by_text("Vis alle kolonner", exact=True).filter(visible=True)
    assert toggles.count() == len(hiding), f"{name} at {state}: {toggles.count()} toggles for {len(hiding)} tables"
    toggles.first.focus()
    page.keyboard.press("Enter")  # the first by keyboard, the others by a tap
    for k in range(1, len(hiding)):
        toggles.nth(k).tap()
    page.wait_for_timeout(300)
    tables = [t for _, t in fitted_tables(page, name)]
    hidden = [c["text"] for t in tables for c in t["columns"] if not c["drawn"]]
    assert hidden == [], f"{name} at {state}: columns still hidden after the toggles: {hidden}"
    # a table now wider than its box scrolls in it, and a keyboard can scroll it too (dashboards/a11y.py)
    assert all(t["focusable"] for t in tables if t["scrolls"]), f"{name} at {state}: a box that scrolls is not focusable"
    page.screenshot(path=str(shots / f"{name}_820_{'open' if sidebar_open else 'folded'}_all_columns.png"), full_page=True)
    context.close()
