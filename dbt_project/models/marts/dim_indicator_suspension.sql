-- Periods in which a patient right was suspended; charts shade them.
select * from {{ ref('indicator_suspensions') }}
