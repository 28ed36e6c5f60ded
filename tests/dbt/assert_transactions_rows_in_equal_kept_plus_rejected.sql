-- Nothing is lost silently: every row of the sales export is either kept or rejected
-- (an absent, optional file counts as zero rows).
with

counts as (
    select
        {% if raw_file_exists('transactions') %}
            (select count(*) from {{ source('raw', 'transactions') }}) as rows_in,
        {% else %}
            0 as rows_in,
        {% endif %}
        (select count(*) from {{ ref('stg_transactions') }}) as rows_kept,
        (select count(*) from {{ ref('stg_transactions_rejected') }}) as rows_rejected
)

select *
from counts
where rows_in != rows_kept + rows_rejected
