-- What each scoring run predicted, kept across runs so realized performance can be measured
-- once outcomes arrive. Incremental: a run appends its rows; re-scoring the same day with the same
-- model version replaces them (delete+insert on prediction_id), never duplicates them.
-- Erased clients are deleted from past runs too (post-hook), as from every other model.
-- full_refresh false: `dbt build --full-refresh` must not wipe the record of past predictions
-- (drop the table by hand to reset it).
-- depends_on: {{ ref('stg_erased_clients') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='prediction_id',
        on_schema_change='fail',
        full_refresh=false,
        post_hook=[
            "delete from {{ this }} where sha256(client_id) in"
            " (select client_id_sha256 from {{ ref('stg_erased_clients') }})"
        ]
    )
}}

with

scored_clients as (
    select * from {{ ref('client_profiles_with_predictions') }}
)

select
    (
        strftime(as_of_date, '%Y-%m-%d') || ':' || model_version || ':' || client_id
    )::varchar as prediction_id,
    client_id::varchar as client_id,
    as_of_date::date as as_of_date,
    model_tier::varchar as model_tier,
    model_version::varchar as model_version,
    purchase_probability::double as purchase_probability,
    churn_risk::double as churn_risk,
    predicted_clv::double as predicted_clv,
    scored_at::timestamp as scored_at
from scored_clients
