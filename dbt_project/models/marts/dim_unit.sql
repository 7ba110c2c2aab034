-- The units below the regions (municipalities, hospitals, sub-groups) with their region.
select
    units.unit_id,
    units.name_da,
    units.unit_type,
    units.region_id,
    regions.name_da as region_name_da,
    units.dst_code

from {{ ref('int_units_unioned') }} as units
inner join {{ ref('regions') }} as regions on units.region_id = regions.region_id
