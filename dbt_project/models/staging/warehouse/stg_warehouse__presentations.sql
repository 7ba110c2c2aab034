with

source as (

    select * from {{ source('raw', 'presentations') }}

),

renamed as (

    select
        -- ids
        presentation_id,

        -- what was shown when
        presented_on,
        note,
        recorded_at

    from source

)

select * from renamed
