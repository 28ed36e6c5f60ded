-- One row per usable note: the redacted text, how many concepts it holds, and the special
-- categories of personal data it mentions (health, religion), tagged rather than dropped so
-- that exports can leave such notes out.
with

concept_counts as (
    select
        note_concepts.note_id,
        count(*) as concept_mentions,
        {{ string_agg_sorted('sensitive.category', "','", distinct=true) }} as sensitive_flags
    from {{ ref('note_concepts') }} as note_concepts
    left join {{ ref('sensitive_concepts') }} as sensitive
        on note_concepts.concept_id = sensitive.concept_id
    group by note_concepts.note_id
)

select
    notes.note_id,
    notes.client_id,
    notes.note_date,
    notes.language,
    notes.note_text,
    coalesce(concept_counts.concept_mentions, 0) as concept_mentions,
    coalesce(concept_counts.sensitive_flags, '') as sensitive_flags
from {{ ref('stg_notes') }} as notes
left join concept_counts
    on notes.note_id = concept_counts.note_id
