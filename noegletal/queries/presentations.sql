-- Every board presentation on record, newest first (for "opdateret siden").
select presentation_id, presented_on, note, is_latest
from dim_presentation
order by presented_on desc, presentation_id desc
