-- "This week": every client with a High-priority recommended action, by the score of their best
-- High-priority action (highest first), with the days since their last note and last purchase
-- (the lapsing-client view of clienteling tools). The export keeps the first --call-list rows.
with

high_priority as (
    -- a window in a subquery: Spark has no qualify
    select
        client_id,
        action_id,
        title,
        channel,
        score
    from (
        select
            *,
            row_number() over (
                partition by client_id order by score desc, action_rank asc
            ) as client_rank
        from {{ ref('recommended_actions') }}
        where priority = 'High'
    ) as ranked_actions
    where client_rank = 1
)

select
    high_priority.client_id as id,
    high_priority.action_id,
    high_priority.title,
    high_priority.channel,
    round(high_priority.score, 4) as score,
    clients.value_segment,
    clients.risk_segment,
    clients.last_note_date,
    clients.days_since_last_note,
    clients.last_purchase_date,
    clients.days_since_last_purchase,
    row_number() over (
        order by high_priority.score desc, high_priority.client_id asc
    )::integer as call_rank
from high_priority
inner join {{ ref('dashboard_clients') }} as clients
    on high_priority.client_id = clients.id
