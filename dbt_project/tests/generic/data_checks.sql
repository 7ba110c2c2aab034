{#-
    Several column checks on one model in one data test: a refresh runs one such test per model
    instead of one test per check (~100), and dbt's overhead per test node, not the queries, was
    most of the build time. Each check is as strict as dbt's generic test of the same name (nulls
    pass accepted_values, unique and relationships, as there). The test returns one row per check
    that does not hold (failed_check names it, n_rows counts the rows that break it); `dbt test
    --select <test name> --store-failures` shows which. Portable SQL (DuckDB, PostgreSQL, Spark).

    grain:              [column, ...]                              the model's grain: the columns identify
                                                                   a row (no two rows share them, none null)
    not_null:           [column | {column: c, where: condition}]   c is not null (where condition)
    unique:             [column]                                   no two rows share a non-null c
    unique_combination: [column, ...]                              no two rows share the columns
    accepted_values:    [{column: c, values: [...], quote: true}]  c is null or one of the values
    non_negative:       [column | {column: c, where: condition}]   c is not negative
    relationships:      [{column: c, to: ref(...)/source(...), field: f}]  every non-null c is in to.f
    also:               [{relation: ref(...)/source(...), <the checks above>}]  the same checks on
                        further relations in the same test node (e.g. a mart's `fortrolig` copy;
                        failed_check starts with the relation's schema and name)
-#}
{% test data_checks(model, grain=[], not_null=[], unique=[], unique_combination=[], accepted_values=[], non_negative=[], relationships=[], also=[]) %}

{%- set checks = data_checks_list(model, '', {'grain': grain, 'not_null': not_null, 'unique': unique,
    'unique_combination': unique_combination, 'accepted_values': accepted_values,
    'non_negative': non_negative, 'relationships': relationships}) -%}
{%- for item in also -%}
    {%- set relation = item['relation'] -%}
    {%- set name = relation.schema ~ '.' ~ relation.identifier if relation.identifier is defined else relation | string -%}
    {%- do checks.extend(data_checks_list(relation, name ~ ': ', item)) -%}
{%- endfor -%}

{%- for label, sql in checks %}
select '{{ label | replace("'", "''") }}' as failed_check, n_rows from ({{ sql }}) as {{ 'check_' ~ loop.index }} where n_rows > 0
{% if not loop.last %}union all{% endif %}
{%- endfor %}

{% endtest %}
