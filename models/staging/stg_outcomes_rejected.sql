select
    source_row_number,
    client_id,
    raw_observed_at,
    raw_purchased,
    raw_churned,
    raw_revenue_eur,
    reject_reason
from {{ ref('stg_outcomes__parsed') }}
where reject_reason is not null
