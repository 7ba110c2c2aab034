"""The words for an agreed target: "0 af 5 regioner når 90 pct." for the overview, "nået" /
"ikke nået" for a region. The numbers come from mart_target_attainment; this only words them."""

from __future__ import annotations

import polars as pl

from noegletal.formatting import format_value

MET, NOT_MET = "nået", "ikke nået"


def attainment_by_indicator(targets: pl.DataFrame) -> dict[str, dict]:
    """indicator_id -> the period's counts (n_regions_meeting_target, n_regions_assessed, target)."""
    out: dict[str, dict] = {}
    for row in targets.to_dicts():
        out.setdefault(row["indicator_id"], row)
    return out


def met_by_region(targets: pl.DataFrame) -> dict[tuple[str, str], bool | None]:
    """(indicator_id, region_id) -> target met (None: no value to judge)."""
    return {(r["indicator_id"], r["region_id"]): r["target_met"] for r in targets.to_dicts()}


def regions_meeting_text(counts: dict, unit: str, decimals: int) -> str:
    """'0 af 5 regioner når 90 pct.' ('1 af 5 regioner når …'; 'af 4' when a region has no value)."""
    target = format_value(counts["target"], unit, decimals)
    n, of = int(counts["n_regions_meeting_target"]), int(counts["n_regions_assessed"])
    verb = "når" if of else "har tal til at nå"
    return f"{n} af {of} {'region' if of == 1 else 'regioner'} {verb} {target}"


def met_text(met: bool | None) -> str | None:
    return None if met is None else (MET if met else NOT_MET)
