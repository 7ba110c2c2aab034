-- Why the national figure moved: one row per indicator, region, period and comparison, the
-- region's contribution to the change of the national rate (public values), and whether the
-- level table's national change agrees with it (macros/national_change.sql).
{{ national_change_contributions(ref('mart_indicator_level'), 'offentlig') }}
