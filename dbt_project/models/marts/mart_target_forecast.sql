-- One row per indicator with a target, region (the five regions and hele_landet) and step ahead:
-- the linear trend's forecast with 80 % and 95 % prediction intervals, when the target is
-- expected to be met and how likely it is met at the horizon's end (public values).
{{ select_audience(ref('int_target_forecasts_summarised'), 'offentlig') }}
