-- The concept mentions of each scored client up to the profile date (the same point in time as
-- the predictions), negated mentions left out. Read by recommended_actions (through
-- int_client_playbook_evidence) and knowledge_graph_edges.
{{ config(enabled=var('enable_ml_predictions', true)) }}

select
    note_concepts.note_concept_id,
    note_concepts.note_id,
    note_concepts.client_id,
    note_concepts.note_date,
    note_concepts.concept_id,
    note_concepts.bucket,
    note_concepts.matched_text,
    note_concepts.span_start,
    note_concepts.span_end,
    clients.as_of_date
from {{ ref('note_concepts') }} as note_concepts
inner join {{ ref('client_profiles_with_predictions') }} as clients
    on note_concepts.client_id = clients.client_id
where note_concepts.note_date <= clients.as_of_date and not note_concepts.is_negated
