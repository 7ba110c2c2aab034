"""What the entry file hands to the pages: the page objects (to link between pages) and the
selection made in the shared sidebar filters. Kept in session state: module globals would be
shared by every browser session of the server."""

from __future__ import annotations

import streamlit as st

from dashboards.filters import Selection

_PAGES, _SELECTION = "nt_pages", "nt_selection_now"


def set_pages(pages: dict) -> None:
    st.session_state[_PAGES] = pages


def page(key: str):
    return st.session_state[_PAGES][key]


def set_selection(selection: Selection) -> None:
    st.session_state[_SELECTION] = selection


def selection() -> Selection:
    return st.session_state[_SELECTION]
