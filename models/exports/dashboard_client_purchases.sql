-- Each scored client's purchases by month up to the profile date: the client panel's timeline.
select
    sales.client_id,
    {{ month_iso('sales.transaction_date') }} as calendar_month,
    count(*) as purchases,
    round(sum(sales.amount_eur), 2)::double as amount_eur
from {{ ref('stg_transactions') }} as sales
inner join {{ ref('client_profiles_with_predictions') }} as scored
    on sales.client_id = scored.client_id
where sales.transaction_date <= scored.as_of_date
group by sales.client_id, {{ month_iso('sales.transaction_date') }}
