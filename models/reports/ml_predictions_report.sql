-- The predictions at a glance, one row per line of the report: section, metric, value.
-- outputs/ml_predictions_report.txt is laid out from this view.
with

predictions as (
    select * from {{ ref('client_profiles_with_predictions') }}
),

totals as (
    select
        count(*) as clients,
        avg(purchase_probability) as avg_purchase,
        count(*) filter (where purchase_probability > 0.7) as high_intent,
        count(*) filter (where purchase_probability between 0.4 and 0.7) as medium_intent,
        count(*) filter (where purchase_probability < 0.4) as low_intent,
        avg(churn_risk) as avg_churn,
        count(*) filter (where risk_segment = 'Critical') as critical,
        count(*) filter (where risk_segment = 'At Risk') as at_risk,
        count(*) filter (where risk_segment = 'Monitor') as monitor,
        count(*) filter (where risk_segment = 'Safe') as safe,
        avg(predicted_clv) as avg_clv,
        median(predicted_clv) as median_clv,
        sum(predicted_clv) as total_clv,
        any_value(model_tier) as model_tier,
        any_value(model_version) as model_version
    from predictions
),

overview_lines as (
    select
        0 as sort_order,
        '' as section,
        '' as metric,
        0::double as value,
        '' as detail
    where false
    union all
    select
        1,
        'OVERVIEW',
        'Total clients',
        clients::double,
        null
    from totals
    union all
    select
        2,
        'OVERVIEW',
        'Model',
        null::double,
        model_tier || ' ' || model_version
    from totals
    union all
    select
        10,
        'PURCHASE PREDICTIONS',
        'Average purchase probability',
        avg_purchase::double,
        null
    from totals
    union all
    select
        11,
        'PURCHASE PREDICTIONS',
        'High intent (>70%)',
        high_intent::double,
        round(100 * high_intent / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        12,
        'PURCHASE PREDICTIONS',
        'Medium intent (40-70%)',
        medium_intent::double,
        round(100 * medium_intent / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        13,
        'PURCHASE PREDICTIONS',
        'Low intent (<40%)',
        low_intent::double,
        round(100 * low_intent / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        20,
        'CHURN PREDICTIONS',
        'Average churn risk',
        avg_churn::double,
        null
    from totals
    union all
    select
        21,
        'CHURN PREDICTIONS',
        'Critical (>80%)',
        critical::double,
        round(100 * critical / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        22,
        'CHURN PREDICTIONS',
        'At Risk (60-80%)',
        at_risk::double,
        round(100 * at_risk / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        23,
        'CHURN PREDICTIONS',
        'Monitor (30-60%)',
        monitor::double,
        round(100 * monitor / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        24,
        'CHURN PREDICTIONS',
        'Safe (<30%)',
        safe::double,
        round(100 * safe / nullif(clients, 0), 1) || '%'
    from totals
    union all
    select
        30,
        'CLV PREDICTIONS',
        'Average predicted CLV (EUR)',
        avg_clv::double,
        null
    from totals
    union all
    select
        31,
        'CLV PREDICTIONS',
        'Median predicted CLV (EUR)',
        median_clv::double,
        null
    from totals
    union all
    select
        32,
        'CLV PREDICTIONS',
        'Total predicted CLV (EUR)',
        total_clv::double,
        null
    from totals
),

value_segments as (
    select
        40 + cutoffs.segment_order as sort_order,
        'Value Segments' as section,
        cutoffs.segment as metric,
        count(predictions.client_id)::double as value,
        'average CLV ' || format('{:,}', coalesce(round(avg(predictions.predicted_clv))::bigint, 0))
        || ' EUR' as detail
    from {{ ref('segment_cutoffs') }} as cutoffs
    left join predictions
        on cutoffs.segment = predictions.value_segment
    where cutoffs.segment_type = 'value'
    group by cutoffs.segment_order, cutoffs.segment
)

select
    sort_order,
    section,
    metric,
    value,
    detail
from overview_lines
union all
select
    sort_order,
    section,
    metric,
    value,
    detail
from value_segments
order by sort_order
