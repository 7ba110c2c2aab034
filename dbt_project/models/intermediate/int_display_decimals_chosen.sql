-- One row per audience, indicator and period: the decimals every value of the period is shown
-- with (value_decimals; the regions, hele landet and the variation alike, so that the shown best
-- minus the shown worst is the shown variation). The fewest decimals, from the catalog's
-- (indicators.decimals) up to var('display_extra_decimals') more, at which no shown value
-- contradicts what is said about it (macros/display_precision.sql):
-- * its own 95 % interval (9.24 in 9.1-9.4 is "9,2", not "9") and its target, assessed on the
--   exact value (89.6 against 90 is "89,6 - ikke nået", not "90");
-- * a region significantly better or worse than the country is shown better or worse than it;
-- * regions with different values (different ranks) are not shown tied;
-- * the variation rounded equals the shown best minus the shown worst (90.6 and 63.4: 27.2), and
--   so does every region's distance to the best (the Region page's "Afstand til bedste").
-- Where no candidate satisfies all (a value published coarser than its interval), the most.
with

current_values as (

    select audience, indicator_id, region_id, period, value, reference_value, ci95_low, ci95_high
    from {{ ref('int_values_with_confidence_intervals') }}
    where unit_id is null and value is not null

),

indicators as (

    select indicator_id, decimals, direction, target from {{ ref('indicators') }}

),

regions as (

    select region_id, is_region from {{ ref('regions') }}

),

candidates as (

    {{ display_decimal_candidates() }}

),

national as (

    select audience, indicator_id, period, value as national_value, reference_value as national_reference_value
    from current_values
    where region_id = 'hele_landet'

),

at_candidate as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.period,
        current_values.region_id,
        regions.is_region,
        indicators.direction,
        current_values.value,
        indicators.decimals + candidates.extra_decimals as decimals,
        {{ shown_key('current_values.value', 'indicators.decimals + candidates.extra_decimals') }} as shown_key,
        {{ shown_contradicts_value(
            'current_values.value', 'indicators.decimals + candidates.extra_decimals',
            'current_values.ci95_low', 'current_values.ci95_high', 'indicators.target', 'indicators.direction') }}
        or (
            -- the region's significance as mart_region_comparison states it (macro significance)
            regions.is_region
            and {{ significance('current_values.ci95_low', 'current_values.ci95_high',
                'national.national_reference_value', 'indicators.direction') }} in ('signifikant bedre', 'signifikant dårligere')
            and national.national_value is not null
            -- shown on the side of the country its interval puts it
            and (
                ({{ shown_key('current_values.value', 'indicators.decimals + candidates.extra_decimals') }}
                    - {{ shown_key('national.national_value', 'indicators.decimals + candidates.extra_decimals') }})
                * (case when indicators.direction = 'higher_is_better' then 1 else -1 end)
                * (case when {{ significance('current_values.ci95_low', 'current_values.ci95_high',
                    'national.national_reference_value', 'indicators.direction') }} = 'signifikant bedre' then 1 else -1 end)
            ) <= 0
        ) as contradicts

    from current_values
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    inner join regions on current_values.region_id = regions.region_id
    cross join candidates
    left join national
        on current_values.audience = national.audience
        and current_values.indicator_id = national.indicator_id
        and current_values.period = national.period

),

with_best as (

    select
        at_candidate.*,
        case
            when direction = 'higher_is_better'
                then max(case when is_region then value end) over (partition by audience, indicator_id, period, decimals)
            else min(case when is_region then value end) over (partition by audience, indicator_id, period, decimals)
        end as best_value
    from at_candidate

),

distances as (

    -- a region's distance to the best rounded against the shown best minus its shown value
    select
        with_best.*,
        case
            when is_region then {{ shown_key('abs(best_value - value)', 'decimals') }}
                - abs({{ shown_key('best_value', 'decimals') }} - shown_key)
        end as distance_mismatch
    from with_best

),

per_candidate as (

    select
        audience,
        indicator_id,
        period,
        decimals,
        max(case when contradicts then 1 else 0 end) as n_contradicting_values,
        max(case when distance_mismatch <> 0 then 1 else 0 end) as n_distances_mismatched,
        -- regions with different values shown alike
        count(distinct case when is_region then value end)
            - count(distinct case when is_region then shown_key end) as n_ties_shown,
        -- the variation rounded against the shown best minus the shown worst (in last decimals)
        {{ shown_key('max(case when is_region then value end) - min(case when is_region then value end)', 'decimals') }}
            - (max(case when is_region then shown_key end) - min(case when is_region then shown_key end))
            as variation_mismatch
    from distances
    group by audience, indicator_id, period, decimals

)

select
    audience,
    indicator_id,
    period,
    coalesce(
        min(case
            when n_contradicting_values = 0 and n_distances_mismatched = 0 and n_ties_shown = 0
                and coalesce(variation_mismatch, 0) = 0
                then decimals
        end),
        max(decimals)
    ) as value_decimals
from per_candidate
group by audience, indicator_id, period
