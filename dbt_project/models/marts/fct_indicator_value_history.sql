-- Every published vintage of every key: the values later files replaced are kept here, never
-- overwritten. Embargoed vintages are not public history yet.
select
    indicator_id,
    region_id,
    period,
    period_start,
    value,
    numerator,
    denominator,
    suppression_reason,
    is_provisional,
    vintage_date as published_at,
    vintage_rank,
    vintage_rank = 1 as is_current,
    load_id,
    source_file,
    source_sha256,
    source_row,
    loaded_at

from {{ ref('int_indicator_values_ranked_by_vintage') }}
where audience = 'offentlig'
  and unit_id is null  -- the regions' own figures; units are in mart_unit_value
