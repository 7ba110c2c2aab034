"""Deep links between the pages (relative hrefs for the HTML tables: each page at its own path,
as the sidebar opens it; see dashboards/filters.py for the query parameters)."""

from __future__ import annotations

from urllib.parse import urlencode


def indicator_link(indicator_id: str, period: str | None = None, region_id: str | None = None) -> str:
    params = {"page": "indikator", "indicator": indicator_id}
    if period:
        params["period"] = period
    if region_id:
        params["region"] = region_id
    return "indikator?" + urlencode(params)


def region_link(region_id: str, quarter: str | None = None) -> str:
    """The Region page; `quarter` carries the overview's chosen quarter (a URL without one means
    the latest, so a link that left it out would drop the reader's choice)."""
    params = {"page": "region", "region": region_id}
    if quarter:
        params["quarter"] = quarter
    return "regioner?" + urlencode(params)


def units_link(indicator_id: str, period: str, region_id: str) -> str:
    return "enheder?" + urlencode({"page": "enheder", "indicator": indicator_id, "period": period, "region": region_id})
