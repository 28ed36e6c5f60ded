-- One row per client and training cutoff: the same features as client_profiles, computed from
-- data strictly before the cutoff, and labels from what happened on or after it. A label whose
-- horizon runs past the end of the data is null (unknown), never a guessed zero.
-- Labels come from sales and, where CRM recorded them, from outcomes (stg_outcomes): a purchase
-- CRM observed counts as a purchase, its revenue adds to the CLV label, and an explicit churn
-- observation decides the churn label unless a purchase follows it within the window.
with

training_snapshots as (
    select
        feature_cutoff as cutoff_date,
        as_of_date as data_end_date
    from {{ ref('int_snapshot_dates') }}
    where snapshot_kind = 'training'
),

examples as (
    select
        features.*,
        training_snapshots.data_end_date
    from {{ ref('int_client_features_as_of') }} as features
    inner join training_snapshots
        on features.feature_cutoff = training_snapshots.cutoff_date
),

future_sales as (
    select
        examples.client_id,
        examples.feature_cutoff,
        count(*) filter (
            where sales.transaction_date
            < examples.feature_cutoff + {{ var('purchase_horizon_days') }}
        ) as purchases_in_purchase_horizon,
        coalesce(
            sum(sales.amount_eur) filter (
                where sales.transaction_date
                < examples.feature_cutoff + {{ var('clv_horizon_days') }}
            ),
            0
        )::double as spend_in_clv_horizon,
        max(sales.transaction_date) filter (
            where sales.transaction_date
            < examples.feature_cutoff + {{ var('churn_horizon_days') }}
        ) as last_purchase_in_churn_horizon
    from examples
    inner join {{ ref('stg_transactions') }} as sales
        on
            examples.client_id = sales.client_id
            and examples.feature_cutoff <= sales.transaction_date
    group by all
),

future_outcomes as (
    select
        examples.client_id,
        examples.feature_cutoff,
        count(*) filter (
            where outcomes.purchased = 1
            and outcomes.observed_at
            < examples.feature_cutoff + {{ var('purchase_horizon_days') }}
        ) as purchases_in_purchase_horizon,
        max(outcomes.observed_at) filter (
            where outcomes.purchased = 1
            and outcomes.observed_at
            < examples.feature_cutoff + {{ var('churn_horizon_days') }}
        ) as last_purchase_in_churn_horizon,
        arg_max(outcomes.churned, outcomes.observed_at) filter (
            where outcomes.churned is not null
            and outcomes.observed_at
            < examples.feature_cutoff + {{ var('churn_horizon_days') }}
        ) as last_observed_churned,
        max(outcomes.observed_at) filter (
            where outcomes.churned is not null
            and outcomes.observed_at
            < examples.feature_cutoff + {{ var('churn_horizon_days') }}
        ) as last_churn_observed_at,
        coalesce(
            sum(outcomes.revenue_eur) filter (
                where outcomes.observed_at
                < examples.feature_cutoff + {{ var('clv_horizon_days') }}
            ),
            0
        )::double as revenue_in_clv_horizon
    from examples
    inner join {{ ref('stg_outcomes') }} as outcomes
        on
            examples.client_id = outcomes.client_id
            and examples.feature_cutoff <= outcomes.observed_at
    group by all
),

future as (
    select
        examples.client_id,
        examples.feature_cutoff,
        coalesce(future_sales.purchases_in_purchase_horizon, 0)
        + coalesce(future_outcomes.purchases_in_purchase_horizon, 0)
            as purchases_in_purchase_horizon,
        greatest(
            future_sales.last_purchase_in_churn_horizon,
            future_outcomes.last_purchase_in_churn_horizon
        ) as last_purchase_in_churn_horizon,
        future_outcomes.last_observed_churned,
        future_outcomes.last_churn_observed_at,
        coalesce(future_sales.spend_in_clv_horizon, 0)
        + coalesce(future_outcomes.revenue_in_clv_horizon, 0) as spend_in_clv_horizon
    from examples
    left join future_sales
        on
            examples.client_id = future_sales.client_id
            and examples.feature_cutoff = future_sales.feature_cutoff
    left join future_outcomes
        on
            examples.client_id = future_outcomes.client_id
            and examples.feature_cutoff = future_outcomes.feature_cutoff
)

select
    examples.client_id || ':' || strftime(examples.feature_cutoff, '%Y-%m-%d') as example_id,
    examples.feature_cutoff as cutoff_date,
    examples.* exclude (feature_cutoff, data_end_date),
    case
        when
            examples.feature_cutoff + {{ var('purchase_horizon_days') }}
            <= examples.data_end_date + 1
            then (future.purchases_in_purchase_horizon > 0)::integer
    end as label_purchased,
    case
        when
            examples.feature_cutoff + {{ var('churn_horizon_days') }}
            > examples.data_end_date + 1
            or examples.purchase_count = 0
            then null
        when
            future.last_purchase_in_churn_horizon
            > coalesce(future.last_churn_observed_at, date '0001-01-01')
            then 0
        when future.last_observed_churned is not null then future.last_observed_churned
        else (future.last_purchase_in_churn_horizon is null)::integer
    end as label_churned,
    case
        when
            examples.feature_cutoff + {{ var('clv_horizon_days') }}
            <= examples.data_end_date + 1
            then future.spend_in_clv_horizon
    end as label_clv_eur
from examples
inner join future
    on
        examples.client_id = future.client_id
        and examples.feature_cutoff = future.feature_cutoff
