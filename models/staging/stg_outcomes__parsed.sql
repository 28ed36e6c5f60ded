-- Every row of the CRM outcomes exports, parsed, with the reason it cannot be used (null when
-- it can). Optional: without any file the model is empty and labels come from sales alone.
-- A blank purchased / churned / revenue cell means "not observed"; a row observing nothing at
-- all is rejected, as is any value that is not a flag (see parse_flag) or a non-negative amount.
with

source_rows as (
    {{ raw_export_rows('outcomes', 'observed_at') }}
),

parsed as (
    select
        source_rows.source_row_number,
        source_rows.source_file,
        source_rows.source_line_number,
        source_rows.malformed_error_type,
        source_rows.malformed_error_message,
        source_rows.malformed_line_text,
        nullif(trim(source_rows.client_id), '') as client_id,
        source_rows.observed_at as raw_observed_at,
        {{ parse_date('source_rows.observed_at', 'source_rows.day_first') }} as observed_at,
        {{ is_ambiguous_date('source_rows.observed_at', 'source_rows.day_first') }}
            as is_ambiguous_date,
        source_rows.purchased as raw_purchased,
        {{ parse_flag('source_rows.purchased') }} as purchased,
        source_rows.churned as raw_churned,
        {{ parse_flag('source_rows.churned') }} as churned,
        source_rows.revenue_eur as raw_revenue_eur,
        {{ parse_amount("nullif(trim(source_rows.revenue_eur), '')") }} as revenue_eur
    from source_rows
),

checked as (
    select
        *,
        row_number() over (
            partition by client_id, observed_at order by source_row_number
        ) as observation_occurrence,
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
    {{ null_if_erased('client_id') }},
    {{ null_if_erased('observed_at') }},
    {{ null_if_erased('purchased') }},
    {{ null_if_erased('churned') }},
    {{ null_if_erased('revenue_eur') }},
    {{ null_if_erased('raw_observed_at') }},
    {{ null_if_erased('raw_purchased') }},
    {{ null_if_erased('raw_churned') }},
    {{ null_if_erased('raw_revenue_eur') }},
    malformed_error_type,
    malformed_error_message,
    malformed_line_text,
    case
        when malformed_error_type is not null then 'malformed_line'
        when is_erased then 'erased_client'
        when client_id is null then 'missing_client_id'
        when is_ambiguous_date then 'ambiguous_date'
        when observed_at is null then 'unparseable_date'
        when nullif(trim(raw_purchased), '') is not null and purchased is null
            then 'invalid_purchased'
        when nullif(trim(raw_churned), '') is not null and churned is null
            then 'invalid_churned'
        when nullif(trim(raw_revenue_eur), '') is not null and revenue_eur is null
            then 'invalid_revenue'
        when revenue_eur < 0 then 'negative_revenue'
        when purchased is null and churned is null and revenue_eur is null
            then 'nothing_observed'
        when observation_occurrence > 1 then 'duplicate_observation'
    end as reject_reason
from checked
