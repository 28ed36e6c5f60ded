-- One row per client and playbook with a concept or bucket condition, when the client's notes
-- meet all of the playbook's conditions within its lookback: how many mentions meet it, the
-- latest one as evidence and, for playbooks with both conditions, the latest bucket mention as
-- supporting evidence. Score-only playbooks have no row here.
{{ config(enabled=var('enable_ml_predictions', true)) }}

with

condition_triggers as (
    -- The concept and bucket conditions, one row per value.
    select
        triggers.action_id,
        triggers.trigger_kind as condition_kind,
        triggers.trigger_value as condition_value,
        playbooks.lookback_days
    from {{ ref('int_playbook_triggers') }} as triggers
    inner join {{ ref('playbooks') }} as playbooks
        on triggers.action_id = playbooks.action_id
    where triggers.trigger_kind in ('concept', 'bucket')
),

playbook_conditions as (
    select
        action_id,
        bool_or(condition_kind = 'concept') as has_concept_condition,
        bool_or(condition_kind = 'bucket') as has_bucket_condition
    from condition_triggers
    group by action_id
),

mention_keys as (
    -- Each mention under both of its keys, so one equi-join meets concept and bucket conditions.
    select
        'concept' as condition_kind,
        concept_id as condition_value,
        *
    from {{ ref('int_client_concept_mentions') }}
    union all
    select
        'bucket' as condition_kind,
        bucket as condition_value,
        *
    from {{ ref('int_client_concept_mentions') }}
),

condition_mentions as (
    -- Each mention meeting a playbook's concept or bucket condition within its lookback.
    select
        condition_triggers.action_id,
        {{ star_except('mention_keys', ['condition_value']) }}
    from mention_keys
    inner join condition_triggers
        on
            mention_keys.condition_kind = condition_triggers.condition_kind
            and mention_keys.condition_value = condition_triggers.condition_value
    where
        condition_triggers.lookback_days is null
        or mention_keys.note_date
        > {{ add_days('mention_keys.as_of_date', '-condition_triggers.lookback_days') }}
),

latest_mentions as (
    -- The latest mention of each kind for each client and playbook, with the kind's count
    -- (a window in a subquery: Spark has no qualify).
    select {{ star_except('ranked_mentions', ['mention_rank']) }}
    from (
        select
            *,
            count(*) over (partition by client_id, action_id, condition_kind) as kind_mentions,
            row_number() over (
                partition by client_id, action_id, condition_kind
                order by note_date desc, note_id desc, span_start asc
            ) as mention_rank
        from condition_mentions
    ) as ranked_mentions
    where ranked_mentions.mention_rank = 1
)

select
    primary_mention.client_id,
    primary_mention.action_id,
    primary_mention.kind_mentions as evidence_mentions,
    primary_mention.note_id as evidence_note_id,
    primary_mention.note_date as evidence_note_date,
    primary_mention.concept_id as evidence_concept_id,
    primary_mention.matched_text as evidence_matched_text,
    primary_mention.span_start as evidence_span_start,
    primary_mention.span_end as evidence_span_end,
    supporting_mention.concept_id as supporting_concept_id
from playbook_conditions
-- the primary evidence meets the concept condition, else the bucket condition
inner join latest_mentions as primary_mention
    on
        playbook_conditions.action_id = primary_mention.action_id
        and primary_mention.condition_kind
        = case when playbook_conditions.has_concept_condition then 'concept' else 'bucket' end
left join latest_mentions as supporting_mention
    on
        primary_mention.client_id = supporting_mention.client_id
        and primary_mention.action_id = supporting_mention.action_id
        and supporting_mention.condition_kind = 'bucket'
        and playbook_conditions.has_concept_condition
where
    -- with both conditions, the bucket condition must be met too
    not (playbook_conditions.has_concept_condition and playbook_conditions.has_bucket_condition)
    or supporting_mention.client_id is not null
