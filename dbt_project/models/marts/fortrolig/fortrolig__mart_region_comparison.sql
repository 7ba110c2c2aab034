-- mart_region_comparison including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='mart_region_comparison') }}
{{ with_value_decimals(ref('int_regions_compared'), 'fortrolig') }}
