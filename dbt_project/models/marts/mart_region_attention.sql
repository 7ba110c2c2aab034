-- One row per indicator with data, region (the five regions and hele_landet) and period: the
-- Region page's attention group, "ingen data" (7) included where the region has no value, and
-- which of the page's counts the row is in (public values).
{{ region_attention(ref('mart_indicator_level'), ref('mart_indicator_overview')) }}
