-- The indicator catalog with its goal area's Danish title: the metadata every page and export shows.
select
    indicators.*,
    goal_areas.title_da as goal_area_title_da

from {{ ref('indicators') }} as indicators
inner join {{ ref('goal_areas') }} as goal_areas on indicators.goal_area = goal_areas.goal_area
