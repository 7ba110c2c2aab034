-- Every region, indicator and period flagged significantly worse than the national value and worsening (the board overview lists them first).
select
    comparison.indicator_id,
    comparison.region_id,
    comparison.period,
    comparison.value,
    comparison.national_value,
    comparison.significance_vs_national,
    comparison.trend
from mart_region_comparison as comparison
where comparison.is_significantly_worse_and_worsening
order by comparison.indicator_id, comparison.region_id, comparison.period_start
