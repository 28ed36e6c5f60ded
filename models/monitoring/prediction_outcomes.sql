-- Every past prediction with what then happened: the labels of ml_training_examples (the same
-- outcome_labels macro, sales and CRM outcomes), anchored at the day after the scored
-- as_of_date. A label stays null while its horizon has not elapsed in today's data (the
-- *_window_complete flags say which), so the realized performance in ml_model_monitoring is only
-- ever measured on known outcomes. label_churned is null for a client with no purchase before
-- the scored date (anchors.purchase_count = 0): a prospect, scored with no churn risk.
with

scored as (
    select
        *,
        (as_of_date + 1)::date as feature_cutoff
    from {{ ref('prediction_history') }}
),

data_end as (
    select as_of_date as data_end_date
    from {{ ref('int_snapshot_dates') }}
    where snapshot_kind = 'scoring'
),

scored_clients as (
    select distinct
        client_id,
        feature_cutoff
    from scored
),

anchors as (
    select
        scored_clients.client_id,
        scored_clients.feature_cutoff,
        data_end.data_end_date,
        count(sales.transaction_id) as purchase_count
    from scored_clients
    cross join data_end
    left join {{ ref('stg_transactions') }} as sales
        on
            scored_clients.client_id = sales.client_id
            and scored_clients.feature_cutoff > sales.transaction_date
    group by all
),

labels as (
    {{ outcome_labels('anchors') }}
)

select
    scored.prediction_id,
    scored.client_id,
    scored.as_of_date,
    scored.model_tier,
    scored.model_version,
    scored.purchase_probability,
    scored.churn_risk,
    scored.predicted_clv,
    labels.purchase_window_complete,
    labels.churn_window_complete,
    labels.clv_window_complete,
    labels.label_purchased,
    labels.label_churned,
    labels.label_clv_eur
from scored
inner join labels
    on
        scored.client_id = labels.client_id
        and scored.feature_cutoff = labels.feature_cutoff
