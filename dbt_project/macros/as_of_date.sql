{% macro as_of_date() -%}
    {#- The date the marts describe: values published after it are embargoed (not public).
        `noegletal build --as-of 2023-06-01` rebuilds the marts as they stood on that date. -#}
    cast('{{ var("as_of", run_started_at.strftime("%Y-%m-%d")) }}' as date)
{%- endmacro %}
