-- Frequent words and word pairs (character pairs and triples in CJK runs) per language that no
-- alias covers: where an analyst looks to grow the lexicon. Words found in a large share of a
-- language's notes are function words, not concepts, and are left out.
with

notes as (
    select
        note_id,
        language,
        note_text
    from {{ ref('stg_notes') }}
),

alias_keys as (
    {{ alias_keys(ref('concept_aliases'), ref('concepts'), ref('inflection_rules')) }}
),

pieces as (
    {{ note_pieces('notes') }}
),

words as (
    select
        pieces.note_id,
        notes.language,
        pieces.folded,
        pieces.piece_kind,
        lead(pieces.folded) over (
            partition by pieces.note_id order by pieces.piece_index
        ) as next_folded
    from pieces
    inner join notes
        on pieces.note_id = notes.note_id
    where pieces.piece_kind != 'separator'
),

word_ngrams as (
    select
        note_id,
        language,
        folded as ngram,
        1 as ngram_length
    from words
    where piece_kind = 'word' and length(folded) >= 3 and not regexp_matches(folded, '\d')
    union all
    select
        note_id,
        language,
        folded || ' ' || next_folded as ngram,
        2 as ngram_length
    from words
    where
        piece_kind = 'word' and next_folded is not null
        and {{ piece_kind('next_folded') }} = 'word'
        and not regexp_matches(folded || next_folded, '\d')
),

cjk_positions as (
    select
        note_id,
        language,
        folded,
        unnest(range(1, length(folded))) as start_position
    from words
    where piece_kind = 'cjk'
),

ngram_lengths as (
    select unnest([2, 3]) as ngram_length
),

cjk_ngrams as (
    select
        cjk_positions.note_id,
        cjk_positions.language,
        substring(cjk_positions.folded, cjk_positions.start_position, lengths.ngram_length)
            as ngram,
        lengths.ngram_length
    from cjk_positions
    cross join ngram_lengths as lengths
    where
        cjk_positions.start_position + lengths.ngram_length - 1
        <= length(cjk_positions.folded)
),

ngram_notes as (
    select distinct
        note_id,
        language,
        ngram,
        ngram_length
    from (
        select * from word_ngrams
        union all
        select * from cjk_ngrams
    ) as all_ngrams
),

notes_per_language as (
    select
        language,
        count(*) as language_notes
    from notes
    group by language
),

counts as (
    select
        ngram_notes.language,
        ngram_notes.ngram,
        ngram_notes.ngram_length,
        count(*) as note_count,
        list(ngram_notes.note_id order by ngram_notes.note_id)[1:3] as example_note_ids
    from ngram_notes
    left join alias_keys
        on ngram_notes.ngram = alias_keys.alias_key
    where alias_keys.alias_key is null
    group by all
)

select
    counts.language || ':' || counts.ngram as candidate_id,
    counts.language,
    counts.ngram,
    counts.ngram_length,
    counts.note_count,
    round(counts.note_count / notes_per_language.language_notes, 4) as share_of_notes,
    array_to_string(counts.example_note_ids, ',') as example_note_ids
from counts
inner join notes_per_language
    on counts.language = notes_per_language.language
where
    counts.note_count >= {{ var('lexicon_candidate_min_notes') }}
    and counts.note_count
    <= {{ var('lexicon_candidate_max_share') }} * notes_per_language.language_notes
