-- The training run behind the scores (one row, none when the artifact was not found): the model
-- version, the first and last training cutoff and the examples trained and judged on.
select
    model_tier,
    model_version,
    {{ date_iso("cast(max(case when metric = 'first_cutoff' then text_value end) as timestamp)") }}
        as first_cutoff,
    {{ date_iso("cast(max(case when metric = 'last_cutoff' then text_value end) as timestamp)") }}
        as last_cutoff,
    cast(max(case when metric = 'examples' then value end) as bigint) as examples
from {{ ref('ml_model_quality') }}
where section = 'training_window'
group by model_tier, model_version
