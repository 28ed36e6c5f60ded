select
    transaction_id,
    client_id,
    transaction_date,
    amount_eur,
    category,
    source_file
from {{ ref('stg_transactions__parsed') }}
where reject_reason is null
