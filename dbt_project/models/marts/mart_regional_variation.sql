-- One row per indicator and period: national value, best and worst region, variation (public values).
{{ select_audience(ref('int_regional_variation_computed'), 'offentlig') }}
