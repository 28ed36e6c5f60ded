-- The dates features are computed at. Features use data strictly before `feature_cutoff`:
-- the scoring snapshot's cutoff is the day after as_of_date (so as_of_date itself counts),
-- a training snapshot's cutoff is its training cutoff (labels come from that day on).
with

data_bounds as (
    select
        least(
            (select min(note_date) from {{ ref('stg_notes') }}),
            (select min(transaction_date) from {{ ref('stg_transactions') }}),
            (select min(observed_at) from {{ ref('stg_outcomes') }})
        ) as data_start,
        greatest(
            (select max(note_date) from {{ ref('stg_notes') }}),
            (select max(transaction_date) from {{ ref('stg_transactions') }}),
            (select max(observed_at) from {{ ref('stg_outcomes') }})
        ) as data_end
),

as_of as (
    select
        {% if var('as_of_date') %}
            date '{{ var("as_of_date") }}' as as_of_date,
        {% else %}
            data_end as as_of_date,
        {% endif %}
        data_start
    from data_bounds
),

cutoff_step as (
    -- The var when set; else from the span of the data: the longest label horizon must still
    -- see `training_min_labelled_cutoffs` labelled cutoffs (fit, validation, holdout), with a
    -- step of 14 to 45 days (shorter steps repeat nearly the same examples).
    select
        {% if var('training_cutoff_step_days') %}
            cast({{ var('training_cutoff_step_days') }} as integer) as step_days
        {% else %}
            cast(greatest(
                14,
                least(
                    45,
                    coalesce(
                        {{ int_divide(
                            days_between('as_of.data_start', 'as_of.as_of_date')
                            ~ ' - ' ~ var('training_min_history_days')
                            ~ ' - greatest(' ~ var('purchase_horizon_days') ~ ', '
                            ~ var('churn_horizon_days') ~ ', ' ~ var('clv_horizon_days') ~ ')',
                            var('training_min_labelled_cutoffs') ~ ' - 1'
                        ) }},
                        45
                    )
                )
            ) as integer) as step_days
        {% endif %}
    from as_of
),

training_cutoffs as (
    {% if not var('build_training_snapshots') %}
        select cast(null as date) as feature_cutoff
        where false
    {% elif var('training_cutoffs') %}
        {%- set cutoff_dates = [] %}
        {%- for cutoff in var('training_cutoffs') %}
            {%- do cutoff_dates.append("date '" ~ cutoff ~ "'") %}
        {%- endfor %}
        select {{ unnest_lists([[list_of_sql(cutoff_dates), 'feature_cutoff']]) }}
    {% else %}
        {%- set cutoff = add_days(
            'as_of.as_of_date', '1 - cast(steps.step * cutoff_step.step_days as integer)'
        ) %}
        select cast({{ cutoff }} as date) as feature_cutoff
        from as_of, cutoff_step, {{ int_series_table(1, 1000, 'steps', 'step') }}
        where
            {{ cutoff }}
            >= {{ add_days('as_of.data_start', var('training_min_history_days')) }}
    {% endif %}
)

select
    'scoring' as snapshot_kind,
    cast({{ add_days('as_of.as_of_date', 1) }} as date) as feature_cutoff,
    as_of.as_of_date,
    cutoff_step.step_days as cutoff_step_days
from as_of, cutoff_step
where as_of.as_of_date is not null  -- no usable row at all: no snapshot, empty profiles

union all

select
    'training' as snapshot_kind,
    training_cutoffs.feature_cutoff,
    as_of.as_of_date,
    cutoff_step.step_days as cutoff_step_days
from training_cutoffs, as_of, cutoff_step
where training_cutoffs.feature_cutoff <= as_of.as_of_date
