-- Per chosen quarter (or 'seneste') and indicator: the period shown (public values).
{{ select_audience(ref('int_periods_shown_by_quarter'), 'offentlig') }}
