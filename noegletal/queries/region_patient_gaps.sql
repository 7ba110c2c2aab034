-- One region's patients' gap to the best region on every indicator and period that has one (of
-- at least half a patient: mart_indicator_level.has_patients_gap_to_best), with the best regions
-- and the catalog's wording for the sentence.
select
    distance.indicator_id,
    distance.period,
    distance.patients_gap_to_best,
    distance.has_patients_gap_to_best,
    variation.best_regions,
    variation.patients_gap_noun as gap_noun_da,
    variation.patients_gap_level_da as gap_level_da,
    variation.patients_gap_outcome_da as gap_outcome_da
from mart_indicator_level as distance
inner join mart_regional_variation as variation
    on distance.indicator_id = variation.indicator_id and distance.period = variation.period
where distance.region_id = $region_id
  and distance.has_patients_gap_to_best
  and variation.patients_gap_outcome_da is not null
order by distance.indicator_id, distance.period_start
