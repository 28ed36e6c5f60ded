select
    client_id || ':' || strftime(observed_at, '%Y-%m-%d') as outcome_id,
    client_id,
    observed_at,
    purchased,
    churned,
    revenue_eur,
    source_file
from {{ ref('stg_outcomes__parsed') }}
where reject_reason is null
