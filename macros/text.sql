{#- Scripts written without spaces between words (Chinese, Japanese) or with particles glued to
    words (Korean): matched on characters rather than on whole words. -#}
{% macro cjk_class() -%}
    \p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー々
{%- endmacro %}

{#- Scripts whose words are separated by spaces, plus digits and combining marks. -#}
{% macro word_class() -%}
    \p{Latin}\p{Cyrillic}\p{Arabic}\p{Greek}\p{N}\p{M}
{%- endmacro %}

{#- Splits text into an ordered list of pieces that cover it completely: CJK runs, word runs and
    separator runs. Concatenating the pieces gives the text back, which is what makes character
    offsets exact. -#}
{% macro split_pieces(expr) -%}
    {{ regex_extract_all(
        expr,
        '[' ~ cjk_class() ~ ']+|[' ~ word_class() ~ ']+|[^' ~ cjk_class() ~ word_class() ~ ']+'
    ) }}
{%- endmacro %}

{% macro piece_kind(piece) -%}
    case
        when {{ regex_full_match(piece, '[' ~ cjk_class() ~ ']+') }} then 'cjk'
        when {{ regex_full_match(piece, '[' ~ word_class() ~ ']+') }} then 'word'
        else 'separator'
    end
{%- endmacro %}

{#- Case- and accent-folding applied to note pieces and alias pieces alike, so the two can never
    disagree. It keeps one character per character (offsets stay exact). CJK pieces are only
    lower-cased: stripping marks there would merge distinct kana (ガ and カ). `kind`, when the
    piece's kind is already known, saves classifying it again. -#}
{% macro fold_piece(piece, kind=none) -%}
    case
        when {{ kind ~ " = 'cjk'" if kind else regex_full_match(piece, '[' ~ cjk_class() ~ ']+') }}
            then {{ piece }}
        else {{ lower_sql(strip_accents_sql(piece)) }}
    end
{%- endmacro %}

{#- Each note as lists, one element per word or CJK run (separators dropped): the folded
    token, whether it is a CJK run, and its character offsets in the note text. One regex split
    per note; the offsets are prefix sums of the piece lengths. For an ordinary note they are
    taken in list functions, so that no window has to sort the pieces. But a list slice copies
    the list, which makes that quadratic in a note's piece count (a pasted e-mail with an inline
    image has 10^5 pieces: minutes): a note of more than `window_from_pieces` pieces takes its
    sums in a window instead. Every model that needs a note's words reads these lists
    (int_note_tokens) instead of splitting the text again. `notes` must have note_id (unique),
    language and note_text. -#}
{% macro note_token_lists(notes, window_from_pieces=1000) -%}
    with piece_lists as (
        select
            note_id,
            language,
            {{ split_pieces('note_text') }} as pieces
        from {{ notes }}
    ),

    piece_facts as (
        select
            note_id,
            language,
            pieces,
            {{ list_transform_sql('pieces', 'piece', piece_kind('piece')) }} as kinds,
            {{ list_transform_sql('pieces', 'piece', 'length(piece)') }} as lengths
        from piece_lists
    ),

    long_note_piece_ends as (
        select
            note_id,
            {{ list_transform_sql(
                struct_list_agg([['piece_index', 'piece_index'], ['piece_end', 'piece_end']]),
                'piece',
                'piece.piece_end'
            ) }} as piece_ends
        from (
            select
                note_id,
                piece_index,
                sum(piece_length) over (
                    partition by note_id order by piece_index
                    rows between unbounded preceding and current row
                ) as piece_end
            from (
                select
                    note_id,
                    {{ unnest_lists([
                        ['lengths', 'piece_length'],
                        [int_range_sql(1, list_length_sql('lengths') ~ ' + 1'), 'piece_index']
                    ]) }}
                from piece_facts
                where {{ list_length_sql('lengths') }} > {{ window_from_pieces }}
            ) as long_note_pieces
        ) as long_note_sums
        group by note_id
    ),

    token_positions as (
        select
            piece_facts.note_id,
            piece_facts.language,
            piece_facts.pieces,
            piece_facts.kinds,
            case
                when {{ list_length_sql('piece_facts.lengths') }} <= {{ window_from_pieces }}
                    then {{ list_transform_sql(
                        int_range_sql(1, list_length_sql('piece_facts.lengths') ~ ' + 1'),
                        'i',
                        list_sum_sql(list_slice_sql('piece_facts.lengths', 1, 'i'))
                    ) }}
                else long_note_piece_ends.piece_ends
            end as piece_ends,
            {{ list_filter_sql(
                int_range_sql(1, list_length_sql('piece_facts.pieces') ~ ' + 1'),
                'i',
                list_element_sql('piece_facts.kinds', 'i') ~ " != 'separator'"
            ) }} as positions
        from piece_facts
        left join long_note_piece_ends on piece_facts.note_id = long_note_piece_ends.note_id
    )

    select
        note_id,
        language,
        {%- set piece = list_element_sql('pieces', 'i') %}
        {%- set kind = list_element_sql('kinds', 'i') %}
        {%- set piece_end = list_element_sql('piece_ends', 'i') %}
        {{ list_transform_sql('positions', 'i', fold_piece(piece, kind)) }} as tokens,
        {{ list_transform_sql('positions', 'i', kind ~ " = 'cjk'") }} as token_is_cjk,
        {{ cast_list_sql(
            list_transform_sql('positions', 'i', piece_end ~ ' - length(' ~ piece ~ ')'), 'bigint'
        ) }} as token_starts,
        {{ cast_list_sql(list_transform_sql('positions', 'i', piece_end), 'bigint') }}
            as token_ends
    from token_positions
{%- endmacro %}

{#- Case- and accent-folding of a suffix or prefix in the inflection rules: the same folding as
    note words, so rules are written as words are spelt ("чёрный" folds to "черныи"). -#}
{% macro fold_affix(expr) -%}
    {{ lower_sql(strip_accents_sql('coalesce(' ~ expr ~ ", '')")) }}
{%- endmacro %}

{#- Phrases as match keys, folded and split exactly as note text is: the first word (join key),
    the number of words, whether the phrase is CJK (matched on characters) and the full key.
    `phrases` has concept_id, bucket, alias_language, alias (lexicon aliases, or the markers
    of the context and negation rules). With `inflection_rules`, each alias of a space-separated
    language also yields its generated word forms (suffix and prefix rules of its language,
    applied to the last word or to every word), unless a form is already a listed alias: built
    once per alias, so matching word forms costs no work per note. -#}
{% macro phrase_keys(phrases, inflection_rules=none) -%}
    with phrase_pieces as (
        select
            concept_id,
            bucket,
            alias_language,
            trim(alias) as alias,
            {{ list_transform_sql(
                list_filter_sql(
                    split_pieces(nfc_normalize('trim(alias)')),
                    'piece',
                    piece_kind('piece') ~ " != 'separator'"
                ),
                'piece',
                fold_piece('piece')
            ) }} as alias_words
        from {{ phrases }}
    ),

    {% if inflection_rules -%}
    rules as (
        select
            language,
            {{ fold_affix('strip_suffix') }} as strip_suffix,
            {{ fold_affix('add_suffix') }} as add_suffix,
            {{ fold_affix('add_prefix') }} as add_prefix,
            min_stem_chars
        from {{ inflection_rules }}
    ),

    inflected as (
        select distinct
            phrase_pieces.concept_id,
            phrase_pieces.bucket,
            phrase_pieces.alias_language,
            phrase_pieces.alias,
            {%- set words = 'phrase_pieces.alias_words' %}
            {%- set word = list_element_sql(words, 'word_index') %}
            {%- set inflect -%}
                case
                    when
                        rules.add_prefix = ''
                        and (word_index = {{ list_length_sql(words) }} or scopes.every_word)
                        and right({{ word }}, length(rules.strip_suffix)) = rules.strip_suffix
                        and length({{ word }}) - length(rules.strip_suffix) >= rules.min_stem_chars
                        then left({{ word }}, length({{ word }}) - length(rules.strip_suffix))
                        || rules.add_suffix
                    when
                        rules.add_prefix != ''
                        and word_index = 1
                        and length({{ word }}) >= rules.min_stem_chars
                        then rules.add_prefix || {{ word }}
                    else {{ word }}
                end
            {%- endset %}
            {{ list_transform_sql(
                int_range_sql(1, list_length_sql(words) ~ ' + 1'), 'word_index', inflect
            ) }} as alias_words
        from phrase_pieces
        inner join rules
            on phrase_pieces.alias_language = rules.language
        cross join (values (false), (true)) as scopes (every_word)
    ),

    all_forms as (
        select
            phrase_pieces.*,
            false as is_generated
        from phrase_pieces
        union all
        select
            inflected.*,
            true as is_generated
        from inflected
        anti join phrase_pieces
            on {{ list_join_sql('inflected.alias_words', "' '") }}
            = {{ list_join_sql('phrase_pieces.alias_words', "' '") }}
    )
    {%- else -%}
    all_forms as (
        select
            *,
            false as is_generated
        from phrase_pieces
    )
    {%- endif %}

    select
        concept_id,
        bucket,
        alias_language,
        alias,
        {{ list_element_sql('alias_words', 1) }} as first_word,
        {{ list_element_sql('alias_words', 2) }} as second_word,
        {{ list_length_sql('alias_words') }} as word_count,
        -- a single CJK run is matched on characters; several words (a Korean alias with a
        -- space) are matched word by word like any other script
        (
            {{ list_length_sql('alias_words') }} = 1
            and {{ piece_kind(list_element_sql('alias_words', 1)) }} = 'cjk'
        ) as is_cjk,
        {{ list_join_sql('alias_words', "' '") }} as alias_key,
        alias_words,
        is_generated
    from all_forms
    where {{ list_length_sql('alias_words') }} between 1 and {{ var('max_alias_words') }}
{%- endmacro %}

{#- Lexicon aliases (with their concept's bucket) as match keys, with generated word forms when
    `inflection_rules` is given. -#}
{% macro alias_keys(aliases, concepts, inflection_rules=none) -%}
    with lexicon_aliases as (
        select
            concept_aliases.concept_id,
            concepts.bucket,
            concept_aliases.language as alias_language,
            concept_aliases.alias
        from {{ aliases }} as concept_aliases
        inner join {{ concepts }} as concepts
            on concept_aliases.concept_id = concepts.concept_id
    )

    select * from (
        {{ phrase_keys("lexicon_aliases", inflection_rules) }}
    )
{%- endmacro %}
