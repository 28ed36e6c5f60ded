-- The fitted client segments (all clients) with their size and average predictions.
select
    segments.segment_id,
    segments.segment_label,
    count(*) as clients,
    avg(scored.predicted_clv) as average_clv,
    avg(scored.churn_risk) as average_churn_risk,
    avg(scored.purchase_probability) as average_purchase_probability
from {{ ref('client_segments') }} as segments
inner join {{ ref('client_profiles_with_predictions') }} as scored
    on segments.client_id = scored.client_id
group by segments.segment_id, segments.segment_label
