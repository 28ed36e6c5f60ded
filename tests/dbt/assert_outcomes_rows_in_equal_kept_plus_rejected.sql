-- Nothing is lost silently: every row of the CRM outcomes export is either kept or rejected
-- (an absent, optional file counts as zero rows).
with

counts as (
    select
        {% if raw_file_exists('outcomes') %}
            (select count(*) from {{ source('raw', 'outcomes') }}) as rows_in,
        {% else %}
            0 as rows_in,
        {% endif %}
        (select count(*) from {{ ref('stg_outcomes') }}) as rows_kept,
        (select count(*) from {{ ref('stg_outcomes_rejected') }}) as rows_rejected
)

select *
from counts
where rows_in != rows_kept + rows_rejected
