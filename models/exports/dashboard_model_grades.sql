-- The grade thresholds as the model-quality section's legend shows them (model_quality_grades):
-- what each target's metric must reach for each grade.
-- depends_on: {{ ref('client_profiles_with_predictions') }} (refreshed with every export)
select
    target,
    metric,
    grade,
    lower_bound,
    upper_bound,
    grade_order
from {{ ref('model_quality_grades') }}
