{#- The matching stages of note_concepts, written once. On DuckDB they are CTEs of note_concepts.
    Spark inlines a CTE at every place it is used, and these stages reuse one another, so its
    plan would explode (a StackOverflowError in CTE inlining): there the matches and the longest
    matches are tables of their own, int_note_concept_matches and
    int_note_concept_longest_matches, built from the same macros. -#}
{% macro concept_stages_as_tables() -%}
    {{ return(adapter.dispatch('concept_stages_as_tables')()) }}
{%- endmacro %}

{% macro default__concept_stages_as_tables() -%}
    {{ return(false) }}
{%- endmacro %}

{% macro spark__concept_stages_as_tables() -%}
    {{ return(true) }}
{%- endmacro %}

{#- the kinds of marker_phrases: they steer matching and are never concepts themselves -#}
{% macro concept_marker_buckets() -%}
    ('block', 'context_word', 'negation', 'not_negation', 'scope_break')
{%- endmacro %}

{% macro concept_alias_rules_cte() -%}
alias_rules as (
    select
        rule_id,
        concept_id,
        language,
        nullif(trim(alias), '') as alias,  -- noqa: RF04
        rule_kind,
        context,
        window_chars,
        nullif(trim(otherwise_concept_id), '') as otherwise_concept_id
    from {{ ref('concept_alias_rules') }}
)
{%- endmacro %}

{#- Every alias, inflected form and marker phrase matched in every note, as one row per span and
    concept (all_distinct_matches); reads alias_rules. -#}
{% macro concept_match_stages() -%}
{#- two at least: sequences join on their first two words (and sqlfluff's var() is no number) #}
{%- set max_words = [var('max_alias_words') | int, 2] | max %}
marker_phrases as (
    -- Phrases that are not concepts but steer matching; their kind stands in the bucket.
    select
        rule_id as concept_id,
        'block' as bucket,
        language as alias_language,
        context as alias  -- noqa: RF04
    from alias_rules
    where rule_kind = 'blocked_by'
    union all
    select distinct
        context_item as concept_id,
        'context_word' as bucket,
        language as alias_language,
        substring(context_item, 6) as alias  -- noqa: RF04
    from (
        select
            language,
            {{ unnest_lists([
                [list_transform_sql(string_split_sql('context', "'|'"), 'item', 'trim(item)'),
                    'context_item']
            ]) }}
        from alias_rules
        where rule_kind = 'requires_context'
    ) as rule_contexts
    where context_item like 'word:%'
    union all
    select
        language || ':' || cue as concept_id,
        cue_kind as bucket,
        language as alias_language,
        cue as alias  -- noqa: RF04
    from {{ ref('negation_cues') }}
),

alias_keys as (
    {{ alias_keys(ref('concept_aliases'), ref('concepts'), ref('inflection_rules')) }}
    union all
    select * from ({{ phrase_keys('marker_phrases') }})
),

match_keys as (
    -- One row per key and concept, with the aliases (and their languages) it stands for in the
    -- order a match reports them: a span several aliases match needs no deduplication later.
    select
        alias_key,
        first_word,
        {%- for n in range(2, max_words + 1) %}
            {{ list_element_sql('alias_words', n) }} as word_{{ n }},
        {%- endfor %}
        word_count,
        is_cjk,
        concept_id,
        bucket,
        -- short words only count in notes of their own language: across languages they are
        -- everyday words (English "son" is French "his"); CJK runs are never short
        {{ struct_list_agg([
            ['alias_language', 'alias_language'],
            ['alias', 'alias'],
            ['is_short', 'not is_cjk and length(alias) <= ' ~ var('short_alias_max_chars')]
        ]) }} as senses,
        bool_or(not is_cjk and length(alias) <= {{ var('short_alias_max_chars') }})
            as has_short_alias
    from alias_keys
    group by all
),

note_words as (
    select
        note_id,
        language,
        {%- set word_lists = [
            ['tokens', 'folded'], ['token_starts', 'span_start'], ['token_ends', 'span_end']
        ] %}
        {%- for n in range(2, max_words + 1) %}
            {%- do word_lists.append([list_slice_sql('tokens', n), 'folded_' ~ n]) %}
            {%- do word_lists.append([list_slice_sql('token_ends', n), 'end_' ~ n]) %}
        {%- endfor %}
        {{ unnest_lists(word_lists) }}
    from {{ ref('int_note_tokens') }}
),

word_matches as (
    -- One-word aliases join on the word; longer ones on their first two words, so a common
    -- first word ("no", "budget") does not make a candidate of every alias it starts.
    select
        'word' as match_kind,
        note_words.note_id,
        note_words.language,
        match_keys.concept_id,
        match_keys.bucket,
        match_keys.senses,
        match_keys.has_short_alias,
        note_words.span_start,
        note_words.span_end
    from note_words
    inner join match_keys
        on
            note_words.folded = match_keys.first_word
            and match_keys.word_count = 1
            and not match_keys.is_cjk
    union all
    select
        'word' as match_kind,
        note_words.note_id,
        note_words.language,
        match_keys.concept_id,
        match_keys.bucket,
        match_keys.senses,
        match_keys.has_short_alias,
        note_words.span_start,
        case match_keys.word_count
            {%- for n in range(2, max_words + 1) %}
                when {{ n }} then note_words.end_{{ n }}
            {%- endfor %}
        end as span_end
    from note_words
    inner join match_keys
        on
            note_words.folded = match_keys.first_word
            and note_words.folded_2 = match_keys.word_2
            and match_keys.word_count > 1
    {%- for n in range(3, max_words + 1) %}
            and (match_keys.word_count < {{ n }} or note_words.folded_{{ n }} = match_keys.word_{{ n }})
        {%- endfor %}
),

cjk_runs as (
    select
        note_id,
        language,
        {{ unnest_lists([
            ['tokens', 'folded'], ['token_is_cjk', 'is_cjk'], ['token_starts', 'span_start']
        ]) }}
    from {{ ref('int_note_tokens') }}
    where {{ list_bool_or_sql('token_is_cjk') }}
),

cjk_positions as (
    select
        note_id,
        language,
        folded,
        span_start,
        {{ unnest_lists([[int_range_sql(1, 'length(folded) + 1'), 'char_position']]) }}
    from cjk_runs
    where is_cjk
),

cjk_candidates as (
    -- Keys join on their first two characters (a one-character key on its character), which
    -- keeps the candidates few where many keys share a first character.
    select
        cjk_positions.note_id,
        cjk_positions.language,
        cjk_positions.folded,
        cjk_positions.span_start,
        cjk_positions.char_position,
        match_keys.*
    from cjk_positions
    inner join match_keys
        on
            substring(cjk_positions.folded, cjk_positions.char_position, 2)
            = substring(match_keys.alias_key, 1, 2)
            and match_keys.is_cjk
            and length(match_keys.alias_key) > 1
    union all
    select
        cjk_positions.note_id,
        cjk_positions.language,
        cjk_positions.folded,
        cjk_positions.span_start,
        cjk_positions.char_position,
        match_keys.*
    from cjk_positions
    inner join match_keys
        on
            substring(cjk_positions.folded, cjk_positions.char_position, 1) = match_keys.alias_key
            and match_keys.is_cjk
            and length(match_keys.alias_key) = 1
),

cjk_matches as (
    select
        'cjk' as match_kind,
        note_id,
        language,
        concept_id,
        bucket,
        senses,
        has_short_alias,
        span_start + char_position - 1 as span_start,
        span_start + char_position - 1 + length(alias_key) as span_end
    from cjk_candidates
    where substring(folded, char_position, length(alias_key)) = alias_key
),

all_matches as (
    select * from word_matches
    union all
    select * from cjk_matches
),

all_distinct_matches as (
    -- One row per span and concept: the first of its aliases that counts in the note's language.
    select
        matches_with_sense.match_kind,
        matches_with_sense.note_id,
        matches_with_sense.concept_id,
        matches_with_sense.bucket,
        sense.alias,
        sense.alias_language,
        matches_with_sense.span_start,
        matches_with_sense.span_end
    from (
        select
            all_matches.*,
            case
                when not all_matches.has_short_alias
                    then {{ list_element_sql('all_matches.senses', 1) }}
                else
                    {{ list_element_sql(list_filter_sql(
                        'all_matches.senses',
                        'candidate',
                        'not candidate.is_short or candidate.alias_language = all_matches.language'
                    ), 1) }}
            end as sense
        from all_matches
    ) as matches_with_sense
    where matches_with_sense.sense is not null
)
{%- endmacro %}

{% macro concept_marker_matches_cte(matches) -%}
marker_matches as (
    select *
    from {{ matches }}
    where bucket in {{ concept_marker_buckets() }}
)
{%- endmacro %}

{#- `matches` less what a blocking phrase covers, then the longest where matches overlap
    (longest_matches); reads alias_rules and marker_matches. -#}
{% macro concept_longest_match_stages(matches) -%}
{%- set apply_rules = var('apply_concept_rules') %}
blockers as (
    select
        blocker.note_id,
        blocker.span_start,
        blocker.span_end,
        alias_rules.concept_id,
        alias_rules.alias
    from marker_matches as blocker
    inner join alias_rules
        on blocker.concept_id = alias_rules.rule_id
    where blocker.bucket = 'block'
),

distinct_matches as (
    -- Concept matches, less those a blocking phrase covers ("champagne gold": no champagne).
    -- Anti joins rather than `not exists`: the correlated form deduplicates every candidate.
    select candidate.*
    from {{ matches }} as candidate
    {% if apply_rules -%}
        anti join blockers
            on
                candidate.note_id = blockers.note_id
                and candidate.concept_id = blockers.concept_id
                and candidate.span_start >= blockers.span_start
                and candidate.span_end <= blockers.span_end
                and coalesce(blockers.alias, candidate.alias) = candidate.alias
    {% endif -%}
    where
        candidate.bucket not in {{ concept_marker_buckets() }}
),

longest_matches as (
    select candidate.*
    from distinct_matches as candidate
    anti join distinct_matches as rival
        on
            candidate.note_id = rival.note_id
            and candidate.span_end > rival.span_start
            and candidate.span_start < rival.span_end
            and (
                rival.span_end - rival.span_start > candidate.span_end - candidate.span_start
                or (
                    rival.span_end - rival.span_start = candidate.span_end - candidate.span_start
                    and candidate.span_start > rival.span_start
                )
            )
)
{%- endmacro %}
