-- Every scored client has exactly one segment, from the artifact that scored them, and every
-- segment_id has one label.
{{ config(enabled=var('enable_ml_predictions', true)) }}

with

scored as (
    select
        client_id,
        model_tier,
        model_version
    from {{ ref('client_profiles_with_predictions') }}
),

segments as (
    select
        client_id,
        segment_id,
        segment_label,
        model_tier,
        model_version
    from {{ ref('client_segments') }}
),

unsegmented as (
    select
        scored.client_id,
        'scored client without a segment' as problem
    from scored
    left join segments
        on scored.client_id = segments.client_id
    where segments.client_id is null
),

other_artifact as (
    select
        scored.client_id,
        'segmented by another artifact than the one that scored' as problem
    from scored
    inner join segments
        on scored.client_id = segments.client_id
    where
        scored.model_tier != segments.model_tier
        or scored.model_version != segments.model_version
),

ambiguous_labels as (
    select
        any_value(segment_id)::varchar as client_id,
        'a segment_id with several labels, or a label on several ids' as problem
    from segments
    group by segment_id
    having count(distinct segment_label) > 1
    union all
    select
        any_value(segment_label) as client_id,
        'a label shared by several segment_ids' as problem
    from segments
    group by segment_label
    having count(distinct segment_id) > 1
)

select * from unsegmented
union all
select * from other_artifact
union all
select * from ambiguous_labels
