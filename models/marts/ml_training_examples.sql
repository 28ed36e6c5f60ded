-- One row per client and training cutoff: the same features as client_profiles, computed from
-- data strictly before the cutoff, and labels from what happened on or after it. A label whose
-- horizon runs past the end of the data is null (unknown), never a guessed zero.
-- Labels come from sales and, where CRM recorded them, from outcomes (the outcome_labels macro,
-- shared with the monitoring of realized performance).
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

label_anchors as (
    -- only what the labels need: the macro reads its anchors four times, and the wide feature
    -- rows would be materialized for it
    select
        client_id,
        feature_cutoff,
        data_end_date,
        purchase_count
    from examples
),

labels as (
    {{ outcome_labels('label_anchors') }}
)

select
    examples.client_id || ':' || {{ date_iso('examples.feature_cutoff') }} as example_id,
    examples.feature_cutoff as cutoff_date,
    {{ star_except('examples', ['feature_cutoff', 'data_end_date']) }},
    labels.label_purchased,
    labels.label_churned,
    labels.label_clv_eur
from examples
inner join labels
    on
        examples.client_id = labels.client_id
        and examples.feature_cutoff = labels.feature_cutoff
