"""Entry point of the dashboard: page setup, navigation, the warehouse check and the synthetic-data banner."""

from __future__ import annotations

import streamlit as st

from dashboards import data
from dashboards.pages import indicator

SYNTHETIC_BANNER = (
    "**SYNTETISKE DATA** – tallene er opdigtede demodata og må ikke bruges som faktiske nøgletal."
)
CONFIDENTIAL_BANNER = (
    "**FORTROLIGT** – forberedelsestilstand: tallene kan omfatte værdier under embargo, "
    "som endnu ikke er offentliggjort. Må ikke deles."
)

st.set_page_config(layout="wide", page_title="Nøgletal", page_icon=":material/monitoring:")

page = st.navigation(
    [
        st.Page(indicator.render, title="Indikator", icon=":material/show_chart:", url_path="indikator", default=True),
    ]
)

st.sidebar.markdown("### Nøgletal for de nationale mål")

status = data.warehouse_status()
if not status.ok:
    if status.state == "missing":
        st.error(f"Der er endnu intet datalager: filen `{status.path}` findes ikke.", icon=":material/database:")
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
    page.run()
except data.WarehouseUnavailable:
    st.warning("Datalageret bliver bygget lige nu. Genindlæs siden om et øjeblik.", icon=":material/hourglass:")
