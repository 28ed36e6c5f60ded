-- Monitoring over time, one row per model version, scored date and measure, for the dashboard's
-- charts (one point per date once prediction_history holds several):
-- - prediction_drift: the population stability index of the purchase probabilities and of the
--   churn risks (ten bins of width 0.1, shares floored at 0.0001, as the feature drift checks)
--   against the same version's first scored date; warning at 0.1, alert at 0.25;
-- - mean_prediction: the average purchase probability, churn risk (past buyers) and CLV;
-- - realized_performance: ml_model_monitoring's realized AUC, calibration error and observed rate
--   of each scored date whose horizon has elapsed (with the status the check gave).
with

history as (
    select
        model_version,
        as_of_date,
        purchase_probability,
        churn_risk,
        predicted_clv
    from {{ ref('prediction_history') }}
),

scores as (
    select
        model_version,
        as_of_date,
        'purchase_probability' as score_name,
        purchase_probability as score
    from history
    union all
    select
        model_version,
        as_of_date,
        'churn_risk' as score_name,
        churn_risk as score
    from history
    where churn_risk is not null
),

binned as (
    select
        model_version,
        as_of_date,
        score_name,
        least(floor(score * 10), 9)::integer as score_bin,
        count(*) as score_rows
    from scores
    group by model_version, as_of_date, score_name, score_bin
),

bin_shares as (
    select
        *,
        score_rows / sum(score_rows) over (partition by model_version, as_of_date, score_name)
            as bin_share
    from binned
),

runs as (
    select distinct
        model_version,
        as_of_date,
        score_name
    from scores
),

bins as (
    select bin_number::integer as score_bin
    from {{ int_series_table(0, 10, 'bin_numbers', 'bin_number') }}
),

grid as (
    -- every bin of every run, so that a bin one run leaves empty still counts
    select
        runs.model_version,
        runs.as_of_date,
        runs.score_name,
        bins.score_bin,
        min(runs.as_of_date) over (partition by runs.model_version) as reference_date
    from runs
    cross join bins
),

filled as (
    select
        grid.*,
        greatest(coalesce(bin_shares.bin_share, 0), 0.0001) as bin_share
    from grid
    left join bin_shares
        on
            grid.model_version = bin_shares.model_version
            and grid.as_of_date = bin_shares.as_of_date
            and grid.score_name = bin_shares.score_name
            and grid.score_bin = bin_shares.score_bin
),

drift as (
    select
        today.model_version,
        today.as_of_date,
        'prediction_drift' as kind,
        today.score_name as measure,
        sum(
            (today.bin_share - reference.bin_share) * ln(today.bin_share / reference.bin_share)
        ) as value
    from filled as today
    inner join filled as reference
        on
            today.model_version = reference.model_version
            and today.reference_date = reference.as_of_date
            and today.score_name = reference.score_name
            and today.score_bin = reference.score_bin
    group by today.model_version, today.as_of_date, today.score_name
),

mean_inputs as (
    select
        model_version,
        as_of_date,
        score_name,
        score
    from scores
    union all
    select
        model_version,
        as_of_date,
        'predicted_clv' as score_name,
        predicted_clv as score
    from history
),

means as (
    select
        model_version,
        as_of_date,
        'mean_prediction' as kind,
        score_name as measure,
        avg(score) as value
    from mean_inputs
    group by model_version, as_of_date, score_name
),

realized as (
    select
        model_version,
        as_of_date,
        'realized_performance' as kind,
        subject as measure,
        value,
        status
    from {{ ref('ml_model_monitoring') }}
    where check_type = 'realized_performance' and value is not null
)

select
    model_version,
    {{ date_iso('as_of_date') }} as as_of_date,
    kind,
    measure,
    value,
    case when value >= 0.25 then 'alert' when value >= 0.1 then 'warning' else 'ok' end as status
from drift
union all
select
    model_version,
    {{ date_iso('as_of_date') }} as as_of_date,
    kind,
    measure,
    value,
    null as status
from means
union all
select
    model_version,
    {{ date_iso('as_of_date') }} as as_of_date,
    kind,
    measure,
    value,
    status
from realized
