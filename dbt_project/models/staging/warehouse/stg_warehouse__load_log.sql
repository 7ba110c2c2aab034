with

source as (

    select * from {{ source('raw', 'load_log') }}

),

renamed as (

    select
        -- ids
        load_id,

        -- file identity
        file_name as source_file,
        file_path as source_path,
        sha256 as source_sha256,
        row_count as source_row_count,
        loader,

        -- timestamps
        loaded_at

    from source

)

select * from renamed
