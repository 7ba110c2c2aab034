{#- Display precision: how many decimals a shown value needs so that it never contradicts what is
    said about it. The candidates are the catalog's decimals (indicators.decimals) and up to
    var('display_extra_decimals', 2) more; int_display_decimals_chosen takes the fewest that
    contradict nothing. -#}

{% macro display_decimal_candidates() -%}
    {#- one row per extra decimal a value may be given (0, 1, 2 by default) -#}
    {%- set extra = var('display_extra_decimals', 2) | int -%}
    {%- for k in range(extra + 1) %}
    select {{ k }} as extra_decimals{% if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro shown_contradicts_value(value, decimals, ci_low, ci_high, target, direction) -%}
    {#- True when `value` shown at `decimals` contradicts its own 95 % interval (as shown: at least
        one decimal, formatting.format_interval) or its target assessment (made on the exact
        value): 89.6 shown as 90 beside "ikke nået", 9.24 shown as 9 beside "9,1-9,4". A value
        outside its own interval (published coarser than its counts) cannot be helped: not counted. -#}
    (
        (
            {{ ci_low }} is not null and {{ ci_high }} is not null
            and {{ value }} between {{ ci_low }} and {{ ci_high }}
            and (
                {{ shown_value(value, decimals) }} < {{ shown_value(ci_low, 'greatest(' ~ decimals ~ ', 1)') }} - 1e-9
                or {{ shown_value(value, decimals) }} > {{ shown_value(ci_high, 'greatest(' ~ decimals ~ ', 1)') }} + 1e-9
            )
        )
        or (
            {{ target }} is not null
            and ({{ target_met(value, target, direction) }}) <> ({{ target_met(shown_value(value, decimals), target, direction) }})
        )
    )
{%- endmacro %}

{% macro target_met(value, target, direction) -%}
    {#- the target is met by the value itself, respecting the indicator's direction -#}
    case when {{ direction }} = 'higher_is_better' then {{ value }} >= {{ target }} else {{ value }} <= {{ target }} end
{%- endmacro %}

{% macro shown_key(value, decimals) -%}
    {#- the shown value as a whole number of its last decimal: equal keys = shown alike -#}
    floor(({{ value }}) * power(10, {{ decimals }}) + 0.5 + 1e-9)
{%- endmacro %}

{% macro with_value_decimals(relation, audience) -%}
    {#- One audience's rows of `relation` (select_audience) with the decimals its values are shown
        with (int_display_decimals_chosen), for a mart whose model cannot read them itself. -#}
with

audience_rows as (
    {{ select_audience(relation, audience) }}
),

display as (
    select indicator_id, period, value_decimals
    from {{ ref('int_display_decimals_chosen') }}
    where audience = '{{ audience }}'
)

select
    audience_rows.*,
    display.value_decimals
from audience_rows
left join display
    on audience_rows.indicator_id = display.indicator_id
    and audience_rows.period = display.period
{%- endmacro %}

{% macro greatest_of(a, b) -%}
    {#- the larger of two non-null numbers (an aggregate is allowed where greatest() nests badly) -#}
    case when {{ a }} >= {{ b }} then {{ a }} else {{ b }} end
{%- endmacro %}
