-- Every concept, bucket and segment a playbook names exists: a typo would silently stop the
-- playbook from firing.
with

named_values as (
    select
        action_id,
        'concept' as value_kind,
        unnest(string_split(trigger_concepts, '|')) as named_value
    from {{ ref('playbooks') }}
    union all
    select
        action_id,
        'bucket' as value_kind,
        unnest(string_split(trigger_buckets, '|')) as named_value
    from {{ ref('playbooks') }}
    union all
    select
        action_id,
        'value' as value_kind,
        unnest(string_split(value_segments, '|')) as named_value
    from {{ ref('playbooks') }}
    union all
    select
        action_id,
        'risk' as value_kind,
        unnest(string_split(risk_segments, '|')) as named_value
    from {{ ref('playbooks') }}
),

known_values as (
    select
        'concept' as value_kind,
        concept_id as known_value
    from {{ ref('concepts') }}
    union all
    select distinct
        'bucket' as value_kind,
        bucket as known_value
    from {{ ref('concepts') }}
    union all
    select
        segment_type as value_kind,
        segment as known_value
    from {{ ref('segment_cutoffs') }}
)

select named_values.*
from named_values
left join known_values
    on
        named_values.value_kind = known_values.value_kind
        and named_values.named_value = known_values.known_value
where known_values.known_value is null
