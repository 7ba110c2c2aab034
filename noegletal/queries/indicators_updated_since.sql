-- "Opdateret": per indicator, the period shown for the chosen quarter $period ('' = latest;
-- mart_period_shown) and whether it has figures the board has not seen since $since (ISO date).
-- The rule is dbt's (mart_indicator_updated, one row per registered presentation); a date that
-- is no presentation (picked by hand before the first `noegletal present`) can only mean
-- "published after it", and '' (nothing on record) counts every indicator with data as updated.
-- Read by the overview and the chart packs.
with

shown as (

    select indicator_id, period, period_start
    from mart_period_shown
    where as_of_quarter = case when $period = '' then 'seneste' else $period end

),

published as (

    select shown.indicator_id, max(fct.published_at) as latest_published_at
    from shown
    inner join fct_indicator_value as fct
        on fct.indicator_id = shown.indicator_id
        and fct.period_start <= shown.period_start
    group by shown.indicator_id

),

registered as (

    select indicator_id, is_updated
    from mart_indicator_updated
    where presented_on = cast(nullif($since, '') as date)
        and as_of_quarter = case when $period = '' then 'seneste' else $period end

)

select
    shown.indicator_id,
    shown.period as latest_period,
    published.latest_published_at,
    case
        when $since = '' then true
        when registered.indicator_id is not null then registered.is_updated
        else coalesce(published.latest_published_at > cast(nullif($since, '') as date), false)
    end as is_updated
from shown
inner join published on shown.indicator_id = published.indicator_id
left join registered on shown.indicator_id = registered.indicator_id
order by shown.indicator_id
