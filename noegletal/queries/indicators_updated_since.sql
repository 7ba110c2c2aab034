-- Per indicator: its latest period, when its newest current figure was published, and whether
-- that was after $since (a presentation date): the appendix's bold "opdateret".
select
    indicator_id,
    max(period) as latest_period,
    max(published_at) as latest_published_at,
    max(published_at) > cast($since as date) as is_updated
from fct_indicator_value
group by indicator_id
order by indicator_id
