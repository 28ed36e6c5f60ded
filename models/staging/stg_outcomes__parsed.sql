-- Every row of the CRM outcomes export, parsed, with the reason it cannot be used (null when
-- it can). The file is optional: without it the model is empty and labels come from sales alone.
-- A blank purchased / churned / revenue cell means "not observed"; a row observing nothing at
-- all is rejected, as is any value that is not 0/1 (true/false) or a non-negative amount.
with

source_rows as (
    {{ optional_raw_rows(
        'outcomes', ['client_id', 'observed_at', 'purchased', 'churned', 'revenue_eur']
    ) }}
),

parsed as (
    select
        source_row_number,
        nullif(trim(client_id), '') as client_id,
        observed_at as raw_observed_at,
        coalesce(
            try_strptime(trim(observed_at), '%Y-%m-%d'),
            try_strptime(trim(observed_at), '%d/%m/%Y'),
            try_strptime(trim(observed_at), '%Y-%m-%d %H:%M:%S')
        )::date as observed_at,
        purchased as raw_purchased,
        {{ parse_flag('purchased') }} as purchased,
        churned as raw_churned,
        {{ parse_flag('churned') }} as churned,
        revenue_eur as raw_revenue_eur,
        try_cast(nullif(trim(revenue_eur), '') as decimal(14, 2)) as revenue_eur
    from source_rows
),

checked as (
    select
        *,
        row_number() over (
            partition by client_id, observed_at order by source_row_number
        ) as observation_occurrence,
        sha256(client_id) in (select client_id_sha256 from {{ ref('stg_erased_clients') }})
            as is_erased
    from parsed
)

-- Rows of erased clients stay counted (rows in = kept + rejected) but keep none of their values.
select
    source_row_number,
    case when not is_erased then client_id end as client_id,
    case when not is_erased then observed_at end as observed_at,
    case when not is_erased then purchased end as purchased,
    case when not is_erased then churned end as churned,
    case when not is_erased then revenue_eur end as revenue_eur,
    case when not is_erased then raw_observed_at end as raw_observed_at,
    case when not is_erased then raw_purchased end as raw_purchased,
    case when not is_erased then raw_churned end as raw_churned,
    case when not is_erased then raw_revenue_eur end as raw_revenue_eur,
    case
        when is_erased then 'erased_client'
        when client_id is null then 'missing_client_id'
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
