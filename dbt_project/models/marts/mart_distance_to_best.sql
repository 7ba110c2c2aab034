-- One row per indicator, region and period: distance to the best now and a year ago, and the
-- patients' gap to the best region (public values).
{{ distance_to_best_with_gaps('offentlig') }}
