-- The current values of one indicator, every region and every period up to and including $until
-- ('' = all periods: the latest data), with the region's Danish names and, where numerator and
-- denominator are known, the region's 95 % interval. The series of the indicator page and of the
-- chart packs: a page or pack for a chosen quarter ends at it, as the appendix does.
select
    fct.indicator_id,
    fct.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    dim_region.is_region,
    fct.period,
    fct.period_start,
    fct.period_year,
    fct.period_quarter,
    fct.value,
    fct.numerator,
    fct.denominator,
    fct.suppression_reason,
    fct.is_embargoed,
    fct.is_provisional,
    fct.is_suspended,
    fct.is_synthetic,
    fct.series_segment,
    fct.published_at,
    fct.source_file,
    fct.source_sha256,
    fct.source_row,
    fct.loaded_at,
    comparison.ci95_low,
    comparison.ci95_high,
    variation.value_decimals
from fct_indicator_value as fct
inner join dim_region as dim_region on fct.region_id = dim_region.region_id
left join mart_region_comparison as comparison
    on comparison.indicator_id = fct.indicator_id
    and comparison.region_id = fct.region_id
    and comparison.period = fct.period
-- the decimals every value of the period is shown with (int_display_decimals_chosen)
left join mart_regional_variation as variation
    on variation.indicator_id = fct.indicator_id
    and variation.period = fct.period
where fct.indicator_id = $indicator_id
    and (
        $until = ''
        or fct.period_start <= (
            select max(cutoff.period_start) from fct_indicator_value as cutoff
            where cutoff.indicator_id = $indicator_id and cutoff.period = $until
        )
    )
order by fct.period_start, dim_region.sort_order
