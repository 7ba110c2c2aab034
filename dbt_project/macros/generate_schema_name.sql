{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- The schemas people and the dashboard query have fixed names (`fortrolig`, `staging` ...),
        not names prefixed with the target schema. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
