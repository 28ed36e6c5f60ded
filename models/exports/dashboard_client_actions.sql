-- Each client's recommended actions as the dashboard shows them. The reason is the concept
-- that triggered the action, or the scores for actions triggered by scores alone: never the
-- matched words or the excerpt, because the export holds no note text. A special-category
-- concept (health, religion: the sensitive_concepts seed) is named only by its category.
select
    actions.client_id,
    actions.action_rank as rank,
    actions.action_id,
    actions.title,
    actions.channel,
    actions.priority,
    case
        when actions.evidence_concept_id is null then actions.rationale
        when sensitive.category is not null
            then 'Notes mention a ' || sensitive.category || ' consideration'
        else 'Notes mention ' || actions.evidence_concept_label
    end as reason
from {{ ref('recommended_actions') }} as actions
left join {{ ref('sensitive_concepts') }} as sensitive
    on actions.evidence_concept_id = sensitive.concept_id
