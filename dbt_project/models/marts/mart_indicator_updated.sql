-- Per board presentation, chosen quarter (or 'seneste') and indicator: "opdateret" (public values).
{{ select_audience(ref('int_indicators_updated_since_presentations'), 'offentlig') }}
