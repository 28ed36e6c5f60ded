-- The 100 clients with the highest marketing priority:
-- purchase_probability x predicted_clv x (1 - churn_risk).
select
    client_id,
    purchase_probability * predicted_clv * (1 - churn_risk) as marketing_priority,
    purchase_probability,
    predicted_clv,
    churn_risk,
    value_segment,
    risk_segment,
    top_concepts
from {{ ref('client_profiles_with_predictions') }}
order by marketing_priority desc, client_id asc
limit 100
