select
    transaction_id,
    client_id,
    transaction_date,
    amount_eur,
    category
from {{ ref('stg_transactions__parsed') }}
where reject_reason is null
