-- One region's patients' gap to the best region on every indicator and period that has one, with
-- the best regions and the catalog's wording for the sentence.
select
    distance.indicator_id,
    distance.period,
    distance.patients_gap_to_best,
    variation.best_regions,
    wording.gap_noun_da,
    wording.gap_level_da,
    wording.gap_outcome_da
from mart_distance_to_best as distance
inner join mart_regional_variation as variation
    on distance.indicator_id = variation.indicator_id and distance.period = variation.period
inner join lookup.indicator_gap_wording as wording on distance.indicator_id = wording.indicator_id
where distance.region_id = $region_id
  and distance.patients_gap_to_best >= 0.5
order by distance.indicator_id, distance.period_start
