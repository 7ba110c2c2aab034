-- Every vintage of every key: the values later files replaced are kept here, never overwritten.
select
    indicator_id,
    region_id,
    period,
    period_start,
    value,
    numerator,
    denominator,
    is_provisional,
    published_at,
    vintage_rank,
    vintage_rank = 1 as is_current,
    load_id,
    source_file,
    source_sha256,
    source_row,
    loaded_at

from {{ ref('int_indicator_values_ranked_by_vintage') }}
