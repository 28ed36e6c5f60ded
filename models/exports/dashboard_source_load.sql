-- What each raw file gave, as the data-quality section lists it: rows read, kept, rejected and
-- malformed (source_load_report), and the rejected rows counted by reason, most frequent first.
-- Downstream of the predictions like every export, so `dbt run --select predictions+`
-- refreshes them all: depends_on: {{ ref('client_profiles_with_predictions') }}
with

reasons as (
    select
        source_name,
        source_file,
        {{ unnest_lists([
            ['map_keys(rejected_by_reason)', 'reason'],
            ['map_values(rejected_by_reason)', 'reason_rows']
        ]) }}
    from {{ ref('source_load_report') }}
),

reasons_by_file as (
    select
        source_name,
        source_file,
        {{ list_agg_sorted(
            struct_of_sql([['reason', 'reason'], ['rows', 'reason_rows']]),
            [['reason_rows', 'desc'], ['reason', 'asc']]
        ) }} as rejected_by_reason
    from reasons
    group by source_name, source_file
)

select
    report.source_name,
    report.source_file,
    report.rows_read,
    report.rows_kept,
    report.rows_rejected,
    report.rows_malformed,
    round(report.rejected_share, 4) as rejected_share,
    report.rejected_share > {{ var('max_rejected_share') }} as above_max_rejected_share,
    coalesce(reasons_by_file.rejected_by_reason, {{ list_of_sql([]) }}) as rejected_by_reason
from {{ ref('source_load_report') }} as report
left join reasons_by_file
    on
        report.source_name = reasons_by_file.source_name
        and report.source_file = reasons_by_file.source_file
