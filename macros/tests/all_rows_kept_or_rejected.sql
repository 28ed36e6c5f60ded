{#- Nothing is lost silently: every row the reader gave for a raw export (good or malformed)
    is either in `model` (kept) or in `rejected`. Fails with the counts. -#}
{% test all_rows_kept_or_rejected(model, raw_table, rejected) %}
with

counts as (
    select
        (select count(*) from {{ source('raw', raw_table) }}) as rows_in,
        (select count(*) from {{ model }}) as rows_kept,
        (select count(*) from {{ rejected }}) as rows_rejected
)

select *
from counts
where rows_in != rows_kept + rows_rejected
{% endtest %}
