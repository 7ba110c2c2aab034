-- One row per indicator with a target, region (the five and hele landet) and period: target met or not, and how many regions meet it (public values).
{{ select_audience(ref('int_region_targets_assessed'), 'offentlig') }}
