-- The current value of every indicator, region and period, traceable to its file and row.
select
    indicator_id,
    region_id,
    period,
    period_start,
    period_year,
    period_quarter,
    value,
    numerator,
    denominator,
    is_provisional,
    is_suspended,
    is_synthetic,
    series_segment,
    published_at,
    load_id,
    source_file,
    source_sha256,
    source_row,
    loaded_at

from {{ ref('int_indicator_values_current_flagged') }}
