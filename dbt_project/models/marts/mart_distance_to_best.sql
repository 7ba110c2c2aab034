-- One row per indicator, region and period: distance to the best now and a year ago (public values).
{{ select_audience(ref('int_distances_to_best_computed'), 'offentlig') }}
