-- Clienteling: VIPs at risk (the At Risk and Critical segments of seeds/segment_cutoffs), to
-- be called first. Past buyers only: prospects have no churn risk.
select
    client_id,
    predicted_clv,
    churn_risk,
    purchase_probability,
    top_concepts,
    last_note_date
from {{ ref('client_profiles_with_predictions') }}
where value_segment = 'VIP' and risk_segment in ('At Risk', 'Critical')
order by churn_risk desc, predicted_clv desc
