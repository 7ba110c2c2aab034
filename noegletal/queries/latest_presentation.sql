-- The most recent board presentation on record (none before the first `noegletal present`).
select presented_on, note
from dim_presentation
order by presented_on desc, presentation_id desc
limit 1
