-- The Resumé's order of the updated indicators per board presentation (public values).
{{ select_audience(ref('int_board_item_priorities'), 'offentlig') }}
