-- Since the board presentation $since (ISO date): per indicator and region today's latest
-- figure beside the one the board was shown then (mart_change_since_presentation: the figures
-- recorded at the presentation), a revision of that figure since, the change and its direction,
-- and the counts for the overview's first line.
select
    indicator_id,
    region_id,
    period,
    value,
    is_provisional,
    has_new_figures,
    period_shown,
    value_shown,
    value_shown_is_provisional,
    value_shown_now,
    value_shown_now_is_provisional,
    is_shown_value_revised,
    change_since_presentation,
    change_assessment,
    n_indicators_with_new_figures,
    n_indicators_gone_the_wrong_way
from mart_change_since_presentation
where presented_on = cast($since as date)
order by indicator_id, region_id
