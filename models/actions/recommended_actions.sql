-- Up to three next best actions per client, from the playbooks seed. A playbook fires when all
-- its non-blank trigger columns hold; concept and bucket conditions are met by the client's
-- concept matches (int_client_playbook_evidence), never by searching the text. Ranked by
-- priority (High, Medium, Low), then score, then action_id.
--
-- score = prediction x evidence weight, where the prediction is the playbook's score_metric
-- (purchase_probability or churn_risk) and, for playbooks with a concept or bucket condition,
-- evidence weight = 0.5 ^ (days since the latest matching note / action_evidence_half_life_days)
--                 x (1 - 0.5 ^ (matching mentions + 1))
-- (recent and repeated evidence counts more; one mention today weighs 0.75, three 0.94).
-- Score-only playbooks (retention, win-back) rest on the prediction alone (weight 1).
-- A playbook whose score rests on churn_risk never fires for a client without one: a prospect
-- (risk_segment Prospect, no purchase before the profile date) has nothing to be retained from.
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
        {{ string_split_sql("nullif(trim(value_segments), '')", "'|'") }} as value_segment_list,
        {{ string_split_sql("nullif(trim(risk_segments), '')", "'|'") }} as risk_segment_list
    from {{ ref('playbooks') }}
),

candidate_pairs as (
    select
        client_id,
        action_id
    from {{ ref('int_client_playbook_evidence') }}
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
        evidence.evidence_mentions,
        evidence.evidence_note_id,
        evidence.evidence_note_date,
        evidence.evidence_concept_id,
        evidence.evidence_matched_text,
        evidence.evidence_span_start as span_start,
        evidence.evidence_span_end as span_end,
        evidence.supporting_concept_id,
        case playbooks.score_metric
            when 'churn_risk' then clients.churn_risk
            else clients.purchase_probability
        end as metric_value
    from candidate_pairs
    inner join clients
        on candidate_pairs.client_id = clients.client_id
    inner join playbooks
        on candidate_pairs.action_id = playbooks.action_id
    left join {{ ref('int_client_playbook_evidence') }} as evidence
        on
            candidate_pairs.client_id = evidence.client_id
            and candidate_pairs.action_id = evidence.action_id
    where
        (
            playbooks.min_purchase_probability is null
            or clients.purchase_probability >= playbooks.min_purchase_probability
        )
        and (playbooks.score_metric != 'churn_risk' or clients.churn_risk is not null)
        and (playbooks.min_churn_risk is null or clients.churn_risk >= playbooks.min_churn_risk)
        and (
            playbooks.value_segment_list is null
            or {{ list_contains_sql('playbooks.value_segment_list', 'clients.value_segment') }}
        )
        and (
            playbooks.risk_segment_list is null
            or {{ list_contains_sql('playbooks.risk_segment_list', 'clients.risk_segment') }}
        )
),

scored_actions as (
    select
        fired_actions.*,
        evidence_concepts.label as evidence_concept_label,
        supporting_concepts.label as supporting_concept_label,
        round(
            fired_actions.metric_value
            * case
                when fired_actions.evidence_note_id is null then 1.0
                else
                    power(
                        0.5,
                        {{ days_between(
                            'fired_actions.evidence_note_date', 'fired_actions.as_of_date'
                        ) }}
                        / {{ var('action_evidence_half_life_days') }}
                    )
                    * (1 - power(0.5, fired_actions.evidence_mentions + 1))
            end,
            4
        ) as score
    from fired_actions
    left join {{ ref('concepts') }} as evidence_concepts
        on fired_actions.evidence_concept_id = evidence_concepts.concept_id
    left join {{ ref('concepts') }} as supporting_concepts
        on fired_actions.supporting_concept_id = supporting_concepts.concept_id
),

top_actions as (
    -- a window in a subquery: Spark has no qualify
    select *
    from (
        select
            *,
            row_number() over (
                partition by client_id
                order by priority_order asc, score desc, action_id asc
            ) as action_rank
        from scored_actions
    ) as ranked_actions
    where action_rank <= 3
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
                'Note of ' || {{ date_iso('evidence_note_date') }} || ' mentions '
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
            case
                when churn_risk is null then 'No purchase yet (' || risk_segment || ')'
                else
                    'Churn risk ' || round(100 * churn_risk)::integer || '% (' || risk_segment
                    || ')'
            end
            || ', purchase probability ' || round(100 * purchase_probability)::integer
            || '%; ' || value_segment || ' client with a predicted CLV of '
            || {{ thousands_text('predicted_clv') }} || ' EUR.'
    end as rationale,
    evidence_concept_id,
    evidence_concept_label,
    evidence_matched_text,
    evidence_excerpt,
    evidence_note_id,
    evidence_note_date,
    evidence_note_sensitive_flags
from explained_actions
