-- The 100 clients with the highest marketing priority (the marketing_priority macro, as the
-- dashboard ranks them).
select
    client_id,
    {{ marketing_priority('purchase_probability', 'predicted_clv', 'churn_risk') }}
        as marketing_priority,
    purchase_probability,
    predicted_clv,
    churn_risk,
    value_segment,
    risk_segment,
    top_concepts
from {{ ref('client_profiles_with_predictions') }}
order by marketing_priority desc, client_id asc
limit 100
