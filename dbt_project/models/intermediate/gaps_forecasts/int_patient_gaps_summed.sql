-- One row per audience, indicator and period: the country's gain had every region had the best
-- region's rate, the sum of the regions' gaps (int_patient_gaps_computed). Empty when any region
-- with a published value has no gap (a missing denominator): a partial sum would understate it.
with

gaps as (

    select * from {{ ref('int_patient_gaps_computed') }}

),

wording as (

    select indicator_id, gap_noun_da, gap_level_da, gap_outcome_da from {{ ref('indicator_gap_wording') }}

),

summed as (

    select
        audience,
        indicator_id,
        period,
        case when count(*) = count(patients_gap_to_best) then sum(patients_gap_to_best) end
            as patients_gap_to_best,
        case when count(*) = count(patients_gap_to_best_cautious) then sum(patients_gap_to_best_cautious) end
            as patients_gap_to_best_cautious,
        count(patients_gap_to_best) as patients_gap_n_regions
    from gaps
    group by audience, indicator_id, period

)

select
    summed.*,
    -- under half a patient rounds to none: no gap to put in a sentence
    coalesce(summed.patients_gap_to_best >= 0.5, false) as has_patients_gap_to_best,
    wording.gap_noun_da as patients_gap_noun,
    -- the sentence's wording, so that named queries read it from the mart
    wording.gap_level_da as patients_gap_level_da,
    wording.gap_outcome_da as patients_gap_outcome_da
from summed
inner join wording on summed.indicator_id = wording.indicator_id
