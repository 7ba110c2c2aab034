-- One row per indicator and period: national value, best and worst region, variation, and the
-- country's patients' gap to the best region (public values).
{{ regional_variation_with_gaps('offentlig') }}
