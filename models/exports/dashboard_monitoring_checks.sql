-- The monitoring checks as the dashboard's banner lists them: alerts first, then warnings.
select
    check_type,
    model_version,
    {{ date_iso('as_of_date') }} as as_of_date,
    subject,
    value,
    threshold,
    status,
    detail,
    row_number() over (
        order by
            case status when 'alert' then 0 when 'warning' then 1 else 2 end,
            check_type, model_version, as_of_date, subject
    )::integer as check_order
from {{ ref('ml_model_monitoring') }}
