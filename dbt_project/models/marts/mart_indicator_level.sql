-- One row per indicator, region (the five regions and hele_landet) and period: the level, its
-- change since a year earlier, the distance to the best, rank, revision, suspension note, the
-- Region page's attention group and the patients' gap to the best region (public values). Every
-- page and pack reads these numbers from here.
{{ indicator_level_with_gaps('offentlig') }}
