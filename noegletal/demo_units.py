"""The demo data below the regions: municipalities and hospitals whose numerators and
denominators add up exactly to their region's (see `noegletal.demo` for the files).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from noegletal import catalog
from noegletal.catalog import Indicator
from noegletal.demo_series import _rng, indicator_rows, published_decimals, scale_of
from noegletal.periods import Period

KOMMUNE_INDICATORS = ("genindlaeggelser_somatik", "genindlaeggelser_psykiatri", "forebyggelige_indlaeggelser_aeldre")
SYGEHUS_INDICATORS = (
    "udredningsret_somatik", "udredningsret_bup", "udredningsret_voksenpsykiatri",
    "ventetid_somatik", "ventetid_bup", "ventetid_voksenpsykiatri",
)
UNIT_SPREAD = 0.12  # sd of a unit's persistent relative difference from its region's rate
UNIT_VOLUME_NOISE = 0.05  # period-to-period variation of a unit's share of its region's volume
HOSPITAL_SIZE_SPREAD = 0.5  # sd of log hospital size (hospitals' shares of their region)

# Inhabitants per municipality in thousands (about 2022, rounded): the municipalities' shares of
# their region's volume. Approximate on purpose; the figures are synthetic.
KOMMUNE_POPULATION: dict[str, int] = {
    "101": 653, "147": 104, "151": 49, "153": 36, "155": 14, "157": 75, "159": 70, "161": 23,
    "163": 29, "165": 28, "167": 54, "169": 51, "173": 57, "175": 41, "183": 24, "185": 44,
    "187": 17, "190": 41, "201": 26, "210": 41, "217": 63, "219": 51, "223": 25, "230": 57,
    "240": 44, "250": 46, "260": 31, "270": 41, "400": 39,
    "253": 51, "259": 61, "265": 90, "269": 23, "306": 33, "316": 72, "320": 37, "326": 48,
    "329": 35, "330": 79, "336": 23, "340": 30, "350": 29, "360": 40, "370": 83, "376": 60, "390": 45,
    "410": 39, "420": 41, "430": 51, "440": 24, "450": 32, "461": 206, "479": 59, "480": 29,
    "482": 12, "492": 6, "510": 55, "530": 27, "540": 74, "550": 37, "561": 115, "563": 3,
    "573": 50, "575": 43, "580": 59, "607": 52, "621": 94, "630": 121,
    "615": 96, "657": 90, "661": 59, "665": 20, "671": 21, "706": 43, "707": 37, "710": 49,
    "727": 23, "730": 99, "740": 97, "741": 4, "746": 64, "751": 361, "756": 42, "760": 56,
    "766": 47, "779": 46, "791": 97,
    "773": 20, "787": 43, "810": 36, "813": 59, "820": 36, "825": 2, "840": 30, "846": 42,
    "849": 38, "851": 221, "860": 64,
}


def unit_weights(units: list[catalog.Unit], seed: int) -> dict[str, float]:
    """Each unit's share of its region's volume: inhabitants for a municipality, a drawn size otherwise."""
    return {
        u.unit_id: float(KOMMUNE_POPULATION[u.dst_code]) if u.unit_type == "kommune"
        else math.exp(HOSPITAL_SIZE_SPREAD * float(_rng(seed, "hospital size", u.unit_id).standard_normal()))
        for u in units
    }


def unit_rows(indicator: Indicator, seed: int, last: Period, units: list[catalog.Unit],
              weights: Mapping[str, float]) -> list[list[str]]:
    """Unit rows whose numerators and denominators add up exactly to each region's row.

    A region's denominator is split over its units by their weights (with a little noise per
    period); each unit's numerator is drawn (binomial for shares, Poisson otherwise) around the
    region's ratio times a persistent unit effect, so small units scatter more, as real ones do,
    and then moved by whole counts until the numerators sum to the region's exactly."""
    scale = scale_of(indicator.unit)
    effects = {
        u.unit_id: math.exp(UNIT_SPREAD * float(_rng(seed, indicator.indicator_id, u.unit_id, "effect").standard_normal()))
        for u in units
    }
    out: list[list[str]] = []
    for row in indicator_rows(indicator, seed, last):
        region_id, period_code, numerator, denominator = row[1], row[2], row[4], row[5]
        members = [u for u in units if u.region_id == region_id]
        if not members or not numerator or not denominator:
            continue
        rng = _rng(seed, indicator.indicator_id, region_id, period_code, "units")
        shares = np.array([weights[u.unit_id] for u in members]) * np.exp(
            UNIT_VOLUME_NOISE * rng.standard_normal(len(members)))
        dens = _split_exactly(int(denominator), shares)
        effect = np.array([effects[u.unit_id] for u in members])
        region_ratio = int(numerator) / int(denominator)
        if indicator.is_percentage:  # the unit effect works on the logit scale: shares stay in 0-1
            odds = region_ratio / max(1.0 - region_ratio, 1e-9) * effect
            nums = rng.binomial(dens, odds / (1.0 + odds))
            caps = dens
        else:
            nums = rng.poisson(dens * region_ratio * effect)
            caps = np.full(len(members), np.iinfo(np.int64).max // 4)
        nums = _fit_total(nums, caps, int(numerator), dens.astype(float), rng)
        for unit, num, den in zip(members, nums, dens):
            value = num / den * scale
            out.append([
                indicator.indicator_id, region_id, unit.name_da if unit.unit_type == "kommune" else unit.unit_id,
                period_code, f"{value:.{published_decimals(indicator)}f}", str(int(num)), str(int(den)), *row[6:],
            ])
    return out


def _fit_total(nums: np.ndarray, caps: np.ndarray, total: int, weights: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
    """nums moved by whole counts (spread by weights, within 0..caps) until they sum to total."""
    nums = nums.astype(np.int64)
    while (diff := total - int(nums.sum())) != 0:
        room = caps - nums if diff > 0 else nums
        w = weights * (room > 0)
        step = np.minimum(rng.multinomial(abs(diff), w / w.sum()), room)
        nums = nums + (step if diff > 0 else -step)
    return nums


def _split_exactly(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers >= 1 proportional to weights that sum to total (largest remainder)."""
    n = len(weights)
    if total < n:
        raise ValueError(f"cannot split {total} over {n} units")
    ideal = (total - n) * weights / weights.sum()
    parts = np.floor(ideal).astype(np.int64)
    remainder = total - n - int(parts.sum())
    parts[np.argsort(-(ideal - parts), kind="stable")[:remainder]] += 1
    return parts + 1
