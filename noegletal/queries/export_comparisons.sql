-- Every region's classification against the national value and the best region, its recent
-- trend and the "signifikant dårligere og forværret" flag (the chart pack's drafted summary).
select
    comparison.indicator_id,
    comparison.region_id,
    comparison.period,
    comparison.value,
    comparison.national_value,
    comparison.significance_vs_national,
    comparison.significance_vs_best,
    comparison.trend,
    comparison.is_significantly_worse_and_worsening
from mart_region_comparison as comparison
order by comparison.indicator_id, comparison.period_start, comparison.region_id
