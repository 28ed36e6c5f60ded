-- The graph's edges as the export holds them. An INTERESTED_IN edge from a client to a sensitive
-- concept (health, religion; the sensitive_concepts seed) would reveal special-category data
-- about that client, so it is left out here; the concept nodes and their co-occurrences (counts
-- over notes) stay. source_client_rank lets the export keep the edges of the clients it keeps.
select
    edges.edge_id,
    edges.source,
    edges.target,
    edges.edge_type,
    edges.weight::double as weight,
    sources.client_rank as source_client_rank
from {{ ref('knowledge_graph_edges') }} as edges
inner join {{ ref('knowledge_graph_export_nodes') }} as sources
    on edges.source = sources.node_id
where not (
    edges.edge_type = 'INTERESTED_IN'
    and edges.target in (
        select 'concept:' || concept_id from {{ ref('sensitive_concepts') }}
    )
)
