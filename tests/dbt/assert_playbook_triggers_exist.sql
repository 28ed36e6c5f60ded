-- Every concept, bucket and segment a playbook names exists: a typo would silently stop the
-- playbook from firing.
with

known_values as (
    select
        'concept' as trigger_kind,
        concept_id as known_value
    from {{ ref('concepts') }}
    union all
    select distinct
        'bucket' as trigger_kind,
        bucket as known_value
    from {{ ref('concepts') }}
    union all
    select
        segment_type || '_segment' as trigger_kind,
        segment as known_value
    from {{ ref('segment_cutoffs') }}
)

select triggers.*
from {{ ref('int_playbook_triggers') }} as triggers
left join known_values
    on
        triggers.trigger_kind = known_values.trigger_kind
        and triggers.trigger_value = known_values.known_value
where known_values.known_value is null
