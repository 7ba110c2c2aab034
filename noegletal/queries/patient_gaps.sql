-- The country's patients' gap to the best region for every indicator and period that has one,
-- with the catalog's wording for the sentence and the best regions' names.
select
    variation.indicator_id,
    variation.period,
    variation.best_regions,
    variation.patients_gap_to_best,
    variation.patients_gap_to_best_cautious,
    variation.patients_gap_noun,
    wording.gap_level_da,
    wording.gap_outcome_da
from mart_regional_variation as variation
inner join lookup.indicator_gap_wording as wording on variation.indicator_id = wording.indicator_id
where variation.patients_gap_to_best is not null
order by variation.indicator_id, variation.period_start
