-- mart_regional_variation including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='mart_regional_variation') }}
{{ select_audience(ref('int_regional_variation_computed'), 'fortrolig') }}
