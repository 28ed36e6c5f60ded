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
        {{ list_transform_sql(
            'tokens', 'token', regex_matches('token', '\\d')
        ) }} as token_has_digit
    from {{ ref('int_note_tokens') }}
),

note_ngrams as (
    -- words of three letters or more, word pairs (neither with a digit), and the character
    -- pairs and triples of CJK runs; each once per note
    select
        note_id,
        language,
        {%- set token = list_element_sql('tokens', 'i') %}
        {%- set next_token = list_element_sql('tokens', 'i + 1') %}
        {%- set is_cjk = list_element_sql('token_is_cjk', 'i') %}
        {%- set next_is_cjk = list_element_sql('token_is_cjk', 'i + 1') %}
        {%- set has_digit = list_element_sql('token_has_digit', 'i') %}
        {%- set next_has_digit = list_element_sql('token_has_digit', 'i + 1') %}
        {%- set words -%}
            case
                when not {{ is_cjk }} and not {{ has_digit }} and length({{ token }}) >= 3
                    then {{ token }}
            end
        {%- endset %}
        {%- set word_pairs -%}
            case
                when
                    not {{ is_cjk }} and not {{ next_is_cjk }}
                    and not {{ has_digit }} and not {{ next_has_digit }}
                    then {{ token }} || ' ' || {{ next_token }}
            end
        {%- endset %}
        {%- set char_grams = list_concat_sql(
            list_transform_sql(
                int_range_sql(1, 'length(' ~ token ~ ')'), 'p', 'substring(' ~ token ~ ', p, 2)'
            ),
            list_transform_sql(
                int_range_sql(1, 'length(' ~ token ~ ') - 1'), 'p', 'substring(' ~ token ~ ', p, 3)'
            )
        ) %}
        {{ list_distinct_sql(list_concat_sql(list_concat_sql(
            list_filter_sql(
                list_transform_sql(
                    int_range_sql(1, list_length_sql('tokens') ~ ' + 1'), 'i', words
                ),
                'ngram',
                'ngram is not null'
            ),
            list_filter_sql(
                list_transform_sql(int_range_sql(1, list_length_sql('tokens')), 'i', word_pairs),
                'ngram',
                'ngram is not null'
            )),
            list_flatten_sql(list_transform_sql(
                list_filter_sql(
                    int_range_sql(1, list_length_sql('tokens') ~ ' + 1'), 'i', is_cjk
                ),
                'i',
                char_grams
            ))
        )) }} as ngrams
    from note_tokens
),

ngram_notes as (
    select
        note_id,
        language,
        {{ unnest_lists([['ngrams', 'ngram']]) }}
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
        {{ min_n_sql('note_id', 3) }} as example_note_ids
    from ngram_notes
    group by all
)

select
    counts.language || ':' || counts.ngram as candidate_id,
    counts.language,
    counts.ngram,
    case
        when {{ regex_matches('counts.ngram', '^[' ~ cjk_class() ~ ']') }}
            then length(counts.ngram)
        when instr(counts.ngram, ' ') > 0 then 2
        else 1
    end as ngram_length,
    counts.note_count,
    round(counts.note_count / notes_per_language.language_notes, 4) as share_of_notes,
    {{ list_join_sql('counts.example_note_ids', "','") }} as example_note_ids
from counts
inner join notes_per_language
    on counts.language = notes_per_language.language
anti join alias_keys
    on counts.ngram = alias_keys.alias_key
where
    counts.note_count >= {{ var('lexicon_candidate_min_notes') }}
    and counts.note_count
    <= {{ var('lexicon_candidate_max_share') }} * notes_per_language.language_notes
