-- One row per playbook trigger value: the pipe-separated trigger columns of the playbooks seed,
-- unnested once for every model and test that reads them. trigger_kind is concept, bucket,
-- value_segment or risk_segment; a blank cell gives no row (no condition).
with

trigger_lists as (
    select
        action_id,
        'concept' as trigger_kind,
        trigger_concepts as trigger_list
    from {{ ref('playbooks') }}
    union all
    select
        action_id,
        'bucket' as trigger_kind,
        trigger_buckets as trigger_list
    from {{ ref('playbooks') }}
    union all
    select
        action_id,
        'value_segment' as trigger_kind,
        value_segments as trigger_list
    from {{ ref('playbooks') }}
    union all
    select
        action_id,
        'risk_segment' as trigger_kind,
        risk_segments as trigger_list
    from {{ ref('playbooks') }}
),

trigger_values as (
    select
        action_id,
        trigger_kind,
        trim(raw_value) as trigger_value
    from (
        select
            action_id,
            trigger_kind,
            {{ unnest_lists([[string_split_sql('trigger_list', "'|'"), 'raw_value']]) }}
        from trigger_lists
        where coalesce(trim(trigger_list), '') != ''
    ) as split_lists
)

select distinct
    action_id,
    trigger_kind,
    trigger_value
from trigger_values
where trigger_value != ''
