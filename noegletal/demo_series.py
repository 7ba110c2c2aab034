"""The synthetic series of the demo data, per indicator and region, as canonical CSV rows.

Every series (indicator x region) is simulated from its own numpy Generator, seeded from a stable
hash of (seed, indicator, region), over a fixed horizon up to 2100 and then cut at `until`. Levels,
offsets and noise live in a transformed space (logit for percentages, log for positive
quantities), so values always stay in range. `noegletal.demo` writes the rows to files.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from noegletal import catalog
from noegletal.catalog import Indicator
from noegletal.demo_profiles import POPULATION, POPULATION_TOTAL, DemoProfile, default_profile, profile_for
from noegletal.periods import Period, latest_complete, parse_period, period_range

HORIZON_YEAR = 2100  # the last year parse_period accepts; series are simulated this far and cut
PUBLICATION_LAG_DAYS = 45
POPULATION_GROWTH = 0.004  # per year
REFERENCE_YEAR = 2022.5  # volumes are given at this time

SCALE_BY_UNIT = {"pct": 100.0, "pr. 1.000": 1_000.0, "pr. 100.000": 100_000.0}

NOISE_MEMORY = 0.6  # AR-like persistence of the period noise
NOISE_TAIL = 12  # length of the causal filter that makes that persistence
COMMON_NOISE_SHARE = 0.6  # national shocks shared by all regions, relative to a region's own noise
VOLUME_REGION_SPREAD = 0.10  # regions' volumes differ from their population share by about this much
VOLUME_NOISE = 0.04  # period-to-period variation of a count volume
LATE_REGISTRATION_SPREAD = 0.25  # regions differ in how many courses are registered late


# --- periods -------------------------------------------------------------------------------


def last_periods(until: Period | None = None) -> tuple[Period, Period]:
    """The last quarter and the last complete year to generate for `until`."""
    if until is None:
        return latest_complete("quarter"), latest_complete("year")
    if until.quarter is None:
        return Period(until.year, 4), until
    return until, Period(until.year if until.quarter == 4 else until.year - 1)


def _horizon(indicator: Indicator) -> list[Period]:
    last = Period(HORIZON_YEAR, 4) if indicator.frequency == "quarter" else Period(HORIZON_YEAR)
    return period_range(indicator.first_period, last)


def _time(period: Period) -> float:
    """Mid-period in fractional years, so quarters and years share one time axis."""
    return period.year + (0.5 if period.quarter is None else (period.quarter - 0.5) / 4)


def published_at(period: Period) -> date:
    """About 45 days after the period ends; a weekend moves to the Monday after."""
    day = period.end + timedelta(days=PUBLICATION_LAG_DAYS)
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


# --- value transforms ----------------------------------------------------------------------


def _transform(unit: str) -> tuple[Callable, Callable]:
    """Forward and inverse map to a space where any offset or noise keeps the value in range."""
    if unit == "pct":
        return (lambda v: np.log(v / (100.0 - v))), (lambda x: 100.0 / (1.0 + np.exp(-x)))
    return np.log, np.exp


def scale_of(unit: str) -> float:
    """value = numerator / denominator x scale."""
    return SCALE_BY_UNIT.get(unit, 1.0)


# --- random streams --------------------------------------------------------------------------


def _rng(*parts: object) -> np.random.Generator:
    """A Generator seeded from a stable hash of the parts (Python's hash() varies per process)."""
    return np.random.default_rng([zlib.crc32(str(p).encode("utf-8")) for p in parts])


def _persistent_noise(rng: np.random.Generator, n: int, sd: float) -> np.ndarray:
    """Causally smoothed white noise with standard deviation sd: a slowly wandering series."""
    weights = NOISE_MEMORY ** np.arange(NOISE_TAIL)
    weights /= math.sqrt(float(np.sum(weights**2)))
    shocks = rng.standard_normal(n + NOISE_TAIL - 1)
    return sd * np.convolve(shocks, weights, mode="valid")


# --- simulation ----------------------------------------------------------------------------


@dataclass
class Simulated:
    """One indicator over its whole horizon: arrays are (region, period)."""

    periods: list[Period]
    region_ids: list[str]
    value: np.ndarray  # true value (unrounded); exact ratio where there is a volume
    numerator: np.ndarray | None
    denominator: np.ndarray | None
    late_bump: np.ndarray  # per region and period: how much higher a provisional value would be


def simulate(indicator: Indicator, seed: int) -> Simulated:
    profile = profile_for(indicator)
    region_ids = [r.region_id for r in catalog.regions().values() if r.is_region]
    periods = _horizon(indicator)
    n = len(periods)
    t = np.array([_time(p) for p in periods])
    forward, inverse = _transform(indicator.unit)

    reference = profile.path[-1][1]  # regional values and sizes are given at the last knot
    slope = _slope(forward, reference)
    base = _national_path(indicator, profile, periods, t, forward, slope)
    common = _persistent_noise(_rng(seed, indicator.indicator_id, "common"), n, 1.0)
    streams = [_rng(seed, indicator.indicator_id, region_id) for region_id in region_ids]
    # Fixed draw order and sizes per stream: the horizon never depends on `until`.
    draws = [_region_draws(rng, n) for rng in streams]

    offsets = _region_offsets(profile, region_ids, [d["offset"] for d in draws], forward, reference, slope)
    noise_sd = profile.noise * slope
    latent = np.stack([
        base + offsets[i] + COMMON_NOISE_SHARE * noise_sd * common + noise_sd * d["noise"]
        for i, d in enumerate(draws)
    ])
    value = inverse(latent)
    late_bump = profile.provisional_bump * np.exp(LATE_REGISTRATION_SPREAD * np.stack([d["late"] for d in draws]))

    if not indicator.volume_label_da:
        return Simulated(periods, region_ids, value, None, None, late_bump)
    denominator = _denominators(profile, indicator, region_ids, draws, t)
    scale = scale_of(indicator.unit)
    numerator = np.maximum(np.rint(value / scale * denominator), 1.0)
    if indicator.is_percentage:
        numerator = np.minimum(numerator, denominator)
    return Simulated(periods, region_ids, numerator / denominator * scale, numerator, denominator, late_bump)


def _region_draws(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return {
        "offset": rng.standard_normal(),
        "volume_factor": rng.standard_normal(),
        "noise": _persistent_noise(rng, n, 1.0),
        "volume_noise": rng.standard_normal(n),
        "late": rng.standard_normal(n),
    }


def _slope(forward: Callable, level: float) -> float:
    """d forward / d value at level: converts value-unit sizes into the transformed space."""
    h = 1e-4 * max(abs(level), 1.0)
    return float((forward(level + h) - forward(level - h)) / (2 * h))


def _national_path(indicator: Indicator, profile: DemoProfile, periods: list[Period], t: np.ndarray,
                   forward: Callable, slope: float) -> np.ndarray:
    """The national level in transformed space: knots, trend beyond them, season, caveats."""
    knot_t = np.array([_time(parse_period(code)) for code, _ in profile.path])
    knot_v = np.array([v for _, v in profile.path])
    reference = float(knot_v[-1])
    outside = np.minimum(t - knot_t[0], 0.0) + np.maximum(t - knot_t[-1], 0.0)
    base = forward(np.interp(t, knot_t, knot_v)) + profile.trend * slope * outside

    if indicator.frequency == "quarter":
        base = base + slope * np.array([profile.seasonal[p.quarter - 1] for p in periods])
    if indicator.series_break is not None and profile.break_shift:
        after = np.array([p >= indicator.series_break for p in periods])
        base = base + after * (forward(reference + profile.break_shift) - forward(reference))
    if profile.suspended is not None:
        suspended = _suspended_mask(indicator, periods)
        base = np.where(suspended, forward(profile.suspended), base)
    return base


def _suspended_mask(indicator: Indicator, periods: list[Period]) -> np.ndarray:
    spans = [
        (parse_period(s["period_from"]), parse_period(s["period_to"]))
        for s in catalog.suspensions() if s["indicator_id"] == indicator.indicator_id
    ]
    return np.array([any(lo <= p <= hi for lo, hi in spans) for p in periods], dtype=bool)


def _region_offsets(profile: DemoProfile, region_ids: list[str], draws: list[float], forward: Callable,
                    reference: float, slope: float) -> np.ndarray:
    """Persistent regional offsets: the board's values where given, else random and centred."""
    if profile.regions:
        return np.array([forward(profile.regions[r]) - forward(reference) for r in region_ids])
    raw = np.array(draws) * profile.spread * slope
    weights = np.array([POPULATION[r] for r in region_ids], dtype=float)
    return raw - np.average(raw, weights=weights)


def _denominators(profile: DemoProfile, indicator: Indicator, region_ids: list[str],
                  draws: list[dict[str, np.ndarray]], t: np.ndarray) -> np.ndarray:
    """Volumes: the region's population share of the national volume, growing with the population."""
    volume = profile.volume or default_profile(indicator).volume
    growth = (1.0 + POPULATION_GROWTH) ** (t - REFERENCE_YEAR)
    rows = []
    for region_id, d in zip(region_ids, draws):
        share = POPULATION[region_id] / POPULATION_TOTAL
        if profile.population_based:
            rows.append(volume * share * growth)
        else:
            factor = math.exp(VOLUME_REGION_SPREAD * float(d["volume_factor"]))
            rows.append(volume * share * factor * growth * np.exp(VOLUME_NOISE * d["volume_noise"]))
    return np.maximum(np.rint(np.stack(rows)), 1.0)


# --- rows ----------------------------------------------------------------------------------


def indicator_rows(indicator: Indicator, seed: int, last: Period) -> list[list[str]]:
    """CSV rows (five regions, then the whole country) for every period up to `last`."""
    sim = simulate(indicator, seed)
    profile = profile_for(indicator)
    national_id = next(r.region_id for r in catalog.regions().values() if not r.is_region)
    starts = {r: parse_period(code) for r, code in profile.region_from.items()}
    weights = np.array([POPULATION[r] for r in sim.region_ids], dtype=float)
    scale = scale_of(indicator.unit)

    rows: list[list[str]] = []
    for i, period in enumerate(sim.periods):
        if period > last:
            break
        provisional = bool(profile.provisional_bump) and indicator.frequency == "quarter" and period == last
        present = [k for k, r in enumerate(sim.region_ids) if r not in starts or period >= starts[r]]
        ids = [sim.region_ids[k] for k in present]

        def row(region_id: str, value: float, num: float | None = None, den: float | None = None) -> list[str]:
            return _csv_row(indicator, period, region_id, value, num, den, provisional)

        if sim.numerator is None:
            # No volume: the national value is the population-weighted mean of the written values.
            shown = [round(float(sim.value[k, i]), published_decimals(indicator)) for k in present]
            rows.extend(row(r, v) for r, v in zip(ids, shown))
            rows.append(row(national_id, float(np.average(shown, weights=weights[present]))))
            continue
        nums, dens = sim.numerator[present, i], sim.denominator[present, i]
        if provisional:
            nums, dens = _before_late_registrations(nums, dens, sim.value[present, i], sim.late_bump[present, i], scale)
        rows.extend(row(r, num / den * scale, num, den) for r, num, den in zip(ids, nums, dens))
        rows.append(row(national_id, nums.sum() / dens.sum() * scale, nums.sum(), dens.sum()))
    return rows


def published_decimals(indicator: Indicator) -> int:
    """Values are written with one decimal more than the catalog shows by default, as the
    publishers' tables give them (74,3 pct.): the display precision (int_display_decimals_chosen)
    then has a value precise enough to agree with its interval and target."""
    return indicator.decimals + 1


def _csv_row(indicator: Indicator, period: Period, region_id: str, value: float, numerator: float | None,
             denominator: float | None, provisional: bool) -> list[str]:
    """One canonical row: decimal point, the decimals a publisher gives, whole-number volumes."""
    return [
        indicator.indicator_id, region_id, period.code, f"{value:.{published_decimals(indicator)}f}",
        "" if numerator is None else str(int(numerator)), "" if denominator is None else str(int(denominator)),
        "true" if provisional else "false", published_at(period).isoformat(), "true",
    ]


def _before_late_registrations(nums: np.ndarray, dens: np.ndarray, values: np.ndarray, bumps: np.ndarray,
                               scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The latest quarter as first published: the long (late) courses are missing from the
    denominator, and they are the ones outside the standard time, so the share is higher."""
    target = np.minimum(values + bumps, 99.0)
    early = np.rint(nums / target * scale)
    return nums, np.clip(early, nums, dens)
