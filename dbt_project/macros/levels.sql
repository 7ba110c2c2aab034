{% macro shown_value(value, decimals) -%}
    {#- The value as the tables show it: rounded half up to the indicator's decimals. Changes are
        taken between shown values, so a table never says "+1 pct.-point" between 74 and 74.
        floor(x + 0.5) is half up for the non-negative measures of the catalog; the 1e-9 absorbs
        float noise (0.285 is stored as 0.28499999...). Portable: floor and power only (Spark's
        round() wants a literal scale, PostgreSQL's round(double) rounds half to even). -#}
    (floor(({{ value }}) * power(10, {{ decimals }}) + 0.5 + 1e-9) / power(10, {{ decimals }}))
{%- endmacro %}

{% macro is_visible_change(change, decimals) -%}
    {#- The change does not round to 0 at the indicator's decimals (half up, as shown_value: half
        the last decimal is shown as one); null where the change is. -#}
    (abs({{ change }}) >= 0.5 * power(10.0, -coalesce({{ decimals }}, 0)))
{%- endmacro %}

{% macro period_code(year, quarter) -%}
    {#- '2023K1' for a quarter, '2023' for a year (quarter null) -#}
    {{ dbt.concat([
        "cast(" ~ year ~ " as " ~ dbt.type_string() ~ ")",
        "coalesce('K' || cast(" ~ quarter ~ " as " ~ dbt.type_string() ~ "), '')",
    ]) }}
{%- endmacro %}

{% macro period_index(frequency, year, quarter) -%}
    {#- consecutive periods as consecutive numbers: quarters counted from year 0, years as themselves -#}
    case when {{ frequency }} = 'quarter' then {{ year }} * 4 + {{ quarter }} - 1 else {{ year }} end
{%- endmacro %}
