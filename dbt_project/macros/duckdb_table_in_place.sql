{#-
    dbt-duckdb's table materialization, built in place. dbt-duckdb builds a table as
    <name>__dbt_tmp, renames the existing table to <name>__dbt_backup, renames the new one into
    place and drops the backup, so that readers never see a half-built table. Every DuckDB build
    here runs on a working copy of the warehouse that no reader has open (noegletal.swap: the copy
    replaces the file in service only after the whole build succeeded), so the renames buy nothing
    and cost dbt work and queries per table (issue 22). Here the existing relation is dropped and
    the table created under its name, in one statement and so one transaction: a build that fails
    (the contract, the SQL) leaves the existing table as it was. Everything else as dbt-duckdb's own (for
    the SQL models of this project: no Python models, partitioning, sorting, DuckLake or foreign
    keys): the contract check (create_table_as), the hooks, grants and persisted docs.
-#}
{% materialization table, adapter="duckdb" %}

  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set grant_config = config.get('grants') -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}

  -- `BEGIN` happens here:
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {#- rendered first: the contract check raises here, before anything is dropped -#}
  {%- set create_sql = create_table_as(False, target_relation, compiled_code) -%}
  {#- one statement, so one transaction: `BEGIN` comes before the drop, and a failing create
      rolls the drop back (dbt-duckdb rolls back on error) -#}
  {% call statement('main') -%}
    {% if existing_relation is not none -%}
      drop {{ existing_relation.type }} if exists {{ existing_relation }} cascade;
    {%- endif %}
    {{ create_sql }}
  {%- endcall %}
  {% if existing_relation is not none %}
    {% do adapter.cache_dropped(existing_relation) %}
  {% endif %}

  {% do create_indexes(target_relation) %}

  {{ run_hooks(post_hooks, inside_transaction=True) }}

  {% set should_revoke = should_revoke(existing_relation, full_refresh_mode=True) %}
  {% do apply_grants(target_relation, grant_config, should_revoke=should_revoke) %}
  {% do persist_docs(target_relation, model) %}

  -- `COMMIT` happens here
  {{ adapter.commit() }}

  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
