-- Deprecated in 0.2.0, removed in the release after it: mart_indicator_level has these columns
-- and more. The mart analysts' SQL read until 0.1.0, as a view under its old name with its old
-- columns, so that their queries keep working for one release (CHANGELOG.md).
{{ config(materialized='view') }}
{{ mart_distance_to_best_0_1(ref('mart_indicator_level')) }}
