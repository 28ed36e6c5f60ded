-- One row per client and training cutoff: the same features as client_profiles, computed from
-- data strictly before the cutoff, and labels from what happened on or after it. A label whose
-- horizon runs past the end of the data is null (unknown), never a guessed zero.
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
        count(*) filter (
            where sales.transaction_date
            < examples.feature_cutoff + {{ var('churn_horizon_days') }}
        ) as purchases_in_churn_horizon,
        coalesce(
            sum(sales.amount_eur) filter (
                where sales.transaction_date
                < examples.feature_cutoff + {{ var('clv_horizon_days') }}
            ),
            0
        )::double as spend_in_clv_horizon
    from examples
    inner join {{ ref('stg_transactions') }} as sales
        on
            examples.client_id = sales.client_id
            and examples.feature_cutoff <= sales.transaction_date
    group by all
)

select
    examples.client_id || ':' || strftime(examples.feature_cutoff, '%Y-%m-%d') as example_id,
    examples.feature_cutoff as cutoff_date,
    examples.* exclude (feature_cutoff, data_end_date),
    case
        when
            examples.feature_cutoff + {{ var('purchase_horizon_days') }}
            <= examples.data_end_date + 1
            then (coalesce(future_sales.purchases_in_purchase_horizon, 0) > 0)::integer
    end as label_purchased,
    case
        when
            examples.feature_cutoff + {{ var('churn_horizon_days') }}
            <= examples.data_end_date + 1
            and examples.purchase_count > 0
            then (coalesce(future_sales.purchases_in_churn_horizon, 0) = 0)::integer
    end as label_churned,
    case
        when
            examples.feature_cutoff + {{ var('clv_horizon_days') }}
            <= examples.data_end_date + 1
            then coalesce(future_sales.spend_in_clv_horizon, 0)
    end as label_clv_eur
from examples
left join future_sales
    on
        examples.client_id = future_sales.client_id
        and examples.feature_cutoff = future_sales.feature_cutoff
