-- What each scoring run predicted, kept across runs so realized performance can be measured
-- once outcomes arrive. Incremental: a run appends its rows; re-scoring the same day with the same
-- model version replaces them (one row per prediction_id: macros/prediction_history.sql), never
-- duplicates them.
-- Erased clients are deleted from past runs too (post-hook), as from every other model.
-- full_refresh false: `dbt build --full-refresh` must not wipe the record of past predictions
-- (drop the table by hand to reset it).
-- depends_on: {{ ref('stg_erased_clients') }}
{{
    config(
        materialized='incremental',
        incremental_strategy=prediction_history_strategy(),
        unique_key='prediction_id',
        on_schema_change='fail',
        full_refresh=false,
        post_hook=[
            "{{ keep_prediction_history(this, ref('stg_erased_clients')) }}"
        ]
    )
}}

with

scored_clients as (
    select * from {{ ref('client_profiles_with_predictions') }}
)

select
    cast(
        {{ date_iso('as_of_date') }} || ':' || model_version || ':' || client_id as string
    ) as prediction_id,
    cast(client_id as string) as client_id,
    cast(as_of_date as date) as as_of_date,
    cast(model_tier as string) as model_tier,
    cast(model_version as string) as model_version,
    cast(purchase_probability as double) as purchase_probability,
    cast(churn_risk as double) as churn_risk,
    cast(predicted_clv as double) as predicted_clv,
    cast(scored_at as timestamp) as scored_at
from scored_clients
