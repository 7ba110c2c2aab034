"""Synthetic, seeded demo data in the canonical CSV format, one file per publisher.

Every series (indicator x region) is simulated from its own numpy Generator, seeded from a stable
hash of (seed, indicator, region), over a fixed horizon up to 2100 and then cut at `until`. So the
same seed always gives the same bytes, and moving `until` forward never changes earlier values;
only the provisional markup of the latest kræftpakke quarter moves along.

With `units=True` two more files hold values below the regions (`demo_kommuner.csv`: the 98
municipalities for the readmission and preventable-admission indicators; `demo_sygehuse.csv`:
the hospitals of `units.csv` for udredningsret and ventetid). Each region's numerator and
denominator are split exactly over its units, so the units add up to the region's figure. The
hospitals of units.csv are taken to cover their region between them: a simplification (real
regions also have psychiatric centres and private hospitals) that keeps the demo consistent.

Levels follow the board item of June 2023 (udredningsret, ventetid, kræftpakker, middellevetid,
genindlæggelser ...). Levels, offsets and noise live in a transformed space (logit for
percentages, log for positive quantities), so values always stay in range.

This module writes the files; the series come from `noegletal.demo_series` (regions and the
country, with the parameters of `noegletal.demo_profiles`) and `noegletal.demo_units`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from noegletal import catalog
# Re-exported: the tests, bench/ and the command line use the generator's parts from here.
from noegletal.demo_profiles import DEMO_PROFILES, POPULATION, DemoProfile, default_profile, profile_for  # noqa: F401
from noegletal.demo_series import (  # noqa: F401
    HORIZON_YEAR, Simulated, indicator_rows, last_periods, published_at, published_decimals, scale_of, simulate,
)
from noegletal.demo_units import (  # noqa: F401
    KOMMUNE_INDICATORS, SYGEHUS_INDICATORS, unit_rows, unit_weights,
)
from noegletal.periods import Period

HEADER = (
    "indicator_id", "region", "period", "value", "numerator", "denominator",
    "provisional", "published_at", "synthetic",
)
FILE_PREFIX = "demo_"
KOMMUNE_FILE = f"{FILE_PREFIX}kommuner.csv"
SYGEHUS_FILE = f"{FILE_PREFIX}sygehuse.csv"
UNIT_HEADER = (
    "indicator_id", "region", "unit", "period", "value", "numerator", "denominator",
    "provisional", "published_at", "synthetic",
)

def slug(text: str) -> str:
    """File-name slug: 'Dansk Hjertestopregister' -> 'dansk_hjertestopregister'."""
    folded = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def generate(out_dir: Path, seed: int = 2023, until: Period | None = None, units: bool = False) -> list[Path]:
    """Write the demo data set (one CSV per publisher, and with `units` the municipality and
    hospital files) to out_dir and return the files written."""
    last_quarter, last_year = last_periods(until)
    if last_quarter.year > HORIZON_YEAR:
        raise ValueError(f"until must be in {HORIZON_YEAR} or earlier")
    by_source: dict[str, list[list[str]]] = {}
    ordered = sorted(catalog.indicators().values(), key=lambda ind: (ind.goal_area, ind.sort_order))
    for indicator in ordered:
        last = last_quarter if indicator.frequency == "quarter" else last_year
        by_source.setdefault(indicator.source, []).extend(indicator_rows(indicator, seed, last))

    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(f"{FILE_PREFIX}*.csv"):
        stale.unlink()
    written = []
    for source, rows in sorted(by_source.items(), key=lambda item: slug(item[0])):
        if not rows:  # the loader refuses a file without data rows
            continue
        path = out_dir / f"{FILE_PREFIX}{slug(source)}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
        written.append(path)
    if units:
        written.extend(generate_units(out_dir, seed, last_quarter, last_year))
    return written


def generate_units(out_dir: Path, seed: int, last_quarter: Period, last_year: Period) -> list[Path]:
    """Write demo_kommuner.csv and demo_sygehuse.csv (see the module docstring)."""
    all_units = list(catalog.units().values())
    kommuner = [u for u in all_units if u.unit_type == "kommune"]
    sygehuse = [u for u in all_units if u.unit_type == "hospital"]
    written = []
    for name, ids, members in (
        (KOMMUNE_FILE, KOMMUNE_INDICATORS, kommuner),
        (SYGEHUS_FILE, SYGEHUS_INDICATORS, sygehuse),
    ):
        weights = unit_weights(members, seed)
        rows: list[list[str]] = []
        for indicator_id in ids:
            indicator = catalog.indicators()[indicator_id]
            last = last_quarter if indicator.frequency == "quarter" else last_year
            rows.extend(unit_rows(indicator, seed, last, members, weights))
        if not rows or not members:
            continue
        path = out_dir / name
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(UNIT_HEADER)
            writer.writerows(rows)
        written.append(path)
    return written
