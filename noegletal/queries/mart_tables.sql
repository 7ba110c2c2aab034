-- Which of the marts the dashboard reads exist (an empty or unbuilt warehouse has none).
select table_name
from information_schema.tables
where table_schema = 'main'
    and table_name in (
        'dim_indicator', 'dim_region', 'dim_indicator_suspension', 'fct_indicator_value',
        'mart_regional_variation', 'mart_indicator_overview', 'mart_revisions',
        'dim_presentation', 'mart_unit_value', 'mart_unit_funnel_curve', 'mart_unit_distance_to_best', 'mart_region_comparison',
        'mart_indicator_level', 'mart_period_shown', 'mart_target_attainment', 'mart_change_since_presentation',
        'mart_indicator_updated'
    )
order by table_name
