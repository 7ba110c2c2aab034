-- Every current value of every indicator with the region's Danish names: the data behind all
-- charts of a chart pack (grouped by indicator in Python; one query instead of one per chart).
select
    fct.indicator_id,
    fct.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    dim_region.is_region,
    fct.period,
    fct.period_start,
    fct.value,
    fct.numerator,
    fct.denominator,
    fct.is_provisional,
    fct.is_suspended,
    fct.is_synthetic,
    fct.is_embargoed,
    fct.series_segment,
    fct.published_at,
    fct.source_file,
    fct.source_sha256,
    fct.source_row,
    fct.loaded_at
from fct_indicator_value as fct
inner join dim_region as dim_region on fct.region_id = dim_region.region_id
order by fct.indicator_id, fct.period_start, dim_region.sort_order
