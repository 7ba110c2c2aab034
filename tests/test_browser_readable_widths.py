"""Readable on a tablet and a laptop: from 768 to 1,400 px, with the sidebar open and folded
away, no page splits a word across lines or cuts a text off ("74 p…" in a level card).

The dashboard runs on the demo warehouse (its long indicator names and 29 kommuner are the hard
case) in headless Chromium; scripts/split_words.py measures every text node's words with
Range.getClientRects() and finds the boxes that clip a text wider than themselves. Screenshots of
every page in every state go to $NOEGLETAL_SCREENSHOTS (default a temporary directory).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser_support import CHROMIUM, serve, shots  # noqa: F401 (shots: the screenshot folder)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from split_words import PATHS, SPLIT_WORDS_JS, TRUNCATED_JS, set_sidebar, split_words, truncated, wait_drawn  # noqa: E402

pytestmark = pytest.mark.browser

# (width, sidebar open): a tablet held upright (768 and 820 px) with the sidebar open (it takes
# 300 px) and folded away, a small laptop with the sidebar open (the Indikator page's chart and
# cards just stack), a laptop as it opens
STATES = ((768, True), (768, False), (820, True), (820, False), (1100, True), (1400, True))


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


@pytest.mark.parametrize(("width", "sidebar_open"), STATES, ids=[f"{w}px-{'open' if o else 'folded'}" for w, o in STATES])
@pytest.mark.parametrize("name", list(PATHS))
def test_no_word_is_split_and_no_text_cut_off(demo_server, browser, shots, name, width, sidebar_open):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(demo_server + PATHS[name])
    wait_drawn(page)
    set_sidebar(page, sidebar_open)
    state = f"{width} px with the sidebar {'open' if sidebar_open else 'folded'}"
    page.screenshot(path=str(shots / f"{name}_{width}_{'open' if sidebar_open else 'folded'}.png"))
    words, cut = split_words(page), truncated(page)
    if name == "indikator":  # the level cards, where values were cut off: look at them too
        page.get_by_test_id("stMetric").first.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"{name}_{width}_{'open' if sidebar_open else 'folded'}_cards.png"))
        cards = page.get_by_test_id("stMetricValue").all_inner_texts()
        assert len(cards) == 6 and all(text.endswith("pct.") for text in cards), cards
    page.close()
    assert words == [], f"{name} at {state} splits {len(words)} words: {words[:20]}"
    assert cut == [], f"{name} at {state} cuts off {len(cut)} texts: {cut[:20]}"
