{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- The schemas people and the dashboard query have fixed names (`fortrolig`, `staging` ...),
        not names prefixed with the target schema. On PostgreSQL a build goes to a fresh set of
        schemas (`nb_main`, `nb_fortrolig`, ...: NOEGLETAL_SCHEMA_PREFIX) that replaces the served
        set in one transaction (noegletal.access.postgres); the target schema carries the prefix. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ env_var('NOEGLETAL_SCHEMA_PREFIX', '') ~ (custom_schema_name | trim) }}
    {%- endif -%}
{%- endmacro %}
