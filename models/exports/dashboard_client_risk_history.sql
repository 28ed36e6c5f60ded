-- Each scored client's risk segment at every scoring run recorded in prediction_history (one row
-- per as_of_date and model version), from the churn risk then predicted and today's
-- segment_cutoffs: the client panel's history. No churn risk (a prospect then) is Prospect.
with

history as (
    select history.*
    from {{ ref('prediction_history') }} as history
    semi join {{ ref('client_profiles_with_predictions') }} as scored
        on history.client_id = scored.client_id
),

risk_bands as (
    select
        segment,
        lower_bound,
        upper_bound
    from {{ ref('segment_cutoffs') }}
    where segment_type = 'risk' and lower_bound is not null
)

select
    history.client_id,
    {{ date_iso('history.as_of_date') }} as as_of_date,
    history.model_version,
    coalesce(risk_bands.segment, 'Prospect') as risk_segment,
    round(history.churn_risk, 4) as churn_risk,
    round(history.purchase_probability, 4) as purchase_probability,
    round(history.predicted_clv, 2) as predicted_clv
from history
left join risk_bands
    on
        history.churn_risk >= risk_bands.lower_bound
        and (risk_bands.upper_bound is null or history.churn_risk < risk_bands.upper_bound)
