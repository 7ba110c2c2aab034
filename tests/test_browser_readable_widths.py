"""Readable on a tablet and a laptop: at 820 and 1,400 px no page splits a word across lines.

The dashboard runs on the demo warehouse (its long indicator names and 29 kommuner are the hard
case) in headless Chromium; scripts/split_words.py measures every text node's words with
Range.getClientRects(). Screenshots of every page at both widths go to $NOEGLETAL_SCREENSHOTS
(default a temporary directory).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from noegletal.cli import main
from browser_support import CHROMIUM, serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from split_words import PATHS, SPLIT_WORDS_JS, split_words, wait_drawn  # noqa: E402

pytestmark = pytest.mark.browser

WIDTHS = (820, 1400)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    directory = tmp_path_factory.mktemp("widths")
    db = directory / "demo.duckdb"
    result = CliRunner().invoke(
        main, ["demo", "--db", str(db), "--no-serve", "--until", "2023K1", "--out", str(directory / "raw")]
    )
    assert result.exit_code == 0, result.output
    yield from serve(db, directory)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    target = os.environ.get("NOEGLETAL_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_the_measure_finds_a_split_word(demo_server, browser):
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
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PATHS))
def test_no_word_is_split_across_lines(demo_server, browser, screenshots, name, width):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(demo_server + PATHS[name])
    wait_drawn(page)
    page.screenshot(path=str(screenshots / f"{name}_{width}.png"))
    words = split_words(page)
    page.close()
    assert words == [], f"{name} at {width} px splits {len(words)} words: {words[:20]}"
