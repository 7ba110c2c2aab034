-- Every unit below the regions a value may be given for: the 98 municipalities (fixed seed,
-- unit_id 'kommune_<Danmarks Statistik code>') and the user's hospitals and sub-groups (units.csv).
with

municipalities as (

    select * from {{ ref('municipalities') }}

),

units as (

    select * from {{ ref('units') }}

)

select
    {{ dbt.concat(["'kommune_'", "municipalities.dst_code"]) }} as unit_id,
    municipalities.name_da,
    cast('kommune' as {{ dbt.type_string() }}) as unit_type,
    municipalities.region_id,
    municipalities.dst_code

from municipalities

union all

select
    units.unit_id,
    units.name_da,
    units.unit_type,
    units.region_id,
    cast(null as {{ dbt.type_string() }}) as dst_code

from units
