-- One row per audience, indicator, region (the five regions) and period: how many more patients
-- (forløb, patient-days, ...) the region would have counted had it had the best region's rate.
--   proportion (pct):  (p_best - p_region) x denominator, p = numerator / denominator (unrounded)
--   mean (dage):       (m_region - m_best) x denominator = patient-days, m = numerator / denominator,
--                      or the published mean when the numerator is not given
-- signed by the indicator's direction and never negative (the best region's gap is 0).
-- The cautious variant counts only regions significantly worse than the best region (its 95 %
-- interval against the best's unrounded value, as in mart_region_comparison) and measures from the
-- best region's 95 % bound on the cautious side (lower bound where higher is better), so that a
-- small best region cannot inflate the figure; means have no interval, so no cautious variant.
-- Only indicators with gap wording in the seed `indicator_gap_wording` get a gap. A region without
-- its denominator gets none; see docs/methods.md.
with

current_values as (

    select audience, indicator_id, region_id, period, value, numerator, denominator
    from {{ ref('int_indicator_values_current_flagged') }}

),

regions as (

    select region_id from {{ ref('regions') }} where is_region

),

indicators as (

    select indicator_id, unit, direction from {{ ref('indicators') }}

),

wording as (

    select indicator_id from {{ ref('indicator_gap_wording') }}

),

extremes as (

    select audience, indicator_id, period, best_value from {{ ref('int_regional_extremes_computed') }}

),

prepared as (

    select
        current_values.*,
        indicators.unit,
        indicators.direction,
        case when indicators.direction = 'higher_is_better' then 1.0 else -1.0 end as better_sign,
        {{ value_scale('indicators.unit') }} as scale,
        {{ ci_method('indicators.unit', 'current_values.numerator', 'current_values.denominator') }} as ci_method,
        case
            when current_values.value is null
                or current_values.denominator is null or current_values.denominator <= 0 then null
            when indicators.unit = 'pct' and current_values.numerator is not null
                and current_values.numerator <= current_values.denominator
                then current_values.numerator / current_values.denominator * 100.0
            when indicators.unit = 'dage'
                then coalesce(current_values.numerator / current_values.denominator, current_values.value)
        end as rate,
        extremes.best_value,
        current_values.value = extremes.best_value as is_at_best

    from current_values
    inner join regions on current_values.region_id = regions.region_id
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    inner join wording on current_values.indicator_id = wording.indicator_id
    left join extremes
        on current_values.audience = extremes.audience
        and current_values.indicator_id = extremes.indicator_id
        and current_values.period = extremes.period

),

with_bounds as (

    select
        prepared.*,
        {{ confidence_bound('ci_method', 'numerator', 'denominator', 'scale', z_95(), -1) }} as ci95_low,
        {{ confidence_bound('ci_method', 'numerator', 'denominator', 'scale', z_95(), 1) }} as ci95_high
    from prepared

),

best as (

    -- The best region's unrounded rate (among regions tied on the published best value, the
    -- better one) and its 95 % bound on the cautious side. Unknown when a region at the best
    -- value has no rate: then nobody's gap can be measured.
    select
        audience,
        indicator_id,
        period,
        case when max(better_sign) > 0 then max(rate) else min(rate) end as best_rate,
        case when max(better_sign) > 0 then max(ci95_low) else min(ci95_high) end as best_cautious_rate,
        count(*) - count(rate) as n_best_without_rate
    from with_bounds
    where is_at_best
    group by audience, indicator_id, period

),

gaps as (

    select
        with_bounds.audience,
        with_bounds.indicator_id,
        with_bounds.region_id,
        with_bounds.period,
        with_bounds.denominator,
        with_bounds.rate,
        case when best.n_best_without_rate = 0 then best.best_rate end as best_rate,
        case
            when best.n_best_without_rate > 0 or with_bounds.rate is null then null
            else greatest(0.0, with_bounds.better_sign * (best.best_rate - with_bounds.rate))
                * with_bounds.denominator / with_bounds.scale
        end as patients_gap_to_best,
        case
            when best.n_best_without_rate > 0 or with_bounds.ci_method is null
                or best.best_cautious_rate is null then null
            when not with_bounds.is_at_best
                and {{ significance('with_bounds.ci95_low', 'with_bounds.ci95_high', 'best.best_rate', 'with_bounds.direction') }}
                    = 'signifikant dårligere'
                then greatest(0.0, with_bounds.better_sign * (best.best_cautious_rate - with_bounds.rate))
                    * with_bounds.denominator / with_bounds.scale
            else 0.0
        end as patients_gap_to_best_cautious

    from with_bounds
    left join best
        on with_bounds.audience = best.audience
        and with_bounds.indicator_id = best.indicator_id
        and with_bounds.period = best.period
    where with_bounds.value is not null

)

select
    gaps.*,
    -- under half a patient rounds to none: no gap to put in a sentence
    coalesce(patients_gap_to_best >= 0.5, false) as has_patients_gap_to_best
from gaps
