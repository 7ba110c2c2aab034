-- One row per board presentation, indicator and region: the figure shown then beside today's latest, the change and its direction (public values).
{{ select_audience(ref('int_changes_since_presentations'), 'offentlig') }}
