-- mart_board_item_order including embargoed values (preparation mode).
{{ config(alias='mart_board_item_order') }}
{{ select_audience(ref('int_board_item_priorities'), 'fortrolig') }}
