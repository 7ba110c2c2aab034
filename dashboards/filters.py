"""The sidebar filters the pages share: kept in session state across pages and in the URL.
(Over 400 lines on purpose: the widgets and the reading of a link set the same session keys
under the same rules, and split apart they drifted; writing the URL is dashboards/url_state.py.)

The URL query string holds the page, indicator, period and region (and the presentation the
overview compares with), so a link in a board paper opens the same view:
/?indicator=udredningsret_somatik&period=2023K1&region=syddanmark opens the indicator page,
/?page=region&region=nordjylland the region page, /?page=overblik&period=2022K4 the overview,
/?page=enheder&region=nordjylland&indicator=udredningsret_somatik&period=2023K1 the region's units
(Enheder: only indicators with unit data), /?page=metode the methods.

Widgets keep their values when the user moves between pages: Streamlit forgets the state of a
widget not drawn on the current page, unless the key is reassigned at the top of every run
(`keep_state`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboards import data
from noegletal import catalog
from noegletal.formatting import NO_DATA, format_date, period_long_label
from noegletal.periods import PeriodError, parse_period
from noegletal.safe_text import quoted

# session-state keys of the sidebar widgets
AREA, INDICATOR, PERIOD, REGION = "nt_goal_area", "nt_indicator", "nt_period", "nt_region"
QUARTER, SINCE = "nt_quarter", "nt_since"
ONLY_UPDATED = "nt_only_updated"  # the overview's "Kun opdaterede"
KEYS = (AREA, INDICATOR, PERIOD, REGION, QUARTER, SINCE, "nt_dataset", ONLY_UPDATED)
LINKED = "nt_linked"  # set once a run that read the deep link of the session has finished
SYNCED = "nt_synced_params"  # the query parameters the app wrote last
DATA_TABLE = "nt_dataset"  # the Data page's table (its radio's key)
DATA_TABLES = ("values", "level", "distance", "overview")
START_PAGE = "nt_start_page"
NOTICES = "nt_link_notices"  # notices about the link, shown by the page that reads it
NO_REGION = ""
LATEST = ""  # the overview's "seneste": every indicator's latest period

PAGES = ("overblik", "indikator", "region", "data", "enheder", "metode", "tilgaengelighed")
# the pages' own paths (/regioner, not /region: a path equal to a query-parameter name confuses
# Streamlit's page routing on reruns)
URL_PATHS = {
    "overblik": "overblik", "indikator": "indikator", "region": "regioner", "data": "data",
    "enheder": "enheder", "metode": "metode", "tilgaengelighed": "tilgaengelighed",
}


@dataclass(frozen=True)
class Selection:
    page: str
    indicator_id: str | None = None
    period: str | None = None  # the indicator's period (indikator, data)
    region_id: str | None = None
    quarter: str = LATEST  # the overview's quarter (overblik, region)
    since: date | None = None  # "opdateret" since this presentation date
    presented: bool = False  # `since` is a registered board presentation (not a date picked by hand)


def keep_state() -> None:
    """Keep every filter's value when its widget is not drawn on the page now shown."""
    for key in KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def linked_page() -> str | None:
    """The page a link to the root asks for (?page=..., or the indicator page for ?indicator=...);
    None when the link names no other page.

    The overview is always the root page: Streamlit serves the default page only at "/", so a
    link to the root naming another page switches to that page's own path (/indikator?...).

    On every run, not only the session's first: after the switch Streamlit's frontend may ask for
    one more run of the root URL it was opened at (seen on a deep link opened in a tab that showed
    the dashboard before), and that run must switch again rather than show the overview with the
    link's period taken for its quarter. The app never writes such a URL itself (the overview's
    own URLs name page=overblik), so a root URL naming another page is always a link."""
    state, params = st.session_state, st.query_params
    first = START_PAGE not in state
    state[START_PAGE] = True
    wanted = params.get("page")
    if wanted and wanted not in PAGES and first:
        _link_notice(f"Ukendt side i linket: {quoted(wanted)}.")
    if wanted not in PAGES:
        wanted = "indikator" if params.get("indicator") else None
    return None if wanted == "overblik" else wanted


def read_link(page: str) -> None:
    """Take the filters from the URL when it is not the one the app wrote last: the first run of
    a session (a deep link), a link followed inside the app, or the browser's Back and Forward
    buttons. A parameter the URL does not give takes its default, so Back restores the view
    exactly. This is the one place a link's values are checked: a value that names no indicator,
    region, period or date is not used, and a short notice says so (quoting at most a short,
    escaped piece of it: text from a URL is never rendered as Markdown or HTML)."""
    state, params = st.session_state, st.query_params.to_dict()
    if state.get(SYNCED) == params:
        return
    # the link counts as read once a run that read it has finished (url_state.sync_query_params):
    # a run stopped half-way by the next (Streamlit's frontend may ask for another run of a deep link
    # right after the switch from the root) must not leave the next run taking the link for a
    # click in the sidebar and showing the default indicator
    first = LINKED not in state
    if not first and "page" not in params:
        # a click in the sidebar's navigation opens the page without parameters: the page keeps
        # the session's choices (every URL the app writes names its page)
        return
    _read_choices(params, page, first)
    _read_periods(params, page, first)
    _read_page_options(params, page, first)
    for notice in state.pop(NOTICES, []):
        st.toast(notice, icon=":material/link_off:", duration="long")


def _read_choices(params: dict, page: str, first: bool) -> None:
    """The link's indicator, region and presentation date, each checked against what exists."""
    state = st.session_state
    if params.get("indicator"):
        if params["indicator"] in set(data.indicator_list()["indicator_id"].to_list()):
            state[INDICATOR] = params["indicator"]
        else:
            _link_notice(f"Ukendt indikator i linket: {quoted(params['indicator'])}.")
    elif not first and page in ("indikator", "data"):
        state[INDICATOR] = None  # the page's default
    if params.get("region"):
        if params["region"] in region_names():
            state[REGION] = params["region"]
        else:
            _link_notice(f"Ukendt region i linket: {quoted(params['region'])}.")
    elif not first and page in ("indikator", "data"):
        state[REGION] = NO_REGION
    if params.get("since"):
        if _parse_date(params["since"]) is not None:
            state[SINCE] = params["since"]
        else:
            _link_notice(f"Ugyldig dato i linket: {quoted(params['since'])} (skrives fx 2023-03-15).")
    elif not first and page == "overblik":
        state.pop(SINCE, None)


def _read_periods(params: dict, page: str, first: bool) -> None:
    """The overview's and the Region page's quarter, and the other pages' period."""
    state = st.session_state
    # the overview's and the Region page's quarter: ?quarter=, or ?period= as in older links
    quarter = params.get("quarter") or (params.get("period") if page in ("overblik", "region") else None)
    if quarter:
        code = _period_code(quarter)
        if code:
            state[QUARTER] = code
    elif not first and page in ("overblik", "region"):
        state[QUARTER] = LATEST
    if params.get("period") and page not in ("overblik", "region"):
        code = _period_code(params["period"])
        if code:
            state[PERIOD] = code
    elif not first and page in ("indikator", "data", "enheder"):
        state[PERIOD] = None


def _read_page_options(params: dict, page: str, first: bool) -> None:
    """The overview's "Kun opdaterede" and the Data page's table."""
    state = st.session_state
    if page == "overblik" and (params.get("updated") == "1" or not first):
        state[ONLY_UPDATED] = params.get("updated") == "1"
    if page == "data":
        if params.get("table") in DATA_TABLES:
            state[DATA_TABLE] = params["table"]
        elif not first:
            state[DATA_TABLE] = DATA_TABLES[0]


def _period_code(text: str) -> str | None:
    try:
        return parse_period(text).code
    except PeriodError:
        _link_notice(f"Ugyldig periode i linket: {quoted(text)} (skrives fx 2023K1 eller 2022).")
        return None


def _link_notice(text: str) -> None:
    """Keep a notice about the link until the page that reads it runs (a link to the root may
    switch pages first, which would drop a toast shown now)."""
    st.session_state.setdefault(NOTICES, []).append(text)


def open_indicator(page_object, indicator_id: str, period: str | None, region_id: str | None) -> None:
    """Go to the indicator page showing this indicator, period and region."""
    state = st.session_state
    indicators = {row["indicator_id"]: row for row in data.indicator_list().to_dicts()}
    if indicator_id not in indicators:
        return
    state[INDICATOR] = indicator_id
    state[AREA] = indicators[indicator_id]["goal_area"]
    state[PERIOD] = period
    params = {"page": "indikator", "indicator": indicator_id}
    if period:
        params["period"] = period
    if region_id:
        params["region"] = region_id
    st.switch_page(page_object, query_params=params)


def open_units(page_object, indicator_id: str, period: str | None, region_id: str) -> None:
    """Go to the units page (Enheder) showing this indicator, period and region (the region filter
    is shared with the page it is called from, so the region is already chosen)."""
    state = st.session_state
    state[INDICATOR] = indicator_id
    state[PERIOD] = period
    params = {"page": "enheder", "indicator": indicator_id, "region": region_id}
    if period:
        params["period"] = period
    st.switch_page(page_object, query_params=params)


def unit_periods(coverage, indicator_id: str) -> list[str]:
    """The periods with unit values for the indicator, newest first (from data.unit_coverage())."""
    rows = coverage.filter(indicator_id=indicator_id).sort("period_start", descending=True)
    return list(dict.fromkeys(rows["period"].to_list()))


def region_names() -> dict[str, str]:
    return {r.region_id: r.short_name_da for r in sorted(catalog.regions().values(), key=lambda r: r.sort_order)}


def five_regions() -> dict[str, str]:
    return {r: n for r, n in region_names().items() if r != "hele_landet"}


# --- the filters of each page -------------------------------------------------------------


def sidebar(page: str) -> Selection:
    """Draw the page's filters in the sidebar (the app writes the selection to the URL once the
    page has run: sync_query_params)."""
    read_link(page)
    if page == "overblik":
        since = _since_filter()
        presented = since is not None and not data.presentations().is_empty()
        selection = Selection(page, quarter=_quarter_filter(), since=since, presented=presented)
    elif page == "region":
        region = _region_filter(required=True)
        selection = Selection(page, region_id=region, quarter=_quarter_filter())
    elif page == "enheder":
        region = _region_filter(required=True)
        indicator_id, period = _unit_filters()
        selection = Selection(page, indicator_id=indicator_id, period=period, region_id=region)
    elif page in ("indikator", "data"):
        indicator_id, period = _indicator_filters()
        region = _region_filter(required=False, page=page)
        selection = Selection(page, indicator_id=indicator_id, period=period, region_id=region)
    else:
        selection = Selection(page)
    return selection


def _indicator_filters() -> tuple[str | None, str | None]:
    state = st.session_state
    indicator_list = data.indicator_list()
    if indicator_list.is_empty():
        return None, None
    indicators = {row["indicator_id"]: row for row in indicator_list.to_dicts()}
    latest = {row["indicator_id"]: row["latest_period"] for row in data.latest_periods().to_dicts()}
    areas = {row["goal_area"]: row["goal_area_title_da"] for row in indicators.values()}

    def first_of(area: int) -> str:
        ids = [i for i, row in indicators.items() if row["goal_area"] == area]
        return next((i for i in ids if i in latest), ids[0])

    if state.get(INDICATOR) not in indicators:
        state[INDICATOR] = next((i for i in indicators if i in latest), next(iter(indicators)))
        state[AREA] = indicators[state[INDICATOR]]["goal_area"]
    if state.get(AREA) != indicators[state[INDICATOR]]["goal_area"]:
        state[AREA] = indicators[state[INDICATOR]]["goal_area"]

    def area_changed() -> None:
        state[INDICATOR] = first_of(state[AREA])
        state[PERIOD] = None

    def indicator_changed() -> None:
        state[PERIOD] = None

    with st.sidebar:
        st.selectbox(
            "Målområde", list(areas), key=AREA, format_func=lambda a: f"{a}. {areas[a]}", on_change=area_changed,
        )
        st.selectbox(
            "Indikator",
            [i for i, row in indicators.items() if row["goal_area"] == state[AREA]],
            key=INDICATOR,
            format_func=lambda i: indicators[i]["name_da"] + ("" if i in latest else f" ({NO_DATA})"),
            on_change=indicator_changed,
        )
        indicator_id = state[INDICATOR]
        periods = data.indicator_periods(indicator_id)["period"].to_list() if indicator_id in latest else []
        if periods:
            if state.get(PERIOD) not in periods:
                if state.get(PERIOD):
                    st.toast(
                        f"Ingen data for {period_long_label(state[PERIOD])} – viser seneste periode.",
                        icon=":material/info:",
                    )
                state[PERIOD] = periods[0]
            st.selectbox("Periode", periods, key=PERIOD, format_func=period_long_label)
        else:
            state[PERIOD] = None
            st.selectbox("Periode", [NO_DATA], disabled=True)
    return indicator_id, state[PERIOD]


def _unit_filters() -> tuple[str | None, str | None]:
    """The units page: only indicators with unit data (catalog order) and their periods with units."""
    state = st.session_state
    coverage = data.unit_coverage()
    indicators = {row["indicator_id"]: row for row in data.indicator_list().to_dicts()}
    with_units = set(coverage["indicator_id"].to_list())
    ids = [i for i in indicators if i in with_units]
    if not ids:
        with st.sidebar:
            st.selectbox("Indikator", [NO_DATA], disabled=True)
        return None, None
    if state.get(INDICATOR) not in ids:
        state[INDICATOR] = ids[0]
    state[AREA] = indicators[state[INDICATOR]]["goal_area"]

    def indicator_changed() -> None:
        state[PERIOD] = None

    with st.sidebar:
        st.selectbox(
            "Indikator", ids, key=INDICATOR, format_func=lambda i: indicators[i]["name_da"], on_change=indicator_changed,
        )
        periods = unit_periods(coverage, state[INDICATOR])
        if state.get(PERIOD) not in periods:
            state[PERIOD] = periods[0]
        st.selectbox("Periode", periods, key=PERIOD, format_func=period_long_label)
    return state[INDICATOR], state[PERIOD]


def _region_filter(required: bool, page: str = "") -> str | None:
    state = st.session_state
    names = five_regions() if required else {NO_REGION: "Ingen", **region_names()}
    if state.get(REGION) not in names:
        if state.get(REGION):  # a region of the link this page cannot show (hele landet)
            shown = region_names().get(state[REGION], "Regionen")
            st.toast(f"{shown} kan ikke vælges her – viser {next(iter(names.values()))}.", icon=":material/info:")
        state[REGION] = next(iter(names))
    with st.sidebar:
        label = "Region" if required else "Fremhæv region"
        st.selectbox(label, list(names), key=REGION, format_func=names.get)
    return state[REGION] or None


def _quarter_filter() -> str:
    state = st.session_state
    quarters = [LATEST, *data.overview_periods()]
    if state.get(QUARTER) not in quarters:
        if state.get(QUARTER):
            st.toast(f"Ingen data for {period_long_label(state[QUARTER])} – viser seneste.", icon=":material/info:")
        state[QUARTER] = LATEST
    with st.sidebar:
        st.selectbox(
            "Kvartal", quarters, key=QUARTER,
            format_func=lambda q: "Seneste tal" if q == LATEST else period_long_label(q),
            help="Hver indikator vises med sin seneste periode, der er afsluttet ved kvartalets udgang.",
        )
    return state[QUARTER]


def _since_filter() -> date | None:
    """The presentation the "opdateret" marks compare with: the latest on record by default."""
    state = st.session_state
    presented = data.presentations()
    with st.sidebar:
        if presented.is_empty():
            if isinstance(state.get(SINCE), str):
                state[SINCE] = _parse_date(state[SINCE])
            default = {} if SINCE in state else {"value": None}
            chosen = st.date_input("Opdateret siden", key=SINCE, format="DD.MM.YYYY", **default)
            st.caption("Der er endnu ikke registreret et bestyrelsesmøde: vælg en dato.")
            return chosen
        options = [d.isoformat() for d in presented["presented_on"].to_list()]
        notes = {d.isoformat(): n for d, n in zip(presented["presented_on"].to_list(), presented["note"].to_list())}
        if isinstance(state.get(SINCE), date):
            state[SINCE] = state[SINCE].isoformat()
        if state.get(SINCE) not in options:
            if state.get(SINCE):
                st.toast(f"Ingen bestyrelsespræsentation den {format_date(date.fromisoformat(state[SINCE]))} – "
                         "viser den seneste.", icon=":material/info:")
            state[SINCE] = options[0]
        st.selectbox(
            "Opdateret siden præsentationen", options, key=SINCE,
            format_func=lambda d: format_date(date.fromisoformat(d)) + (f" – {notes[d]}" if notes.get(d) else ""),
            help="Indikatorer med tal offentliggjort efter denne bestyrelsespræsentation står med fed og »opdateret«.",
        )
    return date.fromisoformat(state[SINCE])


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
