{% macro as_of_date() -%}
    {#- The date the marts describe: values published after it are embargoed (not public).
        `noegletal build --as-of 2023-06-01` rebuilds the marts as they stood on that date.
        Never later than the day of the build: an --as-of in the future must not publish a value
        before its publication date, so the public marts stay as of today then. -#}
    {%- set today = run_started_at.strftime("%Y-%m-%d") -%}
    {%- set wanted = var("as_of", today) | string -%}
    cast('{{ [wanted, today] | min }}' as date)
{%- endmacro %}
