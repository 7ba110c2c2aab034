{#-
    A model's grain: the columns that identify a row. Every row has them all (not null), and no
    two rows share them. One test per model, not one per column (dbt's not_null on each key and
    dbt_utils' unique_combination_of_columns in one node: dbt's overhead per test node, not the
    queries, is most of a build's time; dbt_utils cannot be installed without the network). It
    returns one row per key that breaks the grain: the key, how many rows share it, and
    `missing_key` true when a key column is null. Portable SQL (DuckDB, PostgreSQL, Spark).
-#}
{% test unique_combination(model, combination_of_columns) %}

{%- set columns = combination_of_columns | join(', ') %}

select {{ columns }}, count(*) as n_rows, false as missing_key
from {{ model }}
group by {{ columns }}
having count(*) > 1

union all

select {{ columns }}, count(*) as n_rows, true as missing_key
from {{ model }}
where {% for column in combination_of_columns %}{{ column }} is null{% if not loop.last %} or {% endif %}{% endfor %}
group by {{ columns }}

{% endtest %}
