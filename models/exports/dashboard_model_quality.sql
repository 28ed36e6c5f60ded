-- How far to trust each score, one row per target: the holdout metric the grade reads (ROC AUC
-- for purchase and churn, Spearman for CLV: the model_quality_grades seed) for the kept
-- predictor and for the BG/NBD + Gamma-Gamma baseline on the same holdout, the plain grade of
-- each, which predictor the target uses and why, its calibration or interval coverage, and its
-- cutoffs. From ml_model_quality (the scoring artifact's metadata.json).
with

facts as (
    select * from {{ ref('ml_model_quality') }}
),

graded_metrics as (
    select distinct
        target,
        metric
    from {{ ref('model_quality_grades') }}
),

target_facts as (
    select
        target,
        max(value) filter (where section = 'cutoffs' and metric = 'horizon_days') as horizon_days,
        max(text_value) filter (where section = 'predictor' and metric = 'kept') as kept,
        max(value) filter (where section = 'predictor' and metric = 'model_weight')
            as model_weight,
        max(text_value) filter (where section = 'predictor' and metric = 'reason') as kept_reason,
        max(text_value) filter (where section = 'predictor' and metric = 'calibration_method')
            as calibration_method,
        max(value) filter (where section = 'predictor' and metric = 'ece') as calibration_error,
        max(value) filter (where section = 'predictor' and metric = 'holdout_coverage')
            as interval_coverage,
        max(value) filter (where section = 'cutoffs' and metric = 'decision_threshold')
            as decision_threshold,
        max(value) filter (where section = 'cutoffs' and metric = 'fit_cutoffs') as fit_cutoffs,
        max(text_value) filter (where section = 'cutoffs' and metric = 'first_fit_cutoff')
            as first_fit_cutoff,
        max(text_value) filter (where section = 'cutoffs' and metric = 'last_fit_cutoff')
            as last_fit_cutoff,
        max(text_value) filter (where section = 'cutoffs' and metric = 'validation')
            as validation_cutoff,
        max(text_value) filter (where section = 'cutoffs' and metric = 'holdout')
            as holdout_cutoff,
        max(value) filter (where section = 'cutoffs' and metric = 'fit_rows') as fit_rows,
        max(value) filter (where section = 'cutoffs' and metric = 'holdout_rows') as holdout_rows
    from facts
    where target is not null
    group by target
),

holdout as (
    select
        graded_metrics.target,
        graded_metrics.metric,
        max(facts.value) filter (where facts.variant = 'model') as model_value,
        max(facts.value) filter (where facts.variant = 'baseline') as baseline_value
    from graded_metrics
    inner join facts
        on
            graded_metrics.target = facts.target
            and graded_metrics.metric = facts.metric
            and facts.section = 'holdout'
    group by graded_metrics.target, graded_metrics.metric
),

grades as (
    select
        target,
        grade,
        coalesce(lower_bound, '-infinity'::double) as lower_bound,
        coalesce(upper_bound, 'infinity'::double) as upper_bound
    from {{ ref('model_quality_grades') }}
),

graded as (
    -- a metric gets the grade whose lower bound it reaches
    select
        holdout.*,
        model_grades.grade,
        baseline_grades.grade as baseline_grade
    from holdout
    left join grades as model_grades
        on
            holdout.target = model_grades.target
            and holdout.model_value >= model_grades.lower_bound
            and holdout.model_value < model_grades.upper_bound
    left join grades as baseline_grades
        on
            holdout.target = baseline_grades.target
            and holdout.baseline_value >= baseline_grades.lower_bound
            and holdout.baseline_value < baseline_grades.upper_bound
)

select
    target_facts.target,
    ({{ target_order('target_facts.target') }})::integer as target_order,
    target_facts.horizon_days::integer as horizon_days,
    graded.metric,
    round(graded.model_value, 4) as model_value,
    round(graded.baseline_value, 4) as baseline_value,
    round(graded.model_value - graded.baseline_value, 4) as lift_over_baseline,
    graded.grade,
    graded.baseline_grade,
    target_facts.kept,
    case target_facts.kept
        when 'model' then 'trained model'
        when 'baseline' then 'BG/NBD + Gamma-Gamma baseline'
        when 'blend'
            then
                'blend: ' || round(100 * target_facts.model_weight)::integer
                || '% trained model, the rest baseline'
    end as predictor,
    target_facts.kept_reason,
    target_facts.calibration_method,
    round(target_facts.calibration_error, 4) as calibration_error,
    round(target_facts.interval_coverage, 4) as interval_coverage,
    target_facts.decision_threshold,
    target_facts.fit_cutoffs::integer as fit_cutoffs,
    target_facts.first_fit_cutoff,
    target_facts.last_fit_cutoff,
    target_facts.validation_cutoff,
    target_facts.holdout_cutoff,
    target_facts.fit_rows::bigint as fit_rows,
    target_facts.holdout_rows::bigint as holdout_rows
from target_facts
left join graded
    on target_facts.target = graded.target
