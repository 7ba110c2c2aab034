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
"""

from __future__ import annotations

import csv
import math
import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from noegletal import catalog
from noegletal.catalog import Indicator
from noegletal.periods import Period, latest_complete, parse_period, period_range

HEADER = (
    "indicator_id", "region", "period", "value", "numerator", "denominator",
    "provisional", "published_at", "synthetic",
)
FILE_PREFIX = "demo_"
HORIZON_YEAR = 2100  # the last year parse_period accepts; series are simulated this far and cut
PUBLICATION_LAG_DAYS = 45

# Inhabitants per region (about 2022): weights for the national value where there is no volume,
# and the base of every regional volume.
POPULATION: dict[str, int] = {
    "hovedstaden": 1_873_000,
    "sjaelland": 846_000,
    "syddanmark": 1_227_000,
    "midtjylland": 1_353_000,
    "nordjylland": 592_000,
}
POPULATION_TOTAL = sum(POPULATION.values())
POPULATION_GROWTH = 0.004  # per year
REFERENCE_YEAR = 2022.5  # volumes are given at this time

SCALE_BY_UNIT = {"pct": 100.0, "pr. 1.000": 1_000.0, "pr. 100.000": 100_000.0}

NOISE_MEMORY = 0.6  # AR-like persistence of the period noise
NOISE_TAIL = 12  # length of the causal filter that makes that persistence
COMMON_NOISE_SHARE = 0.6  # national shocks shared by all regions, relative to a region's own noise
VOLUME_REGION_SPREAD = 0.10  # regions' volumes differ from their population share by about this much
VOLUME_NOISE = 0.04  # period-to-period variation of a count volume
LATE_REGISTRATION_SPREAD = 0.25  # regions differ in how many courses are registered late


@dataclass(frozen=True)
class DemoProfile:
    """How one indicator's synthetic series looks. Value units unless said otherwise."""

    path: tuple[tuple[str, float], ...]  # national level at knots (period code, value), interpolated
    regions: Mapping[str, float] = field(default_factory=dict)  # region values at the last knot
    spread: float = 0.0  # sd of random regional offsets (used when `regions` is empty)
    trend: float = 0.0  # change per year before the first and after the last knot
    noise: float = 1.0  # sd of a region's period noise
    seasonal: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # added per quarter K1-K4
    volume: float | None = None  # national denominator per period at REFERENCE_YEAR
    population_based: bool = False  # denominator is a population: no noise, exact population shares
    suspended: float | None = None  # national level while the patient right is suspended
    break_shift: float = 0.0  # level shift from the catalog's series_break on (new method)
    provisional_bump: float = 0.0  # how much higher the latest quarter is before late registrations
    region_from: Mapping[str, str] = field(default_factory=dict)  # regions reported only from a period


def _regions(hov: float, sjae: float, syd: float, midt: float, nord: float) -> dict[str, float]:
    return {"hovedstaden": hov, "sjaelland": sjae, "syddanmark": syd, "midtjylland": midt, "nordjylland": nord}


# Per-indicator parameters. Regional values and national knots quoted in the board item are used
# as they are; the rest are plausible levels. Indicators not listed get `default_profile`.
DEMO_PROFILES: dict[str, DemoProfile] = {
    # 1 Bedre sammenhængende patientforløb
    "genindlaeggelser_somatik": DemoProfile(
        path=(("2014", 9.4), ("2022", 8.6)), spread=0.8, noise=0.25, trend=-0.1, volume=720_000),
    "genindlaeggelser_psykiatri": DemoProfile(  # 21 pct. in 2014, rising to 25 in 2022
        path=(("2014", 21.0), ("2018", 22.6), ("2022", 25.0)), regions=_regions(26, 28, 25, 24, 19),
        noise=0.4, trend=0.3, volume=42_000),
    "ventetid_genoptraening": DemoProfile(
        path=(("2014", 7.5), ("2022", 8.5)), spread=1.5, noise=0.3, volume=240_000),
    "faerdigbehandlingsdage_somatik": DemoProfile(
        path=(("2014", 24.0), ("2019", 16.0), ("2020", 9.5), ("2022", 13.0)), spread=4.0, noise=0.8,
        volume=POPULATION_TOTAL, population_based=True),
    "faerdigbehandlingsdage_psykiatri": DemoProfile(
        path=(("2014", 6.5), ("2022", 8.8)), spread=2.5, noise=0.5, volume=POPULATION_TOTAL, population_based=True),
    "fmk_ajourfoering": DemoProfile(
        path=(("2019K3", 55.0), ("2023K1", 66.0)), spread=6.0, noise=1.5, trend=1.0, volume=260_000),
    "fastholdelse_arbejdsmarked_somatik": DemoProfile(
        path=(("2014", 80.0), ("2022", 82.0)), spread=1.5, noise=0.5, volume=95_000),
    "fastholdelse_arbejdsmarked_psykiatri": DemoProfile(
        path=(("2014", 57.0), ("2022", 60.0)), spread=2.5, noise=0.8, volume=14_000),
    "ungdomsuddannelse_psykiske_lidelser": DemoProfile(
        path=(("2014", 46.0), ("2022", 51.0)), spread=3.0, noise=1.0, volume=6_500),
    # 2 Styrket indsats for kronikere og ældre patienter
    "sygehusaktivitet_kroniker_kol": DemoProfile(
        path=(("2014", 100.0), ("2022", 91.0)), spread=5.0, noise=1.2, volume=85_000),
    "sygehusaktivitet_kroniker_diabetes": DemoProfile(
        path=(("2014", 100.0), ("2022", 94.0)), spread=4.0, noise=1.0, volume=230_000),
    "forebyggelige_indlaeggelser_aeldre": DemoProfile(  # covid dip in 2020
        path=(("2014", 66.0), ("2019", 61.0), ("2020", 52.0), ("2021", 53.0), ("2022", 56.0)),
        spread=6.0, noise=1.0, volume=1_150_000, population_based=True),
    "overbelaegning_medicinske_afdelinger": DemoProfile(  # winter peaks
        path=(("2019K3", 11.0), ("2020K2", 6.0), ("2021K1", 9.0), ("2023K1", 13.0)),
        seasonal=(3.0, -1.0, -2.0, 0.0), spread=4.0, noise=1.5, volume=4_200),
    "antipsykotika_demens": DemoProfile(
        path=(("2014", 24.0), ("2022", 19.0)), spread=2.0, noise=0.5, volume=38_000),
    # 3 Forbedret overlevelse og patientsikkerhed
    "kraeftoverlevelse_5aar": DemoProfile(  # 68 pct.; Nordjylland 66, Midtjylland 70
        path=(("2014", 62.0), ("2018", 66.0), ("2020", 68.0), ("2022", 68.3)), regions=_regions(69, 67, 68, 70, 66),
        noise=0.4, trend=0.3, volume=42_000),
    "hjertedoedelighed": DemoProfile(
        path=(("2014", 145.0), ("2022", 112.0)), spread=10.0, noise=3.0, volume=POPULATION_TOTAL, population_based=True),
    "overdoedelighed_psykisk_sygdom": DemoProfile(
        path=(("2014", 2.8), ("2022", 2.6)), spread=0.15, noise=0.05, volume=160_000),
    "sygehusinfektioner_bakteriaemi": DemoProfile(
        path=(("2019K3", 16.5), ("2023K1", 17.5)), spread=2.0, noise=0.8, volume=POPULATION_TOTAL, population_based=True),
    "sygehusinfektioner_clostridium": DemoProfile(
        path=(("2019K3", 8.5), ("2023K1", 7.0)), spread=1.5, noise=0.6, volume=POPULATION_TOTAL, population_based=True),
    "overlevelse_hjertestop": DemoProfile(  # Hovedstaden used another method until 2017
        path=(("2014", 25.0), ("2022", 30.0)), spread=2.5, noise=2.0, volume=2_100, region_from={"hovedstaden": "2017"}),
    "antibiotika_almen_praksis": DemoProfile(
        path=(("2014", 430.0), ("2019", 380.0), ("2020", 310.0), ("2021", 315.0), ("2022", 345.0)),
        spread=25.0, noise=5.0, volume=POPULATION_TOTAL, population_based=True),
    "opioider_almen_praksis": DemoProfile(
        path=(("2014", 82.0), ("2022", 67.0)), spread=6.0, noise=1.0, volume=POPULATION_TOTAL, population_based=True),
    # 4 Behandling af høj kvalitet
    "kvalitetsmaal_kliniske_databaser": DemoProfile(
        path=(("2014", 55.0), ("2022", 60.0)), spread=4.0, noise=2.0, volume=3_600),
    "baeltefiksering_psykiatri": DemoProfile(
        path=(("2014", 9.6), ("2022", 7.2)), spread=1.5, noise=0.4, volume=26_000),
    # 5 Hurtig udredning og behandling (quarterly; the board's 2023K1 regional values)
    "udredningsret_somatik": DemoProfile(  # 74 pct.; Nordjylland 90, Syddanmark and Sjælland 63
        path=(("2019K3", 72.0), ("2021K2", 75.0), ("2021K4", 73.0), ("2022K2", 72.0), ("2022K4", 75.0), ("2023K1", 74.0)),
        regions=_regions(79, 63, 63, 77, 90), noise=1.5, volume=110_000, suspended=64.0),
    "udredningsret_bup": DemoProfile(  # above 90 in 2020, about 40 in 2022K2-K3, 50 in 2023K1
        path=(("2019K3", 78.0), ("2021K1", 80.0), ("2021K3", 62.0), ("2022K2", 40.0), ("2022K3", 40.0), ("2023K1", 50.0)),
        regions=_regions(52, 75, 45, 48, 23), noise=2.0, trend=1.0, volume=4_500, suspended=93.0),
    "udredningsret_voksenpsykiatri": DemoProfile(  # 85-95 in 2020-21, 75 in 2022K2, 84 in 2023K1
        path=(("2019K3", 86.0), ("2021K1", 90.0), ("2021K4", 86.0), ("2022K2", 75.0), ("2023K1", 84.0)),
        regions=_regions(98, 82, 79, 71, 83), noise=1.5, volume=9_000, suspended=94.0),
    "ventetid_somatik": DemoProfile(  # about 35 days in 2021, 46 in 2022-23
        path=(("2020K1", 36.0), ("2021K2", 34.0), ("2021K4", 38.0), ("2022K2", 45.0), ("2022K4", 46.0), ("2023K1", 46.0)),
        regions=_regions(40, 40, 52, 50, 49), noise=1.5, trend=0.5, volume=150_000),
    "ventetid_bup": DemoProfile(  # 15-17 days in 2020-21, 24 in 2023K1
        path=(("2019K3", 18.0), ("2020K2", 15.0), ("2021K4", 17.0), ("2022K2", 23.0), ("2023K1", 24.0)),
        regions=_regions(18, 24, 26, 24, 40), noise=1.2, volume=3_000),
    "ventetid_voksenpsykiatri": DemoProfile(  # 21-22 days in 2020-21, 26 in 2022-23
        path=(("2019K3", 23.0), ("2020K2", 21.0), ("2021K4", 22.0), ("2022K2", 26.0), ("2023K1", 26.0)),
        regions=_regions(26, 17, 27, 32, 24), noise=1.2, volume=6_500),
    "kraeftpakker_standardforloebstid": DemoProfile(  # final values; the latest quarter is ~4 points higher
        path=(("2019K3", 79.0), ("2020K1", 80.0), ("2021K1", 80.0), ("2021K2", 75.0), ("2022K1", 75.0),
              ("2022K2", 69.0), ("2022K3", 75.0), ("2023K1", 75.0)),
        regions=_regions(74, 68, 76, 76, 83), noise=1.0, volume=15_000, provisional_bump=4.0),
    # 6 Øget patientinddragelse (new method from 2022: the last knot is the old method's 2021)
    "patienttilfredshed_somatik": DemoProfile(
        path=(("2014", 87.0), ("2021", 89.0)), spread=1.5, noise=0.6, volume=110_000, break_shift=-6.0),
    "patienttilfredshed_psykiatri": DemoProfile(
        path=(("2014", 81.0), ("2021", 84.0)), spread=2.5, noise=1.0, volume=9_000, break_shift=-7.0),
    "patientinddragelse_somatik": DemoProfile(
        path=(("2014", 70.0), ("2021", 73.0)), spread=2.0, noise=0.8, volume=110_000, break_shift=-9.0),
    "patientinddragelse_psykiatri": DemoProfile(
        path=(("2014", 66.0), ("2021", 70.0)), spread=3.0, noise=1.2, volume=9_000, break_shift=-8.0),
    # 7 Flere sunde leveår
    "middellevetid": DemoProfile(  # 81.5 in 2020-21, 81.3 in 2022 (covid)
        path=(("2014", 80.6), ("2019", 81.5), ("2020", 81.6), ("2021", 81.5), ("2022", 81.3)),
        regions=_regions(81.6, 80.4, 81.1, 81.9, 80.7), noise=0.08, trend=0.15),
    "daglige_rygere": DemoProfile(
        path=(("2014", 17.0), ("2022", 13.5)), spread=1.5, noise=0.5, volume=180_000),
    # 8 Mere effektivt sundhedsvæsen
    "liggetid_pr_indlaeggelse": DemoProfile(
        path=(("2014", 4.1), ("2022", 3.6)), spread=0.3, noise=0.06, volume=950_000),
    "produktivitet_sygehuse": DemoProfile(  # covid dip in 2020
        path=(("2014", 100.0), ("2019", 103.5), ("2020", 96.0), ("2021", 99.0), ("2022", 101.0)),
        spread=2.5, noise=0.6),
}

# Fallback levels by unit for an indicator added to the catalog but not to DEMO_PROFILES.
_DEFAULT_LEVEL = {"pct": 60.0, "dage": 20.0, "pr. 1.000": 50.0, "pr. 100.000": 100.0, "indeks": 100.0, "år": 80.0}


def default_profile(indicator: Indicator) -> DemoProfile:
    """A plausible flat series with a gentle trend in the desired direction."""
    level = _DEFAULT_LEVEL.get(indicator.unit, 50.0)
    sign = 1.0 if indicator.higher_is_better else -1.0
    per_year = 50_000.0
    population_based = indicator.volume_label_da.startswith("borgere")
    volume = POPULATION_TOTAL if population_based else per_year / (4 if indicator.frequency == "quarter" else 1)
    anchor = "2023K1" if indicator.frequency == "quarter" else "2022"
    return DemoProfile(
        path=((anchor, level),), spread=0.08 * level, noise=0.02 * level, trend=sign * 0.005 * level,
        volume=volume, population_based=population_based,
    )


def profile_for(indicator: Indicator) -> DemoProfile:
    return DEMO_PROFILES.get(indicator.indicator_id) or default_profile(indicator)


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


# --- files ---------------------------------------------------------------------------------


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


# --- units below the regions -----------------------------------------------------------------

KOMMUNE_FILE = f"{FILE_PREFIX}kommuner.csv"
SYGEHUS_FILE = f"{FILE_PREFIX}sygehuse.csv"
KOMMUNE_INDICATORS = ("genindlaeggelser_somatik", "genindlaeggelser_psykiatri", "forebyggelige_indlaeggelser_aeldre")
SYGEHUS_INDICATORS = (
    "udredningsret_somatik", "udredningsret_bup", "udredningsret_voksenpsykiatri",
    "ventetid_somatik", "ventetid_bup", "ventetid_voksenpsykiatri",
)
UNIT_HEADER = (
    "indicator_id", "region", "unit", "period", "value", "numerator", "denominator",
    "provisional", "published_at", "synthetic",
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
