-- Concept mentions in notes: every note is matched against the aliases of every language.
-- Words (Latin, Cyrillic, Arabic scripts) match whole words and word sequences; CJK runs match on
-- characters. Both are hash joins of note pieces against alias keys, so the cost grows with the
-- amount of text, never with notes x aliases. Where matches overlap, the longest wins.
-- Aliases also match the word forms of seeds/inflection_rules (generated once per alias).
-- Rules from seeds, all matched in the same joins as the aliases:
--   concept_alias_rules: an alias blocked inside a longer phrase ("champagne gold" is not the
--     drink), or counting only with a context concept, bucket or word nearby ("daughter" is a
--     gift for a child only near a gift or an occasion; otherwise family_children);
--   negation_cues: a mention within a cue's window, with no punctuation or contrast word
--     between, is negated (is_negated, negation_cue): a dislike, never an interest.
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
),

cues as (
    select
        language || ':' || cue as cue_id,
        cue_kind,
        position,
        window_chars
    from {{ ref('negation_cues') }}
),

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
            trim(unnest(string_split(context, '|'))) as context_item
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
    -- One-word aliases join on the word; longer ones on their first two words, so a common
    -- first word ("no", "budget") does not make a candidate of every alias it starts.
    select
        'word' as match_kind,
        note_words.note_id,
        alias_keys.concept_id,
        alias_keys.bucket,
        alias_keys.alias,
        alias_keys.alias_language,
        note_words.piece_start as span_start,
        note_words.piece_end as span_end
    from note_words
    inner join alias_keys
        on
            note_words.folded = alias_keys.first_word
            and alias_keys.word_count = 1
            and not alias_keys.is_cjk
    union all
    select
        'word' as match_kind,
        note_words.note_id,
        alias_keys.concept_id,
        alias_keys.bucket,
        alias_keys.alias,
        alias_keys.alias_language,
        note_words.piece_start as span_start,
        case alias_keys.word_count
            when 2 then note_words.end_2
            when 3 then note_words.end_3
            else note_words.end_4
        end as span_end
    from note_words
    inner join alias_keys
        on
            note_words.folded = alias_keys.first_word
            and note_words.folded_2 = alias_keys.second_word
            and alias_keys.word_count > 1
            and not alias_keys.is_cjk
    where alias_keys.alias_key = case alias_keys.word_count
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

all_distinct_matches as (
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

marker_matches as (
    select *
    from all_distinct_matches
    where bucket in ('block', 'context_word', 'negation', 'not_negation', 'scope_break')
),

distinct_matches as (
    -- Concept matches, less those a blocking phrase covers ("champagne gold": no champagne).
    select candidate.*
    from all_distinct_matches as candidate
    where
        candidate.bucket not in ('block', 'context_word', 'negation', 'not_negation', 'scope_break')
        and not exists (
            select 1
            from marker_matches as blocker
            inner join alias_rules
                on blocker.concept_id = alias_rules.rule_id
            where
                blocker.bucket = 'block'
                and blocker.note_id = candidate.note_id
                and blocker.span_start <= candidate.span_start
                and candidate.span_end <= blocker.span_end
                and alias_rules.concept_id = candidate.concept_id
                and coalesce(alias_rules.alias, candidate.alias) = candidate.alias
        )
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
),

context_rules as (
    select
        longest_matches.note_id,
        longest_matches.span_start,
        longest_matches.span_end,
        longest_matches.concept_id,
        alias_rules.rule_id,
        alias_rules.window_chars,
        alias_rules.otherwise_concept_id,
        trim(unnest(string_split(alias_rules.context, '|'))) as context_item
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
        unnest([longest_matches.concept_id, 'bucket:' || longest_matches.bucket])
            as context_item
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

resolved_matches as (
    select
        longest_matches.* replace (
            coalesce(fallback.concept_id, longest_matches.concept_id) as concept_id,
            coalesce(fallback.bucket, longest_matches.bucket) as bucket
        )
    from longest_matches
    left join rule_outcomes
        on
            longest_matches.note_id = rule_outcomes.note_id
            and longest_matches.span_start = rule_outcomes.span_start
            and longest_matches.concept_id = rule_outcomes.concept_id
    left join {{ ref('concepts') }} as fallback
        on
            rule_outcomes.otherwise_concept_id = fallback.concept_id
            and not rule_outcomes.has_context
    where
        rule_outcomes.note_id is null
        or rule_outcomes.has_context
        or fallback.concept_id is not null
    qualify row_number() over (
        partition by
            longest_matches.note_id,
            longest_matches.span_start,
            coalesce(fallback.concept_id, longest_matches.concept_id)
        order by longest_matches.alias
    ) = 1
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
    where
        cue.bucket = 'negation'
        and not exists (
            select 1
            from marker_matches as phrase
            where
                phrase.bucket = 'not_negation'
                and phrase.note_id = cue.note_id
                and phrase.span_start <= cue.span_start
                and cue.span_end <= phrase.span_end
        )
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
    select
        cue_scopes.note_id,
        cue_scopes.span_start,
        cue_scopes.concept_id,
        substring(
            notes.note_text, cue_scopes.cue_start + 1, cue_scopes.cue_end - cue_scopes.cue_start
        ) as negation_cue
    from cue_scopes
    inner join notes
        on cue_scopes.note_id = notes.note_id
    where
        cue_scopes.gap_end - cue_scopes.gap_start <= cue_scopes.window_chars
        and not regexp_matches(
            substring(
                notes.note_text,
                cue_scopes.gap_start + 1,
                cue_scopes.gap_end - cue_scopes.gap_start
            ),
            '[.,;:!?()\n。，、！？；،]'
        )
        and not exists (
            select 1
            from marker_matches as scope_break
            where
                scope_break.bucket = 'scope_break'
                and scope_break.note_id = cue_scopes.note_id
                and scope_break.span_start >= cue_scopes.gap_start
                and scope_break.span_end <= cue_scopes.gap_end
        )
    qualify row_number() over (
        partition by cue_scopes.note_id, cue_scopes.span_start, cue_scopes.concept_id
        order by cue_scopes.gap_end - cue_scopes.gap_start, cue_scopes.cue_start
    ) = 1
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
from resolved_matches
inner join notes
    on resolved_matches.note_id = notes.note_id
left join negated_mentions
    on
        resolved_matches.note_id = negated_mentions.note_id
        and resolved_matches.span_start = negated_mentions.span_start
        and resolved_matches.concept_id = negated_mentions.concept_id
