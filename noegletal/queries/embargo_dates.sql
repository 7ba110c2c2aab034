-- One indicator's embargo dates in $period (mart_indicator_overview, fortrolig only): of the
-- period's values (embargo_published_at) and of the series up to it (series_embargo_published_at).
-- The indicator page's FORTROLIGT marks; no row, or empty dates, when nothing is under embargo.
select
    indicator_id,
    period,
    embargo_published_at,
    series_embargo_published_at
from mart_indicator_overview
where indicator_id = $indicator_id
    and period = $period
