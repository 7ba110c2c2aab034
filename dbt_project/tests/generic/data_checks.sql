{#-
    Several column checks on one model in one data test: a refresh runs one such test per model
    instead of one test per check (~100), and dbt's overhead per test node, not the queries, was
    most of the build time. Each check is as strict as dbt's generic test of the same name (nulls
    pass accepted_values, unique and relationships, as there). The test returns one row per check
    that does not hold (failed_check names it, n_rows counts the rows that break it); `dbt test
    --select <test name> --store-failures` shows which. Portable SQL (DuckDB, PostgreSQL).

    not_null:           [column | {column: c, where: condition}]   c is not null (where condition)
    unique:             [column]                                   no two rows share a non-null c
    unique_combination: [column, ...]                              the columns together identify a row
    accepted_values:    [{column: c, values: [...], quote: true}]  c is null or one of the values
    non_negative:       [column | {column: c, where: condition}]   c is not negative
    relationships:      [{column: c, to: ref(...)/source(...), field: f}]  every non-null c is in to.f
-#}
{% test data_checks(model, not_null=[], unique=[], unique_combination=[], accepted_values=[], non_negative=[], relationships=[]) %}

{%- set checks = [] -%}

{%- for item in not_null -%}
    {%- set column = item if item is string else item.column -%}
    {%- set condition = column ~ ' is null' ~ ('' if item is string else ' and (' ~ item.where ~ ')') -%}
    {%- do checks.append(("not_null(" ~ column ~ ")", "select count(*) as n_rows from " ~ model ~ " where " ~ condition)) -%}
{%- endfor -%}

{%- for column in unique -%}
    {%- do checks.append(("unique(" ~ column ~ ")",
        "select count(*) as n_rows from (select " ~ column ~ " from " ~ model ~ " where " ~ column
        ~ " is not null group by " ~ column ~ " having count(*) > 1) as duplicated")) -%}
{%- endfor -%}

{%- if unique_combination -%}
    {%- set columns = unique_combination | join(', ') -%}
    {%- do checks.append(("unique_combination(" ~ columns ~ ")",
        "select count(*) as n_rows from (select " ~ columns ~ " from " ~ model ~ " group by " ~ columns
        ~ " having count(*) > 1) as duplicated")) -%}
{%- endif -%}

{%- for item in accepted_values -%}
    {%- set quote = item.get('quote', true) -%}
    {%- set literals = [] -%}
    {%- for value in item['values'] -%}
        {%- do literals.append("'" ~ value ~ "'" if quote else value | string) -%}
    {%- endfor -%}
    {%- do checks.append(("accepted_values(" ~ item.column ~ ")",
        "select count(*) as n_rows from " ~ model ~ " where " ~ item.column ~ " not in (" ~ literals | join(', ') ~ ")")) -%}
{%- endfor -%}

{%- for item in non_negative -%}
    {%- set column = item if item is string else item.column -%}
    {%- set condition = column ~ ' < 0' ~ ('' if item is string else ' and (' ~ item.where ~ ')') -%}
    {%- do checks.append(("non_negative(" ~ column ~ ")", "select count(*) as n_rows from " ~ model ~ " where " ~ condition)) -%}
{%- endfor -%}

{%- for item in relationships -%}
    {%- do checks.append(("relationships(" ~ item.column ~ " -> " ~ item.to ~ "." ~ item.field ~ ")",
        "select count(*) as n_rows from " ~ model ~ " as child where child." ~ item.column ~ " is not null"
        ~ " and not exists (select 1 from " ~ item.to ~ " as parent where parent." ~ item.field ~ " = child." ~ item.column ~ ")")) -%}
{%- endfor -%}

{%- for label, sql in checks %}
select '{{ label | replace("'", "''") }}' as failed_check, n_rows from ({{ sql }}) as {{ 'check_' ~ loop.index }} where n_rows > 0
{% if not loop.last %}union all{% endif %}
{%- endfor %}

{% endtest %}
