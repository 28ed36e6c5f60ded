-- Every row of the sales exports, parsed, with the reason it cannot be used (null when it can).
-- Optional: without any file the model is empty and clients flow through with no sales.
-- A transaction ID in two files is taken from the latest file; older copies are superseded.
with

source_rows as (
    {{ raw_export_rows('transactions', 'transaction_date') }}
),

parsed as (
    select
        source_rows.source_row_number,
        source_rows.source_file,
        source_rows.source_line_number,
        source_rows.file_order,
        source_rows.malformed_error_type,
        source_rows.malformed_error_message,
        source_rows.malformed_line_text,
        nullif(trim(source_rows.transaction_id), '') as transaction_id,
        nullif(trim(source_rows.client_id), '') as client_id,
        source_rows.transaction_date as raw_transaction_date,
        {{ parse_date('source_rows.transaction_date', 'source_rows.day_first') }}
            as transaction_date,
        {{ is_ambiguous_date('source_rows.transaction_date', 'source_rows.day_first') }}
            as is_ambiguous_date,
        source_rows.amount_eur as raw_amount_eur,
        {{ parse_amount('source_rows.amount_eur') }} as amount_eur,
        coalesce(nullif(lower(trim(source_rows.category)), ''), 'unknown') as category
    from source_rows
),

with_duplicates as (
    select
        *,
        row_number() over (
            partition by transaction_id order by file_order desc, source_line_number asc
        ) as id_occurrence,
        max(file_order) over (partition by transaction_id) as latest_file_order,
        coalesce(
            {{ sha256_hex('client_id') }}
            in (select client_id_sha256 from {{ ref('stg_erased_clients') }}),
            false
        ) as is_erased
    from parsed
)

select
    source_row_number,
    source_file,
    source_line_number,
    {{ null_if_erased('transaction_id') }},
    {{ null_if_erased('client_id') }},
    {{ null_if_erased('transaction_date') }},
    {{ null_if_erased('amount_eur') }},
    {{ null_if_erased('category') }},
    {{ null_if_erased('raw_transaction_date') }},
    {{ null_if_erased('raw_amount_eur') }},
    malformed_error_type,
    malformed_error_message,
    malformed_line_text,
    case
        when malformed_error_type is not null then 'malformed_line'
        when is_erased then 'erased_client'
        when transaction_id is null then 'missing_id'
        when file_order < latest_file_order then 'superseded'
        when id_occurrence > 1 then 'duplicate_id'
        when client_id is null then 'missing_client_id'
        when is_ambiguous_date then 'ambiguous_date'
        when transaction_date is null then 'unparseable_date'
        when amount_eur is null then 'invalid_amount'
        when amount_eur <= 0 then 'non_positive_amount'
    end as reject_reason
from with_duplicates
