-- The graph's nodes as dashboard/knowledge_graph.json holds them. A graph of every client is
-- too dense to read, so each client node carries its rank (clients whose first action has the
-- highest priority first, then by that action's score); the export keeps the first
-- --max-clients and every concept, bucket, segment and action node.
with

first_actions as (
    select
        client_id,
        priority,
        score
    from {{ ref('recommended_actions') }}
    where action_rank = 1
)

select
    nodes.node_id,
    nodes.label,
    nodes.node_type,
    nodes.node_group,
    case
        when nodes.node_type = 'client'
            then row_number() over (
                partition by nodes.node_type = 'client'
                order by
                    {{ action_priority_rank('first_actions.priority') }},
                    first_actions.score desc nulls last,
                    nodes.node_id
            )::integer
    end as client_rank
from {{ ref('knowledge_graph_nodes') }} as nodes
left join first_actions
    on nodes.node_id = 'client:' || first_actions.client_id
