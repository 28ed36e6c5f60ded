{#- Labels of what happened from each anchor's feature_cutoff on, from sales and CRM outcomes.
    `anchors` names a relation (or CTE) with client_id, feature_cutoff, data_end_date (the last
    day of known data) and purchase_count (purchases before the cutoff). One row per anchor:
    label_purchased (a purchase within purchase_horizon_days), label_churned (past buyers only:
    no purchase within churn_horizon_days, or an explicit CRM churn observation not followed by
    a purchase), label_clv_eur (spend + CRM-observed revenue within clv_horizon_days). A label
    whose horizon runs past data_end_date is null: unknown, never a guessed zero. The rule is
    written once, as purchase_/churn_/clv_window_complete (the horizon has elapsed in the data),
    which the labels use and prediction_outcomes passes on to the monitoring.
    ml_training_examples (training) and prediction_outcomes (monitoring) both use it, so the
    model is judged in production on exactly what it was trained to predict. -#}
{% macro outcome_labels(anchors) %}
with

future_sales as (
    select
        anchors.client_id,
        anchors.feature_cutoff,
        count(
            case
                when sales.transaction_date < anchors.feature_cutoff + {{ var('purchase_horizon_days') }}
                    then 1
            end
        ) as purchases_in_purchase_horizon,
        cast(coalesce(
            sum(
                case
                    when sales.transaction_date < anchors.feature_cutoff + {{ var('clv_horizon_days') }}
                        then sales.amount_eur
                end
            ),
            0
        ) as double) as spend_in_clv_horizon,
        max(
            case
                when sales.transaction_date < anchors.feature_cutoff + {{ var('churn_horizon_days') }}
                    then sales.transaction_date
            end
        ) as last_purchase_in_churn_horizon
    from {{ anchors }} as anchors
    inner join {{ ref('stg_transactions') }} as sales
        on
            anchors.client_id = sales.client_id
            and anchors.feature_cutoff <= sales.transaction_date
    group by all
),

future_outcomes as (
    select
        anchors.client_id,
        anchors.feature_cutoff,
        count(
            case
                when outcomes.purchased = 1
                    and outcomes.observed_at < anchors.feature_cutoff + {{ var('purchase_horizon_days') }}
                    then 1
            end
        ) as purchases_in_purchase_horizon,
        max(
            case
                when outcomes.purchased = 1
                    and outcomes.observed_at < anchors.feature_cutoff + {{ var('churn_horizon_days') }}
                    then outcomes.observed_at
            end
        ) as last_purchase_in_churn_horizon,
        {{ arg_max('outcomes.churned', [
            'case when outcomes.churned is not null and outcomes.observed_at < '
            ~ 'anchors.feature_cutoff + ' ~ var('churn_horizon_days') ~ ' then outcomes.observed_at end'
        ]) }} as last_observed_churned,
        max(
            case
                when outcomes.churned is not null
                    and outcomes.observed_at < anchors.feature_cutoff + {{ var('churn_horizon_days') }}
                    then outcomes.observed_at
            end
        ) as last_churn_observed_at,
        cast(coalesce(
            sum(
                case
                    when outcomes.observed_at < anchors.feature_cutoff + {{ var('clv_horizon_days') }}
                        then outcomes.revenue_eur
                end
            ),
            0
        ) as double) as revenue_in_clv_horizon
    from {{ anchors }} as anchors
    inner join {{ ref('stg_outcomes') }} as outcomes
        on
            anchors.client_id = outcomes.client_id
            and anchors.feature_cutoff <= outcomes.observed_at
    group by all
),

windows as (
    select
        client_id,
        feature_cutoff,
        purchase_count,
        feature_cutoff + {{ var('purchase_horizon_days') }} <= data_end_date + 1
            as purchase_window_complete,
        feature_cutoff + {{ var('churn_horizon_days') }} <= data_end_date + 1
            as churn_window_complete,
        feature_cutoff + {{ var('clv_horizon_days') }} <= data_end_date + 1
            as clv_window_complete
    from {{ anchors }}
),

future as (
    select
        anchors.client_id,
        anchors.feature_cutoff,
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
    from {{ anchors }} as anchors
    left join future_sales
        on
            anchors.client_id = future_sales.client_id
            and anchors.feature_cutoff = future_sales.feature_cutoff
    left join future_outcomes
        on
            anchors.client_id = future_outcomes.client_id
            and anchors.feature_cutoff = future_outcomes.feature_cutoff
)

select
    windows.client_id,
    windows.feature_cutoff,
    windows.purchase_window_complete,
    windows.churn_window_complete,
    windows.clv_window_complete,
    case
        when windows.purchase_window_complete
            then cast(future.purchases_in_purchase_horizon > 0 as integer)
    end as label_purchased,
    case
        when not windows.churn_window_complete or windows.purchase_count = 0 then null
        when
            future.last_purchase_in_churn_horizon
            > coalesce(future.last_churn_observed_at, date '0001-01-01')
            then 0
        when future.last_observed_churned is not null then future.last_observed_churned
        else cast(future.last_purchase_in_churn_horizon is null as integer)
    end as label_churned,
    case
        when windows.clv_window_complete then future.spend_in_clv_horizon
    end as label_clv_eur
from windows
inner join future
    on
        windows.client_id = future.client_id
        and windows.feature_cutoff = future.feature_cutoff
{% endmacro %}
