"""How each indicator's synthetic demo series looks (`DemoProfile`), and the regions' populations
that weight them. A table of parameters: data, not code (see `noegletal.demo`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from noegletal.catalog import Indicator

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
