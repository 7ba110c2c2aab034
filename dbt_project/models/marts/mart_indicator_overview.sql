-- One row per indicator and period: the board overview's line for the indicator (public values).
{{ select_audience(ref('int_indicator_overview_summarised'), 'offentlig') }}
