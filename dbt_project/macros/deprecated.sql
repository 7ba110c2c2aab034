{% macro mart_distance_to_best_0_1(level_mart) -%}
    {#- mart_distance_to_best as it was in 0.1.0 (its columns, in their order), read from an
        audience's mart_indicator_level: deprecated in 0.2.0, removed in the release after it. -#}
    select
        indicator_id,
        region_id,
        period,
        period_start,
        value,
        best_value,
        distance_to_best,
        comparison_period,
        distance_to_best_year_ago,
        distance_change,
        movement
    from {{ level_mart }}
{%- endmacro %}
