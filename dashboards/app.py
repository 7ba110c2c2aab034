"""Entry point of the dashboard: page setup, navigation, shared sidebar filters, the warehouse
check and the banners (synthetic data, preparation mode).

Pages: Overblik (the board's overview), Indikator (the appendix format for one indicator),
Region (one region across all indicators), Data (the numbers behind the charts, downloadable),
Enheder (a region's municipalities, hospitals or sub-groups on one indicator), Metode (the
statistical methods) and Tilgængelighed (the accessibility statement).
"""

from __future__ import annotations

import streamlit as st

from dashboards import a11y, access, browser, data, filters, navigation, style, url_state
from dashboards.views import accessibility, data_table, indicator, method, overview, region, units

SYNTHETIC_BANNER = (
    "**SYNTETISKE DATA** – tallene er opdigtede demodata og må ikke bruges som faktiske nøgletal."
)
CONFIDENTIAL_BANNER = (
    "**FORTROLIGT** – forberedelsestilstand: tallene kan omfatte værdier under embargo, "
    "som endnu ikke er offentliggjort. Må ikke deles."
)

st.set_page_config(layout="wide", page_title="Nøgletal", page_icon=":material/monitoring:")

browser.install()
style.install()
a11y.install()
filters.keep_state()
linked = filters.linked_page()
PAGE_SPECS = {
    "overblik": (overview.render, "Overblik", ":material/dashboard:"),
    "indikator": (indicator.render, "Indikator", ":material/show_chart:"),
    "region": (region.render, "Region", ":material/map:"),
    "data": (data_table.render, "Data", ":material/table:"),
    "enheder": (units.render, "Enheder", ":material/account_tree:"),
    "metode": (method.render, "Metode", ":material/functions:"),
    "tilgaengelighed": (accessibility.render, "Tilgængelighed", ":material/accessibility:"),
}
pages = {
    key: st.Page(render, title=title, icon=icon, url_path=filters.URL_PATHS[key], default=key == "overblik")
    for key, (render, title, icon) in PAGE_SPECS.items()
}
navigation.set_pages(pages)
page = st.navigation(list(pages.values()))
page_key = next(key for key, p in pages.items() if p.title == page.title)
# Preparation mode shows figures under embargo: only to signed-in users on the allow-list. The
# gate stops the script (a Danish sign-in page) before anything reads the warehouse.
access_rules = access.gate() if data.audience() == data.FORTROLIG else None
if linked and page_key == "overblik":
    # a link to the root naming another page (/?indicator=...&period=2023K1) opens that page
    st.switch_page(pages[linked], query_params=st.query_params.to_dict())

st.sidebar.markdown("### Nøgletal for de nationale mål")

status = data.warehouse_status()
if not status.ok:
    if status.state == "missing":
        where = "databasen" if status.path.startswith("postgresql://") else "filen"
        st.error(f"Der er endnu intet datalager: {where} `{status.path}` kan ikke nås eller findes ikke.",
                 icon=":material/database:")
    elif status.state == "not_built":
        st.error(
            f"Datalageret `{status.path}` er ikke bygget (mangler: {status.detail}).", icon=":material/database:"
        )
    elif status.state == "busy":
        st.warning("Datalageret bliver bygget lige nu. Genindlæs siden om et øjeblik.", icon=":material/hourglass:")
        st.stop()
    else:
        st.error(f"Datalageret `{status.path}` kan ikke læses: {status.detail}", icon=":material/error:")
    st.markdown("Dan og byg syntetiske demodata og start dashboardet med:")
    st.code("noegletal demo", language="bash")
    st.markdown("eller indlæs rigtige filer og byg lageret:")
    st.code("noegletal load data/raw/<mappe>\nnoegletal build", language="bash")
    st.stop()

if data.audience() == data.FORTROLIG:
    st.error(CONFIDENTIAL_BANNER, icon=":material/lock:")
if data.has_synthetic_data():
    st.warning(SYNTHETIC_BANNER, icon=":material/warning:")

try:
    selection = filters.sidebar(page_key)
    navigation.set_selection(selection)
    if access_rules is not None:
        access.record_view(
            access_rules, page_key, indicator=selection.indicator_id, period=selection.period or selection.quarter or None,
            region=selection.region_id,
        )
    copy_slot = st.empty()  # filled once the page has run: the Data page's table is part of the view
    page.run()
    url_state.sync_query_params(selection)
    browser.copy_link_button(url_state.view_url(selection), copy_slot)
except data.WarehouseUnavailable:
    st.warning("Datalageret bliver bygget lige nu. Genindlæs siden om et øjeblik.", icon=":material/hourglass:")
