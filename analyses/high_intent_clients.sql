-- Marketing: clients likely to buy within the purchase horizon (purchase probability > 0.7).
select
    client_id,
    purchase_probability,
    predicted_clv,
    value_segment,
    top_concepts,
    top_drivers,
    last_note_date
from {{ ref('client_profiles_with_predictions') }}
where purchase_probability > 0.7
order by purchase_probability desc, predicted_clv desc
