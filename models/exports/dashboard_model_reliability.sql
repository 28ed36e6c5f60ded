-- The reliability curve of each classifier's kept predictor on the holdout, computed at
-- training time (never on the rows fitted on): per equal-frequency bin of the predicted
-- probability, the mean prediction, the observed rate and the rows in it (ml_model_quality).
select
    target,
    position as bin,
    round(max(value) filter (where metric = 'mean_predicted'), 4) as mean_predicted,
    round(max(value) filter (where metric = 'observed_rate'), 4) as observed_rate,
    max(value) filter (where metric = 'rows')::bigint as bin_rows
from {{ ref('ml_model_quality') }}
where section = 'reliability'
group by target, position
