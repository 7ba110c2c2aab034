-- Every unit's value of an indicator in a period (nationally), with its intervals, classification
-- against the national value, funnel limits, ranks and region name; per region best first.
select
    units.indicator_id,
    units.unit_id,
    units.unit_name_da,
    units.unit_type,
    units.region_id,
    regions.name_da as region_name_da,
    regions.short_name_da as region_short_name_da,
    units.period,
    units.value,
    units.numerator,
    units.denominator,
    units.suppression_reason,
    units.is_provisional,
    units.is_embargoed,
    units.published_at,
    units.embargo_published_at,
    units.ci_method,
    units.unrounded_value,
    units.ci95_low,
    units.ci95_high,
    units.ci998_low,
    units.ci998_high,
    units.national_value,
    units.national_reference_value,
    units.significance_vs_national,
    units.funnel95_low,
    units.funnel95_high,
    units.funnel998_low,
    units.funnel998_high,
    units.value_decimals,
    distances.rank_national,
    distances.n_units_national,
    distances.rank_in_region,
    distances.n_units_in_region,
    distances.distance_to_best_national,
    distances.distance_to_best_in_region
from mart_unit_value as units
inner join dim_region as regions on units.region_id = regions.region_id
left join mart_unit_distance_to_best as distances
    on units.indicator_id = distances.indicator_id
    and units.unit_id = distances.unit_id
    and units.period = distances.period
where units.indicator_id = $indicator_id and units.period = $period
-- the Enheder table's order is the Placering column's rule: rank in the region (mart_unit_distance_to_best)
order by
    units.region_id,
    units.unit_type,
    case when distances.rank_in_region is null then 1 else 0 end,
    distances.rank_in_region,
    units.unit_name_da
