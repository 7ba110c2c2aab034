-- The Resumé's order of the indicators with new figures since the board presentation $since (ISO
-- date): resume_rank by mart_board_item_order's documented rule (gone the wrong way, a region
-- significantly worse and worsening, the target missed, the rest).
select indicator_id, resume_rank, priority_group, priority_reason
from mart_board_item_order
where presented_on = cast($since as date)
order by resume_rank
