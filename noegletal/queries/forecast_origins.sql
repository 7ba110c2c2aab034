-- Per indicator with a target, region and period: the origin of the forecast a page or pack for
-- that period shows (mart_forecast_origin: the latest origin up to the period).
select
    indicator_id,
    region_id,
    period,
    fitted_to_period
from mart_forecast_origin
order by indicator_id, region_id, period
