{#- Engine differences the dbt cross-database macros do not cover. The models run on DuckDB (the
    default), PostgreSQL and Spark; each macro here says which engine needs what. -#}

{% macro type_double() -%}
    {#- An 8-byte float. dbt.type_float() gives `float`, which is 4 bytes on DuckDB and Spark;
        `double precision` is standard SQL (DuckDB, PostgreSQL), Spark spells it `double`. -#}
    {{ return(adapter.dispatch('type_double')()) }}
{%- endmacro %}

{% macro default__type_double() %}double precision{% endmacro %}

{% macro spark__type_double() %}double{% endmacro %}

{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {#- dbt-spark's listagg is collect_list and ignores the order (tied regions came out in
        another order than Hovedstaden, Sjælland, Syddanmark, Midtjylland, Nordjylland). Spark 4
        has the standard listagg ... within group (order by ...), which keeps it. -#}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error("listagg with limit_num is not implemented for Spark") }}
    {%- endif -%}
    listagg({{ measure }}, {{ delimiter_text }}) within group ({{ order_by_clause }})
{%- endmacro %}
