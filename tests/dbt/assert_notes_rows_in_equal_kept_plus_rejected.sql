-- Nothing is lost silently: every row of the notes export is either kept or rejected.
with

counts as (
    select
        (select count(*) from {{ source('raw', 'notes') }}) as rows_in,
        (select count(*) from {{ ref('stg_notes') }}) as rows_kept,
        (select count(*) from {{ ref('stg_notes_rejected') }}) as rows_rejected
)

select *
from counts
where rows_in != rows_kept + rows_rejected
