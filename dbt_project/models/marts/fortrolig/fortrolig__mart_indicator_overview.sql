-- mart_indicator_overview including embargoed values (preparation mode; is_embargoed marks them).
{{ config(alias='mart_indicator_overview') }}
{{ select_audience(ref('int_indicator_overview_summarised'), 'fortrolig') }}
