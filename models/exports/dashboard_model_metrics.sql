-- Every holdout metric of each target, the kept predictor's next to the BG/NBD + Gamma-Gamma
-- baseline's on the same holdout (ml_model_quality: the scoring artifact's metadata.json).
select
    target,
    ({{ target_order('target') }})::integer as target_order,
    metric,
    round(max(value) filter (where variant = 'model'), 4) as model_value,
    round(max(value) filter (where variant = 'baseline'), 4) as baseline_value
from {{ ref('ml_model_quality') }}
where section = 'holdout' and metric not in ('rows', 'threshold')
group by target, metric
