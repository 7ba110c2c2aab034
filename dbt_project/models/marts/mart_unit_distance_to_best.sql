-- One row per indicator, unit and period: distance to the best unit of its type nationally and within its region (public values).
{{ select_audience(ref('int_unit_distances_to_best_computed'), 'offentlig') }}
