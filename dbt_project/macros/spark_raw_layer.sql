{% macro spark_load_raw_layer(parquet_dir, tables) %}
    {#- `dbt run-operation spark_load_raw_layer --target spark --args '{parquet_dir: DIR, tables: [...]}'`:
        (re)creates each raw table in Spark's `raw` database from DIR/<table>/ (the DuckDB raw
        layer exported as Parquet by noegletal/spark.py), copying the rows into Spark's warehouse.
        The models read the raw layer there through the same dbt sources as on DuckDB. -#}
    {%- if target.type != 'spark' -%}
        {{ exceptions.raise_compiler_error("spark_load_raw_layer runs with --target spark") }}
    {%- endif -%}
    {%- do run_query("create database if not exists raw") -%}
    {%- for table in tables -%}
        {%- do run_query("drop table if exists raw." ~ table) -%}
        {%- do run_query("create table raw." ~ table ~ " using parquet as select * from parquet.`"
                         ~ parquet_dir ~ "/" ~ table ~ "`") -%}
        {{ log("raw." ~ table ~ " loaded into Spark", info=true) }}
    {%- endfor -%}
{% endmacro %}
