{#- Statistical building blocks shared by the region- and unit-level models. Portable SQL only
    (sqrt, power, greatest/least, case), so the same models run on DuckDB and PostgreSQL.
    Formulas and references: docs/methods.md. -#}

{% macro z_95() %}1.959963984540054{% endmacro %}
{% macro z_998() %}3.090232306167813{% endmacro %}
{#- two-sided 5 % critical value of Student's t with 3 degrees of freedom (five points, a line) -#}
{% macro t_crit_df3() %}3.182446305284263{% endmacro %}

{% macro value_scale(unit) -%}
    {#- value = numerator / denominator x scale; null where the unit is no such ratio -#}
    case {{ unit }}
        when 'pct' then 100.0
        when 'pr. 1.000' then 1000.0
        when 'pr. 100.000' then 100000.0
        when 'dage' then 1.0
    end
{%- endmacro %}

{% macro ci_method(unit, numerator, denominator) -%}
    {#- Wilson score for proportions, Byar's approximation to the exact Poisson interval for rates -#}
    case
        when {{ numerator }} is null or {{ denominator }} is null or {{ denominator }} <= 0 then null
        when {{ unit }} = 'pct' and {{ numerator }} <= {{ denominator }} then 'wilson'
        when {{ unit }} in ('pr. 1.000', 'pr. 100.000') then 'byar'
    end
{%- endmacro %}

{% macro wilson_bound(numerator, denominator, z, sign) -%}
    {#- Wilson (1927) score interval for the proportion numerator/denominator; sign -1 low, +1 high -#}
    (
        ({{ numerator }} / {{ denominator }} + {{ z }} * {{ z }} / (2.0 * {{ denominator }}))
        {{ '-' if sign < 0 else '+' }} {{ z }} * sqrt(
            ({{ numerator }} / {{ denominator }}) * (1.0 - {{ numerator }} / {{ denominator }}) / {{ denominator }}
            + {{ z }} * {{ z }} / (4.0 * {{ denominator }} * {{ denominator }})
        )
    ) / (1.0 + {{ z }} * {{ z }} / {{ denominator }})
{%- endmacro %}

{% macro byar_lower_count(observed, z) -%}
    {#- Byar's approximation (Breslow & Day 1987) to the exact Poisson lower limit of a count;
        at very small counts (1 with z = 3.09) the cube goes below zero, so it is clamped at 0 -#}
    case
        when {{ observed }} <= 0 then 0.0
        else greatest(0.0, {{ observed }} * power(
            1.0 - 1.0 / (9.0 * {{ observed }}) - {{ z }} / (3.0 * sqrt({{ observed }})), 3))
    end
{%- endmacro %}

{% macro byar_upper_count(observed, z) -%}
    ({{ observed }} + 1.0) * power(
        1.0 - 1.0 / (9.0 * ({{ observed }} + 1.0)) + {{ z }} / (3.0 * sqrt({{ observed }} + 1.0)), 3)
{%- endmacro %}

{% macro confidence_bound(method, numerator, denominator, scale, z, sign) -%}
    case {{ method }}
        when 'wilson' then {{ wilson_bound(numerator, denominator, z, sign) }} * {{ scale }}
        when 'byar' then
            {% if sign < 0 %}{{ byar_lower_count(numerator, z) }}{% else %}{{ byar_upper_count(numerator, z) }}{% endif %}
            / {{ denominator }} * {{ scale }}
    end
{%- endmacro %}

{% macro significance(ci_low, ci_high, reference, direction) -%}
    {#- The 95 % interval against a reference value taken as a point, respecting direction -#}
    case
        when {{ ci_low }} is null or {{ ci_high }} is null or {{ reference }} is null then null
        when {{ ci_low }} > {{ reference }} then
            case when {{ direction }} = 'higher_is_better' then 'signifikant bedre' else 'signifikant dårligere' end
        when {{ ci_high }} < {{ reference }} then
            case when {{ direction }} = 'higher_is_better' then 'signifikant dårligere' else 'signifikant bedre' end
        else 'ikke signifikant forskellig'
    end
{%- endmacro %}

{% macro funnel_limit(unit, reference, denominator, scale, z, sign) -%}
    {#- Control limit around the reference (national) value at a unit's own denominator
        (Spiegelhalter 2005): binomial normal approximation for proportions, Poisson normal
        approximation for rates; clipped to the possible range -#}
    case
        when {{ reference }} is null or {{ denominator }} is null or {{ denominator }} <= 0 then null
        when {{ unit }} = 'pct' then
            {{ 'greatest(0.0' if sign < 0 else 'least(100.0' }}, 100.0 * (
                {{ reference }} / 100.0 {{ '-' if sign < 0 else '+' }} {{ z }} * sqrt(
                    ({{ reference }} / 100.0) * (1.0 - {{ reference }} / 100.0) / {{ denominator }})))
        when {{ unit }} in ('pr. 1.000', 'pr. 100.000') then
            {% if sign < 0 %}greatest(0.0, {% else %}({% endif %}
                {{ reference }} {{ '-' if sign < 0 else '+' }} {{ z }} * sqrt({{ reference }} * {{ scale }} / {{ denominator }}))
    end
{%- endmacro %}
