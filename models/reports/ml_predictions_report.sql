-- The predictions at a glance, one row per line of the report: section, metric, value and how
-- to show it (value_format: count, percent, eur; text lines are shown by their detail). The
-- headline lines come from one list (headline_metrics); the value segments and the monitoring
-- lines follow. MONITORING: one line per drift or realized-performance check at warning or
-- alert (ml_model_monitoring), or "All checks ok". outputs/ml_predictions_report.txt is laid
-- out from this view. Intent bands: the high/low_intent_probability vars. Churn is over past
-- buyers only: prospects (risk_segment Prospect, no purchase before the profile date) have no
-- churn risk, are counted on a line of their own, and the churn bands' shares are of past buyers.
with

predictions as (
    select * from {{ ref('client_profiles_with_predictions') }}
),

thresholds as (
    select
        {{ var('high_intent_probability') }} as high_intent,
        {{ var('low_intent_probability') }} as low_intent
),

totals as (
    select
        count(*)::double as clients,
        avg(predictions.purchase_probability) as avg_purchase,
        count(*) filter (
            where predictions.purchase_probability > thresholds.high_intent
        )::double as high_intent,
        count(*) filter (
            where predictions.purchase_probability
            between thresholds.low_intent and thresholds.high_intent
        )::double as medium_intent,
        count(*) filter (
            where predictions.purchase_probability < thresholds.low_intent
        )::double as low_intent,
        count(predictions.churn_risk)::double as past_buyers,
        count(*) filter (where predictions.risk_segment = 'Prospect')::double as prospects,
        avg(predictions.churn_risk) as avg_churn,
        count(*) filter (where predictions.risk_segment = 'Critical')::double as critical,
        count(*) filter (where predictions.risk_segment = 'At Risk')::double as at_risk,
        count(*) filter (where predictions.risk_segment = 'Monitor')::double as monitor_band,
        count(*) filter (where predictions.risk_segment = 'Safe')::double as safe_band,
        avg(predictions.predicted_clv) as avg_clv,
        median(predictions.predicted_clv) as median_clv,
        sum(predictions.predicted_clv) as total_clv
    from predictions
    cross join thresholds
    group by thresholds.high_intent, thresholds.low_intent
),

total_values as (
    -- every total as a (metric_key, metric_value) row; a null total (no past buyers: no
    -- average churn) gives no row
    select
        metric_key,
        metric_value
    from totals
    unpivot (
        metric_value for metric_key in (
            clients,
            avg_purchase,
            high_intent,
            medium_intent,
            low_intent,
            past_buyers,
            prospects,
            avg_churn,
            critical,
            at_risk,
            monitor_band,
            safe_band,
            avg_clv,
            median_clv,
            total_clv
        )
    ) as unpivoted
),

headline_metrics as (
    -- The one list of headline lines: where each sits, its label, which total it shows, how to
    -- format it and which total its share is of (clients, past buyers, or none).
    select
        metrics.*,
        '>' || round(100 * thresholds.high_intent)::integer || '%' as high_band,
        round(100 * thresholds.low_intent)::integer || '-'
        || round(100 * thresholds.high_intent)::integer || '%' as medium_band,
        '<' || round(100 * thresholds.low_intent)::integer || '%' as low_band
    from (
        values
        (1, 'OVERVIEW', 'Total clients', 'clients', 'count', null),
        (
            10, 'PURCHASE PREDICTIONS', 'Average purchase probability', 'avg_purchase', 'percent',
            null
        ),
        (11, 'PURCHASE PREDICTIONS', 'High intent (#high)', 'high_intent', 'count', 'clients'),
        (
            12, 'PURCHASE PREDICTIONS', 'Medium intent (#medium)', 'medium_intent', 'count',
            'clients'
        ),
        (13, 'PURCHASE PREDICTIONS', 'Low intent (#low)', 'low_intent', 'count', 'clients'),
        (20, 'CHURN PREDICTIONS', 'Past buyers (churn scored)', 'past_buyers', 'count', 'clients'),
        (21, 'CHURN PREDICTIONS', 'Prospects (never bought)', 'prospects', 'count', 'clients'),
        (22, 'CHURN PREDICTIONS', 'Average churn risk (past buyers)', 'avg_churn', 'percent', null),
        (23, 'CHURN PREDICTIONS', 'Critical (>80%)', 'critical', 'count', 'past_buyers'),
        (24, 'CHURN PREDICTIONS', 'At Risk (60-80%)', 'at_risk', 'count', 'past_buyers'),
        (25, 'CHURN PREDICTIONS', 'Monitor (30-60%)', 'monitor_band', 'count', 'past_buyers'),
        (26, 'CHURN PREDICTIONS', 'Safe (<30%)', 'safe_band', 'count', 'past_buyers'),
        (30, 'CLV PREDICTIONS', 'Average predicted CLV (EUR)', 'avg_clv', 'eur', null),
        (31, 'CLV PREDICTIONS', 'Median predicted CLV (EUR)', 'median_clv', 'eur', null),
        (32, 'CLV PREDICTIONS', 'Total predicted CLV (EUR)', 'total_clv', 'eur', null)
    ) as metrics (sort_order, section, metric, metric_key, value_format, share_of)
    cross join thresholds
),

headline_lines as (
    select
        headline_metrics.sort_order,
        headline_metrics.section,
        replace(
            replace(
                replace(headline_metrics.metric, '#high', headline_metrics.high_band),
                '#medium',
                headline_metrics.medium_band
            ),
            '#low',
            headline_metrics.low_band
        ) as metric,
        total_values.metric_value as value,
        headline_metrics.value_format,
        case headline_metrics.share_of
            when 'clients'
                then
                    '(' || round(100 * total_values.metric_value / nullif(totals.clients, 0), 1)
                    || '%)'
            when 'past_buyers'
                then
                    '('
                    || round(100 * total_values.metric_value / nullif(totals.past_buyers, 0), 1)
                    || '% of buyers)'
        end as detail
    from headline_metrics
    inner join total_values
        on headline_metrics.metric_key = total_values.metric_key
    cross join totals
    union all
    select
        2 as sort_order,
        'OVERVIEW' as section,
        'Model' as metric,
        null::double as value,
        'text' as value_format,
        any_value(model_tier) || ' ' || any_value(model_version) as detail
    from predictions
),

value_segments as (
    select
        40 + cutoffs.segment_order as sort_order,
        'Value Segments' as section,
        cutoffs.segment as metric,
        count(predictions.client_id)::double as value,
        'count' as value_format,
        'average CLV '
        || {{ thousands_text('coalesce(round(avg(predictions.predicted_clv)), 0)') }}
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
        'count' as value_format,
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
        'text' as value_format,
        null as detail
    where not exists (select 1 from monitoring_problems)
    union all
    select
        100 + problem_order as sort_order,
        'MONITORING' as section,
        upper(status) as metric,
        value,
        'text' as value_format,
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
        'count' as value_format,
        'kept of ' || rows_read || ', ' || rows_rejected || ' rejected ('
        || rows_malformed || ' malformed)' as detail
    from {{ ref('source_load_report') }}
)

select * from headline_lines
union all
select * from value_segments
union all
select * from monitoring_lines
union all
select * from load_lines
order by sort_order
