-- Frequent words and word pairs (character pairs and triples in CJK runs) per language that no
-- alias covers: where an analyst looks to grow the lexicon. Words found in a large share of a
-- language's notes are function words, not concepts, and are left out.
-- The words are the tokens of int_note_tokens (the same tokens concept matching reads); each
-- note's n-grams are built and deduplicated in list functions, one row per note.
with

note_tokens as (
    select
        note_id,
        language,
        tokens,
        token_is_cjk,
        list_transform(tokens, lambda token: regexp_matches(token, '\d')) as token_has_digit
    from {{ ref('int_note_tokens') }}
),

note_ngrams as (
    -- words of three letters or more, word pairs (neither with a digit), and the character
    -- pairs and triples of CJK runs; each once per note
    select
        note_id,
        language,
        list_distinct(
            list_filter(
                list_transform(
                    range(1, len(tokens) + 1),
                    lambda i: case
                        when
                            not token_is_cjk[i] and not token_has_digit[i]
                            and length(tokens[i]) >= 3
                            then tokens[i]
                    end
                ),
                lambda ngram: ngram is not null
            )
            || list_filter(
                list_transform(
                    range(1, len(tokens)),
                    lambda i: case
                        when
                            not token_is_cjk[i] and not token_is_cjk[i + 1]
                            and not token_has_digit[i] and not token_has_digit[i + 1]
                            then tokens[i] || ' ' || tokens[i + 1]
                    end
                ),
                lambda ngram: ngram is not null
            )
            || flatten(
                list_transform(
                    list_filter(range(1, len(tokens) + 1), lambda i: token_is_cjk[i]),
                    lambda i: list_transform(
                        range(1, length(tokens[i])), lambda p: substring(tokens[i], p, 2)
                    )
                    || list_transform(
                        range(1, length(tokens[i]) - 1), lambda p: substring(tokens[i], p, 3)
                    )
                )
            )
        ) as ngrams
    from note_tokens
),

ngram_notes as (
    select
        note_id,
        language,
        unnest(ngrams) as ngram
    from note_ngrams
),

alias_keys as (
    {{ alias_keys(ref('concept_aliases'), ref('concepts'), ref('inflection_rules')) }}
),

notes_per_language as (
    select
        language,
        count(*) as language_notes
    from {{ ref('int_note_tokens') }}
    group by language
),

counts as (
    select
        language,
        ngram,
        count(*) as note_count,
        min(note_id, 3) as example_note_ids
    from ngram_notes
    group by all
)

select
    counts.language || ':' || counts.ngram as candidate_id,
    counts.language,
    counts.ngram,
    case
        when regexp_matches(counts.ngram, '^[{{ cjk_class() }}]') then length(counts.ngram)
        when contains(counts.ngram, ' ') then 2
        else 1
    end as ngram_length,
    counts.note_count,
    round(counts.note_count / notes_per_language.language_notes, 4) as share_of_notes,
    array_to_string(counts.example_note_ids, ',') as example_note_ids
from counts
inner join notes_per_language
    on counts.language = notes_per_language.language
anti join alias_keys
    on counts.ngram = alias_keys.alias_key
where
    counts.note_count >= {{ var('lexicon_candidate_min_notes') }}
    and counts.note_count
    <= {{ var('lexicon_candidate_max_share') }} * notes_per_language.language_notes
