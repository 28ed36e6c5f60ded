-- Concept mentions in notes: every note is matched against the aliases of every language.
-- Words (Latin, Cyrillic, Arabic scripts) match whole words and word sequences; CJK runs match on
-- characters. Both are hash joins of note pieces against alias keys, so the cost grows with the
-- amount of text, never with notes x aliases. Where matches overlap, the longest wins.
with

notes as (
    select
        note_id,
        client_id,
        note_date,
        language,
        note_text
    from {{ ref('stg_notes') }}
),

alias_keys as (
    {{ alias_keys(ref('concept_aliases'), ref('concepts')) }}
),

note_piece_offsets as (
    {{ note_pieces('notes') }}
),

note_words as (
    select
        note_id,
        folded,
        piece_kind,
        piece_start,
        piece_start + piece_length as piece_end,
        lead(folded, 1) over next_words as folded_2,
        lead(folded, 2) over next_words as folded_3,
        lead(folded, 3) over next_words as folded_4,
        lead(piece_start + piece_length, 1) over next_words as end_2,
        lead(piece_start + piece_length, 2) over next_words as end_3,
        lead(piece_start + piece_length, 3) over next_words as end_4
    from note_piece_offsets
    where piece_kind != 'separator'
    window next_words as (partition by note_id order by piece_index)
),

word_matches as (
    select
        'word' as match_kind,
        note_words.note_id,
        alias_keys.concept_id,
        alias_keys.bucket,
        alias_keys.alias,
        alias_keys.alias_language,
        note_words.piece_start as span_start,
        case alias_keys.word_count
            when 1 then note_words.piece_end
            when 2 then note_words.end_2
            when 3 then note_words.end_3
            else note_words.end_4
        end as span_end
    from note_words
    inner join alias_keys
        on
            note_words.folded = alias_keys.first_word
            and not alias_keys.is_cjk
    where alias_keys.alias_key = case alias_keys.word_count
        when 1 then note_words.folded
        when 2 then note_words.folded || ' ' || note_words.folded_2
        when 3 then note_words.folded || ' ' || note_words.folded_2 || ' ' || note_words.folded_3
        else
            note_words.folded || ' ' || note_words.folded_2 || ' ' || note_words.folded_3
            || ' ' || note_words.folded_4
    end
),

cjk_positions as (
    select
        note_id,
        folded,
        piece_start,
        unnest(range(1, piece_length + 1)) as char_position
    from note_piece_offsets
    where piece_kind = 'cjk'
),

cjk_matches as (
    select
        'cjk' as match_kind,
        cjk_positions.note_id,
        alias_keys.concept_id,
        alias_keys.bucket,
        alias_keys.alias,
        alias_keys.alias_language,
        cjk_positions.piece_start + cjk_positions.char_position - 1 as span_start,
        cjk_positions.piece_start + cjk_positions.char_position - 1 + length(alias_keys.alias_key)
            as span_end
    from cjk_positions
    inner join alias_keys
        on
            substring(cjk_positions.folded, cjk_positions.char_position, 1)
            = substring(alias_keys.alias_key, 1, 1)
            and alias_keys.is_cjk
    where
        substring(cjk_positions.folded, cjk_positions.char_position, length(alias_keys.alias_key))
        = alias_keys.alias_key
),

all_matches as (
    select * from word_matches
    union all
    select * from cjk_matches
),

distinct_matches as (
    -- The same words can be an alias in several languages: one row per span and concept.
    -- Short words only count in notes of their own language: across languages they are
    -- everyday words (English "son" is French "his").
    select all_matches.*
    from all_matches
    inner join notes
        on all_matches.note_id = notes.note_id
    where
        all_matches.match_kind = 'cjk'
        or length(all_matches.alias) > {{ var('short_alias_max_chars') }}
        or all_matches.alias_language = notes.language
    qualify row_number() over (
        partition by
            all_matches.note_id, all_matches.span_start, all_matches.span_end,
            all_matches.concept_id
        order by all_matches.alias_language, all_matches.alias
    ) = 1
),

longest_matches as (
    select candidate.*
    from distinct_matches as candidate
    where not exists (
        select 1
        from distinct_matches as rival
        where
            rival.note_id = candidate.note_id
            and rival.span_start < candidate.span_end
            and candidate.span_start < rival.span_end
            and (
                rival.span_end - rival.span_start > candidate.span_end - candidate.span_start
                or (
                    rival.span_end - rival.span_start = candidate.span_end - candidate.span_start
                    and rival.span_start < candidate.span_start
                )
            )
    )
)

select
    longest_matches.note_id || ':' || longest_matches.span_start || ':'
    || longest_matches.concept_id as note_concept_id,
    longest_matches.note_id,
    notes.client_id,
    notes.note_date,
    longest_matches.concept_id,
    longest_matches.bucket,
    longest_matches.alias as matched_alias,
    substring(
        notes.note_text,
        longest_matches.span_start + 1,
        longest_matches.span_end - longest_matches.span_start
    ) as matched_text,
    longest_matches.span_start,
    longest_matches.span_end,
    notes.language,
    longest_matches.alias_language
from longest_matches
inner join notes
    on longest_matches.note_id = notes.note_id
