-- Why the national figure moved: one row per audience, indicator, region (the five), period and
-- comparison ('forrige periode'; 'et år før' for quarterly indicators, which for annual ones is
-- the previous period), the region's contribution to the change of the national rate.
--   weighted (all five regions with denominators in both periods): the national rate is
--     sum_r d_r x rate_r / D, so region r contributes d_r1 rate_r1 / D1 - d_r0 rate_r0 / D0, and the
--     contributions add up exactly to the change of the regions' pooled rate;
--   otherwise unweighted: (rate_r1 - rate_r0) / k over the k regions with both values.
-- rate = numerator / denominator x scale where both are known (unrounded), else the published value.
-- Never across a series break. A region pulling the same way as the country and carrying at least
-- var('main_driver_share', 0.5) of that pull (the sum of the contributions in the national
-- change's direction) is its main driver ("Fremgangen på landsplan skyldes især Region ...").
-- docs/methods.md.
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

regions as (

    select region_id from {{ ref('regions') }} where is_region

),

indicators as (

    select indicator_id, unit, direction, frequency, decimals from {{ ref('indicators') }}

),

rated as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.region_id,
        current_values.period,
        current_values.series_segment,
        indicators.direction,
        indicators.frequency,
        indicators.decimals,
        {{ period_index('indicators.frequency', 'current_values.period_year', 'current_values.period_quarter') }} as time_index,
        case when current_values.denominator > 0 then current_values.denominator end as denominator,
        case
            when current_values.numerator is not null and current_values.denominator > 0
                and {{ value_scale('indicators.unit') }} is not null
                then current_values.numerator / current_values.denominator * {{ value_scale('indicators.unit') }}
            else current_values.value
        end as rate
    from current_values
    inner join regions on current_values.region_id = regions.region_id
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    where current_values.value is not null

),

comparisons as (

    select 'forrige periode' as comparison, 1 as quarters_back, 1 as years_back
    union all
    select 'et år før' as comparison, 4 as quarters_back, 1 as years_back

),

pairs as (

    select
        now_.audience,
        now_.indicator_id,
        now_.region_id,
        now_.period,
        comparisons.comparison,
        before_.period as comparison_period,
        now_.direction,
        now_.decimals,
        now_.rate as rate_now,
        before_.rate as rate_before,
        now_.denominator as denominator_now,
        before_.denominator as denominator_before
    from rated as now_
    cross join comparisons
    inner join rated as before_
        on now_.audience = before_.audience
        and now_.indicator_id = before_.indicator_id
        and now_.region_id = before_.region_id
        and now_.series_segment = before_.series_segment
        and before_.time_index = now_.time_index
            - case when now_.frequency = 'quarter' then comparisons.quarters_back else comparisons.years_back end
    -- an annual indicator's previous period is the year before: one comparison, not two
    where now_.frequency = 'quarter' or comparisons.comparison = 'et år før'

),

totals as (

    select
        audience, indicator_id, period, comparison,
        count(*) as n_regions,
        count(denominator_now * denominator_before) as n_regions_with_denominators,
        sum(denominator_now) as total_now,
        sum(denominator_before) as total_before
    from pairs
    group by audience, indicator_id, period, comparison

),

contributions as (

    select
        pairs.*,
        totals.n_regions,
        case when totals.n_regions = 5 and totals.n_regions_with_denominators = 5
            then 'vægtet' else 'uvægtet' end as contribution_method,
        case
            when totals.n_regions = 5 and totals.n_regions_with_denominators = 5
                then pairs.denominator_now * pairs.rate_now / totals.total_now
                    - pairs.denominator_before * pairs.rate_before / totals.total_before
            else (pairs.rate_now - pairs.rate_before) / totals.n_regions
        end as contribution
    from pairs
    inner join totals
        on pairs.audience = totals.audience
        and pairs.indicator_id = totals.indicator_id
        and pairs.period = totals.period
        and pairs.comparison = totals.comparison

),

with_national as (

    select
        contributions.*,
        sum(contribution) over (
            partition by audience, indicator_id, period, comparison
        ) as national_change
    from contributions

),

with_gross as (

    select
        with_national.*,
        -- the sum of the contributions pulling the same way as the national change
        sum(case when contribution * national_change > 0 then contribution end) over (
            partition by audience, indicator_id, period, comparison
        ) as same_way_change
    from with_national

),

shared as (

    select
        with_gross.*,
        case when abs(national_change) >= 1e-9 then contribution / national_change end as contribution_share,
        case
            when abs(national_change) < 1e-9 then 'uændret'
            when (national_change > 0) = (direction = 'higher_is_better') then 'fremgang'
            else 'tilbagegang'
        end as national_change_direction
    from with_gross

)

select
    audience,
    indicator_id,
    region_id,
    period,
    comparison,
    comparison_period,
    rate_now,
    rate_before,
    denominator_now,
    denominator_before,
    n_regions,
    contribution_method,
    contribution,
    national_change,
    national_change_direction,
    -- a change that rounds to 0 at the catalog's decimals is none to explain ("skyldes især")
    coalesce({{ is_visible_change('national_change', 'decimals') }}, false) as is_national_change_visible,
    contribution_share,
    -- the main driver pulls the same way as the country and carries at least half of that pull
    coalesce(
        contribution * national_change > 0 and abs(national_change) >= 1e-9
        and contribution / same_way_change >= {{ var('main_driver_share', 0.5) }},
        false
    ) as is_main_driver

from shared
