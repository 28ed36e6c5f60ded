-- The nodes of the client knowledge graph: clients, concepts, concept buckets, segments (value,
-- risk and the fitted client segments) and playbook actions. Node ids are namespaced by type
-- ("client:…", "concept:…", "segment:value:…", "segment:cluster:…") so that no two kinds of
-- thing can share an id.
with

client_nodes as (
    select
        'client:' || client_id as node_id,
        'client' as node_type,
        client_id as label,
        value_segment as node_group
    from {{ ref('client_profiles_with_predictions') }}
),

concept_nodes as (
    select
        'concept:' || concept_id as node_id,
        'concept' as node_type,
        label,
        bucket as node_group
    from {{ ref('concepts') }}
),

bucket_nodes as (
    select distinct
        'bucket:' || bucket as node_id,
        'bucket' as node_type,
        upper(substring(bucket, 1, 1)) || replace(substring(bucket, 2), '_', ' ') as label,
        bucket as node_group
    from {{ ref('concepts') }}
),

segment_nodes as (
    -- Value segments (predicted CLV) and risk segments (churn risk), from segment_cutoffs.
    select
        'segment:' || segment_type || ':' || segment as node_id,
        'segment' as node_type,
        case segment_type when 'value' then 'Value: ' else 'Risk: ' end || segment as label,
        segment_type as node_group
    from {{ ref('segment_cutoffs') }}
),

cluster_nodes as (
    -- The segments fitted at training time (k-means), with their readable labels.
    select distinct
        'segment:cluster:' || segment_id as node_id,
        'segment' as node_type,
        segment_label as label,
        'cluster' as node_group
    from {{ ref('client_segments') }}
),

action_nodes as (
    select
        'action:' || action_id as node_id,
        'action' as node_type,
        title as label,
        priority as node_group
    from {{ ref('playbooks') }}
)

select * from client_nodes
union all
select * from concept_nodes
union all
select * from bucket_nodes
union all
select * from segment_nodes
union all
select * from cluster_nodes
union all
select * from action_nodes
