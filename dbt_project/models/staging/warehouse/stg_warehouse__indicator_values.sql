with

source as (

    select * from {{ source('raw', 'indicator_values') }}

),

renamed as (

    select
        -- ids
        load_id,
        source_row,
        indicator_id,
        region_id,
        unit_id,  -- null for a region's own figure; a municipality ('kommune_101') or a units.csv id

        -- period: canonical code (2023K1 or 2022) split into its parts
        period,
        period_start,
        cast(substr(period, 1, 4) as {{ dbt.type_int() }}) as period_year,
        case
            when length(period) = 6 then cast(substr(period, 6, 1) as {{ dbt.type_int() }})
        end as period_quarter,

        -- measures; value is null only where the publisher suppressed it
        value,
        numerator,
        denominator,
        suppression_reason,

        -- flags and dates
        is_provisional,
        is_synthetic,
        published_at

    from source

)

select * from renamed
