-- One row per audience, indicator, unit and period: the unit's value with its confidence
-- intervals, classified against the national value (its 95 % interval against the national value
-- as a point, respecting direction), and the funnel plot's 95 % and 99.8 % control limits around
-- the national value at the unit's own denominator. The national value compared against is the
-- unrounded numerator / denominator where known (as for the regions). See docs/methods.md.
with

unit_values as (

    select * from {{ ref('int_unit_values_current_flagged') }}

),

all_intervals as (

    select * from {{ ref('int_values_with_confidence_intervals') }}

),

intervals as (

    select * from all_intervals where unit_id is not null

),

national as (

    select audience, indicator_id, period, value as national_value, reference_value as national_reference_value
    from all_intervals
    where region_id = 'hele_landet' and unit_id is null

),

indicators as (

    select indicator_id, unit, direction, decimals from {{ ref('indicators') }}

),

joined as (

    select
        unit_values.audience,
        unit_values.indicator_id,
        unit_values.unit_id,
        unit_values.unit_name_da,
        unit_values.unit_type,
        unit_values.region_id,
        unit_values.period,
        unit_values.period_start,
        unit_values.series_segment,
        unit_values.value,
        unit_values.numerator,
        unit_values.denominator,
        unit_values.suppression_reason,
        unit_values.is_provisional,
        unit_values.is_suspended,
        unit_values.is_synthetic,
        unit_values.is_embargoed,
        unit_values.published_at,
        intervals.ci_method,
        coalesce(intervals.reference_value, unit_values.value) as unrounded_value,
        intervals.ci95_low,
        intervals.ci95_high,
        intervals.ci998_low,
        intervals.ci998_high,
        national.national_value,
        national.national_reference_value,
        indicators.unit,
        indicators.direction,
        indicators.decimals,
        {{ value_scale('indicators.unit') }} as scale,
        unit_values.source_file,
        unit_values.source_row

    from unit_values
    inner join indicators on unit_values.indicator_id = indicators.indicator_id
    left join intervals
        on unit_values.audience = intervals.audience
        and unit_values.indicator_id = intervals.indicator_id
        and unit_values.unit_id = intervals.unit_id
        and unit_values.period = intervals.period
    left join national
        on unit_values.audience = national.audience
        and unit_values.indicator_id = national.indicator_id
        and unit_values.period = national.period

)

select
    audience,
    indicator_id,
    unit_id,
    unit_name_da,
    unit_type,
    region_id,
    period,
    period_start,
    series_segment,
    value,
    numerator,
    denominator,
    suppression_reason,
    is_provisional,
    is_suspended,
    is_synthetic,
    is_embargoed,
    published_at,
    -- the date an embargoed value is published (the FORTROLIGT mark's date); null when public,
    -- as mart_indicator_overview.embargo_published_at for the regions' values
    case when is_embargoed then published_at end as embargo_published_at,
    ci_method,
    unrounded_value,
    ci95_low,
    ci95_high,
    ci998_low,
    ci998_high,
    national_value,
    national_reference_value,
    {{ significance('ci95_low', 'ci95_high', 'national_reference_value', 'direction') }} as significance_vs_national,
    {{ funnel_limit('unit', 'national_reference_value', 'denominator', 'scale', z_95(), -1) }} as funnel95_low,
    {{ funnel_limit('unit', 'national_reference_value', 'denominator', 'scale', z_95(), 1) }} as funnel95_high,
    {{ funnel_limit('unit', 'national_reference_value', 'denominator', 'scale', z_998(), -1) }} as funnel998_low,
    {{ funnel_limit('unit', 'national_reference_value', 'denominator', 'scale', z_998(), 1) }} as funnel998_high,
    source_file,
    source_row,
    -- the fewest decimals (the catalog's and up to var('display_extra_decimals') more) at which
    -- the unit's value as shown lies in its interval as shown (macros/display_precision.sql)
    case
        {%- for extra in range(var('display_extra_decimals', 2) | int) %}
        when not {{ shown_contradicts_value('value', 'decimals + ' ~ extra, 'ci95_low', 'ci95_high', 'null', 'direction') }}
            then decimals + {{ extra }}
        {%- endfor %}
        else decimals + {{ var('display_extra_decimals', 2) | int }}
    end as value_decimals

from joined
