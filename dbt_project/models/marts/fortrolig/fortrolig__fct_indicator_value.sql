-- fct_indicator_value including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='fct_indicator_value') }}
{{ select_audience(ref('int_indicator_values_current_flagged'), 'fortrolig') }}
