{% macro select_audience(relation, audience) -%}
    {#- One audience's rows of an audience-partitioned model, without the audience column. -#}
    {{ return(adapter.dispatch('select_audience')(relation, audience)) }}
{%- endmacro %}

{% macro duckdb__select_audience(relation, audience) -%}
    {#- DuckDB drops the column by name: works for an ephemeral model too, whose columns cannot be
        read from the warehouse. -#}
    select * exclude (audience)
    from {{ relation }}
    where audience = '{{ audience }}'
{%- endmacro %}

{% macro default__select_audience(relation, audience) -%}
    {#- Elsewhere the columns are read from the built relation; an ephemeral model has none to
        read, and its mart keeps the audience column. -#}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) if column.name | lower != 'audience' -%}
            {%- do columns.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
    {%- endif -%}
    select {{ columns | join(',\n           ') if columns else '*' }}
    from {{ relation }}
    where audience = '{{ audience }}'
{%- endmacro %}

{% macro spark__select_audience(relation, audience) -%}
    {#- Spark 4 drops a column by name as DuckDB does (`* except`). -#}
    select * except (audience)
    from {{ relation }}
    where audience = '{{ audience }}'
{%- endmacro %}
