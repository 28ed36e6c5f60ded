-- Spans are character offsets into the staged note text, and the words found there are the
-- matched words as written. (They are the alias's words, or one of their word forms from
-- seeds/inflection_rules, which the concept unit tests cover.)
with

spans as (
    select
        note_concepts.note_concept_id,
        note_concepts.matched_text,
        note_concepts.span_start,
        note_concepts.span_end,
        substring(
            notes.note_text,
            note_concepts.span_start + 1,
            note_concepts.span_end - note_concepts.span_start
        ) as text_at_span
    from {{ ref('note_concepts') }} as note_concepts
    inner join {{ ref('stg_notes') }} as notes
        on note_concepts.note_id = notes.note_id
)

select *
from spans
where
    span_start < 0
    or span_end <= span_start
    or text_at_span is distinct from matched_text
