-- What the graph export says about itself (one row): clients in the graph and the sensitive
-- interest edges left out of it.
select
    (
        select count(*) from {{ ref('knowledge_graph_nodes') }}
        where node_type = 'client'
    ) as clients_total,
    (
        select count(*) from {{ ref('knowledge_graph_edges') }}
        where edge_id not in (select edge_id from {{ ref('knowledge_graph_export_edges') }})
    ) as sensitive_edges_left_out
