{#- Nothing is lost silently: every row of a raw export is either in `model` (kept) or in
    `rejected`. An optional raw file that is absent counts as zero rows. Fails with the counts. -#}
{% test all_rows_kept_or_rejected(model, raw_table, rejected) %}
with

counts as (
    select
        {% if raw_file_exists(raw_table) %}
            (select count(*) from {{ source('raw', raw_table) }}) as rows_in,
        {% else %}
            0 as rows_in,
        {% endif %}
        (select count(*) from {{ model }}) as rows_kept,
        (select count(*) from {{ rejected }}) as rows_rejected
)

select *
from counts
where rows_in != rows_kept + rows_rejected
{% endtest %}
