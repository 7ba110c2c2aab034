-- One region's comparisons on every indicator and period: interval, classification against the national value and the best region, recent trend and the "signifikant dårligere og forværret" flag.
select
    indicator_id,
    region_id,
    period,
    period_start,
    value,
    numerator,
    denominator,
    national_value,
    best_value,
    ci_method,
    ci95_low,
    ci95_high,
    significance_vs_national,
    significance_vs_best,
    trend_n_periods,
    trend_slope_per_year,
    trend_t_statistic,
    trend,
    is_significantly_worse_and_worsening
from mart_region_comparison
where region_id = $region_id
order by indicator_id, period_start
