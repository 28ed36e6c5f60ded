-- Every row of the sales export, parsed, with the reason it cannot be used (null when it can).
-- The file is optional: without it the model is empty and clients flow through with no sales.
with

source_rows as (
    {{ optional_raw_rows(
        'transactions',
        ['transaction_id', 'client_id', 'transaction_date', 'amount_eur', 'category']
    ) }}
),

parsed as (
    select
        source_row_number,
        nullif(trim(transaction_id), '') as transaction_id,
        nullif(trim(client_id), '') as client_id,
        transaction_date as raw_transaction_date,
        coalesce(
            try_strptime(trim(transaction_date), '%Y-%m-%d'),
            try_strptime(trim(transaction_date), '%d/%m/%Y'),
            try_strptime(trim(transaction_date), '%Y-%m-%d %H:%M:%S')
        )::date as transaction_date,
        amount_eur as raw_amount_eur,
        try_cast(trim(amount_eur) as decimal(14, 2)) as amount_eur,
        coalesce(nullif(lower(trim(category)), ''), 'unknown') as category
    from source_rows
),

with_duplicates as (
    select
        *,
        row_number() over (
            partition by transaction_id order by source_row_number
        ) as id_occurrence,
        sha256(client_id) in (select client_id_sha256 from {{ ref('stg_erased_clients') }})
            as is_erased
    from parsed
)

-- Rows of erased clients stay counted (rows in = kept + rejected) but keep none of their values.
select
    source_row_number,
    case when not is_erased then transaction_id end as transaction_id,
    case when not is_erased then client_id end as client_id,
    case when not is_erased then transaction_date end as transaction_date,
    case when not is_erased then amount_eur end as amount_eur,
    case when not is_erased then category end as category,
    case when not is_erased then raw_transaction_date end as raw_transaction_date,
    case when not is_erased then raw_amount_eur end as raw_amount_eur,
    case
        when is_erased then 'erased_client'
        when transaction_id is null then 'missing_id'
        when id_occurrence > 1 then 'duplicate_id'
        when client_id is null then 'missing_client_id'
        when transaction_date is null then 'unparseable_date'
        when amount_eur is null then 'invalid_amount'
        when amount_eur <= 0 then 'non_positive_amount'
    end as reject_reason
from with_duplicates
