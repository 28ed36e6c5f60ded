-- How fresh each source is, as the data-quality section shows it: the latest date among its kept
-- rows, its age in days when the export runs, and the status `dbt source freshness` would give
-- (the source_freshness_warn_days / source_freshness_error_days vars). A source with no kept row
-- (an optional export that is absent) is not listed.
-- Downstream of the predictions like every export, so `dbt run --select predictions+`
-- refreshes them all: depends_on: {{ ref('client_profiles_with_predictions') }}
with

latest_dates as (
    select
        'notes' as source_name,
        max(note_date)::date as latest_date,
        count(*) as rows_kept
    from {{ ref('stg_notes') }}
    union all
    select
        'transactions' as source_name,
        max(transaction_date)::date as latest_date,
        count(*) as rows_kept
    from {{ ref('stg_transactions') }}
    union all
    select
        'outcomes' as source_name,
        max(observed_at)::date as latest_date,
        count(*) as rows_kept
    from {{ ref('stg_outcomes') }}
)

{%- set age_days = days_between('latest_date', 'current_date') %}
select
    source_name,
    {{ date_iso('latest_date') }} as latest_date,
    cast({{ age_days }} as integer) as age_days,
    {{ var('source_freshness_warn_days') }}::integer as warn_after_days,
    {{ var('source_freshness_error_days') }}::integer as error_after_days,
    case
        when {{ age_days }} > {{ var('source_freshness_error_days') }} then 'error'
        when {{ age_days }} > {{ var('source_freshness_warn_days') }} then 'warn'
        else 'pass'
    end as status
from latest_dates
where rows_kept > 0
