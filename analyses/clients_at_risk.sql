-- Retention: clients at risk (the At Risk and Critical segments of seeds/segment_cutoffs), most
-- valuable first, with the total value at risk. Past buyers only: a prospect (never bought) has
-- no churn risk and is in the Prospect segment (prospects_to_convert).
select
    client_id,
    churn_risk,
    predicted_clv,
    value_segment,
    risk_segment,
    churn_drivers,
    round(sum(predicted_clv) over (), 2) as total_value_at_risk_eur
from {{ ref('client_profiles_with_predictions') }}
where risk_segment in ('At Risk', 'Critical')
order by predicted_clv desc
