-- One row per indicator, region (the five regions and hele_landet) and period: the level, its
-- change since a year earlier, the distance to the best, rank, revision, suspension note and the
-- Region page's attention group (public values). Every page and pack reads these numbers from here.
{{ select_audience(ref('int_indicator_levels_compared'), 'offentlig') }}
