select
    client_id || ':' || {{ date_iso('observed_at') }} as outcome_id,
    client_id,
    observed_at,
    purchased,
    churned,
    revenue_eur,
    source_file
from {{ ref('stg_outcomes__parsed') }}
where reject_reason is null
