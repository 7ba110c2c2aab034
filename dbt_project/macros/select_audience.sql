{% macro select_audience(relation, audience) -%}
    {#- One audience's rows of an audience-partitioned model, without the audience column.
        Columns are read from the built relation, so the mart follows its model's columns. -#}
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
