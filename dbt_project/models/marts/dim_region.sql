-- The five regions and the whole country, in their fixed display order.
select * from {{ ref('regions') }}
