-- Up to three next best actions per client, from the playbooks seed. A playbook fires when all
-- its non-blank trigger columns hold; concept and bucket conditions are met by the client's
-- concept matches (note_concepts), never by searching the text. Ranked by priority (High,
-- Medium, Low), then score, then action_id.
--
-- score = prediction x evidence weight, where the prediction is the playbook's score_metric
-- (purchase_probability or churn_risk) and, for playbooks with a concept or bucket condition,
-- evidence weight = 0.5 ^ (days since the latest matching note / action_evidence_half_life_days)
--                 x (1 - 0.5 ^ (matching mentions + 1))
-- (recent and repeated evidence counts more; one mention today weighs 0.75, three 0.94).
-- Score-only playbooks (retention, win-back) rest on the prediction alone (weight 1).
with

clients as (
    select
        client_id,
        as_of_date,
        purchase_probability,
        churn_risk,
        predicted_clv,
        value_segment,
        risk_segment
    from {{ ref('client_profiles_with_predictions') }}
),

playbooks as (
    select
        action_id,
        title,
        channel,
        priority,
        score_metric,
        lookback_days,
        min_purchase_probability,
        min_churn_risk,
        {{ action_priority_rank('priority') }} as priority_order,
        coalesce(trim(trigger_concepts), '') != '' as has_concept_condition,
        coalesce(trim(trigger_buckets), '') != '' as has_bucket_condition,
        string_split(nullif(trim(value_segments), ''), '|') as value_segment_list,
        string_split(nullif(trim(risk_segments), ''), '|') as risk_segment_list
    from {{ ref('playbooks') }}
),

condition_triggers as (
    -- The concept and bucket conditions, one row per value (int_playbook_triggers).
    select
        action_id,
        trigger_kind as condition_kind,
        trigger_value as condition_value
    from {{ ref('int_playbook_triggers') }}
    where trigger_kind in ('concept', 'bucket')
),

client_mentions as (
    -- Mentions up to the profile date only: the same point in time as the predictions.
    select
        note_concepts.note_id,
        note_concepts.client_id,
        note_concepts.note_date,
        note_concepts.concept_id,
        note_concepts.bucket,
        note_concepts.matched_text,
        note_concepts.span_start,
        note_concepts.span_end,
        clients.as_of_date
    from {{ ref('note_concepts') }} as note_concepts
    inner join clients
        on note_concepts.client_id = clients.client_id
    where note_concepts.note_date <= clients.as_of_date and note_concepts.is_negated is not true
),

mention_keys as (
    -- Each mention under both of its keys, so one equi-join meets concept and bucket conditions.
    select
        'concept' as condition_kind,
        concept_id as condition_value,
        *
    from client_mentions
    union all
    select
        'bucket' as condition_kind,
        bucket as condition_value,
        *
    from client_mentions
),

condition_mentions as (
    -- Each mention meeting a playbook's concept or bucket condition within its lookback.
    select
        condition_triggers.action_id,
        mention_keys.* exclude (condition_value)
    from mention_keys
    inner join condition_triggers
        on
            mention_keys.condition_kind = condition_triggers.condition_kind
            and mention_keys.condition_value = condition_triggers.condition_value
    inner join playbooks
        on condition_triggers.action_id = playbooks.action_id
    where
        playbooks.lookback_days is null
        or mention_keys.note_date > mention_keys.as_of_date - playbooks.lookback_days
),

condition_counts as (
    select
        client_id,
        action_id,
        count(*) filter (where condition_kind = 'concept') as concept_mentions,
        count(*) filter (where condition_kind = 'bucket') as bucket_mentions
    from condition_mentions
    group by client_id, action_id
),

primary_evidence as (
    -- The latest mention meeting the concept condition (else the bucket condition).
    select
        condition_mentions.client_id,
        condition_mentions.action_id,
        condition_mentions.note_id,
        condition_mentions.note_date,
        condition_mentions.concept_id,
        condition_mentions.matched_text,
        condition_mentions.span_start,
        condition_mentions.span_end
    from condition_mentions
    inner join playbooks
        on condition_mentions.action_id = playbooks.action_id
    where
        condition_mentions.condition_kind
        = case when playbooks.has_concept_condition then 'concept' else 'bucket' end
    qualify row_number() over (
        partition by condition_mentions.client_id, condition_mentions.action_id
        order by
            condition_mentions.note_date desc,
            condition_mentions.note_id desc,
            condition_mentions.span_start asc
    ) = 1
),

supporting_evidence as (
    -- For playbooks with both conditions: the latest bucket mention, named in the rationale
    -- (the occasion of a gift, say).
    select
        condition_mentions.client_id,
        condition_mentions.action_id,
        condition_mentions.concept_id
    from condition_mentions
    inner join playbooks
        on condition_mentions.action_id = playbooks.action_id
    where
        condition_mentions.condition_kind = 'bucket'
        and playbooks.has_concept_condition
    qualify row_number() over (
        partition by condition_mentions.client_id, condition_mentions.action_id
        order by
            condition_mentions.note_date desc,
            condition_mentions.note_id desc,
            condition_mentions.span_start asc
    ) = 1
),

candidate_pairs as (
    select
        client_id,
        action_id
    from condition_counts
    union
    select
        clients.client_id,
        playbooks.action_id
    from clients
    cross join playbooks
    where not playbooks.has_concept_condition and not playbooks.has_bucket_condition
),

fired_actions as (
    select
        clients.client_id,
        clients.as_of_date,
        clients.purchase_probability,
        clients.churn_risk,
        clients.predicted_clv,
        clients.value_segment,
        clients.risk_segment,
        playbooks.action_id,
        playbooks.title,
        playbooks.channel,
        playbooks.priority,
        playbooks.priority_order,
        playbooks.score_metric,
        playbooks.lookback_days,
        case
            when playbooks.has_concept_condition then condition_counts.concept_mentions
            when playbooks.has_bucket_condition then condition_counts.bucket_mentions
        end as evidence_mentions,
        case playbooks.score_metric
            when 'churn_risk' then clients.churn_risk
            else clients.purchase_probability
        end as metric_value
    from candidate_pairs
    inner join clients
        on candidate_pairs.client_id = clients.client_id
    inner join playbooks
        on candidate_pairs.action_id = playbooks.action_id
    left join condition_counts
        on
            candidate_pairs.client_id = condition_counts.client_id
            and candidate_pairs.action_id = condition_counts.action_id
    where
        (
            not playbooks.has_concept_condition
            or coalesce(condition_counts.concept_mentions, 0) > 0
        )
        and (
            not playbooks.has_bucket_condition
            or coalesce(condition_counts.bucket_mentions, 0) > 0
        )
        and (
            playbooks.min_purchase_probability is null
            or clients.purchase_probability >= playbooks.min_purchase_probability
        )
        and (playbooks.min_churn_risk is null or clients.churn_risk >= playbooks.min_churn_risk)
        and (
            playbooks.value_segment_list is null
            or list_contains(playbooks.value_segment_list, clients.value_segment)
        )
        and (
            playbooks.risk_segment_list is null
            or list_contains(playbooks.risk_segment_list, clients.risk_segment)
        )
),

scored_actions as (
    select
        fired_actions.*,
        primary_evidence.note_id as evidence_note_id,
        primary_evidence.note_date as evidence_note_date,
        primary_evidence.concept_id as evidence_concept_id,
        evidence_concepts.label as evidence_concept_label,
        primary_evidence.matched_text as evidence_matched_text,
        primary_evidence.span_start,
        primary_evidence.span_end,
        supporting_concepts.label as supporting_concept_label,
        round(
            fired_actions.metric_value
            * case
                when primary_evidence.note_id is null then 1.0
                else
                    power(
                        0.5,
                        (fired_actions.as_of_date - primary_evidence.note_date)
                        / {{ var('action_evidence_half_life_days') }}
                    )
                    * (1 - power(0.5, fired_actions.evidence_mentions + 1))
            end,
            4
        ) as score
    from fired_actions
    left join primary_evidence
        on
            fired_actions.client_id = primary_evidence.client_id
            and fired_actions.action_id = primary_evidence.action_id
    left join {{ ref('concepts') }} as evidence_concepts
        on primary_evidence.concept_id = evidence_concepts.concept_id
    left join supporting_evidence
        on
            fired_actions.client_id = supporting_evidence.client_id
            and fired_actions.action_id = supporting_evidence.action_id
    left join {{ ref('concepts') }} as supporting_concepts
        on supporting_evidence.concept_id = supporting_concepts.concept_id
),

top_actions as (
    select
        *,
        row_number() over (
            partition by client_id
            order by priority_order asc, score desc, action_id asc
        ) as action_rank
    from scored_actions
    qualify action_rank <= 3
),

explained_actions as (
    select
        top_actions.*,
        notes.sensitive_flags as evidence_note_sensitive_flags,
        case
            when top_actions.evidence_note_id is null then null
            else
                case when top_actions.span_start > 60 then '…' else '' end
                || substring(
                    notes.note_text,
                    greatest(top_actions.span_start - 60, 0) + 1,
                    least(top_actions.span_end + 60, length(notes.note_text))
                    - greatest(top_actions.span_start - 60, 0)
                )
                || case
                    when top_actions.span_end + 60 < length(notes.note_text) then '…' else ''
                end
        end as evidence_excerpt,
        case top_actions.score_metric
            when 'churn_risk' then 'churn risk '
            else 'purchase probability '
        end || round(100 * top_actions.metric_value)::integer || '%' as metric_phrase
    from top_actions
    left join {{ ref('advisor_notes') }} as notes
        on top_actions.evidence_note_id = notes.note_id
)

select
    client_id || ':' || action_rank as recommendation_id,
    client_id,
    action_rank::integer as action_rank,
    action_id,
    title,
    channel,
    priority,
    score::double as score,
    case
        when evidence_note_id is not null
            then
                'Note of ' || strftime(evidence_note_date, '%Y-%m-%d') || ' mentions '
                || evidence_concept_label || ' ("' || evidence_matched_text || '")'
                || case
                    when supporting_concept_label is not null
                        then ', with ' || supporting_concept_label || ' in the notes'
                    else ''
                end
                || case
                    when evidence_mentions > 1
                        then
                            '; ' || evidence_mentions || ' mentions'
                            || case
                                when lookback_days is not null
                                    then ' in ' || lookback_days || ' days'
                                else ''
                            end
                    else ''
                end
                || '; ' || metric_phrase || '.'
        else
            'Churn risk ' || round(100 * churn_risk)::integer || '% (' || risk_segment
            || '), purchase probability ' || round(100 * purchase_probability)::integer
            || '%; ' || value_segment || ' client with a predicted CLV of '
            || format('{:,.0f}', predicted_clv) || ' EUR.'
    end as rationale,
    evidence_concept_id,
    evidence_concept_label,
    evidence_matched_text,
    evidence_excerpt,
    evidence_note_id,
    evidence_note_date,
    evidence_note_sensitive_flags
from explained_actions
