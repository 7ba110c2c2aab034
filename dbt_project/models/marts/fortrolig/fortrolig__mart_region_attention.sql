-- mart_region_attention including embargoed values (preparation mode).
{{ config(alias='mart_region_attention') }}
{{ region_attention(ref('fortrolig__mart_indicator_level'), ref('fortrolig__mart_indicator_overview')) }}
