-- Marketing: clients likely to buy within the purchase horizon (above the
-- high_intent_probability var, as in the report).
select
    client_id,
    purchase_probability,
    predicted_clv,
    value_segment,
    top_concepts,
    top_drivers,
    last_note_date
from {{ ref('client_profiles_with_predictions') }}
where purchase_probability > {{ var('high_intent_probability') }}
order by purchase_probability desc, predicted_clv desc
