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
    regexp_extract_all(
        {{ expr }},
        '[{{ cjk_class() }}]+|[{{ word_class() }}]+|[^{{ cjk_class() }}{{ word_class() }}]+'
    )
{%- endmacro %}

{% macro piece_kind(piece) -%}
    case
        when regexp_full_match({{ piece }}, '[{{ cjk_class() }}]+') then 'cjk'
        when regexp_full_match({{ piece }}, '[{{ word_class() }}]+') then 'word'
        else 'separator'
    end
{%- endmacro %}

{#- Case- and accent-folding applied to note pieces and alias pieces alike, so the two can never
    disagree. It keeps one character per character (offsets stay exact). CJK pieces are only
    lower-cased: stripping marks there would merge distinct kana (ガ and カ). -#}
{% macro fold_piece(piece) -%}
    case
        when regexp_full_match({{ piece }}, '[{{ cjk_class() }}]+') then {{ piece }}
        else lower(strip_accents({{ piece }}))
    end
{%- endmacro %}

{#- One row per piece of each note: its kind, folded text and character offset. Shared by concept
    matching and lexicon candidates so that both see the same words. `notes` must have note_id and
    note_text. -#}
{% macro note_pieces(notes) -%}
    with piece_lists as (
        select
            note_id,
            {{ split_pieces('note_text') }} as pieces
        from {{ notes }}
    ),

    pieces as (
        select
            note_id,
            unnest(pieces) as piece,
            unnest(range(1, len(pieces) + 1)) as piece_index
        from piece_lists
    )

    select
        note_id,
        piece_index,
        {{ piece_kind('piece') }} as piece_kind,
        {{ fold_piece('piece') }} as folded,
        (
            sum(length(piece)) over (
                partition by note_id order by piece_index rows unbounded preceding
            ) - length(piece)
        )::bigint as piece_start,
        length(piece) as piece_length
    from pieces
{%- endmacro %}

{#- Lexicon aliases as match keys, folded and split exactly as note text is: the first word (join
    key), the number of words, whether the alias is CJK (matched on characters) and the full key. -#}
{% macro alias_keys(aliases, concepts) -%}
    with alias_pieces as (
        select
            concept_aliases.concept_id,
            concepts.bucket,
            concept_aliases.language as alias_language,
            trim(concept_aliases.alias) as alias,
            list_transform(
                list_filter(
                    {{ split_pieces('nfc_normalize(trim(concept_aliases.alias))') }},
                    lambda piece: {{ piece_kind('piece') }} != 'separator'
                ),
                lambda piece: {{ fold_piece('piece') }}
            ) as alias_words
        from {{ aliases }} as concept_aliases
        inner join {{ concepts }} as concepts
            on concept_aliases.concept_id = concepts.concept_id
    )

    select
        concept_id,
        bucket,
        alias_language,
        alias,
        alias_words[1] as first_word,
        len(alias_words) as word_count,
        -- a single CJK run is matched on characters; several words (a Korean alias with a
        -- space) are matched word by word like any other script
        (len(alias_words) = 1 and {{ piece_kind('alias_words[1]') }} = 'cjk') as is_cjk,
        array_to_string(alias_words, ' ') as alias_key
    from alias_pieces
    where len(alias_words) between 1 and {{ var('max_alias_words') }}
{%- endmacro %}
