-- Every scored client as the dashboard's table lists it, ranked by marketing priority; the
-- export keeps the first --max-clients.
with

clients as (
    select
        scored.client_id as id,
        segments.segment_id,
        segments.segment_label,
        round(scored.purchase_probability, 4) as purchase_probability,
        round(scored.churn_risk, 4) as churn_risk,
        round(scored.predicted_clv, 2) as predicted_clv,
        round(scored.predicted_clv_low, 2) as predicted_clv_low,
        round(scored.predicted_clv_high, 2) as predicted_clv_high,
        scored.value_segment,
        scored.risk_segment,
        coalesce(string_split(nullif(scored.top_concepts, ''), ','), []) as top_concepts,
        scored.top_drivers,
        scored.churn_drivers,
        strftime(scored.last_note_date, '%Y-%m-%d') as last_note_date,
        round(
            {{ marketing_priority(
                'scored.purchase_probability', 'scored.predicted_clv', 'scored.churn_risk'
            ) }},
            2
        ) as marketing_priority
    from {{ ref('client_profiles_with_predictions') }} as scored
    left join {{ ref('client_segments') }} as segments
        on scored.client_id = segments.client_id
)

select
    *,
    row_number() over (order by marketing_priority desc, id asc)::integer as priority_rank
from clients
