{#- mart_region_attention for one audience, from that audience's mart_indicator_level and
    mart_indicator_overview: one definition for the public mart and its fortrolig copy. -#}

{% macro region_attention(levels, overview) -%}
with

indicator_periods as (

    -- the indicators with data in a period (the overview's rows)
    select indicator_id, period from {{ overview }}

),

regions as (

    select region_id from {{ ref('regions') }}

),

levels as (

    select indicator_id, region_id, period, attention_group, attention_group_da from {{ levels }}

),

grouped as (

    select
        indicator_periods.indicator_id,
        regions.region_id,
        indicator_periods.period,
        -- a region without a row for an indicator with data has no value: group 7, as a region
        -- whose value is missing
        coalesce(levels.attention_group, 7) as attention_group,
        coalesce(levels.attention_group_da, 'ingen data') as attention_group_da
    from indicator_periods
    cross join regions
    left join levels
        on indicator_periods.indicator_id = levels.indicator_id
        and regions.region_id = levels.region_id
        and indicator_periods.period = levels.period

)

-- the Region page's four counts, each over the groups it names
select
    grouped.*,
    attention_group in (1, 2) as is_worse_than_national,
    attention_group in (3, 4) as is_far_from_best,
    attention_group in (3, 5) as is_falling_behind,
    attention_group < 7 as has_value
from grouped
{%- endmacro %}
