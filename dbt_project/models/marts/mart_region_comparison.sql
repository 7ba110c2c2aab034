-- One row per indicator, region and period: confidence intervals, significance against the national and the best value, recent trend (public values).
{{ with_value_decimals(ref('int_regions_compared'), 'offentlig') }}
