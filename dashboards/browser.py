"""How the dashboard behaves in the browser: one history entry per view, in-app links, the
"Kopiér link" button and a sidebar that can be folded on a touch screen.

Why a script: Streamlit's frontend pushes a browser history entry for every page change and for
every message that changes the query string (one per `st.query_params[...] = ...`), so one click
to another page made three to five entries and Back seemed to do nothing. The script, installed
once per browser tab, turns a history push that no user action asked for into a replace: a
click or key press allows one push (the view the user asked for), the query string the page then
writes replaces it. Links in the pages' HTML tables (`<a href="indikator?..." target="_self">`)
would reload the whole app and start a new session; the script routes them inside the app
instead (push the URL, then let Streamlit follow it as it follows the Back button), so the chosen
presentation and quarter stay. Ctrl/Cmd-click still opens a new tab.
"""

from __future__ import annotations

import json

import streamlit as st

from dashboards.filters import URL_PATHS

COPY_LABEL = "Kopiér link"
COPIED_LABEL = "Link kopieret"

# Not a raw string (the %-placeholders are filled below): a backslash in the JavaScript is
# written twice. A single one before "b" made a backspace, so no browser counted as Danish and
# every first visit ran the page twice.
_SCRIPT = """
<script>
(function () {
  const w = window;
  if (w.__ntBrowser) return;
  w.__ntBrowser = true;
  const pages = %(pages)s;
  // the app is Danish: Streamlit's widgets take their locale from the browser's language (the
  // date picker's month names and first day of the week), so say Danish whatever the browser
  if (!/^da\\b/i.test(w.navigator.language || "")) {
    try {
      Object.defineProperty(w.navigator, "language", { get: () => "da-DK", configurable: true });
      Object.defineProperty(w.navigator, "languages", { get: () => ["da-DK", "da"], configurable: true });
      // Streamlit reads the language when it draws the page: ask it to draw the view again (as
      // after Back, on the same URL), so the widgets already shown take the Danish locale. Only
      // once the first run has drawn its page: asked earlier (a loaded server), the frontend did
      // not know the app's pages yet and opened the default page instead of the link's.
      const redraw = () => w.dispatchEvent(new PopStateEvent("popstate", { state: {} }));
      const started = Date.now();
      const whenDrawn = () => {
        const drawn = document.querySelector('[data-testid="stMain"] h1')
          && !document.querySelector('[data-testid="stStatusWidget"]');
        if (drawn || Date.now() - started > 15000) redraw(); else setTimeout(whenDrawn, 100);
      };
      setTimeout(whenDrawn, 0);
    } catch (e) { /* a browser that refuses keeps its own language */ }
  }
  const h = w.history;
  const push = h.pushState.bind(h), replace = h.replaceState.bind(h);
  let asked = false;  // a user action since the last history entry
  const acted = (e) => { if (e.isTrusted) asked = true; };
  w.addEventListener("pointerdown", acted, true);
  w.addEventListener("keydown", acted, true);
  h.pushState = function (state, title, url) {
    if (asked) { asked = false; return push(state, title, url); }
    return replace(state, title, url);
  };
  document.addEventListener("click", (e) => {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const copy = t.closest("[data-nt-view]");
    if (copy) { copyLink(copy); return; }
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = t.closest("a[href]");
    if (!a || !a.closest('[data-testid="stMarkdownContainer"]')) return;
    if ((a.target && a.target !== "_self") || a.hasAttribute("download")) return;
    const url = new URL(a.getAttribute("href"), w.location.href);
    if (url.origin !== w.location.origin) return;
    const page = url.pathname.replace(/\\/+$/, "").split("/").pop();
    if (!pages.includes(page)) return;
    e.preventDefault();
    asked = false;
    push({}, "", url.pathname + url.search);
    w.dispatchEvent(new PopStateEvent("popstate", { state: {} }));
  }, true);
  function copyLink(button) {
    // the view's address as the app computed it, resolved against the app's root
    const root = w.location.pathname.replace(/[^/]*$/, "");
    const href = new URL(root + button.getAttribute("data-nt-view"), w.location.origin).toString();
    const done = () => {
      const label = button.querySelector("[data-nt-label]") || button;
      label.textContent = %(copied)s;
      button.setAttribute("data-nt-copied", href);
      setTimeout(() => { label.textContent = %(copy)s; }, 2500);
    };
    if (navigator.clipboard && w.isSecureContext) {
      navigator.clipboard.writeText(href).then(done, () => fallback(href, done));
    } else {
      fallback(href, done);
    }
  }
  function fallback(text, done) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    done();
  }
})();
</script>
"""

# On a touch screen there is no hover, and Streamlit shows the sidebar's fold button only on
# hover: show it always. Streamlit's own markup, so the selectors are its test ids.
_CSS = """
<style>
[data-testid="stSidebarCollapseButton"] { display: inline-flex !important; visibility: visible !important;
  opacity: 1 !important; }
[data-testid="stSidebarCollapseButton"] button { min-width: 2.5rem; min-height: 2.5rem; }
button.nt-copy { display: inline-flex; align-items: center; gap: 0.4rem; font: inherit; font-size: 0.95rem;
  padding: 0.35rem 0.75rem; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; background: #fff;
  color: #1A1A1A; cursor: pointer; min-height: 2.5rem; }
button.nt-copy:hover { border-color: #0072B2; color: #0072B2; }
</style>
"""


def install() -> None:
    """Install the script and the CSS (once per run: the browser keeps the script once per tab)."""
    st.html(_CSS)
    st.html(
        _SCRIPT % {
            "pages": json.dumps(sorted(set(URL_PATHS.values()))),
            "copy": json.dumps(COPY_LABEL),
            "copied": json.dumps(COPIED_LABEL),
        },
        unsafe_allow_javascript=True,
    )


def copy_link_button(view_url: str, container=None) -> None:
    """A "Kopiér link" button: copies the address of the view shown (page and every choice that
    makes the view: filters.view_url)."""
    from html import escape

    (container or st).html(
        f"<button class='nt-copy' type='button' data-nt-view='{escape(view_url)}' "
        "title='Kopiér adressen på denne visning'>"
        "<span data-nt-label>" + COPY_LABEL + "</span></button>"
    )
