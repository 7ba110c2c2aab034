-- Why the national figure moved: one row per indicator, region, period and comparison, the
-- region's contribution to the change of the national rate (public values).
{{ select_audience(ref('int_national_change_decomposed'), 'offentlig') }}
