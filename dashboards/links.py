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


def region_link(region_id: str) -> str:
    return "regioner?" + urlencode({"page": "region", "region": region_id})


def units_link(indicator_id: str, period: str, region_id: str) -> str:
    return "enheder?" + urlencode({"page": "enheder", "indicator": indicator_id, "period": period, "region": region_id})
