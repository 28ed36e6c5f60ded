select
    source_row_number,
    source_file,
    source_line_number,
    transaction_id,
    client_id,
    raw_transaction_date,
    raw_amount_eur,
    reject_reason,
    malformed_error_type as error_type,
    malformed_error_message as error_message,
    malformed_line_text as line_text
from {{ ref('stg_transactions__parsed') }}
where reject_reason is not null
