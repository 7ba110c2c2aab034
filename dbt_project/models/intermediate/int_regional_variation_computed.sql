-- One row per audience, indicator and period: the national value, the best and worst region (all tied
-- regions, in the regions' fixed order) and the variation between them; the decimals they are
-- shown with (int_display_decimals_chosen: the shown best minus the shown worst is the shown variation).
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

extremes as (

    select * from {{ ref('int_regional_extremes_computed') }}

),

display as (

    select audience, indicator_id, period, value_decimals from {{ ref('int_display_decimals_chosen') }}

),

regions as (

    select region_id, sort_order from {{ ref('regions') }} where is_region

),

periods as (

    select distinct audience, indicator_id, period, period_start from current_values

),

national as (

    select audience, indicator_id, period, value as national_value
    from current_values
    where region_id = 'hele_landet'

),

regional_values as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.period,
        current_values.region_id,
        current_values.value,
        regions.sort_order
    from current_values
    inner join regions on current_values.region_id = regions.region_id

),

tied as (

    -- every region at the best and at the worst value (string aggregation skips the nulls)
    select
        regional_values.audience,
        regional_values.indicator_id,
        regional_values.period,
        {{ dbt.listagg(
            'case when regional_values.value = extremes.best_value then regional_values.region_id end',
            "','", 'order by regional_values.sort_order') }} as best_regions,
        {{ dbt.listagg(
            'case when regional_values.value = extremes.worst_value then regional_values.region_id end',
            "','", 'order by regional_values.sort_order') }} as worst_regions
    from regional_values
    inner join extremes
        on regional_values.audience = extremes.audience
        and regional_values.indicator_id = extremes.indicator_id
        and regional_values.period = extremes.period
    group by regional_values.audience, regional_values.indicator_id, regional_values.period

)

select
    periods.audience,
    periods.indicator_id,
    periods.period,
    periods.period_start,
    national.national_value,
    extremes.best_value,
    extremes.worst_value,
    extremes.variation,
    tied.best_regions,
    tied.worst_regions,
    coalesce(extremes.n_regions, 0) as n_regions,
    display.value_decimals,
    -- the variation is shown with the values' decimals: a reader subtracting gets it
    display.value_decimals as variation_decimals

from periods
left join national
    on periods.audience = national.audience and periods.indicator_id = national.indicator_id and periods.period = national.period
left join extremes
    on periods.audience = extremes.audience and periods.indicator_id = extremes.indicator_id and periods.period = extremes.period
left join tied
    on periods.audience = tied.audience and periods.indicator_id = tied.indicator_id and periods.period = tied.period
left join display
    on periods.audience = display.audience and periods.indicator_id = display.indicator_id and periods.period = display.period
