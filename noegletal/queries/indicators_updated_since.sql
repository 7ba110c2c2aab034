-- "Opdateret": per indicator, whether any of its current values up to the period shown for the
-- chosen quarter $period ('' = latest; mart_period_shown) was published after $since (a board
-- presentation date, ISO; '' = no presentation on record: every indicator with data counts as
-- updated). The one definition, read by the overview and the chart packs.
select
    shown.indicator_id,
    shown.period as latest_period,
    max(fct.published_at) as latest_published_at,
    case
        when $since = '' then true
        else coalesce(max(fct.published_at) > cast(nullif($since, '') as date), false)
    end as is_updated
from mart_period_shown as shown
inner join fct_indicator_value as fct
    on fct.indicator_id = shown.indicator_id
    and fct.period_start <= shown.period_start
where shown.as_of_quarter = case when $period = '' then 'seneste' else $period end
group by shown.indicator_id, shown.period
order by shown.indicator_id
