-- Spans are character offsets into the staged note text, and the words found there are the
-- alias's words (after case and accent folding; separators between words may differ).
with

spans as (
    select
        note_concepts.note_concept_id,
        note_concepts.matched_alias,
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
    or regexp_replace(
        lower(strip_accents(text_at_span)), '[^{{ cjk_class() }}{{ word_class() }}]+', ' ', 'g'
    )
    != regexp_replace(
        lower(strip_accents(matched_alias)), '[^{{ cjk_class() }}{{ word_class() }}]+', ' ', 'g'
    )
