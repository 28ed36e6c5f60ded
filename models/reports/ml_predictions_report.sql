-- The predictions at a glance, one row per line of the report: section, metric, value.
-- outputs/ml_predictions_report.txt is laid out from this view. MONITORING: one line per drift or
-- realized-performance check at warning or alert (ml_model_monitoring), or "All checks ok".
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
        count(*) filter (where risk_segment = 'Monitor') as monitor_band,
        count(*) filter (where risk_segment = 'Safe') as safe_band,
        avg(predicted_clv) as avg_clv,
        median(predicted_clv) as median_clv,
        sum(predicted_clv) as total_clv,
        any_value(model_tier) as model_tier,
        any_value(model_version) as model_version
    from predictions
),

overview_lines as (
    select
        1 as sort_order,
        'OVERVIEW' as section,
        'Total clients' as metric,
        clients::double as value,
        null as detail
    from totals
    union all
    select
        2 as sort_order,
        'OVERVIEW' as section,
        'Model' as metric,
        null::double as value,
        model_tier || ' ' || model_version as detail
    from totals
    union all
    select
        10 as sort_order,
        'PURCHASE PREDICTIONS' as section,
        'Average purchase probability' as metric,
        avg_purchase::double as value,
        null as detail
    from totals
    union all
    select
        11 as sort_order,
        'PURCHASE PREDICTIONS' as section,
        'High intent (>70%)' as metric,
        high_intent::double as value,
        '(' || round(100 * high_intent / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        12 as sort_order,
        'PURCHASE PREDICTIONS' as section,
        'Medium intent (40-70%)' as metric,
        medium_intent::double as value,
        '(' || round(100 * medium_intent / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        13 as sort_order,
        'PURCHASE PREDICTIONS' as section,
        'Low intent (<40%)' as metric,
        low_intent::double as value,
        '(' || round(100 * low_intent / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        20 as sort_order,
        'CHURN PREDICTIONS' as section,
        'Average churn risk' as metric,
        avg_churn::double as value,
        null as detail
    from totals
    union all
    select
        21 as sort_order,
        'CHURN PREDICTIONS' as section,
        'Critical (>80%)' as metric,
        critical::double as value,
        '(' || round(100 * critical / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        22 as sort_order,
        'CHURN PREDICTIONS' as section,
        'At Risk (60-80%)' as metric,
        at_risk::double as value,
        '(' || round(100 * at_risk / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        23 as sort_order,
        'CHURN PREDICTIONS' as section,
        'Monitor (30-60%)' as metric,
        monitor_band::double as value,
        '(' || round(100 * monitor_band / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        24 as sort_order,
        'CHURN PREDICTIONS' as section,
        'Safe (<30%)' as metric,
        safe_band::double as value,
        '(' || round(100 * safe_band / nullif(clients, 0), 1) || '%)' as detail
    from totals
    union all
    select
        30 as sort_order,
        'CLV PREDICTIONS' as section,
        'Average predicted CLV (EUR)' as metric,
        avg_clv::double as value,
        null as detail
    from totals
    union all
    select
        31 as sort_order,
        'CLV PREDICTIONS' as section,
        'Median predicted CLV (EUR)' as metric,
        median_clv::double as value,
        null as detail
    from totals
    union all
    select
        32 as sort_order,
        'CLV PREDICTIONS' as section,
        'Total predicted CLV (EUR)' as metric,
        total_clv::double as value,
        null as detail
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
),

monitoring_checks as (
    select * from {{ ref('ml_model_monitoring') }}
),

monitoring_problems as (
    select
        status,
        value,
        detail,
        row_number() over (
            order by
                case status when 'alert' then 0 else 1 end,
                check_type,
                model_version,
                as_of_date,
                subject
        ) as problem_order
    from monitoring_checks
    where status in ('warning', 'alert')
),

monitoring_lines as (
    select
        90 as sort_order,
        'MONITORING' as section,
        'Checks' as metric,
        count(*)::double as value,
        count(*) filter (where status = 'ok') || ' ok, '
        || count(*) filter (where status = 'warning') || ' warning, '
        || count(*) filter (where status = 'alert') || ' alert' as detail
    from monitoring_checks
    union all
    select
        91 as sort_order,
        'MONITORING' as section,
        'All checks ok' as metric,
        null::double as value,
        null as detail
    where not exists (select 1 from monitoring_problems)
    union all
    select
        100 + problem_order as sort_order,
        'MONITORING' as section,
        upper(status) as metric,
        value,
        detail
    from monitoring_problems
),

load_lines as (
    -- what each raw file gave: rows kept, of rows read, and what was set aside
    select
        1000 + row_number() over (order by source_name, source_file) as sort_order,
        'DATA LOADED' as section,
        source_name || ' ' || source_file as metric,
        rows_kept::double as value,
        'kept of ' || rows_read || ', ' || rows_rejected || ' rejected ('
        || rows_malformed || ' malformed)' as detail
    from {{ ref('source_load_report') }}
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
union all
select
    sort_order,
    section,
    metric,
    value,
    detail
from monitoring_lines
union all
select
    sort_order,
    section,
    metric,
    value,
    detail
from load_lines
order by sort_order
