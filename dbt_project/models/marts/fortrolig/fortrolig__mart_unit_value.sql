-- mart_unit_value including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='mart_unit_value') }}
{{ select_audience(ref('int_unit_values_compared'), 'fortrolig') }}
