-- mart_indicator_level including embargoed values (preparation mode; is_embargoed marks them).
-- Built after the public mart, never beside it: the two queries together need more than DuckDB's
-- default memory cap at 100 x the demo (each alone fits; issue 22), so dbt is told of an order.
-- depends_on: {{ ref('mart_indicator_level') }}
{{ config(alias='mart_indicator_level') }}
{{ indicator_level_with_gaps('fortrolig') }}
