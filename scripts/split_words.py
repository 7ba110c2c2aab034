"""Count the words a dashboard page splits across lines, the texts it cuts off and the tables wider
than the page (headless Debian Chromium via Playwright), with the sidebar open and folded away.

    .venv/bin/python scripts/split_words.py http://localhost:8501 [width ...]

A word is split when the boxes of its letters lie on more than one line: every text node's words
are measured with Range.getClientRects(). A break right after a hyphen, dash or slash
("2019 K3–|2023 K1") is a line break between words, not a split. Text outside the window (the
folded sidebar's, which keeps its text in a box of width 0) is not read.

A text is cut off when an element that clips its overflow (overflow hidden or clip, or
text-overflow: ellipsis, as Streamlit's metrics and buttons have) is narrower than its content
(scrollWidth > clientWidth). Select boxes' inputs are left out: an input's value cannot wrap, its
list shows every option whole, and the page's title repeats the choice.

A table is too wide when it reaches beyond the page's main column or its box has to scroll
sideways to show it (scrollWidth > clientWidth); tables not drawn (a folded expander's) are left
out. A column is hidden when its header is not drawn (a narrow page's secondary columns).
Used by tests/test_browser_readable_widths.py.
"""

from __future__ import annotations

import shutil
import sys
import time

# the words of every visible text node whose letters lie on more than one line
SPLIT_WORDS_JS = r"""() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent;
    const parent = node.parentElement;
    if (!parent || !text.trim() || parent.closest('svg, script, style, noscript, [aria-hidden="true"]')) continue;
    const re = /[^\s\-‐‑–—\/]+/g;
    let m;
    while ((m = re.exec(text))) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(
        r => r.width > 0.5 && r.height > 0.5 && r.right > 0 && r.left < window.innerWidth);
      if (rects.length < 2) continue;
      const lines = new Set(rects.map(r => Math.round(r.bottom)));
      if (lines.size > 1) out.push(m[0]);
    }
  }
  return out;
}"""

# the visible elements with text whose content is wider than their box while they clip it
TRUNCATED_JS = r"""() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.matches('input, textarea, select') || el.closest('svg, script, style, noscript, [aria-hidden="true"]')) continue;
    const text = (el.innerText || '').trim();
    if (!text) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.left >= window.innerWidth) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    const clips = ['hidden', 'clip'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1) out.push(text.replace(/\s+/g, ' ').slice(0, 80));
  }
  return out;
}"""

# every drawn table of the main column measured against the column's right edge (inside its
# padding) and its box: the checks below (wide_tables, off_page_tables) read the same measure
TABLES_JS = r"""() => {
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  const right = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  const out = [];
  for (const table of main.querySelectorAll('table')) {
    const r = table.getBoundingClientRect();
    if (!table.checkVisibility() || r.width < 1 || r.height < 1) continue;
    const box = table.parentElement;
    let scrolled = false;  // inside a box that scrolls sideways: reachable
    for (let el = box; el && el !== main; el = el.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) { scrolled = true; break; }
    }
    out.push({
      head: [...table.querySelectorAll('th')].slice(0, 3).map(th => th.innerText.replace(/\s+/g, ' ').trim()).join(' | '),
      width: r.width, right: r.right, pageRight: right, scrollWidth: table.scrollWidth,
      boxWidth: box.clientWidth, boxScrollWidth: box.scrollWidth, scrolled,
    });
  }
  return out;
}"""

# the header texts of the columns the drawn tables of the main column hide (display: none)
HIDDEN_COLUMNS_JS = r"""() => {
  const out = [];
  for (const table of document.querySelectorAll('[data-testid=stMainBlockContainer] table')) {
    if (!table.checkVisibility() || table.getBoundingClientRect().width < 1) continue;
    for (const th of table.querySelectorAll('th')) {
      if (getComputedStyle(th).display === 'none') out.push(th.textContent.replace(/\s+/g, ' ').trim());
    }
  }
  return out;
}"""

# the script run is over, nothing is a placeholder, every plotly chart is drawn
DRAWN = """() => !!document.querySelector("[data-testid='stMain'] h1")
    && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))"""

PATHS = {
    "overblik": "/",
    "indikator": "/indikator?indicator=udredningsret_somatik&period=2023K1",
    "region": "/regioner?region=hovedstaden",
    "enheder": "/enheder?region=hovedstaden&indicator=forebyggelige_indlaeggelser_aeldre",
    "data": "/data?indicator=udredningsret_somatik",
    "metode": "/metode",
}


def wait_drawn(page, timeout_s: float = 60) -> None:
    """Until the page has stayed drawn for a second (a page may rerun right after its first run)."""
    deadline, stable_since = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        if page.evaluate(DRAWN):
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since >= 1.0:
                return
        else:
            stable_since = None
        time.sleep(0.1)
    raise TimeoutError(f"{page.url} was not drawn within {timeout_s:.0f} s")


def split_words(page) -> list[str]:
    return page.evaluate(SPLIT_WORDS_JS)


def truncated(page) -> list[str]:
    """The texts the page cuts off (innermost and outer clipping boxes alike)."""
    return page.evaluate(TRUNCATED_JS)


def wide_tables(page) -> list[str]:
    """The drawn tables that reach beyond the main column or scroll sideways in their box, each as
    "first headers…: width in box"."""
    return [
        f"{t['head']}: {round(max(t['width'], t['boxScrollWidth']))} px in {t['boxWidth']} px"
        for t in page.evaluate(TABLES_JS)
        if t["right"] > t["pageRight"] + 1 or t["scrollWidth"] > t["boxWidth"] + 1 or t["boxScrollWidth"] > t["boxWidth"] + 1
    ]


def off_page_tables(page) -> list[str]:
    """The drawn tables that run off the main column with no box to scroll them in (what lies
    beyond cannot be reached at all)."""
    return [
        f"{t['head']}: right edge {round(t['right'])} px, the page's {round(t['pageRight'])} px"
        for t in page.evaluate(TABLES_JS)
        if t["right"] > t["pageRight"] + 1 and not t["scrolled"]
    ]


def hidden_columns(page) -> list[str]:
    return page.evaluate(HIDDEN_COLUMNS_JS)


def set_sidebar(page, open_: bool) -> None:
    """Unfold or fold away the sidebar (Streamlit folds it by default at 768 px and below) and
    wait until it has its new width."""
    unfold = page.get_by_test_id("stExpandSidebarButton")
    if open_ and unfold.is_visible():
        unfold.click()
    elif not open_ and not unfold.is_visible():
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    page.wait_for_function(
        """(open) => { const r = document.querySelector('[data-testid=stSidebar]').getBoundingClientRect();
                      return open ? r.left >= 0 && r.width > 100 : r.right <= 1; }""",
        arg=open_,
    )
    time.sleep(0.5)  # the main area's columns take their new widths (a transition)


def main(base: str, widths: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for width in widths:
            for sidebar in ("open", "folded"):
                for name, path in PATHS.items():
                    page = browser.new_page(viewport={"width": width, "height": 1000})
                    page.goto(base.rstrip("/") + path)
                    wait_drawn(page)
                    set_sidebar(page, sidebar == "open")
                    words, cut, wide = split_words(page), truncated(page), wide_tables(page)
                    print(f"{width:5d} px sidebar {sidebar:6s} {name:10s} {len(words):4d} split  {len(cut):4d} cut off  "
                          f"{len(wide):3d} too wide  {' | '.join(words[:8] + cut[:4] + wide[:2])}")
                    page.close()
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], [int(w) for w in sys.argv[2:]] or [820, 1400])
