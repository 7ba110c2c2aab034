-- mart_regional_variation including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='mart_regional_variation') }}
{{ regional_variation_with_gaps('fortrolig') }}
