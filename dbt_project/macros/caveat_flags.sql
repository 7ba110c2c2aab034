{% macro caveat_flags(values, indicators, suspensions) -%}
    {#- The caveats a reader must see on a value: a suspended patient right, and which side of
        the indicator's series break the period lies on. One definition for regions and units. -#}
    -- codes of one frequency sort as text (2020K1 < 2020K4 < 2021K1), so text comparison is exact
    exists (
        select 1 from {{ suspensions }}
        where {{ suspensions }}.indicator_id = {{ values }}.indicator_id
          and {{ values }}.period between {{ suspensions }}.period_from and {{ suspensions }}.period_to
    ) as is_suspended,
    case
        when {{ indicators }}.series_break is not null and {{ values }}.period >= {{ indicators }}.series_break then 2
        else 1
    end as series_segment
{%- endmacro %}
