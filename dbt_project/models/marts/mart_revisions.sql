-- Every key whose published value changed from one vintage to the next ("tidligere opgjort til
-- 79 pct."): the old and new value, their publication dates and files (public vintages).
{{ select_audience(ref('int_revisions_listed'), 'offentlig') }}
