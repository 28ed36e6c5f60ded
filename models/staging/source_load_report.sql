-- Per source and file: rows read, kept and rejected, with the rejected rows counted by reason.
with

parsed_rows as (
    select
        'notes' as source_name,
        source_file,
        reject_reason
    from {{ ref('stg_notes__parsed') }}
    union all
    select
        'transactions' as source_name,
        source_file,
        reject_reason
    from {{ ref('stg_transactions__parsed') }}
    union all
    select
        'outcomes' as source_name,
        source_file,
        reject_reason
    from {{ ref('stg_outcomes__parsed') }}
),

reason_counts as (
    select
        source_name,
        source_file,
        reject_reason,
        count(*) as rows_rejected
    from parsed_rows
    where reject_reason is not null
    group by all
),

reasons_by_file as (
    select
        source_name,
        source_file,
        {{ sorted_map_agg('reject_reason', 'rows_rejected') }} as rejected_by_reason
    from reason_counts
    group by all
),

file_counts as (
    select
        source_name,
        source_file,
        count(*) as rows_read,
        count(*) filter (where reject_reason is null) as rows_kept,
        count(*) filter (where reject_reason is not null) as rows_rejected,
        count(*) filter (where reject_reason = 'malformed_line') as rows_malformed
    from parsed_rows
    group by all
)

select
    file_counts.source_name,
    file_counts.source_file,
    file_counts.rows_read,
    file_counts.rows_kept,
    file_counts.rows_rejected,
    file_counts.rows_malformed,
    file_counts.rows_rejected / file_counts.rows_read as rejected_share,
    coalesce(
        reasons_by_file.rejected_by_reason, {{ empty_map('string', 'bigint') }}
    ) as rejected_by_reason
from file_counts
left join reasons_by_file
    on
        file_counts.source_name = reasons_by_file.source_name
        and file_counts.source_file = reasons_by_file.source_file
