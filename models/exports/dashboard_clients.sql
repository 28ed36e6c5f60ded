-- Every scored client as the dashboard's table, audiences and client panel show it, ranked by
-- marketing priority; the export keeps the first --max-clients (and the call list's clients).
-- A special-category concept (health, religion: the sensitive_concepts seed) is left out of the
-- client's concept lists: the page must not single out a client by it (the actions name only
-- its category).
with

scored as (
    select * from {{ ref('client_profiles_with_predictions') }}
),

top_concept_items as (
    select
        client_id,
        {{ unnest_lists([
            [string_split_sql("nullif(top_concepts, '')", "','"), 'concept_id'],
            [int_range_sql(1, list_length_sql(string_split_sql("nullif(top_concepts, '')", "','"))
                ~ ' + 1'), 'concept_position']
        ]) }}
    from scored
),

top_concepts as (
    select
        items.client_id,
        {{ list_agg_sorted('items.concept_id', [['items.concept_position', 'asc']]) }}
            as top_concepts
    from top_concept_items as items
    anti join {{ ref('sensitive_concepts') }} as sensitive
        on items.concept_id = sensitive.concept_id
    group by items.client_id
),

mentioned_concepts as (
    -- every concept the client's notes mention up to the profile date: the audience filter
    select
        mentions.client_id,
        {{ list_agg_sorted('mentions.concept_id', distinct=true) }} as concepts
    from {{ ref('int_client_concept_mentions') }} as mentions
    anti join {{ ref('sensitive_concepts') }} as sensitive
        on mentions.concept_id = sensitive.concept_id
    group by mentions.client_id
),

clients as (
    select
        scored.client_id as id,
        segments.segment_id,
        segments.segment_label,
        round(segments.map_x, 4) as map_x,
        round(segments.map_y, 4) as map_y,
        round(segments.map_z, 4) as map_z,
        round(scored.purchase_probability, 4) as purchase_probability,
        round(scored.churn_risk, 4) as churn_risk,
        round(scored.predicted_clv, 2) as predicted_clv,
        round(scored.predicted_clv_low, 2) as predicted_clv_low,
        round(scored.predicted_clv_high, 2) as predicted_clv_high,
        round(scored.purchase_percentile, 2) as purchase_percentile,
        round(100 * percent_rank() over (order by scored.predicted_clv), 2) as clv_percentile,
        scored.value_segment,
        scored.risk_segment,
        scored.risk_segment = 'Prospect' as is_prospect,
        bands.intent_band,
        coalesce(top_concepts.top_concepts, {{ list_of_sql([]) }}) as top_concepts,
        coalesce(mentioned_concepts.concepts, {{ list_of_sql([]) }}) as concepts,
        scored.top_drivers,
        scored.churn_drivers,
        {{ date_iso('scored.last_note_date') }} as last_note_date,
        cast({{ days_between('scored.last_note_date', 'scored.as_of_date') }} as integer)
            as days_since_last_note,
        {{ date_iso('scored.last_purchase_date') }} as last_purchase_date,
        cast({{ days_between('scored.last_purchase_date', 'scored.as_of_date') }} as integer)
            as days_since_last_purchase,
        round(
            {{ marketing_priority(
                'scored.purchase_probability', 'scored.predicted_clv', 'scored.churn_risk'
            ) }},
            2
        ) as marketing_priority
    from scored
    left join {{ ref('client_segments') }} as segments
        on scored.client_id = segments.client_id
    left join {{ ref('intent_bands') }} as bands
        on
            scored.purchase_probability >= bands.lower_bound
            and (bands.upper_bound is null or scored.purchase_probability < bands.upper_bound)
    left join top_concepts
        on scored.client_id = top_concepts.client_id
    left join mentioned_concepts
        on scored.client_id = mentioned_concepts.client_id
)

select
    *,
    cast(row_number() over (order by marketing_priority desc, id asc) as integer) as priority_rank
from clients
