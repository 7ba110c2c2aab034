-- The board presentations on record; "opdateret" means published after the chosen one.
select
    presentation_id,
    presented_on,
    note,
    recorded_at,
    presented_on = max(presented_on) over () as is_latest

from {{ ref('stg_warehouse__presentations') }}
