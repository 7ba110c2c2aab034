"""What makes the dashboard accessible beyond Streamlit's own markup (WCAG 2.1 AA; the known
exceptions are in docs/accessibility.md and on the page Tilgængelighed):

* the page's language is Danish: Streamlit's index.html says lang="en" and offers no setting, so
  a script sets <html lang="da"> as the app starts (and again should Streamlit reset it);
* formulas and tables wider than their column (KaTeX, .nt-scroll and .nt-matrix-scroll scroll
  them sideways) can be reached and scrolled by keyboard: tabindex="0", a region named "Formel"
  or "Tabel" (Streamlit's Markdown drops tabindex and role from the HTML, so the script adds them);
* every chart has a text alternative: the chart's element is a named figure described by the
  text under it (noegletal.content.chart_text, the same text as in the PDF and the Word item), and
  "Vis som tabel" shows its numbers;
* text meets 4.5:1 (Streamlit's captions are #828180 on white, 3.9:1) and focus is always visible.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from noegletal.content.chart_text import ChartText, chart_table_html

CAPTION_COLOR = "#555555"  # 7.5:1 on white

_CSS = f"""
<style>
/* Streamlit draws captions at 60 % opacity (#999 on white, 2.8:1): full opacity in a darker grey */
[data-testid='stCaptionContainer'] {{ opacity: 1 !important; }}
[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] p {{ color: {CAPTION_COLOR}; }}
/* the navigation's page names are drawn at 80 % alpha on the grey sidebar: solid text instead */
[data-testid='stSidebarNavLink'] span, [data-testid='stSidebarNavLink'] p {{ color: #1A1A1A; }}
/* a disabled filter's label still says what the filter is (Enheder without unit data): readable */
[data-testid='stWidgetLabel'] p {{ color: #1A1A1A !important; opacity: 1 !important; }}
:focus-visible {{ outline: 3px solid #003D6B !important; outline-offset: 2px; }}
p.nt-figdesc {{ font-size: 0.9rem; color: #333333; margin: 0 0 0.4rem; }}
table.nt-chart-table {{ border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }}
table.nt-chart-table caption {{ text-align: left; font-weight: 600; }}
table.nt-chart-table th, table.nt-chart-table td {{ padding: 0.15rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; }}
table.nt-chart-table th[scope=row], table.nt-chart-table thead th:first-child {{ text-align: left; }}
</style>
"""

_SCRIPT = """
<script>
(function () {
  const w = window;
  if (w.__ntA11y) return;
  w.__ntA11y = true;
  const d = document;
  function fix() {
    if (d.documentElement.lang !== "da") d.documentElement.lang = "da";
    // a box that scrolls sideways (a wide formula, a wide table) is reachable by keyboard
    d.querySelectorAll(".katex-display, .nt-scroll, .nt-matrix-scroll").forEach((el) => {
      if (!el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", el.classList.contains("katex-display") ? "Formel" : "Tabel");
      }
    });
    d.querySelectorAll("p.nt-figdesc[data-nt-chart]").forEach((desc) => {
      const key = desc.getAttribute("data-nt-chart");
      const chart = d.querySelector(".st-key-" + key + " [data-testid='stPlotlyChart'], .st-key-" + key + "[data-testid='stPlotlyChart']");
      if (chart && chart.getAttribute("aria-describedby") !== desc.id) {
        chart.setAttribute("role", "figure");
        chart.setAttribute("aria-label", desc.getAttribute("data-nt-title"));
        chart.setAttribute("aria-describedby", desc.id);
      }
    });
  }
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; fix(); }, 150);
  }).observe(d.body, { childList: true, subtree: true });
  fix();
})();
</script>
"""


def install() -> None:
    """The CSS and the script (once per run; the browser keeps the script once per tab)."""
    st.html(_CSS)
    st.html(_SCRIPT, unsafe_allow_javascript=True)


def chart_alternative(chart: ChartText, key: str) -> None:
    """Under the chart drawn with `key`: its text alternative (the chart's accessible description)
    and "Vis som tabel" with its numbers."""
    st.html(
        f"<p class='nt-figdesc' id='nt-desc-{escape(key)}' data-nt-chart='{escape(key)}' "
        f"data-nt-title='{escape(chart.title)}'>{escape(chart.description)}</p>"
    )
    with st.expander("Vis som tabel"):
        st.html(chart_table_html(chart))
