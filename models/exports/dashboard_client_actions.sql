-- Each client's recommended actions as the dashboard shows them. The reason and the rationale
-- name the concept that triggered the action and the date of its note, or the scores for
-- actions triggered by scores alone: never the matched words or the excerpt, because the export
-- holds no note text. A special-category concept (health, religion: the sensitive_concepts
-- seed) is named only by its category.
with

actions as (
    select
        actions.*,
        coalesce(
            {{ sensitive_concept_name('sensitive.category') }}, actions.evidence_concept_label
        ) as evidence_concept
    from {{ ref('recommended_actions') }} as actions
    left join {{ ref('sensitive_concepts') }} as sensitive
        on actions.evidence_concept_id = sensitive.concept_id
)

select
    actions.client_id,
    actions.action_rank as rank,
    actions.action_id,
    actions.title,
    actions.channel,
    actions.priority,
    round(actions.score, 4) as score,
    case
        when actions.evidence_concept_id is null then actions.rationale
        else 'Notes mention ' || actions.evidence_concept
    end as reason,
    -- what triggered it (the note's date and concept, or the scores), then the playbook's why
    case
        when actions.evidence_concept_id is null then actions.rationale
        else
            'Note of ' || {{ date_iso('actions.evidence_note_date') }} || ' mentions '
            || actions.evidence_concept || '.'
    end || ' ' || playbooks.description as rationale,
    actions.evidence_concept,
    {{ date_iso('actions.evidence_note_date') }} as evidence_note_date
from actions
inner join {{ ref('playbooks') }} as playbooks
    on actions.action_id = playbooks.action_id
