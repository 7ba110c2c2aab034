with

source as (

    select * from {{ source('raw', 'presentation_figures') }}

),

renamed as (

    select
        -- ids
        presentation_id,
        indicator_id,
        region_id,

        -- the figure the board saw
        period,
        period_start,
        value,
        is_provisional,
        published_at

    from source

)

select * from renamed
