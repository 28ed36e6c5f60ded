-- Acquisition: prospects (no purchase before the profile date, so no churn risk) most likely to
-- make a first purchase within the purchase horizon, then the most valuable.
select
    client_id,
    purchase_probability,
    predicted_clv,
    value_segment,
    top_concepts,
    top_drivers,
    last_note_date
from {{ ref('client_profiles_with_predictions') }}
where risk_segment = 'Prospect'
order by purchase_probability desc, predicted_clv desc, client_id asc
