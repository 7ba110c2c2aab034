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
    {#- Elsewhere the columns are read from the built relation (dbt_project.yml makes the
        audience-split models views outside DuckDB: an ephemeral model has no columns to read). -#}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) if column.name | lower != 'audience' -%}
            {%- do columns.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
        {%- if not columns -%}
            {{ exceptions.raise_compiler_error("select_audience: no columns to read from " ~ relation ~ " (is it ephemeral?)") }}
        {%- endif -%}
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
