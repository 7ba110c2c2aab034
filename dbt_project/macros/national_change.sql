{% macro national_change_contributions(levels, audience) -%}
{#- mart_national_change_contributions of one audience: int_national_change_decomposed with
    is_change_shown_alike, which compares the national change with the one the level table shows
    for the same comparison (`levels`: that audience's mart_indicator_level; the contributions do
    not feed the levels, so reading them here makes no cycle). -#}
with

contributions as (

    select * from {{ ref('int_national_change_decomposed') }}
    where audience = '{{ audience }}'

),

indicators as (

    select indicator_id, decimals from {{ ref('indicators') }}

),

shown as (

    -- hele landet's change as the level table shows it (between values as shown), per comparison
    select indicator_id, period, 'et år før' as comparison, change_since_year_ago as shown_change
    from {{ levels }}
    where region_id = 'hele_landet'
    union all
    select indicator_id, period, 'forrige periode' as comparison, change_since_previous_period as shown_change
    from {{ levels }}
    where region_id = 'hele_landet'

)

select
    contributions.indicator_id,
    contributions.region_id,
    contributions.period,
    contributions.comparison,
    contributions.comparison_period,
    contributions.rate_now,
    contributions.rate_before,
    contributions.denominator_now,
    contributions.denominator_before,
    contributions.n_regions,
    contributions.contribution_method,
    contributions.contribution,
    contributions.national_change,
    contributions.national_change_direction,
    contributions.is_national_change_visible,
    -- false where the shown change rounds to 0 at the catalog's decimals (half up, as
    -- is_national_change_visible and every number shown: 0.5 is 1) or has the other sign (no
    -- sentence explains a change the table calls none, or the opposite one); true where it
    -- agrees or the table shows no national change
    coalesce(
        {{ is_visible_change('shown.shown_change', 'indicators.decimals') }}
        and not (shown.shown_change * contributions.national_change < 0),
        true
    ) as is_change_shown_alike,
    contributions.contribution_share,
    contributions.is_main_driver

from contributions
left join indicators on contributions.indicator_id = indicators.indicator_id
left join shown
    on contributions.indicator_id = shown.indicator_id
    and contributions.period = shown.period
    and contributions.comparison = shown.comparison
{%- endmacro %}
