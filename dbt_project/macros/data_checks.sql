{#- The checks of the data test data_checks (tests/generic/data_checks.sql), one query each. -#}
{% macro data_checks_list(model, prefix, spec) %}
{#- [(label, query giving n_rows)] for the checks in `spec` on `model` (see tests/generic/data_checks.sql). -#}
{%- set checks = [] -%}

{%- set grain = spec.get('grain') or [] -%}
{%- if grain -%}
    {#- the grain: no two rows share the key (nulls
        included), and no key column is null -#}
    {%- set columns = grain | join(', ') -%}
    {%- do checks.append((prefix ~ "grain(" ~ columns ~ "): duplicated", _duplicated_keys(model, columns))) -%}
    {%- set missing = [] -%}
    {%- for column in grain -%}{%- do missing.append(column ~ " is null") -%}{%- endfor -%}
    {%- do checks.append((prefix ~ "grain(" ~ columns ~ "): missing key",
        "select count(*) as n_rows from " ~ model ~ " where " ~ missing | join(' or '))) -%}
{%- endif -%}

{%- for item in spec.get('not_null') or [] -%}
    {%- do checks.append(_column_check(model, prefix, 'not_null', item, ' is null')) -%}
{%- endfor -%}

{%- for column in spec.get('unique') or [] -%}
    {%- do checks.append((prefix ~ "unique(" ~ column ~ ")",
        "select count(*) as n_rows from (select " ~ column ~ " from " ~ model ~ " where " ~ column
        ~ " is not null group by " ~ column ~ " having count(*) > 1) as duplicated")) -%}
{%- endfor -%}

{%- set unique_combination = spec.get('unique_combination') or [] -%}
{%- if unique_combination -%}
    {%- set columns = unique_combination | join(', ') -%}
    {%- do checks.append((prefix ~ "unique_combination(" ~ columns ~ ")", _duplicated_keys(model, columns))) -%}
{%- endif -%}

{%- for item in spec.get('accepted_values') or [] -%}
    {%- set quote = item.get('quote', true) -%}
    {%- set literals = [] -%}
    {%- for value in item['values'] -%}
        {%- do literals.append("'" ~ value ~ "'" if quote else value | string) -%}
    {%- endfor -%}
    {%- do checks.append((prefix ~ "accepted_values(" ~ item.column ~ ")",
        "select count(*) as n_rows from " ~ model ~ " where " ~ item.column ~ " not in (" ~ literals | join(', ') ~ ")")) -%}
{%- endfor -%}

{%- for item in spec.get('non_negative') or [] -%}
    {%- do checks.append(_column_check(model, prefix, 'non_negative', item, ' < 0')) -%}
{%- endfor -%}

{%- for item in spec.get('relationships') or [] -%}
    {%- do checks.append((prefix ~ "relationships(" ~ item.column ~ " -> " ~ item.to ~ "." ~ item.field ~ ")",
        "select count(*) as n_rows from " ~ model ~ " as child where child." ~ item.column ~ " is not null"
        ~ " and not exists (select 1 from " ~ item.to ~ " as parent where parent." ~ item.field ~ " = child." ~ item.column ~ ")")) -%}
{%- endfor -%}

{{ return(checks) }}
{% endmacro %}


{% macro _duplicated_keys(model, columns) %}
{#- the query counting the keys (`columns`, nulls included) that more than one row of `model` shares -#}
{{ return("select count(*) as n_rows from (select " ~ columns ~ " from " ~ model ~ " group by " ~ columns
    ~ " having count(*) > 1) as duplicated") }}
{% endmacro %}


{% macro _column_check(model, prefix, check, item, breaks) %}
{#- (label, query) of a check on one column: the rows where `column breaks` (e.g. ' is null'),
    among those where `where` holds when the item is {column: c, where: condition} -#}
{%- set column = item if item is string else item.column -%}
{%- set condition = column ~ breaks ~ ('' if item is string else ' and (' ~ item.where ~ ')') -%}
{{ return((prefix ~ check ~ "(" ~ column ~ ")", "select count(*) as n_rows from " ~ model ~ " where " ~ condition)) }}
{% endmacro %}
