-- Clienteling: VIPs whose churn risk is above 0.6, to be called first.
select
    client_id,
    predicted_clv,
    churn_risk,
    purchase_probability,
    top_concepts,
    last_note_date
from {{ ref('client_profiles_with_predictions') }}
where value_segment = 'VIP' and churn_risk > 0.6
order by churn_risk desc, predicted_clv desc
