{% macro spark__load_csv_rows(model, agate_table) %}
    {#- dbt-spark's session method binds every cell as text, and an empty cell as the string
        'None' (so `series_break` was 'None', not null). Here the cells are written into the
        insert as literals instead: null for an empty cell, cast to the seed's column type. -#}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(column_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for cell in row -%}
                    cast({{ spark_seed_literal(cell) }} as {{ types[loop.index0] }}){% if not loop.last %}, {% endif %}
                {%- endfor -%}){% if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}

{% macro spark_seed_literal(cell) -%}
    {#- A seed cell as a Spark SQL literal (backslash escapes, as Spark's string literals have). -#}
    {%- if cell is none -%}
        null
    {%- elif cell is boolean -%}
        {{ 'true' if cell else 'false' }}
    {%- elif cell is number -%}
        {{ cell }}
    {%- else -%}
        '{{ cell | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
