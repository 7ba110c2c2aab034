-- One row per indicator, unit and period: the unit's value, confidence intervals, classification against the national value and funnel limits (public values).
{{ select_audience(ref('int_unit_values_compared'), 'offentlig') }}
