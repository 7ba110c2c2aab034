-- The country's patients' gap to the best region for every indicator and period that has one,
-- with the catalog's wording for the sentence and the best regions.
select
    indicator_id,
    period,
    best_regions,
    patients_gap_to_best,
    patients_gap_to_best_cautious,
    has_patients_gap_to_best,
    patients_gap_noun,
    patients_gap_level_da as gap_level_da,
    patients_gap_outcome_da as gap_outcome_da
from mart_regional_variation
where patients_gap_to_best is not null
order by indicator_id, period_start
