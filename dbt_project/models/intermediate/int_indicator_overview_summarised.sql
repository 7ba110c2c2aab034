-- One row per audience, indicator and period: what the board overview shows for an indicator —
-- the national value and its change since a year earlier (direction-aware), the regional
-- variation with the best and worst regions, target status, and the flags a reader must see.
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

variation as (

    select * from {{ ref('int_regional_variation_computed') }}

),

embargo_dates as (

    select * from {{ ref('int_embargo_dates_by_period') }}

),

indicators as (

    select indicator_id, direction, frequency, target from {{ ref('indicators') }}

),

period_flags as (

    select
        audience,
        indicator_id,
        period,
        max(case when is_provisional then 1 else 0 end) = 1 as has_provisional,
        max(case when is_suspended then 1 else 0 end) = 1 as has_suspended,
        max(case when is_embargoed then 1 else 0 end) = 1 as is_embargoed,
        min(case when is_embargoed then published_at end) as embargo_published_at,
        max(published_at) as latest_published_at
    from current_values
    group by audience, indicator_id, period

),

national as (

    select * from current_values where region_id = 'hele_landet'

),

national_compared as (

    select
        national.audience,
        national.indicator_id,
        national.period,
        national.value,
        national.suppression_reason,
        national.is_provisional,
        {{ dbt.concat([
            "cast(national.period_year - 1 as " ~ dbt.type_string() ~ ")",
            "coalesce('K' || cast(national.period_quarter as " ~ dbt.type_string() ~ "), '')",
        ]) }} as comparison_period,
        year_ago.value as value_year_ago
    from national
    -- no comparison across a series break: the year-ago value must lie in the same segment
    left join national as year_ago
        on national.audience = year_ago.audience
        and national.indicator_id = year_ago.indicator_id
        and year_ago.period_year = national.period_year - 1
        and coalesce(year_ago.period_quarter, 0) = coalesce(national.period_quarter, 0)
        and national.series_segment = year_ago.series_segment

),

summarised as (

    select
        variation.audience,
        variation.indicator_id,
        indicators.frequency,
        variation.period,
        variation.period_start,
        cast({{ dbt.dateadd(
            'month',
            "case when indicators.frequency = 'quarter' then 3 else 12 end",
            'variation.period_start'
        ) }} as date) as next_period_start,
        national_compared.value as national_value,
        national_compared.suppression_reason as national_suppression_reason,
        national_compared.is_provisional as national_is_provisional,
        national_compared.comparison_period,
        national_compared.value_year_ago as national_value_year_ago,
        -- between the values as shown (value_decimals), so "+0 pct.-point" is never shown and
        -- 'uændret' is decided here, not from the formatted text
        {{ shown_value('national_compared.value', 'variation.value_decimals') }}
            - {{ shown_value('national_compared.value_year_ago', 'variation.value_decimals') }} as national_change,
        variation.value_decimals,
        variation.best_value,
        variation.worst_value,
        variation.variation,
        variation.best_regions,
        variation.worst_regions,
        variation.n_regions,
        indicators.target,
        period_flags.has_provisional,
        period_flags.has_suspended,
        period_flags.is_embargoed,
        period_flags.embargo_published_at,
        embargo_dates.series_embargo_published_at,
        period_flags.latest_published_at

    from variation
    inner join indicators on variation.indicator_id = indicators.indicator_id
    left join national_compared
        on variation.audience = national_compared.audience
        and variation.indicator_id = national_compared.indicator_id
        and variation.period = national_compared.period
    left join period_flags
        on variation.audience = period_flags.audience
        and variation.indicator_id = period_flags.indicator_id
        and variation.period = period_flags.period
    left join embargo_dates
        on variation.audience = embargo_dates.audience
        and variation.indicator_id = embargo_dates.indicator_id
        and variation.period = embargo_dates.period

)

select
    summarised.*,
    case
        when national_change is null then null
        -- float noise from subtracting decimals is not a change
        when abs(national_change) < 1e-9 then 'uændret'
        when (national_change > 0) = (indicators.direction = 'higher_is_better') then 'ønsket'
        else 'uønsket'
    end as change_assessment,
    case
        when summarised.target is null or national_value is null then null
        when indicators.direction = 'higher_is_better' and national_value >= summarised.target then 'nået'
        when indicators.direction = 'lower_is_better' and national_value <= summarised.target then 'nået'
        else 'ikke nået'
    end as target_status

from summarised
inner join indicators on summarised.indicator_id = indicators.indicator_id
