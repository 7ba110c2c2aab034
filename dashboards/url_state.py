"""The view written to the URL: the query parameters that make it, written once per change (one
browser history entry per view), and the address the "Kopiér link" button copies. Reading a link
into the filters is dashboards/filters.read_link."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from dashboards.filters import DATA_TABLE, DATA_TABLES, LINKED, ONLY_UPDATED, SYNCED, URL_PATHS, Selection


def view_params(selection: Selection) -> dict[str, str]:
    """The query parameters that make the view: page, indicator, period, region; the quarter on
    the overview and the Region page, the presentation on the overview, the table on Data."""
    state = st.session_state
    wanted = {"page": selection.page}
    if selection.indicator_id and selection.page not in ("overblik", "region"):
        wanted["indicator"] = selection.indicator_id
    if selection.period and selection.page not in ("overblik", "region"):
        wanted["period"] = selection.period
    if selection.region_id:
        wanted["region"] = selection.region_id
    if selection.quarter and selection.page in ("overblik", "region"):
        wanted["quarter"] = selection.quarter
    if selection.since and selection.page == "overblik":
        wanted["since"] = selection.since.isoformat()
    if selection.page == "overblik" and selection.since and state.get(ONLY_UPDATED):
        wanted["updated"] = "1"
    if selection.page == "data" and state.get(DATA_TABLE) in DATA_TABLES and state[DATA_TABLE] != DATA_TABLES[0]:
        wanted["table"] = state[DATA_TABLE]
    return wanted


def sync_query_params(selection: Selection) -> None:
    """Write the view to the URL in one message (each message is a browser history entry in
    Streamlit's frontend), and only when it changed."""
    state, wanted, now = st.session_state, view_params(selection), st.query_params.to_dict()
    state[LINKED] = True  # the run that read the deep link has finished (read_link)
    if SYNCED not in state:
        # the first run of a tab: the browser script that keeps one history entry per view is
        # not running yet, so a write now would add an entry; the URL keeps what the link said
        # (the "Kopiér link" button copies the full view either way)
        state[SYNCED] = now
        return
    if now != wanted:
        st.query_params.from_dict(wanted)
    state[SYNCED] = wanted


def view_url(selection: Selection) -> str:
    """The address of the view, relative to the app's root: 'indikator?page=indikator&...'."""
    return URL_PATHS[selection.page] + "?" + urlencode(view_params(selection))
