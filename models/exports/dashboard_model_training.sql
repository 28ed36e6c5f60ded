-- The training run behind the scores (one row, none when the artifact was not found): the model
-- version, the first and last training cutoff and the examples trained and judged on.
select
    model_tier,
    model_version,
    strftime(
        max(text_value) filter (where metric = 'first_cutoff')::timestamp, '%Y-%m-%d'
    ) as first_cutoff,
    strftime(
        max(text_value) filter (where metric = 'last_cutoff')::timestamp, '%Y-%m-%d'
    ) as last_cutoff,
    max(value) filter (where metric = 'examples')::bigint as examples
from {{ ref('ml_model_quality') }}
where section = 'training_window'
group by model_tier, model_version
