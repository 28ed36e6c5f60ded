-- The edges of the client knowledge graph, each with a weight:
--   INTERESTED_IN   client -> concept   mentions in the client's notes up to the profile date
--   BELONGS_TO      concept -> bucket   1
--   MEMBER_OF       client -> segment   1 for the value and risk segments; 1 / (1 + distance to
--                                       the centre) for the fitted client segment
--   RECOMMENDED     client -> action    the action's score in recommended_actions
--   CO_OCCURS_WITH  concept -- concept  notes mentioning both; one edge per unordered pair
--                                       (source < target), kept from
--                                       `knowledge_graph_min_co_occurrence` notes on
with

clients as (
    select
        client_id,
        value_segment,
        risk_segment
    from {{ ref('client_profiles_with_predictions') }}
),

client_mentions as (
    select
        note_id,
        client_id,
        concept_id
    from {{ ref('int_client_concept_mentions') }}
),

interest_edges as (
    select
        'client:' || client_id as source,
        'concept:' || concept_id as target,
        'INTERESTED_IN' as edge_type,
        count(*)::double as weight
    from client_mentions
    group by client_id, concept_id
),

bucket_edges as (
    select
        'concept:' || concept_id as source,
        'bucket:' || bucket as target,
        'BELONGS_TO' as edge_type,
        1.0::double as weight
    from {{ ref('concepts') }}
),

segment_edges as (
    select
        'client:' || client_id as source,
        'segment:value:' || value_segment as target,
        'MEMBER_OF' as edge_type,
        1.0::double as weight
    from clients
    union all
    select
        'client:' || client_id as source,
        'segment:risk:' || risk_segment as target,
        'MEMBER_OF' as edge_type,
        1.0::double as weight
    from clients
    union all
    select
        'client:' || client_id as source,
        'segment:cluster:' || segment_id as target,
        'MEMBER_OF' as edge_type,
        1.0 / (1.0 + distance_to_centre) as weight
    from {{ ref('client_segments') }}
),

recommendation_edges as (
    select
        'client:' || client_id as source,
        'action:' || action_id as target,
        'RECOMMENDED' as edge_type,
        score as weight
    from {{ ref('recommended_actions') }}
),

note_concept_sets as (
    select distinct
        note_id,
        concept_id
    from client_mentions
),

co_occurrence_edges as (
    select
        'concept:' || first_concept.concept_id as source,
        'concept:' || second_concept.concept_id as target,
        'CO_OCCURS_WITH' as edge_type,
        count(*)::double as weight
    from note_concept_sets as first_concept
    inner join note_concept_sets as second_concept
        on
            first_concept.note_id = second_concept.note_id
            and first_concept.concept_id < second_concept.concept_id
    group by first_concept.concept_id, second_concept.concept_id
    having count(*) >= {{ var('knowledge_graph_min_co_occurrence') }}
),

all_edges as (
    select * from interest_edges
    union all
    select * from bucket_edges
    union all
    select * from segment_edges
    union all
    select * from recommendation_edges
    union all
    select * from co_occurrence_edges
)

select
    edge_type || ':' || source || '->' || target as edge_id,
    source,
    target,
    edge_type,
    weight
from all_edges
