-- Every indicator of the catalog with its goal area, in the appendix's order.
select
    indicator_id,
    goal_area,
    goal_area_title_da,
    sort_order,
    name_da,
    unit,
    decimals,
    direction,
    frequency,
    source,
    target,
    target_note,
    first_period,
    series_break,
    volume_label_da,
    notes_da,
    value_noun_da,
    suspension_label_da,
    higher_da,
    lower_da
from dim_indicator
order by goal_area, sort_order
