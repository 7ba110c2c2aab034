-- The current public value of every indicator, region and period, traceable to its file and row.
{{ select_audience(ref('int_indicator_values_current_flagged'), 'offentlig') }}
