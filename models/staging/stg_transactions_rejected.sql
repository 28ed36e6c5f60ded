select
    source_row_number,
    transaction_id,
    client_id,
    raw_transaction_date,
    raw_amount_eur,
    reject_reason
from {{ ref('stg_transactions__parsed') }}
where reject_reason is not null
