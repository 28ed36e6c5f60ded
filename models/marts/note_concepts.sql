-- Concept mentions in notes: every note is matched against the aliases of every language.
-- The notes' tokens come from int_note_tokens (the one tokenization): words (Latin, Cyrillic,
-- Arabic scripts) match whole words and word sequences; CJK runs match on characters. Both are
-- hash joins of tokens against alias keys, so the cost grows with the amount of text, never
-- with notes x aliases. Where matches overlap, the longest wins.
-- Aliases also match the word forms of seeds/inflection_rules (generated once per alias).
-- Rules from seeds, all matched in the same joins as the aliases:
--   concept_alias_rules: an alias blocked inside a longer phrase ("champagne gold" is not the
--     drink), or counting only with a context concept, bucket or word nearby ("daughter" is a
--     gift for a child only near a gift or an occasion; otherwise family_children);
--   negation_cues: a mention within a cue's window, with no punctuation or contrast word
--     between, is negated (is_negated, negation_cue): a dislike, never an interest.
-- With the var apply_concept_rules false, the blocking and context rules are skipped: the plain
-- alias matches, which scripts/benchmark.py compares with an Aho-Corasick pass.
-- The matching stages are in macros/concept_matching.sql (tables of their own on Spark).
{%- set apply_rules = var('apply_concept_rules') %}
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

cues as (
    select
        language || ':' || cue as cue_id,
        cue_kind,
        position,
        window_chars
    from {{ ref('negation_cues') }}
),

{{ concept_alias_rules_cte() }},

{% if concept_stages_as_tables() -%}
    {{ concept_marker_matches_cte(ref('int_note_concept_matches')) }},

    longest_matches as (
        select * from {{ ref('int_note_concept_longest_matches') }}
    ),
{%- else -%}
    {{ concept_match_stages() }},

    {{ concept_marker_matches_cte('all_distinct_matches') }},

    {{ concept_longest_match_stages('all_distinct_matches') }},
{%- endif %}

context_rules as (
    select
        longest_matches.note_id,
        longest_matches.span_start,
        longest_matches.span_end,
        longest_matches.concept_id,
        alias_rules.rule_id,
        alias_rules.window_chars,
        alias_rules.otherwise_concept_id,
        {{ unnest_lists([[
            list_transform_sql(
                string_split_sql('alias_rules.context', "'|'"), 'item', 'trim(item)'
            ),
            'context_item'
        ]]) }}
    from longest_matches
    inner join alias_rules
        on
            longest_matches.concept_id = alias_rules.concept_id
            and longest_matches.alias_language = alias_rules.language
            and coalesce(alias_rules.alias, longest_matches.alias) = longest_matches.alias
    where alias_rules.rule_kind = 'requires_context'
),

ruled_notes as (
    select distinct note_id from context_rules
),

context_items as (
    -- Only in notes with a mention under a context rule.
    select
        longest_matches.note_id,
        longest_matches.span_start,
        longest_matches.span_end,
        {{ unnest_lists([[
            list_of_sql(['longest_matches.concept_id', "'bucket:' || longest_matches.bucket"]),
            'context_item'
        ]]) }}
    from longest_matches
    inner join ruled_notes
        on longest_matches.note_id = ruled_notes.note_id
    union all
    select
        note_id,
        span_start,
        span_end,
        concept_id as context_item
    from marker_matches
    where bucket = 'context_word'
),

rule_outcomes as (
    -- One row per mention under a context rule: is its context within the window?
    select
        context_rules.note_id,
        context_rules.span_start,
        context_rules.concept_id,
        any_value(context_rules.otherwise_concept_id) as otherwise_concept_id,
        bool_or(
            context_items.note_id is not null
            and greatest(
                context_items.span_start - context_rules.span_end,
                context_rules.span_start - context_items.span_end
            ) <= context_rules.window_chars
        ) as has_context
    from context_rules
    left join context_items
        on
            context_rules.note_id = context_items.note_id
            and context_rules.context_item = context_items.context_item
            and context_rules.span_start != context_items.span_start
    group by all
),

ruled_mentions as (
    -- Mentions under a context rule: kept where their context is near, else as the rule's
    -- fallback concept (dropped without one); one row per span and resulting concept.
    -- the first alias per span and concept: a window in a subquery (Spark has no qualify)
    select
        match_kind,
        note_id,
        concept_id,
        bucket,
        alias,
        alias_language,
        span_start,
        span_end
    from (
        select
            longest_matches.match_kind,
            longest_matches.note_id,
            coalesce(fallback.concept_id, longest_matches.concept_id) as concept_id,
            coalesce(fallback.bucket, longest_matches.bucket) as bucket,
            longest_matches.alias,
            longest_matches.alias_language,
            longest_matches.span_start,
            longest_matches.span_end,
            row_number() over (
                partition by
                    longest_matches.note_id,
                    longest_matches.span_start,
                    coalesce(fallback.concept_id, longest_matches.concept_id)
                order by longest_matches.alias
            ) as alias_rank
        from longest_matches
        inner join rule_outcomes
            on
                longest_matches.note_id = rule_outcomes.note_id
                and longest_matches.span_start = rule_outcomes.span_start
                and longest_matches.concept_id = rule_outcomes.concept_id
        left join {{ ref('concepts') }} as fallback
            on
                rule_outcomes.otherwise_concept_id = fallback.concept_id
                and not rule_outcomes.has_context
        where rule_outcomes.has_context or fallback.concept_id is not null
    ) as ranked_mentions
    where alias_rank = 1
),

unruled_mentions as (
    select longest_matches.*
    from longest_matches
    anti join rule_outcomes
        on
            longest_matches.note_id = rule_outcomes.note_id
            and longest_matches.span_start = rule_outcomes.span_start
            and longest_matches.concept_id = rule_outcomes.concept_id
),

resolved_matches as (
    -- Where a fallback concept lands on a span already tagged with it, the first alias wins.
    select unruled_mentions.*
    from unruled_mentions
    anti join ruled_mentions
        on
            unruled_mentions.note_id = ruled_mentions.note_id
            and unruled_mentions.span_start = ruled_mentions.span_start
            and unruled_mentions.concept_id = ruled_mentions.concept_id
            and unruled_mentions.alias > ruled_mentions.alias
    union all
    select ruled_mentions.*
    from ruled_mentions
    anti join unruled_mentions
        on
            ruled_mentions.note_id = unruled_mentions.note_id
            and ruled_mentions.span_start = unruled_mentions.span_start
            and ruled_mentions.concept_id = unruled_mentions.concept_id
            and ruled_mentions.alias >= unruled_mentions.alias
),

negation_cue_matches as (
    -- Cues, less those inside a phrase that is no negation ("no rush", "pas mal").
    select
        cue.note_id,
        cue.span_start,
        cue.span_end,
        cues.position,
        cues.window_chars
    from marker_matches as cue
    inner join cues
        on cue.concept_id = cues.cue_id
    anti join marker_matches as phrase
        on
            cue.note_id = phrase.note_id
            and phrase.bucket = 'not_negation'
            and cue.span_start >= phrase.span_start
            and cue.span_end <= phrase.span_end
    where cue.bucket = 'negation'
),

cue_scopes as (
    -- Each mention with each cue of its note, and the text between them (the cue's scope).
    select
        mentions.note_id,
        mentions.span_start,
        mentions.concept_id,
        cue.span_start as cue_start,
        cue.span_end as cue_end,
        cue.window_chars,
        case
            when cue.position in ('before', 'either') and cue.span_end <= mentions.span_start
                then cue.span_end
            when cue.position in ('after', 'either') and mentions.span_end <= cue.span_start
                then mentions.span_end
        end as gap_start,
        case
            when cue.position in ('before', 'either') and cue.span_end <= mentions.span_start
                then mentions.span_start
            when cue.position in ('after', 'either') and mentions.span_end <= cue.span_start
                then cue.span_start
        end as gap_end
    from resolved_matches as mentions
    inner join negation_cue_matches as cue
        on mentions.note_id = cue.note_id
    anti join {{ ref('negation_exempt_concepts') }} as exempt
        on mentions.concept_id = exempt.concept_id
),

negated_mentions as (
    -- the nearest cue per mention: a window in a subquery (Spark has no qualify)
    select
        note_id,
        span_start,
        concept_id,
        negation_cue
    from (
        select
            cue_scopes.note_id,
            cue_scopes.span_start,
            cue_scopes.concept_id,
            substring(
                notes.note_text, cue_scopes.cue_start + 1, cue_scopes.cue_end - cue_scopes.cue_start
            ) as negation_cue,
            row_number() over (
                partition by cue_scopes.note_id, cue_scopes.span_start, cue_scopes.concept_id
                order by cue_scopes.gap_end - cue_scopes.gap_start, cue_scopes.cue_start
            ) as cue_rank
        from cue_scopes
        inner join notes
            on cue_scopes.note_id = notes.note_id
        anti join marker_matches as scope_break
            on
                cue_scopes.note_id = scope_break.note_id
                and scope_break.bucket = 'scope_break'
                and cue_scopes.gap_start <= scope_break.span_start
                and cue_scopes.gap_end >= scope_break.span_end
        where
            cue_scopes.gap_end - cue_scopes.gap_start <= cue_scopes.window_chars
            and not {{ regex_matches(
                'substring(notes.note_text, cue_scopes.gap_start + 1, '
                ~ 'cue_scopes.gap_end - cue_scopes.gap_start)',
                '[.,;:!?()\\n。，、！？；،]'
            ) }}
    ) as ranked_cues
    where cue_rank = 1
)

select
    resolved_matches.note_id || ':' || resolved_matches.span_start || ':'
    || resolved_matches.concept_id as note_concept_id,
    resolved_matches.note_id,
    notes.client_id,
    notes.note_date,
    resolved_matches.concept_id,
    resolved_matches.bucket,
    resolved_matches.alias as matched_alias,
    substring(
        notes.note_text,
        resolved_matches.span_start + 1,
        resolved_matches.span_end - resolved_matches.span_start
    ) as matched_text,
    resolved_matches.span_start,
    resolved_matches.span_end,
    notes.language,
    resolved_matches.alias_language,
    negated_mentions.note_id is not null as is_negated,
    negated_mentions.negation_cue
from {{ 'resolved_matches' if apply_rules else 'longest_matches' }} as resolved_matches
inner join notes
    on resolved_matches.note_id = notes.note_id
left join negated_mentions
    on
        resolved_matches.note_id = negated_mentions.note_id
        and resolved_matches.span_start = negated_mentions.span_start
        and resolved_matches.concept_id = negated_mentions.concept_id
