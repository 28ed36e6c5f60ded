select
    source_row_number,
    source_file,
    source_line_number,
    client_id,
    raw_observed_at,
    raw_purchased,
    raw_churned,
    raw_revenue_eur,
    reject_reason,
    malformed_error_type as error_type,
    malformed_error_message as error_message,
    malformed_line_text as line_text
from {{ ref('stg_outcomes__parsed') }}
where reject_reason is not null
