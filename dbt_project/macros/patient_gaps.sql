{#- The marts with the patients' gap to the best added (int_patient_gaps_*): one definition for
    the public marts and their fortrolig copies. -#}

{% macro indicator_level_with_gaps(audience) -%}
with

distances as (
    {{ select_audience(ref('int_indicator_levels_compared'), audience) }}
),

gaps as (
    select indicator_id, region_id, period, patients_gap_to_best, patients_gap_to_best_cautious,
        has_patients_gap_to_best
    from {{ ref('int_patient_gaps_computed') }}
    where audience = '{{ audience }}'
)

select
    distances.*,
    gaps.patients_gap_to_best,
    gaps.patients_gap_to_best_cautious,
    coalesce(gaps.has_patients_gap_to_best, false) as has_patients_gap_to_best
from distances
left join gaps
    on distances.indicator_id = gaps.indicator_id
    and distances.region_id = gaps.region_id
    and distances.period = gaps.period
{%- endmacro %}

{% macro regional_variation_with_gaps(audience) -%}
with

variation as (
    {{ select_audience(ref('int_regional_variation_computed'), audience) }}
),

gaps as (
    select indicator_id, period, patients_gap_to_best, patients_gap_to_best_cautious,
        has_patients_gap_to_best, patients_gap_n_regions, patients_gap_noun, patients_gap_level_da, patients_gap_outcome_da
    from {{ ref('int_patient_gaps_summed') }}
    where audience = '{{ audience }}'
)

select
    variation.*,
    gaps.patients_gap_to_best,
    gaps.patients_gap_to_best_cautious,
    coalesce(gaps.has_patients_gap_to_best, false) as has_patients_gap_to_best,
    gaps.patients_gap_n_regions,
    gaps.patients_gap_noun,
    gaps.patients_gap_level_da,
    gaps.patients_gap_outcome_da
from variation
left join gaps
    on variation.indicator_id = gaps.indicator_id
    and variation.period = gaps.period
{%- endmacro %}
