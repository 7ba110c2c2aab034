"""The indicator catalog and the regions, read from the dbt seeds (the one source of truth).

The same CSV files are loaded into the warehouse by `dbt seed`, so the loaders' validation and
the marts always agree on which indicators and regions exist.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from noegletal.config import SEEDS_DIR
from noegletal.periods import Period, parse_period


VALUE_SCALES = {"pct": 100.0, "pr. 1.000": 1_000.0, "pr. 100.000": 100_000.0, "dage": 1.0}


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    goal_area: int
    sort_order: int
    name_da: str
    unit: str
    decimals: int
    direction: str
    frequency: str
    source: str
    target: float | None
    target_note: str
    first_period: Period
    series_break: Period | None
    volume_label_da: str
    notes_da: str
    # The values the indicator can take (None: no bound); the loaders refuse a value outside.
    min_value: float | None = None
    max_value: float | None = None

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher_is_better"

    @property
    def is_percentage(self) -> bool:
        return self.unit == "pct"

    @property
    def value_scale(self) -> float | None:
        """value = numerator / denominator x scale; None where the unit is no such ratio (the
        dbt macro value_scale says the same)."""
        return VALUE_SCALES.get(self.unit)


@dataclass(frozen=True)
class Region:
    region_id: str
    name_da: str
    short_name_da: str
    dst_code: str
    sort_order: int
    is_region: bool


def _read(name: str, seeds_dir: Path = SEEDS_DIR) -> list[dict[str, str]]:
    with open(seeds_dir / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def goal_areas() -> dict[int, str]:
    return {int(r["goal_area"]): r["title_da"] for r in _read("goal_areas.csv")}


@cache
def indicators() -> dict[str, Indicator]:
    out = {}
    for r in _read("indicators.csv"):
        out[r["indicator_id"]] = Indicator(
            indicator_id=r["indicator_id"],
            goal_area=int(r["goal_area"]),
            sort_order=int(r["sort_order"]),
            name_da=r["name_da"],
            unit=r["unit"],
            decimals=int(r["decimals"]),
            direction=r["direction"],
            frequency=r["frequency"],
            source=r["source"],
            target=float(r["target"]) if r["target"] else None,
            target_note=r["target_note"],
            first_period=parse_period(r["first_period"]),
            series_break=parse_period(r["series_break"]) if r["series_break"] else None,
            volume_label_da=r["volume_label_da"],
            notes_da=r["notes_da"],
            min_value=float(r["min_value"]) if r.get("min_value") else None,
            max_value=float(r["max_value"]) if r.get("max_value") else None,
        )
    return out


@cache
def regions() -> dict[str, Region]:
    return {
        r["region_id"]: Region(
            region_id=r["region_id"],
            name_da=r["name_da"],
            short_name_da=r["short_name_da"],
            dst_code=r["dst_code"],
            sort_order=int(r["sort_order"]),
            is_region=r["is_region"] == "true",
        )
        for r in _read("regions.csv")
    }


@cache
def _region_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for reg in regions().values():
        for alias in (reg.region_id, reg.name_da, reg.short_name_da, reg.dst_code, str(int(reg.dst_code))):
            aliases[_fold(alias)] = reg.region_id
    return aliases


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def resolve_region(text: object) -> str | None:
    """Region id for an id, a Danish name ("Region Sjælland", "Hele landet") or a DST code (000, 081-085)."""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return _region_aliases().get(_fold(str(text)))


@cache
def themes() -> dict[str, str]:
    """The board item's theme of an indicator ("Udredningsret", "Ventetid"; seed indicator_themes.csv);
    an indicator without one is its own theme."""
    return {r["indicator_id"]: r["theme_da"] for r in _read("indicator_themes.csv")}


def suspensions() -> list[dict[str, str]]:
    """Periods in which a patient right was suspended (values exist but are flagged)."""
    return _read("indicator_suspensions.csv")


# --- units below the regions: the 98 municipalities and the user's hospitals / sub-groups ------

MUNICIPALITY_PREFIX = "kommune_"


@dataclass(frozen=True)
class Unit:
    unit_id: str  # 'kommune_101' for a municipality, the seed's unit_id otherwise
    name_da: str
    unit_type: str  # 'kommune', 'hospital' or 'subgroup'
    region_id: str
    dst_code: str | None = None  # municipalities only


@cache
def units() -> dict[str, Unit]:
    """Every unit a value may be given for: municipalities (municipalities.csv, fixed) and
    hospitals and sub-groups (units.csv, maintained by the user), by unit id."""
    out: dict[str, Unit] = {}
    for r in _read("municipalities.csv"):
        unit = Unit(MUNICIPALITY_PREFIX + r["dst_code"], r["name_da"], "kommune", r["region_id"], r["dst_code"])
        out[unit.unit_id] = unit
    for r in _read("units.csv"):
        out[r["unit_id"]] = Unit(r["unit_id"], r["name_da"], r["unit_type"], r["region_id"])
    return out


@cache
def _unit_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for unit in units().values():
        names = [unit.unit_id, unit.name_da]
        if unit.dst_code is not None:
            code = unit.dst_code
            # 101, 0101, "København", "København Kommune", "Københavns Kommune", "kommune_101"
            names += [code, code.zfill(4), f"{unit.name_da} Kommune", f"{unit.name_da}s Kommune"]
        for alias in names:
            aliases.setdefault(_fold(alias), unit.unit_id)
    return aliases


def resolve_unit(text: object) -> Unit | None:
    """The unit for a municipality's name or Danmarks Statistik code (101, 'København',
    'Københavns Kommune', 'kommune_101'), or a hospital's or sub-group's unit id or name."""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    unit_id = _unit_aliases().get(_fold(str(text)))
    return units()[unit_id] if unit_id else None
